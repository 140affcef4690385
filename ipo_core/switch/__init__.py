"""The running IP Office: a booted :class:`~ipo_core.switch.system.System` and its phones.

It reads the site layer (``ipo_core.site``) and never imports the call centre or the
training layers above it.

========================  =================================================================
``clock``                 model time and the timers booked on it
``events``                the event log's records and their text form
``log``                   the one event log: every event is recorded there, and watched
``seating``               who is logged on where, and Do Not Disturb
``display``               what a handset shows and sounds at one moment; the phone's states
``phone``                 a handset as a state machine over its keys
``hunting``               the hunt orders: which member a group's call rings next
``calls``                 calls and the distributor that hunts them (clock, log, seating)
``system``                boot, Merge, logon and logoff, digit resolution, over those parts
========================  =================================================================
"""

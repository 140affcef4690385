"""The running IP Office: a booted :class:`~ipo_core.switch.system.System` and its phones.

It reads the site layer (``ipo_core.site``) and never imports the call centre or the
training layers above it.

========================  =================================================================
``events``                the one event log's records and their text form
``display``               what a handset shows and sounds at one moment
``phone``                 a handset as a state machine over its keys
``hunting``               the hunt orders: which member a group's call rings next
``calls``                 calls and the distributor that hunts them
``system``                boot, Merge, logon and logoff, timers, digit resolution
========================  =================================================================
"""

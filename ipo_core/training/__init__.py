"""Training on the switch: the six methods as steps, the checker and its hints, desks, cards.

It drives the switch (``ipo_core.switch``) on a site (``ipo_core.site``) as a trainee
would; it does not depend on the call-centre layer.

========================  =================================================================
``actions``               the methods, and each thing a trainee can do, as text that replays
``exercises``             a method as numbered steps for one station; the attempt's record
``manager_edits``         the Manager edits each exercise asks for, and edits as text
``checker``               the checker that watches every action, and its hints
``desks``                 a trainee's own desk: station, agent and a login code of their own
``quick_reference``       the agent's printable card of the site's methods
========================  =================================================================
"""

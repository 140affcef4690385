"""Training on the switch: the six methods as steps, the checker and its hints, desks, cards.

It drives the switch (``ipo_core.switch``) on a site (``ipo_core.site``) as a trainee
would; it does not depend on the call-centre layer.

========================  =================================================================
``procedures``            the tip's methods as actions, exercises, the checker and hints
``desks``                 a trainee's own desk: station, agent and a login code of their own
``quick_reference``       the agent's printable card of the site's methods
========================  =================================================================
"""

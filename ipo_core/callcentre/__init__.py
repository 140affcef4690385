"""A call-centre day on the running switch, and what CCC would report of it.

It uses the switch (``ipo_core.switch``) and the site (``ipo_core.site``); the
training layer does not depend on it.

========================  =================================================================
``scenario``              what a simulated day is made of (agents, hunt mode, calls, ...)
``day``                   the records of a day: its people and the shift they worked
``simulation``            the simulator: a scenario played through a running System
``reporting``             true figures against what CCC reports, with the reasons
``sweep``                 many days at once: the error by logon share and mode
``plots``                 the figures drawn with matplotlib, imported only when asked for
========================  =================================================================
"""

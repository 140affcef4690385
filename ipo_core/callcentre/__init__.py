"""A call-centre day on the running switch, and what CCC would report of it.

It uses the switch (``ipo_core.switch``) and the site (``ipo_core.site``); the
training layer does not depend on it.

========================  =================================================================
``simulation``            the scenario, the people and the shift, and the simulator
``reporting``             true figures against what CCC reports, with the reasons
``sweep``                 many days at once: the error by logon share and mode
``plots``                 the figures drawn with matplotlib, imported only when asked for
========================  =================================================================
"""

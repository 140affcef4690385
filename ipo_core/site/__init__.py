"""What Manager edits: the site, as records a trainee or an engineer changes offline.

The first layer above the kit's foundations (``errors``, ``quoting``, ``masking``,
``bulk``); it imports nothing from the layers above it.

========================  =================================================================
``handsets``              the handset models and their keys
``buttons``               programmable buttons (Extn Login, Extn Logout, Dial ...)
``shortcodes``            short codes, their features and the digit matcher (rule R7)
``users``                 users: Force Login, login code, buttons, short codes, wrap-up
``hunt_groups``           hunt groups and their modes (Group, Linear, Circular, Most Idle)
``validation``            Manager's refusals (rule R2) and the field checks
``config``                the configuration as a whole: extensions, users, groups, codes
``site_file``             the TOML site file that ``Config.save`` and ``Config.load`` use
``audit``                 the readiness audit: is this site right for CCC reporting?
``examples``              the shipped sites (``ipo.load_site("tech_tip_014")``)
========================  =================================================================
"""

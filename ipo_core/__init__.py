"""ipo_core: a faithful model of IP Office 1.3 logon agents, for the training kit.

The kit teaches Avaya Technical Tip 014, "Logon Users for CCC Reporting".  This
package is the whole domain: configuration as Manager edits it, Merge, short
codes, users, hunt groups, and desk phones as state machines.  It imports
nothing from Jupyter; the ``widgets`` package draws views over it.

>>> import ipo_core as ipo
>>> cfg = ipo.Config()
>>> cfg.add_extension("3000", model="4612")
>>> cfg.add_user(ipo.User("Agent3000", extension="3000", force_login=True, login_code="1234"))
>>> cfg.add_hunt_group(ipo.HuntGroup("Sales", extension="200", mode=ipo.HuntMode.LINEAR, members=("3000",)))
>>> ipo.audit(cfg)
()
>>> system = ipo.System(cfg)
>>> phone = system.phone("3000")
>>> phone.display
('NoUser              3000', '')
>>> phone.dial("*35*3000*1234#").lines[1].strip()
'Logged on'
>>> phone.dial("*36").lines
('NoUser              3000', 'Logged off')
>>> system.location_of("3000") is None
True
"""

from ipo_core.callcentre import plots
from ipo_core.callcentre.day import Person, Shift
from ipo_core.callcentre.reporting import (
    AGENT_METRICS,
    GROUP_METRICS,
    AccuracyRow,
    AgentFigures,
    GroupFigures,
    Report,
    accuracy,
    accuracy_summary,
    agent_states,
    ccc_report,
    format_figure,
    true_report,
)
from ipo_core.callcentre.scenario import Scenario
from ipo_core.callcentre.simulation import simulate
from ipo_core.callcentre.sweep import SweepPoint, SweepResult, sweep, text_progress
from ipo_core.errors import (
    CallStateError,
    ConfigError,
    ConfigFileError,
    IpoError,
    KeyNotOnHandset,
    ModelTimeError,
    Problem,
    ScenarioError,
    ShortCodeError,
    SoftkeyNotShown,
    UnknownName,
    WrongType,
)
from ipo_core.masking import (
    CODE_MASK,
    LOGIN_PREFIXES,
    mask_code,
    mask_dialled,
    mask_number,
    mask_text,
)
from ipo_core.site import examples as sites
from ipo_core.site.audit import Finding, FindingKind, audit
from ipo_core.site.buttons import MAX_BUTTONS, Button, ButtonAction
from ipo_core.site.config import Config, Extension
from ipo_core.site.examples import load_site, site_path
from ipo_core.site.handsets import HANDSET_MODELS, HandsetModel, handset_model
from ipo_core.site.hunt_groups import (
    MONITORED_MODES,
    REPORTED_WRONGLY,
    SET_A_MONITORED_MODE,
    HuntGroup,
    HuntMode,
    reported_wrongly,
)
from ipo_core.site.shortcodes import (
    DEFAULT_SYSTEM_SHORT_CODES,
    Feature,
    Match,
    MatchKind,
    Resolution,
    ShortCode,
    resolve,
)
from ipo_core.site.users import MAKE_A_LOGON_AGENT, MIN_AGENT_LOGIN_CODE, User
from ipo_core.switch.calls import Call, CallState
from ipo_core.switch.display import Display, Outcome, PhoneState, Tone
from ipo_core.switch.events import Event, EventKind, log_text
from ipo_core.switch.phone import Exchange, Phone
from ipo_core.switch.system import System
from ipo_core.training.actions import ACTION_KINDS, Action, Method
from ipo_core.training.checker import Checker
from ipo_core.training.desks import Desk
from ipo_core.training.exercises import Attempt, Procedure, Step, Verdict
from ipo_core.training.manager_edits import config_edits
from ipo_core.training.quick_reference import (
    CODE_FIELD,
    PHONE_METHODS,
    agent_card,
    card_agents,
    no_menu_models,
    quick_reference,
)

__all__ = [
    "ACTION_KINDS",
    "AGENT_METRICS",
    "CODE_FIELD",
    "CODE_MASK",
    "DEFAULT_SYSTEM_SHORT_CODES",
    "GROUP_METRICS",
    "HANDSET_MODELS",
    "LOGIN_PREFIXES",
    "MAKE_A_LOGON_AGENT",
    "MAX_BUTTONS",
    "MIN_AGENT_LOGIN_CODE",
    "MONITORED_MODES",
    "PHONE_METHODS",
    "REPORTED_WRONGLY",
    "SET_A_MONITORED_MODE",
    "AccuracyRow",
    "Action",
    "AgentFigures",
    "Attempt",
    "Button",
    "ButtonAction",
    "Call",
    "CallState",
    "CallStateError",
    "Checker",
    "Config",
    "ConfigError",
    "ConfigFileError",
    "Desk",
    "Display",
    "Event",
    "EventKind",
    "Exchange",
    "Extension",
    "Feature",
    "Finding",
    "FindingKind",
    "GroupFigures",
    "HandsetModel",
    "HuntGroup",
    "HuntMode",
    "IpoError",
    "KeyNotOnHandset",
    "Match",
    "MatchKind",
    "Method",
    "ModelTimeError",
    "Outcome",
    "Person",
    "Phone",
    "PhoneState",
    "Problem",
    "Procedure",
    "Report",
    "Resolution",
    "Scenario",
    "ScenarioError",
    "Shift",
    "ShortCode",
    "ShortCodeError",
    "SoftkeyNotShown",
    "Step",
    "SweepPoint",
    "SweepResult",
    "System",
    "Tone",
    "UnknownName",
    "User",
    "Verdict",
    "WrongType",
    "accuracy",
    "accuracy_summary",
    "agent_card",
    "agent_states",
    "audit",
    "card_agents",
    "ccc_report",
    "config_edits",
    "format_figure",
    "handset_model",
    "load_site",
    "log_text",
    "mask_code",
    "mask_dialled",
    "mask_number",
    "mask_text",
    "no_menu_models",
    "plots",
    "quick_reference",
    "reported_wrongly",
    "resolve",
    "simulate",
    "site_path",
    "sites",
    "sweep",
    "text_progress",
    "true_report",
]

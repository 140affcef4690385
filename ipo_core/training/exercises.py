"""An exercise: one of the tip's methods as numbered steps for one station, and its record.

A :class:`Procedure` is the method with this site's numbers in it, each :class:`Step` in
the tip's own words and naming each key as the station's handset prints it (the tip's
Right arrow is printed Next on the 46xx and 64xx sets: reference section 6).  An
:class:`Attempt` is the flat record a lesson keeps of one go at it; the
:class:`~ipo_core.training.checker.Checker` gives a :class:`Verdict` on every action.

>>> from ipo_core.site.examples import load_site
>>> procedure = Procedure.for_site(Method.LOGON_STAR_35, load_site("tech_tip_014"))
>>> [step.text for step in procedure.steps]
['Enter *35*Extn*Code#: *35*3000*1234#.']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ipo_core.errors import ConfigError, UnknownName, WrongType
from ipo_core.quoting import cut
from ipo_core.site.audit import FindingKind, audit
from ipo_core.site.config import Config
from ipo_core.site.handsets import HandsetModel, handset_model
from ipo_core.site.hunt_groups import SET_A_MONITORED_MODE, HuntMode
from ipo_core.site.users import MIN_AGENT_LOGIN_CODE
from ipo_core.site.validation import check_login_code
from ipo_core.switch.system import System
from ipo_core.training.actions import Action, Method
from ipo_core.training.manager_edits import EDITS, MERGE_STEP, is_logout, login_short_codes

__all__ = ["Attempt", "Procedure", "Step", "Verdict"]


@dataclass(frozen=True)
class Step:
    """One step of a method, in the tech tip's words, and what counts as doing it."""

    text: str
    """What to do, in the tip's words with this exercise's numbers."""
    actions: tuple[Action, ...]
    """The actions of the model answer for this step, in order."""
    place: str = "handset"
    """Where it is done: ``'handset'`` or ``'manager'``."""


@dataclass(frozen=True)
class Verdict:
    """What the checker says about one action."""

    ok: bool
    """True when the action was the step's (or did no harm)."""
    step: int
    """The step the trainee is on now (0 = first); ``len(steps)`` once complete."""
    hint: str = ""
    """After a wrong action: what happened and what to do; '' otherwise."""


@dataclass(frozen=True)
class Attempt:
    """One go at an exercise, as a lesson records it."""

    exercise: str
    """The exercise's title, with its station and user."""
    method: Method
    """The method practised."""
    steps: tuple[str, ...]
    """Every action taken, in its text form, in order; each digit of a login code masked."""
    mistakes: int
    """How many times the trainee left the tip's path."""
    seconds: float = field(repr=False)  # wall-clock: notebooks must not print it (STYLE 7)
    """Wall-clock time taken, as measured by whoever ran the exercise."""
    passed: bool
    """True when the goal was reached by the method practised."""
    hints: tuple[str, ...] = ()
    """Every hint the trainee was given, each once, in the order first given: what to coach.

    Like the steps, they hold no login code (``ipo_core.masking``)."""


@dataclass(frozen=True)
class Procedure:
    """One exercise for one station: the method's steps with this site's numbers in them."""

    method: Method
    """The method practised."""
    station: str
    """Base extension of the station the trainee uses."""
    model: str
    """The handset model on that station."""
    extension: str
    """The agent's extension (the user who logs on or off, or is configured)."""
    user: str
    """The agent's user name."""
    code: str = field(repr=False)  # a login code never leaves in a repr (masking.py)
    """The agent's login code (for the logon agent task: the code the tip suggests)."""
    steps: tuple[Step, ...] = field(repr=False)  # their text tells the trainee the code
    """The steps, in the tip's order."""
    group: str = ""
    """The hunt group of the hunt-mode task; '' for the others."""

    @classmethod
    def for_site(
        cls,
        method: Method,
        config: Config,
        station: str = "3000",
        *,
        extension: str | None = None,
        code: str | None = None,
        group: str | None = None,
    ) -> Procedure:
        """The exercise ``method`` at ``station`` of the site ``config``.

        The agent is ``extension`` (default: the station's own user) with their own
        login code unless ``code`` is given; the hunt-mode task uses ``group``
        (default: the first hunt group the agent is in).  The six handset methods
        need a logon agent (Force Login and a login code): ConfigError otherwise.
        """
        try:
            method = Method(method)
        except ValueError:
            raise UnknownName(
                "exercise method", cut(str(method)), [m.value for m in Method]
            ) from None
        if not isinstance(config, Config):
            raise WrongType(
                "site of an exercise", "a Config (ipo.Config, ipo.sites.load_site)", config
            )
        for what, value in (("station", station), ("extension", extension), ("code", code)):
            if value is not None and not isinstance(value, str):
                raise WrongType(f"{what} of an exercise", "text of digits, such as '3000'", value)
        if group is not None and not isinstance(group, str):
            raise WrongType(
                "hunt group of an exercise", "a name or extension, such as 'Sales'", group
            )
        model = config.extension(station).model
        user = config.user(station if extension is None else extension)
        if not method.is_config and not (user.force_login and user.login_code):
            raise ConfigError(
                [
                    f"User {user.label} is not a logon agent (Force Login and a Login Code), so "
                    f"the exercise {method.title!r} cannot be done with them: do 'Make a user a "
                    "logon agent' first, or choose another station."
                ]
            )
        if code is None:
            code = user.login_code
            if method is Method.CONFIG_LOGON_AGENT and len(code) < MIN_AGENT_LOGIN_CODE:
                code = "1234"  # the tip's example
        check_login_code(f"user {user.name!r}", code)  # the one check of a code's form (R2)
        if not code:
            raise ConfigError(
                [f"Login code of user {user.name!r} is empty: give digits, such as '1234'."]
            )
        name = ""
        if method is Method.CONFIG_HUNT_MODE:
            if group is None:
                groups = config.hunt_groups
                mine = [g for g in groups if user.extension in g.members]
                if not groups:
                    raise UnknownName("hunt group", group, ())
                name = (mine or groups)[0].name
            else:
                name = config.hunt_group(group).name
        draft = cls(method, station, model, user.extension, user.name, code, (), name)
        return replace(draft, steps=steps_of(draft, _free_button(draft, config)))

    @property
    def title(self) -> str:
        """The exercise's title, with who and where: ``'Log off with *36: Agent3000 at station 3000 (4612)'``."""
        where = f"{self.user} at station {self.station} ({self.model})"
        if self.method is Method.CONFIG_HUNT_MODE:
            where = f"hunt group {self.group}"
        elif self.method is Method.CONFIG_LOGON_AGENT:
            where = f"{self.user} ({self.extension})"
        return f"{self.method.title}: {where}"

    @property
    def needs_menu_keys(self) -> bool:
        """True when the method uses the Menu keys."""
        return self.method.needs_menu_keys

    @property
    def script(self) -> tuple[Action, ...]:
        """The model answer: every step's actions, in order."""
        return tuple(a for step in self.steps for a in step.actions)

    @property
    def manager_steps(self) -> int:
        """How many of the steps are done in Manager (the edits and Merge), all first."""
        return sum(1 for s in self.steps if s.place == "manager")

    def can_run_on(self, model: str | HandsetModel) -> bool:
        """True when this method works on a handset of ``model``."""
        return self.unavailable_on(model) is None

    def unavailable_on(self, model: str | HandsetModel) -> str | None:
        """Why this method cannot work on ``model`` (the 4406D+ and 4606 lack Menu keys), or None."""
        handset = handset_model(model)
        if self.needs_menu_keys and not handset.has_menu_keys:
            instead = "*35*Extn*Code#" if self.method.is_logon else "*36"
            return f"The {handset.name} has no Menu keys: use {instead} instead."
        return None

    def prepare(self, system: System) -> None:
        """Put ``system`` where the exercise starts: before the tip's first step.

        Logon methods start logged off, logoff methods logged on at the station.
        The Manager steps start undone: no custom login short code for the agent,
        no logoff button, the agent not a logon agent, the hunt group in Group mode.
        """
        draft = system.receive_config()
        user = draft.user(self.extension)
        if self.method is Method.LOGON_SHORT_CODE:
            for code in login_short_codes(self, draft):
                draft.remove_short_code(code)
        elif self.method is Method.LOGOFF_BUTTON:
            for position, button in list(user.buttons.items()):
                if is_logout(button):
                    draft.set_button(user.extension, position, None)
        elif self.method is Method.CONFIG_LOGON_AGENT:
            user.force_login = False
            user.login_code = ""
        elif self.method is Method.CONFIG_HUNT_MODE:
            draft.hunt_group(self.group).mode = HuntMode.GROUP
        if draft != system.config:
            system.merge(draft)
        where = system.location_of(self.extension)
        if self.method.is_logon and where is not None:
            system.log_out(where)
        elif self.method.is_logoff and where != self.station:
            system.log_in(self.station, self.extension, system.user(self.extension).login_code)

    def is_goal_reached(self, system: System) -> bool:
        """True when ``system`` is where the exercise ends (logged on, logged off, merged)."""
        if self.method.is_logon:
            return system.location_of(self.extension) == self.station
        if self.method.is_logoff:
            return system.location_of(self.extension) is None
        running = system.config
        if any(check(self, running, running) for check in EDITS[self.method]):
            return False
        subject = (
            f"User {running.user(self.extension).label}"
            if self.method is Method.CONFIG_LOGON_AGENT
            else f"Hunt group {self.group} ({running.hunt_group(self.group).extension})"
        )
        # What the tip asks (readiness) decides it; advice on the same record does not.
        return not any(
            f.subject == subject and f.kind is FindingKind.READINESS for f in audit(running)
        )


def _free_button(p: Procedure, config: Config) -> int:
    """The first button of the station's phone that is free once logoff buttons are cleared."""
    user = config.user(p.extension)
    taken = {i for i, b in user.buttons.items() if not is_logout(b)}
    count = handset_model(p.model).button_count
    return next((i for i in range(1, count + 1) if i not in taken), 1)


def _keys(digits: str) -> tuple[Action, ...]:
    return tuple(Action.key(k) for k in digits)


# --- the keys as printed on the trainee's handset -------------------------------------------
# The tip says "Right arrow"; the 46xx and 64xx print "Next" on it (and "Previous" or "Prev"
# on the Left arrow), and the Logon prompt then shows a "Next" softkey too (reference
# section 6).  So steps and hints name an arrow by what is printed on it, and that softkey
# as a softkey, on the station's own model.


def arrow_name(p: Procedure, key: str) -> str:
    """The arrow ``key`` as the station's handset prints it: ``'the Right arrow (marked Next)'``."""
    return handset_model(p.model).key_name(key)


def softkey_name(p: Procedure, label: str) -> str:
    """A softkey by its label, as ``'the Next softkey'`` where an arrow key is printed the same."""
    handset = handset_model(p.model)
    return f"the {label} softkey" if label in (handset.left_label, handset.right_label) else label


def menu_start(p: Procedure) -> str:
    """How every Menu method starts: ``'press Menu twice, then the Right arrow (marked Next) once'``."""
    return f"press Menu twice, then {arrow_name(p, 'RIGHT')} once"


def steps_of(p: Procedure, button: int) -> tuple[Step, ...]:
    e, c, u = p.extension, p.code, p.user
    merge = Step(MERGE_STEP, (Action.config("merge"),), "manager")
    printed = handset_model(p.model).key_label("RIGHT")
    marked = f" (marked {printed} on this phone)" if printed.isalpha() else ""
    menu = (
        Step("Press the Menu button twice.", (Action.key("MENU"), Action.key("MENU"))),
        Step(f"Press the Right arrow once{marked}.", (Action.key("RIGHT"),)),
        Step("Select Hdesk.", (Action.softkey("Hdesk"),)),
    )
    m = p.method
    if m is Method.LOGON_SHORT_CODE:
        return (
            Step(
                f"In Manager, create a short code starting with * or #: Short Code #{e}, "
                f"Telephone Number {e}*{c}, Feature ExtnLogin.",
                (Action.config(f"short code #{e}/{e}*{c}/ExtnLogin/0"),),
                "manager",
            ),
            merge,
            Step(f"Press #{e} to log on.", _keys(f"#{e}")),
        )
    if m is Method.LOGON_STAR_35:
        return (Step(f"Enter *35*Extn*Code#: *35*{e}*{c}#.", _keys(f"*35*{e}*{c}#")),)
    if m is Method.LOGON_MENU:
        return (
            *menu,
            Step("Select Logon.", (Action.softkey("Logon"),)),
            Step(
                f"Enter the extension number, {e}, at the prompt and press "
                f"{softkey_name(p, 'Next')}.",
                (*_keys(e), Action.softkey("Next")),
            ),
            Step(
                f"Enter the login code, {c}, at the prompt and press Done.",
                (*_keys(c), Action.softkey("Done")),
            ),
        )
    if m is Method.LOGOFF_BUTTON:
        return (
            Step(
                f"In Manager, on {u}'s Button Programming tab, choose a free button and select "
                "Advanced > Extn > ExtnLogout (or Dial, Telephone Number *36).",
                (Action.config(f"user {e} button {button} ExtnLogout"),),
                "manager",
            ),
            merge,
            Step("Press the button to log off.", (Action.button(button),)),
        )
    if m is Method.LOGOFF_STAR_36:
        return (Step("Enter *36 to log off.", _keys("*36")),)
    if m is Method.LOGOFF_MENU:
        return (*menu, Step("Select LogOff.", (Action.softkey("LogOff"),)))
    if m is Method.CONFIG_LOGON_AGENT:
        return (
            Step(
                f"In Manager, open {u}'s Telephony tab and check the Force Login checkbox.",
                (Action.config(f"user {e} force login on"),),
                "manager",
            ),
            Step(
                f"Assign a Login Code (Pin Code) of at least {MIN_AGENT_LOGIN_CODE} digits: {c}.",
                (Action.config(f"user {e} login code {c}"),),
                "manager",
            ),
            merge,
        )
    return (
        Step(
            f"In Manager, open hunt group {p.group}: {SET_A_MONITORED_MODE}",
            (Action.config(f"hunt group {p.group} mode Linear"),),
            "manager",
        ),
        merge,
    )

"""Manager: the IP Office Manager screens the tech tip names, over a copy received from the system.

Manager edits an offline copy of the configuration; nothing changes on a phone
until **Merge** (rule R2).  The view shows the screens the tech tip walks
through: User > Telephony (Force Login, the Login Code, masked), the system
Short Codes, User > Button Programming (a free DSS key > Advanced > Extn >
ExtnLogout, or Dial with a number) and the Hunt Group form (Hunt Type and
members).  Beside them, the readiness findings of :func:`ipo_core.site.audit` for the
draft, each saying what to change; on a screen too narrow for both (1024x768) the
findings go under the forms, so nothing is cut off.  Each Manager word the exercises
use (Force Login, Login Code, DSS key, Hunt Type, Merge ...) has a grey line of help
under its field (:data:`HELP`: a tooltip never shows on a touch screen), and a
placeholder is grey italic, so it is not mistaken for a value typed in.

The draft :class:`~ipo_core.Config` is the model: every field is written to it
at once through the model's own API, so its field checks run, and then one
``_render`` writes every child from it.  The only state the widgets keep is where
the trainee is looking and what they are typing into a form before Add or Set.

A login code never sits in a widget (``ipo_core.masking``): the Login Code field
is empty, its placeholder shows a mask (``•••• (4 digits set)``), and a code typed
into it goes to the draft at once and the field is emptied; the short code table,
the button list and the status line show a code's digits as masks too.

>>> import ipo_core as ipo
>>> system = ipo.System(ipo.load_site("tech_tip_014"))
>>> manager = Manager(system, site="tech_tip_014")
>>> manager.user_picker.value = "3002"
>>> manager.force_login.value = True
>>> manager.merge.click()
>>> print(manager.status.text)  # doctest: +ELLIPSIS
User Desk3002 (3002) has Force Login ticked but no Login Code: enter a code ...
>>> manager.login_code.value = "2468"
>>> manager.login_code.value, manager.login_code.placeholder
('', '•••• (4 digits set)')
>>> manager.merge.click()
>>> system.user("3002").is_logon_agent
True
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import ipywidgets as w

import ipo_core as ipo
from widgets.base import View, guarded

__all__ = ["Manager"]

#: Manager's tree on the left, and the form tab each node opens.
TREE = ("User", "Short Code", "Hunt Group")
#: Manager's form tabs, as the tech tip names them.
TABS = ("User", "Telephony", "Short Codes", "Button Programming", "Hunt Group")
_TAB_OF_NODE = {"User": 0, "Short Code": 2, "Hunt Group": 4}
_NODE_OF_TAB = {0: "User", 1: "User", 2: "Short Code", 3: "User", 4: "Hunt Group"}
_USER_TABS = frozenset({0, 1, 3})

#: The Feature list of Manager's Short Code form: every feature by Manager's name.
FEATURES = tuple(feature.value for feature in ipo.Feature)

#: Button Programming's action menus, as Manager shows the path clicked to reach each.
ACTION_PATHS = {" > ".join(action.manager_path): action for action in ipo.ButtonAction}
_EXTN_LOGOUT_PATH = " > ".join(ipo.ButtonAction.EXTN_LOGOUT.manager_path)


#: One line under each Manager word the exercises use, for a trainee who has not met it.
HELP = {
    "Merge": "Merge sends the draft to the running system: until then no phone changes.",
    "Force Login": "Force Login: the user logs on with the Login Code, even at their own phone.",
    "Login Code": (
        f"Login Code: the digits the agent dials to log on; CCC needs "
        f"{ipo.MIN_AGENT_LOGIN_CODE} or more."
    ),
    "Short Code": "Short Code: what is dialled; N stands for the digits dialled after it.",
    "Telephone Number": "Telephone Number: what the Feature acts on, such as Extn*Code.",
    "Feature": "Feature: what the short code does; ExtnLogin logs a user on.",
    "DSS key": "DSS key: a programmable button of the phone (Direct Station Selection).",
    "Action": "Action: what the key does; ExtnLogout logs off the user at that phone.",
    "Dial number": "Telephone Number: the digits a Dial key dials, such as *36.",
    "Hunt Type": f"Hunt Type: the order members ring in; CCC monitors {ipo.MONITORED_MODES}.",
    "Members": "Members: the users the group rings, first to last in hunt order.",
}

Change = dict[str, Any]


def _handler(method: Callable[..., Any]) -> Callable[..., None]:
    """A ``_on_<child>_<event>`` handler: guarded, and silent while ``_render`` writes children."""
    run = guarded(method)

    @functools.wraps(method)
    def handle(self: Manager, *args: Any) -> None:
        if not self._rendering:  # a value written by _render is not the trainee's edit
            run(self, *args)

    return handle


class Manager(View):
    """IP Office Manager's User, Short Code and Hunt Group forms, a Merge button and the findings."""

    def __init__(
        self, system: ipo.System, *, site: str = "", draft: ipo.Config | None = None
    ) -> None:
        """Edit a copy received from ``system`` (or ``draft``, one received earlier).

        ``site`` is the name shown in the title bar: ``IP Office Manager - <site>``.
        """
        super().__init__()
        self._rendering = False
        self.system = system
        self.site = site
        #: The configuration being edited: a copy received from the system.
        self.draft: ipo.Config = system.receive_config() if draft is None else draft

        self.title = w.HTML(_title_markup(site))
        self.merge = w.Button(description="Merge", tooltip="Send the draft to the system")
        self.pending = w.HTML()
        self.tree = w.Select(options=TREE, rows=len(TREE), layout=w.Layout(width="150px"))
        self.user_picker = w.Dropdown(description="User")
        self.tabs = w.Tab()

        # User
        self.user_name = w.Text(description="Name", disabled=True)
        self.user_extension = w.Text(description="Extension", disabled=True)
        # Telephony
        self.force_login = w.Checkbox(description="Force Login", indent=True)
        self.login_code = w.Password(description="Login Code", continuous_update=False)
        self.remove_login_code = w.Button(description="Remove", tooltip="Remove the Login Code")
        self.agent_note = w.HTML()
        # Short Codes
        self.short_code_table = w.HTML()
        self.short_code = w.Text(description="Short Code", placeholder="#3000")
        self.telephone_number = w.Text(description="Telephone Number", placeholder="Extn*Code")
        # Manager's own Feature list: a trainee picks a name, never types one.
        self.feature = w.Dropdown(
            description="Feature", options=FEATURES, value=ipo.Feature.DIAL.value
        )
        self.add_short_code = w.Button(description="Add")
        self.short_code_to_remove = w.Dropdown(description="Short Code")
        self.remove_short_code = w.Button(description="Remove")
        # Button Programming
        self.buttons = w.Select(description="Buttons", rows=12)
        self.action = w.Dropdown(
            description="Action", options=list(ACTION_PATHS), value=_EXTN_LOGOUT_PATH
        )
        self.button_number = w.Text(description="Telephone Number", placeholder="*36")
        self.set_button = w.Button(description="Set")
        self.clear_button = w.Button(description="Clear")
        self.button_note = w.HTML()
        # Hunt Group
        self.group_picker = w.Dropdown(description="Hunt Group")
        self.group_extension = w.Text(description="Extension", disabled=True)
        self.hunt_type = w.Dropdown(
            description="Hunt Type", options=[(str(mode), mode) for mode in ipo.HuntMode]
        )
        self.members = w.Select(description="Members", rows=6)
        self.member_up = w.Button(description="Up", icon="arrow-up")
        self.member_down = w.Button(description="Down", icon="arrow-down")
        self.member_remove = w.Button(description="Remove")
        self.member_to_add = w.Dropdown(description="Add user")
        self.member_add = w.Button(description="Add")
        self.group_note = w.HTML()
        # Beside the forms
        self.findings = w.HTML()

        self._lay_out()
        self._connect()
        self._render()  # offers the users and button positions the form is loaded from
        self._load_button_form()
        self._render()

    # --- building ----------------------------------------------------------------------

    def _lay_out(self) -> None:
        wide = {"description_width": "130px"}
        for field in (
            self.user_picker,
            self.user_name,
            self.user_extension,
            self.login_code,
            self.short_code,
            self.telephone_number,
            self.feature,
            self.short_code_to_remove,
            self.buttons,
            self.action,
            self.button_number,
            self.group_picker,
            self.group_extension,
            self.hunt_type,
            self.members,
            self.member_to_add,
        ):
            field.style = wide
            field.layout = w.Layout(width="360px")
        self.buttons.layout = w.Layout(width="470px")
        # Wide enough for the longest default code ("*21*N#  (ClearHuntGroupNightService)").
        self.short_code_to_remove.layout = w.Layout(width="420px")
        self.force_login.style = wide
        for button in (
            self.remove_login_code,
            self.add_short_code,
            self.remove_short_code,
            self.set_button,
            self.clear_button,
            self.member_up,
            self.member_down,
            self.member_remove,
            self.member_add,
        ):
            button.layout = w.Layout(width="80px")
            button.add_class("ipo-button")
        self.merge.layout = w.Layout(width="90px", flex="0 0 auto")
        self.merge.add_class("ipo-button")
        self.merge.add_class("ipo-merge")

        pages = [
            _page(_caption("User"), self.user_name, self.user_extension),
            _page(
                _caption("Telephony"),
                self.force_login,
                _help("Force Login"),
                w.HBox([self.login_code, self.remove_login_code]),
                _help("Login Code"),
                self.agent_note,
            ),
            _page(
                self.short_code_table,
                _caption("New short code"),
                self.short_code,
                _help("Short Code"),
                self.telephone_number,
                _help("Telephone Number"),
                self.feature,
                _help("Feature"),
                w.HBox([self.add_short_code], layout=w.Layout(margin=f"0 0 0 {_INDENT}")),
                _caption("Remove a short code"),
                w.HBox([self.short_code_to_remove, self.remove_short_code]),
            ),
            _page(
                self.button_note,
                self.buttons,
                _help("DSS key"),
                self.action,
                _help("Action"),
                self.button_number,
                _help("Dial number"),
                w.HBox(
                    [self.set_button, self.clear_button],
                    layout=w.Layout(margin=f"0 0 0 {_INDENT}"),
                ),
            ),
            _page(
                self.group_picker,
                self.group_extension,
                self.hunt_type,
                _help("Hunt Type"),
                w.HBox(
                    [self.members, w.VBox([self.member_up, self.member_down, self.member_remove])]
                ),
                _help("Members"),
                w.HBox([self.member_to_add, self.member_add]),
                self.group_note,
            ),
        ]
        self.tabs.children = pages
        self.tabs.titles = TABS
        self.tabs.layout = w.Layout(width="620px", flex="0 0 auto")
        self.tabs.add_class("ipo-tabs")

        tree = w.VBox(
            [_caption("Configuration"), self.tree],
            layout=w.Layout(margin="0 8px 0 0", flex="0 0 auto"),
        )
        tree.add_class("ipo-tree")
        form = w.VBox([self.user_picker, self.tabs], layout=w.Layout(flex="0 0 auto"))
        # The findings sit beside the forms where the page is wide enough, else under them.
        side = w.VBox(
            [_caption("Readiness for CCC"), self.findings],
            layout=w.Layout(flex="1 1 300px", max_width="520px", margin="0 0 0 8px"),
        )
        side.add_class("ipo-side")
        toolbar = w.HBox(
            [self.merge, w.VBox([self.pending, _help("Merge")])],
            layout=w.Layout(align_items="center"),
        )
        toolbar.add_class("ipo-toolbar")
        self.status.add_class("ipo-statusbar")
        body = w.HBox([tree, form, side], layout=w.Layout(flex_flow="row wrap"))
        body.add_class("ipo-body")
        self.title.layout = w.Layout(margin="0 -4px 4px -4px")  # the title bar spans the frame
        self.children = (self.title, toolbar, body, self.status)
        self.add_class("ipo-manager")

    def _connect(self) -> None:
        self.tree.observe(self._on_tree_value, names="value")
        self.tabs.observe(self._on_tabs_selected_index, names="selected_index")
        self.user_picker.observe(self._on_user_picker_value, names="value")
        self.force_login.observe(self._on_force_login_value, names="value")
        self.login_code.observe(self._on_login_code_value, names="value")
        self.remove_login_code.on_click(self._on_remove_login_code_click)
        self.add_short_code.on_click(self._on_add_short_code_click)
        self.remove_short_code.on_click(self._on_remove_short_code_click)
        self.buttons.observe(self._on_buttons_value, names="value")
        self.action.observe(self._on_action_value, names="value")
        self.set_button.on_click(self._on_set_button_click)
        self.clear_button.on_click(self._on_clear_button_click)
        self.group_picker.observe(self._on_group_picker_value, names="value")
        self.hunt_type.observe(self._on_hunt_type_value, names="value")
        self.member_up.on_click(self._on_member_up_click)
        self.member_down.on_click(self._on_member_down_click)
        self.member_remove.on_click(self._on_member_remove_click)
        self.member_add.on_click(self._on_member_add_click)
        self.merge.on_click(self._on_merge_click)

    # --- what is selected ----------------------------------------------------------------

    def _user(self) -> ipo.User | None:
        key = self.user_picker.value
        return None if key is None else self.draft.find_user(key)

    def _group(self) -> ipo.HuntGroup | None:
        key = self.group_picker.value
        return None if key is None else self.draft.hunt_group(key)

    # --- handlers: navigation ----------------------------------------------------------

    @_handler
    def _on_tree_value(self, change: Change) -> None:
        if self.tabs.selected_index not in _tabs_of(change["new"]):
            self.tabs.selected_index = _TAB_OF_NODE[change["new"]]

    @_handler
    def _on_tabs_selected_index(self, change: Change) -> None:
        """The tree follows the tab (``_render``)."""

    @_handler
    def _on_user_picker_value(self, change: Change) -> None:
        self._load_button_form()

    @_handler
    def _on_group_picker_value(self, change: Change) -> None:
        """The Hunt Group form shows the group chosen (``_render``)."""

    @_handler
    def _on_buttons_value(self, change: Change) -> None:
        self._load_button_form()

    @_handler
    def _on_action_value(self, change: Change) -> None:
        """Only Dial takes a Telephone Number (``_render``)."""

    # --- handlers: edits, one call into the draft each -----------------------------------

    @_handler
    def _on_force_login_value(self, change: Change) -> None:
        user = self._selected_user()
        user.force_login = change["new"]
        self.status.show_ok(
            f"Force Login {'ticked' if user.force_login else 'unticked'} for {user.label}. "
            "Merge to send it to the system."
        )

    @_handler
    def _on_login_code_value(self, change: Change) -> None:
        # The code goes to the draft and _render empties the field: no code stays in a widget.
        if not change["new"]:
            return  # the field emptied: nothing typed (Remove takes a code away)
        user = self._selected_user()
        user.login_code = change["new"]
        self.status.show_ok(
            f"Login Code of {user.label} set ({len(user.login_code)} digits). "
            "Merge to send it to the system."
        )

    @_handler
    def _on_remove_login_code_click(self, _button: w.Button) -> None:
        user = self._selected_user()
        user.login_code = ""
        self.status.show_ok(f"Login Code of {user.label} removed. Merge to send it to the system.")

    @_handler
    def _on_add_short_code_click(self, _button: w.Button) -> None:
        short_code = ipo.ShortCode(
            self.short_code.value.strip(),
            self.telephone_number.value.strip(),
            ipo.Feature.from_name(self.feature.value),
        )
        self.draft.add_short_code(short_code)
        self.short_code.value = self.telephone_number.value = ""  # the form is empty again
        self.feature.value = ipo.Feature.DIAL.value
        self.status.show_ok(
            f"Short code {short_code.code} ({short_code.masked_text()}) added. Merge to send it "
            "to the system."
        )

    @_handler
    def _on_remove_short_code_click(self, _button: w.Button) -> None:
        if self.short_code_to_remove.value is None:
            self.status.show_ok("Choose the short code to remove first.")
            return
        removed = self.draft.remove_short_code(self.short_code_to_remove.value)
        self.status.show_ok(f"Short code {removed.code} ({removed.masked_text()}) removed.")

    @_handler
    def _on_set_button_click(self, _button: w.Button) -> None:
        user = self._selected_user()
        position = self._selected_position()
        action = ACTION_PATHS[self.action.value]
        number = self.button_number.value.strip() if action.takes_number else ""
        self.draft.set_button(user.extension, position, ipo.Button(action, number))
        self.status.show_ok(
            f"Button {position} of {user.label} is now {user.buttons[position].masked_text()}. "
            "Merge to send it to the system."
        )

    @_handler
    def _on_clear_button_click(self, _button: w.Button) -> None:
        user = self._selected_user()
        position = self._selected_position()
        self.draft.set_button(user.extension, position, None)
        self.status.show_ok(f"Button {position} of {user.label} is free.")

    @_handler
    def _on_hunt_type_value(self, change: Change) -> None:
        group = self._selected_group()
        group.mode = change["new"]
        self.status.show_ok(
            f"Hunt group {group.name} now hunts {group.mode}. Merge to send it to the system."
        )

    @_handler
    def _on_member_up_click(self, _button: w.Button) -> None:
        self._move_member(-1)

    @_handler
    def _on_member_down_click(self, _button: w.Button) -> None:
        self._move_member(+1)

    @_handler
    def _on_member_remove_click(self, _button: w.Button) -> None:
        group = self._selected_group()
        member = self.members.value
        if member is None:
            self.status.show_ok("Choose a member in the list first.")
            return
        group.remove_member(member)
        self.status.show_ok(f"{member} removed from hunt group {group.name}.")

    @_handler
    def _on_member_add_click(self, _button: w.Button) -> None:
        group = self._selected_group()
        member = self.member_to_add.value
        if member is None:
            self.status.show_ok("Every user is already a member.")
            return
        group.add_member(member)
        self.status.show_ok(f"{member} added to hunt group {group.name}, last in hunt order.")

    @_handler
    def _on_merge_click(self, _button: w.Button) -> None:
        self.system.merge(self.draft)
        self.draft = self.system.receive_config()  # Manager goes on with a fresh copy
        self.status.show_ok("Merged: the system runs this configuration now.")

    # --- helpers for handlers ----------------------------------------------------------

    def _selected_user(self) -> ipo.User:
        # The picker offers only the draft's users, so a missing one is a bug: stay loud.
        user = self._user()
        if user is None:
            raise RuntimeError("No user is selected, yet a user's field changed.")
        return user

    def _selected_group(self) -> ipo.HuntGroup:
        group = self._group()
        if group is None:
            raise RuntimeError("No hunt group is selected, yet the Hunt Group form changed.")
        return group

    def _selected_position(self) -> int:
        position = self.buttons.value
        if not isinstance(position, int):
            raise RuntimeError("No button position is selected.")
        return position

    def _move_member(self, step: int) -> None:
        """Up (-1) or Down (+1): one call into the draft's hunt group."""
        group = self._selected_group()
        member = self.members.value
        if member is None:
            self.status.show_ok("Choose a member in the list first.")
            return
        group.move_member(member, step)
        self.status.show_ok(f"Hunt order of {group.name}: {', '.join(group.members)}.")

    def _load_button_form(self) -> None:
        """Show the chosen button's action and number, so Set edits it (a free key: ExtnLogout)."""
        user = self._user()
        button = None if user is None else user.buttons.get(self.buttons.value)
        if button is None:
            self.action.value, self.button_number.value = _EXTN_LOGOUT_PATH, ""
        else:
            self.action.value = " > ".join(button.manager_path)
            # A number that carries a login code is not put in the form: type it again to Set.
            masked = ipo.mask_dialled(button.number)
            self.button_number.value = button.number if masked == button.number else ""

    # --- drawing -----------------------------------------------------------------------

    def _describe(self) -> str:
        return self.site or "draft"

    def _render(self) -> None:
        """Write every child from the draft and the selection."""
        self._rendering = True
        try:
            self._render_frame()
            self._render_user()
            self._render_short_codes()
            self._render_buttons()
            self._render_hunt_group()
            self._render_findings()
        finally:
            self._rendering = False

    def _render_frame(self) -> None:
        tab = self.tabs.selected_index or 0
        self.tree.value = _NODE_OF_TAB[tab]
        self.user_picker.layout.visibility = "visible" if tab in _USER_TABS else "hidden"
        changed = self.draft != self.system.config
        self.pending.value = (
            '<span class="ipo-pending">The draft differs from the running system: '
            "Merge to send it.</span>"
            if changed
            else '<span class="ipo-pending ipo-same">The draft is what the system runs.</span>'
        )

    def _render_user(self) -> None:
        _choose(self.user_picker, [(u.label, u.extension) for u in self.draft.users])
        user = self._user()
        for field in (self.force_login, self.login_code, self.remove_login_code):
            field.disabled = user is None
        self.user_name.value = "" if user is None else user.name
        self.user_extension.value = "" if user is None else user.extension
        self.force_login.value = False if user is None else user.force_login
        self.login_code.value = ""  # never the code (ipo_core.masking): the placeholder says
        self.login_code.placeholder = _code_placeholder(user)
        self.remove_login_code.disabled = user is None or not user.login_code
        if user is None:
            self.agent_note.value = ""
        elif user.is_logon_agent:
            self.agent_note.value = _note(
                f"{user.name} is a logon agent: Force Login and a Login Code of "
                f"{len(user.login_code)} digits.",
                "ok",
            )
        else:
            self.agent_note.value = _note(
                f"{user.name} is not a logon agent: {user.logon_agent_advice()}.",
                "warn",
            )

    def _render_short_codes(self) -> None:
        self.short_code_table.value = _short_code_table(self.draft.short_codes)
        _choose(
            self.short_code_to_remove,
            [(f"{sc.code}  ({sc.feature})", sc.code) for sc in self.draft.short_codes],
        )

    def _render_buttons(self) -> None:
        user = self._user()
        owned = {} if user is None else user.buttons
        _choose(
            self.buttons,
            [
                (f"{i:>2}  {_button_text(owned.get(i))}", i)
                for i in (range(1, ipo.MAX_BUTTONS + 1) if user is not None else ())
            ],
        )
        self.button_number.disabled = (
            user is None or not ACTION_PATHS[self.action.value].takes_number
        )
        for field in (self.action, self.set_button, self.clear_button):
            field.disabled = user is None
        if user is None:
            self.button_note.value = _note("Choose a user.", "")
            return
        home = self.draft.home_station(user.extension)
        where = (
            f"{user.name}'s home phone {home.base_extension} is a {home.model} with buttons "
            f"1 to {home.handset.button_count}."
            if home
            else f"{user.name} has no home phone."
        )
        self.button_note.value = _note(
            f"Choose a free DSS key, then Advanced > Extn > ExtnLogout, or Dial with a "
            f"number. Buttons follow the user. {where}",
            "",
        )

    def _render_hunt_group(self) -> None:
        _choose(self.group_picker, [(g.name, g.extension) for g in self.draft.hunt_groups])
        group = self._group()
        for field in (
            self.hunt_type,
            self.member_up,
            self.member_down,
            self.member_remove,
            self.member_to_add,
            self.member_add,
        ):
            field.disabled = group is None
        self.group_extension.value = "" if group is None else group.extension
        if group is None:
            _choose(self.members, [])
            _choose(self.member_to_add, [])
            self.group_note.value = _note("This site has no hunt groups.", "")
            return
        self.hunt_type.value = group.mode
        labels = {u.extension: u.label for u in self.draft.users}
        _choose(
            self.members,
            [(f"{n}. {labels.get(m, m)}", m) for n, m in enumerate(group.members, start=1)],
        )
        _choose(
            self.member_to_add,
            [(u.label, u.extension) for u in self.draft.users if u.extension not in group.members],
        )
        self.group_note.value = (
            _note(f"CCC can monitor {group.name} in {group.mode.value} mode.", "ok")
            if group.mode.can_be_monitored
            else _note(
                f"{ipo.reported_wrongly(group.name, group.mode.value)} {ipo.SET_A_MONITORED_MODE}",
                "warn",
            )
        )

    def _render_findings(self) -> None:
        items = [
            f'<li class="ipo-finding ipo-refusal"><b>Merge refuses</b> {html.escape(str(p))}</li>'
            for p in self.draft.validate()
        ]
        items += [
            f'<li class="ipo-finding ipo-{f.kind.value}"><b>{f.kind.value.capitalize()}</b> '
            f"{html.escape(str(f))}</li>"
            for f in ipo.audit(self.draft)
        ]
        if not items:
            items = ['<li class="ipo-finding ipo-ready">Ready for CCC: nothing to change.</li>']
        self.findings.value = f'<ul class="ipo-findings">{"".join(items)}</ul>'


# --- stock pieces ----------------------------------------------------------------------


def _tabs_of(node: str) -> tuple[int, ...]:
    return tuple(tab for tab, n in _NODE_OF_TAB.items() if n == node)


def _choose(picker: Any, options: Sequence[tuple[str, Any]]) -> None:
    """Offer ``options``, keeping the choice if it is still offered (else the first)."""
    options = tuple(options)
    keep = picker.value
    if picker.options != options:
        picker.options = options
    values = [value for _, value in options]
    picker.value = keep if keep in values else (values[0] if values else None)


def _page(*children: w.Widget) -> w.VBox:
    box = w.VBox(list(children), layout=w.Layout(padding="8px"))
    box.add_class("ipo-page")
    return box


def _caption(text: str) -> w.HTML:
    return w.HTML(f'<div class="ipo-caption">{html.escape(text)}</div>')


#: Where a form's fields start: their descriptions' width and a gap.
_INDENT = "134px"


def _help(word: str) -> w.HTML:
    """A small grey line explaining a Manager word (tooltips do not show on touch screens)."""
    line = w.HTML(f'<div class="ipo-help">{html.escape(HELP[word])}</div>')
    line.add_class("ipo-help-line")
    return line


def _note(text: str, tone: str) -> str:
    return f'<div class="ipo-note ipo-{tone or "plain"}">{html.escape(text)}</div>'


def _code_placeholder(user: ipo.User | None) -> str:
    """What the empty Login Code field shows: a mask of the code set, never its digits."""
    if user is None:
        return ""
    if not user.login_code:
        return "no code set: type one"
    return f"{ipo.mask_code(user.login_code)} ({len(user.login_code)} digits set)"


def _button_text(button: ipo.Button | None) -> str:
    if button is None:
        return "(free)"
    number = ipo.mask_dialled(button.number)
    return f"{button.masked_label:<10}  {' > '.join(button.manager_path)} {number}".rstrip()


def _short_code_table(short_codes: Iterable[ipo.ShortCode]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(sc.code)}</td>"
        f"<td>{html.escape(sc.masked_number)}</td>"
        f"<td>{html.escape(sc.feature.value)}</td><td>{sc.line_group_id}</td></tr>"
        for sc in short_codes
    )
    return (
        '<table class="ipo-table"><thead><tr><th>Short Code</th><th>Telephone Number</th>'
        f"<th>Feature</th><th>Line Group</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _title_markup(site: str) -> str:
    title = "IP Office Manager" + (f" - {site}" if site else "")
    return (
        f'{_STYLE}<div class="ipo-titlebar">{html.escape(title)}<span class="ipo-winbuttons">'
        "<span>_</span><span>&#9633;</span><span>&#215;</span></span></div>"
        '<div class="ipo-menubar"><span><u>F</u>ile</span><span><u>E</u>dit</span>'
        "<span><u>V</u>iew</span><span><u>T</u>ools</span><span><u>H</u>elp</span></div>"
    )


# Manager's look on Windows 2000: grey 3D forms, a navy title bar, Tahoma 8pt.
_STYLE = """<style>
.ipo-manager { background: #d4d0c8; border: 2px outset #ffffff; padding: 0 4px 4px 4px;
  font-family: Tahoma, Verdana, sans-serif; font-size: 11px; color: #000;
  width: fit-content; max-width: 100%; box-sizing: border-box; flex-shrink: 0; }
/* A Manager in a row with a phone (an exercise's) goes under the phone when the row is too
   narrow for both, rather than squeezing its forms out of its frame. */
.widget-hbox:has(> .ipo-manager) { flex-wrap: wrap; row-gap: 8px; }
.ipo-manager .widget-label, .ipo-manager .widget-html-content, .ipo-manager input,
.ipo-manager select, .ipo-manager button { font-family: Tahoma, Verdana, sans-serif;
  font-size: 11px; }
.ipo-titlebar { background: linear-gradient(to right, #0a246a, #a6caf0); color: #fff;
  font-weight: bold; padding: 3px 6px; font-size: 12px; }
.ipo-toolbar { border-bottom: 1px solid #808080; padding-bottom: 4px; margin-bottom: 4px; }
.ipo-manager .ipo-button, .ipo-manager .widget-button { background: #d4d0c8;
  border: 2px outset #ffffff; border-radius: 0; box-shadow: none;
  line-height: calc(var(--jp-widgets-inline-height, 28px) - 4px); }  /* inside the border */
.ipo-manager .ipo-button:active { border-style: inset; }
.ipo-manager .ipo-merge { font-weight: bold; }
.ipo-manager input, .ipo-manager select { background-color: #fff; border: 2px inset #d4d0c8;
  border-radius: 0; }
.ipo-manager input:disabled { background-color: #d4d0c8; color: #404040; }
.ipo-manager input::placeholder { color: #8c8c8c; font-style: italic; opacity: 1; }
.ipo-help-line { margin: 0 0 4px 140px; max-width: 460px; }
.ipo-toolbar .ipo-help-line { margin: 0 0 0 8px; max-width: none; }
.ipo-manager .ipo-help-line .widget-html-content { white-space: normal; line-height: 1.3; }
.ipo-help { color: #505050; font-size: 10px; }
.ipo-caption { font-weight: bold; color: #0a246a; margin: 6px 0 2px 0; }
.ipo-tree select { height: auto; }
.ipo-page { background: #d4d0c8; }
.ipo-manager .ipo-tabs > .lm-TabBar .lm-TabBar-tab,
.ipo-manager .ipo-tabs > .p-TabBar .p-TabBar-tab { background: #d4d0c8 !important;
  border: 1px solid #808080 !important; border-bottom: none !important; font-size: 11px;
  min-width: 0 !important; flex: 0 0 auto !important; padding: 0 10px !important;
  color: #000 !important; border-radius: 2px 2px 0 0; }
.ipo-manager .ipo-tabs > .lm-TabBar .lm-TabBar-tab.lm-mod-current,
.ipo-manager .ipo-tabs > .p-TabBar .p-TabBar-tab.p-mod-current {
  background: #e8e6e0 !important; font-weight: bold; }
.ipo-manager .ipo-tabs > .widget-tab-contents { background: #d4d0c8 !important;
  border: 1px solid #808080 !important; border-top-color: #ffffff !important; padding: 2px; }
.ipo-menubar { padding: 1px 6px 3px 6px; line-height: 18px; }
.ipo-menubar span { margin-right: 14px; }
.ipo-menubar u { text-decoration: underline; }
.ipo-winbuttons { float: right; }
.ipo-winbuttons span { display: inline-block; width: 14px; height: 12px; line-height: 11px;
  margin-left: 2px; text-align: center; background: #d4d0c8; color: #000;
  border: 1px outset #fff; font-size: 9px; }
.ipo-table { border-collapse: collapse; background: #fff; margin-bottom: 4px;
  line-height: 1.25; }
.ipo-table th { background: #d4d0c8; border: 1px outset #fff; padding: 1px 6px;
  text-align: left; font-weight: normal; }
.ipo-table td { border: 1px solid #e0e0e0; padding: 1px 6px; font-family: monospace; }
.ipo-note { white-space: normal; line-height: 1.4; margin: 4px 0; max-width: 520px; }
.ipo-ok { color: #006000; }
.ipo-warn { color: #8a4b00; }
.ipo-pending { margin-left: 8px; color: #8a4b00; }
.ipo-pending.ipo-same { color: #404040; }
.ipo-side .widget-html-content { white-space: normal; }
.ipo-findings { background: #fff; border: 2px inset #d4d0c8; margin: 0; padding: 4px 4px 4px 20px;
  line-height: 1.35; }
.ipo-finding { margin: 2px 0 6px 0; }
.ipo-finding b { display: inline-block; padding: 0 4px; margin-right: 4px; color: #fff; }
.ipo-readiness b { background: #b06000; }
.ipo-security b { background: #a00000; }
.ipo-refusal b { background: #000080; }
.ipo-ready { color: #006000; list-style: none; }
.ipo-statusbar { border: 1px inset #d4d0c8; background: #d4d0c8; min-height: 18px;
  padding: 1px 4px; margin-top: 4px; }
.ipo-statusbar .widget-html-content { white-space: pre-line; line-height: 1.4; }
.ipo-status.ipo-error { color: #a00000; }
</style>"""

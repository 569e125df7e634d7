"""What each role may do is enforced in the services, not only hidden in the screens.

Every service call that writes (or reads what only some roles may see) is called here
directly, by every role: a role the issue's table does not allow gets PermissionDenied
with a clear message before anything is read or written; a role it allows passes the gate
(the call then answers as it would, here usually "no such record").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.factories import add_desk_user
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry
from workstation.outcomes import Refused
from workstation.permissions import ROLE_PERMISSIONS, Permission, PermissionDenied
from workstation.services import (
    admin_calendars,
    admin_catalog,
    admin_codes,
    admin_org,
    admin_sla,
    admin_users,
    centre_settings,
    claims,
    customer_edit,
    customer_merge,
    engineers,
    equipment_edit,
    follow_ups,
    intake,
    maintenance_plans,
    parts_catalogue,
    scheduling,
    service_sheet,
    stock,
    ticket_work,
    visit_part_lines,
    visit_parts,
)
from workstation.services.auth import SignedInUser
from workstation.services.ticket_detail import TicketEdit

# The issue's table: agents log and work tickets; engineers record visits (and work their
# tickets); supervisors also assign, reassign, see dashboards and export reports; admins
# also administer.
_AGENT = {Permission.LOG_CALLS, Permission.WORK_TICKETS}
ISSUE_TABLE: dict[str, set[Permission]] = {
    "agent": _AGENT,
    "engineer": {Permission.RECORD_VISITS, Permission.WORK_TICKETS},
    "supervisor": _AGENT
    | {Permission.ASSIGN_TICKETS, Permission.VIEW_DASHBOARD, Permission.EXPORT_REPORTS},
    "admin": set(Permission),
}
ROLES = tuple(ISSUE_TABLE)
MISSING = 987654  # no record has this id
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

Call = Callable[[Database, SignedInUser], Any]
# One permission, or several of which any one suffices (require_any).
Needed = Permission | tuple[Permission, ...]

_EDIT = TicketEdit(MISSING, 1, "", "", None, "minor", "normal", "", "", "")
_CONTACT = customer_edit.ContactInput("王五", ("139 0000 1111",))
_SITE = customer_edit.SiteInput("总部")
_CUSTOMER = customer_edit.CustomerChanges("Role test 有限公司", "company")
_DAY = admin_calendars.DayRow(NOW.date(), "holiday", "test", None)
_USER = admin_users.UserInput("X", "agent", None, (), "role_test_user")
_BOOKING = scheduling.Booking("repair", MISSING, NOW, NOW + timedelta(hours=1), customer_id=MISSING)
_PROFILE = engineers.ProfileInput("上海", None, None, 510, 1050, "12345")
_ABSENCE = engineers.AbsenceInput("leave", NOW, NOW + timedelta(days=1))
_PLAN = maintenance_plans.PlanInput("Role test", "inspection", 6, NOW.date())
_PART = parts_catalogue.PartInput("ROLE-1", "Role part", "角色备件", "1.00", False)
_LOCATION = parts_catalogue.LocationInput("ROLE-WH", "Role store", "warehouse")
_SHEET = service_sheet.SheetInput(NOW, NOW, "done", "fixed", confirmed_by="X")
# The engineer records the visit, or an agent does it from the engineer's call.
_VISITS = (Permission.RECORD_VISITS, Permission.LOG_CALLS)

# (what, permission the issue asks for, the call)
GUARDED: list[tuple[str, Needed, Call]] = [
    (
        "service_sheet.record_sheet",
        _VISITS,
        lambda db, u: service_sheet.record_sheet(db, u, MISSING, 1, _SHEET, NOW),
    ),
    (
        "service_sheet.sheet_detail",
        _VISITS,
        lambda db, u: service_sheet.sheet_detail(db, u, MISSING),
    ),
    (
        "intake.save_call",
        Permission.LOG_CALLS,
        lambda db, u: intake.save_call(db, u, intake.CallForm(), NOW),
    ),
    (
        "intake.end_call",
        Permission.LOG_CALLS,
        lambda db, u: intake.end_call(db, u, MISSING, "resolved"),
    ),
    (
        "follow_ups.record_follow_up",
        Permission.LOG_CALLS,
        lambda db, u: follow_ups.record_follow_up(
            db, u, MISSING, 1, follow_ups.FollowUpAnswer(reached=False), NOW
        ),
    ),
    (
        "customer_edit.create_customer",
        Permission.LOG_CALLS,
        lambda db, u: customer_edit.create_customer(
            db, u, customer_edit.NewCustomer(_CUSTOMER, _CONTACT, _SITE)
        ),
    ),
    (
        "customer_edit.update_customer",
        Permission.LOG_CALLS,
        lambda db, u: customer_edit.update_customer(db, u, MISSING, 1, _CUSTOMER),
    ),
    (
        "customer_edit.add_contact",
        Permission.LOG_CALLS,
        lambda db, u: customer_edit.add_contact(db, u, MISSING, _CONTACT),
    ),
    (
        "customer_edit.update_contact",
        Permission.LOG_CALLS,
        lambda db, u: customer_edit.update_contact(db, u, MISSING, _CONTACT),
    ),
    (
        "customer_edit.add_site",
        Permission.LOG_CALLS,
        lambda db, u: customer_edit.add_site(db, u, MISSING, _SITE),
    ),
    (
        "customer_edit.update_site",
        Permission.LOG_CALLS,
        lambda db, u: customer_edit.update_site(db, u, MISSING, _SITE),
    ),
    (
        "customer_merge.merge_customers",
        Permission.LOG_CALLS,
        lambda db, u: customer_merge.merge_customers(db, u, MISSING, MISSING + 1, "same company"),
    ),
    (
        "equipment_edit.register_equipment",
        Permission.LOG_CALLS,
        lambda db, u: equipment_edit.register_equipment(
            db, u, MISSING, None, "SN-ROLE-1", MISSING, None, None
        ),
    ),
    (
        "equipment_edit.update_equipment",
        Permission.LOG_CALLS,
        lambda db, u: equipment_edit.update_equipment(
            db, u, MISSING, 1, equipment_edit.EquipmentChanges(MISSING, None, None, None)
        ),
    ),
    (
        "equipment_edit.move_equipment",
        Permission.LOG_CALLS,
        lambda db, u: equipment_edit.move_equipment(db, u, MISSING, MISSING, None, 1, "moved"),
    ),
    (
        "equipment_edit.replace_equipment",
        Permission.LOG_CALLS,
        lambda db, u: equipment_edit.replace_equipment(
            db, u, MISSING, "SN-ROLE-2", None, 1, "broken"
        ),
    ),
    (
        "maintenance_plans.create_plan",
        Permission.ASSIGN_TICKETS,
        lambda db, u: maintenance_plans.create_plan(db, u, _PLAN, equipment_id=MISSING, now=NOW),
    ),
    (
        "maintenance_plans.update_plan",
        Permission.ASSIGN_TICKETS,
        lambda db, u: maintenance_plans.update_plan(db, u, MISSING, 1, _PLAN, now=NOW),
    ),
    (
        "maintenance_plans.set_plan_active",
        Permission.ASSIGN_TICKETS,
        lambda db, u: maintenance_plans.set_plan_active(db, u, MISSING, 1, False, now=NOW),
    ),
    ("claims.take_next", Permission.WORK_TICKETS, lambda db, u: claims.take_next(db, u, None, NOW)),
    (
        "ticket_work.change_status",
        Permission.WORK_TICKETS,
        lambda db, u: ticket_work.change_status(db, u, MISSING, 1, "in_progress", now=NOW),
    ),
    (
        "ticket_work.edit_ticket",
        Permission.WORK_TICKETS,
        lambda db, u: ticket_work.edit_ticket(db, u, MISSING, _EDIT, _EDIT, NOW),
    ),
    (
        "ticket_work.escalate",
        Permission.WORK_TICKETS,
        lambda db, u: ticket_work.escalate(db, u, MISSING, 1, "needs second line", NOW),
    ),
    (
        "ticket_work.assign",
        Permission.ASSIGN_TICKETS,
        lambda db, u: ticket_work.assign(db, u, MISSING, 1, u.id, NOW),
    ),
    (
        "ticket_work.change_priority_or_plan",
        Permission.ASSIGN_TICKETS,
        lambda db, u: ticket_work.change_priority_or_plan(
            db, u, MISSING, 1, priority="P1", reason="customer escalated", now=NOW
        ),
    ),
    (
        "scheduling.book_visit",
        Permission.WORK_TICKETS,
        lambda db, u: scheduling.book_visit(db, u, _BOOKING, NOW),
    ),
    (
        "scheduling.move_visit",
        Permission.WORK_TICKETS,
        lambda db, u: scheduling.move_visit(
            db, u, MISSING, 1, MISSING, NOW, NOW + timedelta(hours=1), NOW
        ),
    ),
    (
        "scheduling.cancel_visit",
        Permission.WORK_TICKETS,
        lambda db, u: scheduling.cancel_visit(db, u, MISSING, 1, "customer cancelled", NOW),
    ),
    (
        "scheduling.suggest_slots",
        Permission.WORK_TICKETS,
        lambda db, u: scheduling.suggest_slots(db, u, MISSING, now=NOW),
    ),
    # A dispatcher, or the engineer themself (an engineer other than MISSING here: refused).
    (
        "engineers.update_profile",
        Permission.ASSIGN_TICKETS,
        lambda db, u: engineers.update_profile(db, u, MISSING, 0, _PROFILE, NOW),
    ),
    (
        "engineers.add_absence",
        Permission.ASSIGN_TICKETS,
        lambda db, u: engineers.add_absence(db, u, MISSING, _ABSENCE, NOW),
    ),
    (
        "engineers.cancel_absence",
        Permission.ASSIGN_TICKETS,
        lambda db, u: engineers.cancel_absence(db, u, MISSING, NOW),
    ),
    (
        "centre_settings.change_setting",
        Permission.ADMINISTER,
        lambda db, u: centre_settings.change_setting(db, "follow_up_delay_days", "4", u),
    ),
    (
        "admin_calendars.list_calendars",
        Permission.ADMINISTER,
        lambda db, u: admin_calendars.list_calendars(db, u),
    ),
    (
        "admin_calendars.calendar_detail",
        Permission.ADMINISTER,
        lambda db, u: admin_calendars.calendar_detail(db, u, MISSING),
    ),
    (
        "admin_calendars.create_calendar",
        Permission.ADMINISTER,
        lambda db, u: admin_calendars.create_calendar(db, u, "Role test", "Asia/Shanghai"),
    ),
    (
        "admin_calendars.set_weekly_hours",
        Permission.ADMINISTER,
        lambda db, u: admin_calendars.set_weekly_hours(db, u, MISSING, [()] * 7),
    ),
    (
        "admin_calendars.save_day",
        Permission.ADMINISTER,
        lambda db, u: admin_calendars.save_day(db, u, MISSING, _DAY),
    ),
    (
        "admin_calendars.remove_day",
        Permission.ADMINISTER,
        lambda db, u: admin_calendars.remove_day(db, u, MISSING, _DAY.day),
    ),
    (
        "admin_calendars.load_public_holidays",
        Permission.ADMINISTER,
        lambda db, u: admin_calendars.load_public_holidays(db, u, MISSING, "CN", 2026),
    ),
    (
        "admin_calendars.preview_deadline",
        Permission.ADMINISTER,
        lambda db, u: admin_calendars.preview_deadline(db, u, MISSING, NOW, 60),
    ),
    (
        "admin_sla.sla_settings",
        Permission.ADMINISTER,
        lambda db, u: admin_sla.sla_settings(db, u),
    ),
    (
        "admin_sla.save_plan",
        Permission.ADMINISTER,
        lambda db, u: admin_sla.save_plan(
            db, u, MISSING, admin_sla.PlanInput("Role test", MISSING, 0.8, False, {})
        ),
    ),
    (
        "admin_sla.save_matrix",
        Permission.ADMINISTER,
        lambda db, u: admin_sla.save_matrix(db, u, {}),
    ),
    (
        "admin_org.organisation",
        Permission.ADMINISTER,
        lambda db, u: admin_org.organisation(db, u),
    ),
    (
        "admin_org.save_region",
        Permission.ADMINISTER,
        lambda db, u: admin_org.save_region(db, u, MISSING, "ROLE", "Role test"),
    ),
    (
        "admin_org.save_queue",
        Permission.ADMINISTER,
        lambda db, u: admin_org.save_queue(
            db, u, MISSING, admin_org.QueueInput("ROLE", "Role test", 1, None)
        ),
    ),
    (
        "admin_catalog.catalog",
        Permission.ADMINISTER,
        lambda db, u: admin_catalog.catalog(db, u),
    ),
    (
        "admin_catalog.save_model",
        Permission.ADMINISTER,
        lambda db, u: admin_catalog.save_model(
            db, u, MISSING, admin_catalog.ModelInput("ROLE-1", "Role test", "server", 12)
        ),
    ),
    (
        "admin_catalog.save_symptom",
        Permission.ADMINISTER,
        lambda db, u: admin_catalog.save_symptom(
            db, u, MISSING, admin_catalog.SymptomInput("server", "role", "Role", "角色")
        ),
    ),
    (
        "admin_codes.save_error_code",
        Permission.ADMINISTER,
        lambda db, u: admin_codes.save_error_code(
            db, u, MISSING, admin_codes.ErrorCodeInput("server", "SV-ROLE")
        ),
    ),
    (
        "admin_codes.set_error_code_active",
        Permission.ADMINISTER,
        lambda db, u: admin_codes.set_error_code_active(db, u, MISSING, False),
    ),
    (
        "admin_codes.save_wrap_up_code",
        Permission.ADMINISTER,
        lambda db, u: admin_codes.save_wrap_up_code(
            db, u, MISSING, admin_codes.WrapUpInput("role_test", "Role", "角色")
        ),
    ),
    (
        "admin_codes.set_wrap_up_code_active",
        Permission.ADMINISTER,
        lambda db, u: admin_codes.set_wrap_up_code_active(db, u, MISSING, False),
    ),
    (
        "parts_catalogue.search_parts",
        Permission.WORK_TICKETS,
        lambda db, u: parts_catalogue.search_parts(db, u, "x"),
    ),
    (
        "parts_catalogue.parts_for_model",
        Permission.WORK_TICKETS,
        lambda db, u: parts_catalogue.parts_for_model(db, u, MISSING),
    ),
    (
        "parts_catalogue.get_part",
        Permission.WORK_TICKETS,
        lambda db, u: parts_catalogue.get_part(db, u, MISSING),
    ),
    (
        "parts_catalogue.list_locations",
        Permission.WORK_TICKETS,
        lambda db, u: parts_catalogue.list_locations(db, u),
    ),
    (
        "parts_catalogue.parts_setup",
        Permission.ADMINISTER,
        lambda db, u: parts_catalogue.parts_setup(db, u),
    ),
    (
        "parts_catalogue.save_part",
        Permission.ADMINISTER,
        lambda db, u: parts_catalogue.save_part(db, u, MISSING, _PART),
    ),
    (
        "parts_catalogue.set_part_active",
        Permission.ADMINISTER,
        lambda db, u: parts_catalogue.set_part_active(db, u, MISSING, False),
    ),
    (
        "parts_catalogue.save_location",
        Permission.ADMINISTER,
        lambda db, u: parts_catalogue.save_location(db, u, MISSING, _LOCATION),
    ),
    (
        "parts_catalogue.set_location_active",
        Permission.ADMINISTER,
        lambda db, u: parts_catalogue.set_location_active(db, u, MISSING, False),
    ),
    (
        "stock.location_stock",
        Permission.WORK_TICKETS,
        lambda db, u: stock.location_stock(db, u, MISSING),
    ),
    ("stock.part_stock", Permission.WORK_TICKETS, lambda db, u: stock.part_stock(db, u, MISSING)),
    (
        "stock.where_in_stock",
        Permission.WORK_TICKETS,
        lambda db, u: stock.where_in_stock(db, u, MISSING),
    ),
    (
        "stock.receive",
        Permission.ADMINISTER,
        lambda db, u: stock.receive(db, u, MISSING, MISSING, 1, now=NOW),
    ),
    (
        "stock.adjust",
        Permission.ADMINISTER,
        lambda db, u: stock.adjust(db, u, MISSING, MISSING, -1, "count", NOW),
    ),
    (
        "stock.transfer",
        Permission.ADMINISTER,
        lambda db, u: stock.transfer(db, u, MISSING, MISSING + 1, MISSING, 1, now=NOW),
    ),
    (
        "visit_part_lines.visit_parts",
        Permission.WORK_TICKETS,
        lambda db, u: visit_part_lines.visit_parts(db, u, MISSING),
    ),
    (
        "visit_part_lines.reserve_context",
        Permission.WORK_TICKETS,
        lambda db, u: visit_part_lines.reserve_context(db, u, MISSING),
    ),
    (
        "visit_parts.reserve_part",
        Permission.WORK_TICKETS,
        lambda db, u: visit_parts.reserve_part(db, u, MISSING, MISSING, MISSING, 1, NOW),
    ),
    (
        "visit_parts.return_part",
        (Permission.WORK_TICKETS, Permission.RECORD_VISITS),
        lambda db, u: visit_parts.return_part(db, u, MISSING, NOW),
    ),
    ("admin_users.list_users", Permission.ADMINISTER, lambda db, u: admin_users.list_users(db, u)),
    (
        "admin_users.create_user",
        Permission.ADMINISTER,
        lambda db, u: admin_users.create_user(db, u, _USER, "password1"),
    ),
    (
        "admin_users.update_user",
        Permission.ADMINISTER,
        lambda db, u: admin_users.update_user(db, u, MISSING, _USER),
    ),
    (
        "admin_users.set_active",
        Permission.ADMINISTER,
        lambda db, u: admin_users.set_active(db, u, MISSING, False),
    ),
    (
        "admin_users.reset_password",
        Permission.ADMINISTER,
        lambda db, u: admin_users.reset_password(db, u, MISSING, "password1"),
    ),
]


def test_the_roles_in_the_code_are_the_issues_table() -> None:
    assert {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()} == ISSUE_TABLE


def _written(db: Database) -> tuple[int, int]:
    with db.session() as session:
        return (
            int(session.scalar(select(func.count(AuditRecord.id))) or 0),
            int(session.scalar(select(func.count(ChangeLogEntry.id))) or 0),
        )


@pytest.mark.parametrize("role", ROLES)
def test_every_guarded_call_by_every_role(db: Database, role: str) -> None:
    """One database per role (the calls share it): allowed calls pass the gate, the others
    are refused with the permission named and nothing written."""
    user = add_desk_user(db, f"role_{role}", role=role)
    for what, needed, call in GUARDED:
        before = _written(db)
        any_of = needed if isinstance(needed, tuple) else (needed,)
        if any(permission in ISSUE_TABLE[role] for permission in any_of):
            try:
                call(db, user)
            except PermissionDenied as refused:  # pragma: no cover - the failure itself
                pytest.fail(f"{role} was refused {what}: {refused}")
            except (Refused, LookupError):
                pass  # past the gate: no such record, or the input is not complete
        else:
            with pytest.raises(PermissionDenied) as refused:
                call(db, user)
            assert refused.value.permission is any_of[0], what
            assert refused.value.role == role
            assert str(refused.value).startswith(f"refused: a user with the role {role!r} may not")
            assert _written(db) == before, f"{what} wrote something for a refused {role}"


def test_every_writing_service_is_in_the_table() -> None:
    """A new service that takes the signed-in user must be added above (or here, with why)."""
    import ast
    import inspect

    from workstation.services import presence

    unguarded = {
        # Who looks at a ticket: any signed-in user may open one, so anyone may say so.
        "presence.announce",
        "presence.leave",
        # Engineers, their hours and absences: anyone booking a visit reads them.
        "engineers.list_engineers",
        "engineers.engineer",
        "engineers.list_absences",
    }
    modules = [
        admin_calendars, admin_catalog, admin_codes, admin_org, admin_sla, admin_users,
        centre_settings, claims, customer_edit, customer_merge, equipment_edit, follow_ups,
        intake, maintenance_plans, ticket_work, presence, service_sheet, parts_catalogue, stock,
        visit_parts, visit_part_lines, scheduling, engineers,
    ]  # fmt: skip
    found = set()
    for module in modules:
        tree = ast.parse(inspect.getsource(module))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                names = [a.arg for a in node.args.args]
                if "db" in names and ("user" in names or "admin" in names):
                    found.add(f"{module.__name__.rsplit('.', 1)[1]}.{node.name}")
    assert found - unguarded == {what for what, _, _ in GUARDED}


def test_a_refusal_says_who_may_not_do_what() -> None:
    refused = PermissionDenied("agent", Permission.ASSIGN_TICKETS)
    assert str(refused) == (
        "refused: a user with the role 'agent' may not assign or reassign tickets (assign_tickets)"
    )


def test_any_of_several_permissions_suffices_and_a_refusal_names_the_first() -> None:
    from workstation.permissions import require_any

    require_any("engineer", Permission.RECORD_VISITS, Permission.LOG_CALLS)
    require_any("agent", Permission.RECORD_VISITS, Permission.LOG_CALLS)
    with pytest.raises(PermissionDenied) as refused:
        require_any("guest", Permission.RECORD_VISITS, Permission.LOG_CALLS)
    assert refused.value.permission is Permission.RECORD_VISITS
    with pytest.raises(ValueError):
        require_any("admin")


def test_a_role_without_either_permission_may_not_record_a_visit(db: Database) -> None:
    """Every role of the table may record a sheet (engineers, agents from the engineer's
    call): a role outside it is refused before anything is read or written."""
    user = add_desk_user(db, "role_guest", role="guest")
    before = _written(db)
    for call in (
        lambda: service_sheet.record_sheet(db, user, MISSING, 1, _SHEET, NOW),
        lambda: service_sheet.sheet_detail(db, user, MISSING),
    ):
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert refused.value.permission is Permission.RECORD_VISITS
    assert _written(db) == before

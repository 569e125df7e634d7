"""Creating and editing customers, contacts and sites: validation codes, audit, change log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import add_customer, add_desk_user, with_reference_data
from workstation.db import Database
from workstation.models import (
    AuditRecord,
    ChangeLogEntry,
    Contact,
    ContactPhone,
    Customer,
    Region,
    Site,
)
from workstation.permissions import PermissionDenied
from workstation.services.customer_edit import (
    ContactInput,
    CustomerChanges,
    EditConflict,
    EditRejected,
    NewCustomer,
    SiteInput,
    add_contact,
    add_site,
    contact_for_edit,
    create_customer,
    customer_for_edit,
    find_customers,
    site_for_edit,
    update_contact,
    update_customer,
    update_site,
)


def _new(
    name: str = "杭州海纳科技有限公司",
    phones: tuple[str, ...] = ("139 8765 4321",),
    *,
    email: str = "li@haina.cn",
    confirmed: bool = False,
    region_id: int | None = None,
) -> NewCustomer:
    return NewCustomer(
        customer=CustomerChanges(name, "company", "key", region_id, "西湖区文三路 90 号", ""),
        contact=ContactInput("李娜", phones, email, "lina_88"),
        site=SiteInput("总部机房", "杭州", "文三路 90 号", region_id),
        confirmed_not_duplicate=confirmed,
    )


def _codes(error: pytest.ExceptionInfo[EditRejected]) -> dict[str, str]:
    return {e.field: e.code for e in error.value.errors}


def _audit(db: Database, entity: str, entity_id: int) -> list[AuditRecord]:
    with db.session() as session:
        return list(
            session.scalars(
                select(AuditRecord)
                .where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
                .order_by(AuditRecord.id)
            )
        )


def _changes(db: Database, entity: str, entity_id: int) -> list[ChangeLogEntry]:
    with db.session() as session:
        return list(
            session.scalars(
                select(ChangeLogEntry)
                .where(ChangeLogEntry.entity == entity, ChangeLogEntry.entity_id == entity_id)
                .order_by(ChangeLogEntry.id)
            )
        )


def test_a_new_customer_comes_with_its_contact_site_phones_and_search_keys(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    with db.session() as session:
        region_id = session.scalars(select(Region.id).limit(1)).one()
    created = create_customer(db, user, _new(phones=("+86-139-8765-4321", "0571-8888 1234")))
    with db.session() as session:
        customer = session.get(Customer, created.customer_id)
        assert customer is not None
        assert (customer.name, customer.tier, customer.version) == (
            "杭州海纳科技有限公司",
            "key",
            1,
        )
        assert (customer.pinyin_full, customer.pinyin_initials) == (
            "hangzhouhainakejiyouxiangongsi",
            "hzhnkjyxgs",
        )
        contact = session.get(Contact, created.contact_id)
        assert contact is not None
        assert (contact.name, contact.pinyin_initials, contact.wechat_id) == (
            "李娜",
            "ln",
            "lina_88",
        )
        phones = session.scalars(
            select(ContactPhone)
            .where(ContactPhone.contact_id == contact.id)
            .order_by(ContactPhone.id)
        ).all()
        assert [(p.raw, p.e164, p.national, p.reversed_digits, p.kind) for p in phones] == [
            ("+86-139-8765-4321", "+8613987654321", "13987654321", "12345678931", "mobile"),
            ("0571-8888 1234", "+8657188881234", "057188881234", "432188881750", "office"),
        ]
        site = session.get(Site, created.site_id)
        assert site is not None and (site.name, site.customer_id) == ("总部机房", customer.id)
    assert [a.action for a in _audit(db, "customer", created.customer_id)] == ["created"]
    assert _audit(db, "contact", created.contact_id)[0].details["phones"] == [
        "+8613987654321",
        "+8657188881234",
    ]
    change = _changes(db, "customer", created.customer_id)[0]
    assert (change.action, change.user_id, change.data) == (
        "create",
        user.id,
        {"customer_id": created.customer_id},
    )
    assert region_id  # the shipped regions are there to choose from


def test_every_field_error_comes_back_as_a_code_and_nothing_is_written(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    bad = NewCustomer(
        customer=CustomerChanges(" ", "shop", "gold", 999_999, "x" * 301, ""),
        contact=ContactInput("", ("138 1234", "", "12345"), "not-an-email", "w" * 101),
        site=SiteInput("", "c" * 101, "", 999_999),
    )
    with pytest.raises(EditRejected) as error:
        create_customer(db, user, bad)
    assert _codes(error) == {
        "name": "required",
        "kind": "unknown",
        "tier": "unknown",
        "region_id": "unknown",
        "address": "too_long",
        "contact.name": "required",
        "contact.email": "invalid_email",
        "contact.wechat": "too_long",
        "contact.phones.0": "invalid_phone",
        "contact.phones.2": "invalid_phone",
        "site.name": "required",
        "site.city": "too_long",
        "site.region_id": "unknown",
    }
    phone_error = next(e for e in error.value.errors if e.field == "contact.phones.0")
    assert phone_error.params == {"phone": "138 1234"}
    with db.session() as session:
        assert session.scalars(select(Customer)).all() == []


def test_a_contact_needs_one_phone_and_no_phone_twice(db: Database) -> None:
    user = add_desk_user(db)
    with pytest.raises(EditRejected) as error:
        create_customer(db, user, _new(phones=("", " ")))
    assert _codes(error) == {"contact.phones.0": "required"}
    with pytest.raises(EditRejected) as error:
        create_customer(db, user, _new(phones=("13987654321", "+86 139 8765 4321")))
    assert _codes(error) == {"contact.phones.1": "duplicate_phone"}


def test_a_possible_duplicate_is_named_and_saved_once_confirmed(db: Database) -> None:
    user = add_desk_user(db)
    same_phone = add_customer(db, "海纳科技", contacts=(("王五", ("139 8765 4321",)),))
    same_name = add_customer(db, "杭州海纳科技有限公司", contacts=(("赵六", ("13600000001",)),))
    with pytest.raises(EditRejected) as error:
        create_customer(db, user, _new())
    assert _codes(error) == {"name": "possible_duplicate"}
    found = {(d.customer_id, d.reason) for d in error.value.duplicates}
    assert found == {(same_phone.customer_id, "phone"), (same_name.customer_id, "name")}
    created = create_customer(db, user, _new(confirmed=True))
    assert created.customer_id not in {same_phone.customer_id, same_name.customer_id}


def test_an_agent_edits_a_customer_and_the_audit_says_old_and_new(db: Database) -> None:
    user = add_desk_user(db)
    ids = add_customer(db, "上海精密仪器有限公司")
    before = customer_for_edit(db, ids.customer_id)
    saved = update_customer(
        db,
        user,
        ids.customer_id,
        before.version,
        CustomerChanges("北京精密仪器有限公司", "company", "vip", None, "朝阳区", "重点客户"),
    )
    assert saved.version == before.version + 1
    assert saved.changed == ("address", "name", "notes", "tier")
    after = customer_for_edit(db, ids.customer_id)
    assert (after.name, after.tier, after.version) == ("北京精密仪器有限公司", "vip", 2)
    with db.session() as session:
        customer = session.get(Customer, ids.customer_id)
        assert customer is not None
        assert customer.pinyin_full.startswith("beijingjingmi")
        assert customer.pinyin_initials == "bjjmyqyxgs"
    record = _audit(db, "customer", ids.customer_id)[-1]
    assert record.action == "updated" and record.user_id == user.id
    assert record.details == {
        "name": ["上海精密仪器有限公司", "北京精密仪器有限公司"],
        "tier": ["standard", "vip"],
        "address": ["", "朝阳区"],
        "notes": ["", "重点客户"],
    }
    change = _changes(db, "customer", ids.customer_id)[-1]
    assert change.action == "update" and change.data["customer_id"] == ids.customer_id


def test_a_stale_save_is_refused_with_what_the_other_desk_saved(db: Database) -> None:
    user = add_desk_user(db)
    ids = add_customer(db)
    seen = customer_for_edit(db, ids.customer_id)
    update_customer(
        db,
        user,
        ids.customer_id,
        seen.version,
        CustomerChanges(seen.name, seen.kind, "key", None, "", ""),
    )
    mine = CustomerChanges(seen.name, seen.kind, "standard", None, "我的地址", "")
    with pytest.raises(EditConflict) as conflict:
        update_customer(db, user, ids.customer_id, seen.version, mine)
    current = conflict.value.current
    assert (current.tier, current.version) == ("key", seen.version + 1)
    # Applied again on the fresh version, it goes through.
    saved = update_customer(db, user, ids.customer_id, current.version, mine)
    assert saved.version == seen.version + 2
    assert customer_for_edit(db, ids.customer_id).address == "我的地址"


def test_saving_unchanged_values_writes_nothing(db: Database) -> None:
    user = add_desk_user(db)
    ids = add_customer(db)
    seen = customer_for_edit(db, ids.customer_id)
    saved = update_customer(db, user, ids.customer_id, seen.version, seen.changes())
    assert (saved.version, saved.changed) == (seen.version, ())
    assert _audit(db, "customer", ids.customer_id) == []


def test_an_engineer_may_not_edit_customers(db: Database) -> None:
    engineer = add_desk_user(db, "eng1", role="engineer")
    with pytest.raises(PermissionDenied):
        create_customer(db, engineer, _new())


def test_contacts_are_added_and_their_phone_list_replaced(db: Database) -> None:
    user = add_desk_user(db)
    ids = add_customer(db)
    added = add_contact(db, user, ids.customer_id, ContactInput("Peter Lee", ("13011112222",)))
    with db.session() as session:
        contact = session.get(Contact, added.contact_id)
        assert contact is not None and contact.pinyin_full == "peter lee"
    saved = update_contact(
        db,
        user,
        added.contact_id,
        ContactInput("李彼得", ("", "010-6552 1234", "13311112222"), "peter@example.com", ""),
    )
    assert saved.changed == ("email", "name", "phones")
    edited = contact_for_edit(db, added.contact_id)
    assert edited.phones == ("010-6552 1234", "13311112222")
    with db.session() as session:
        contact = session.get(Contact, added.contact_id)
        assert contact is not None and contact.pinyin_initials == "lbd"
        e164s = session.scalars(
            select(ContactPhone.e164).where(ContactPhone.contact_id == added.contact_id)
        ).all()
        assert sorted(e164s) == ["+861065521234", "+8613311112222"]
    record = _audit(db, "contact", added.contact_id)[-1]
    assert record.details["phones"] == [["+8613011112222"], ["+861065521234", "+8613311112222"]]
    assert record.details["customer_id"] == ids.customer_id
    with pytest.raises(EditRejected) as error:
        update_contact(db, user, added.contact_id, ContactInput("李彼得", ("12",), "a@b", ""))
    assert _codes(error) == {"phones.0": "invalid_phone", "email": "invalid_email"}
    assert contact_for_edit(db, added.contact_id).phones == ("010-6552 1234", "13311112222")


def test_sites_are_added_and_edited_on_the_audit_trail(db: Database) -> None:
    user = add_desk_user(db)
    ids = add_customer(db)
    site = add_site(db, user, ids.customer_id, SiteInput("浦东仓库", "上海", "张江路 1 号"))
    saved = update_site(db, user, site.site_id, SiteInput("浦东仓库二期", "上海", "张江路 1 号"))
    assert saved.changed == ("name",)
    assert [s.name for s in customer_for_edit(db, ids.customer_id).sites] == [
        "总部",
        "浦东仓库二期",
    ]
    record = _audit(db, "site", site.site_id)[-1]
    assert record.details == {"name": ["浦东仓库", "浦东仓库二期"], "customer_id": ids.customer_id}
    assert [c.action for c in _changes(db, "site", site.site_id)] == ["create", "update"]
    with pytest.raises(EditRejected) as error:
        update_site(db, user, site.site_id, SiteInput(""))
    assert _codes(error) == {"name": "required"}


def test_pickers_find_customers_by_phone_name_and_pinyin(db: Database) -> None:
    ids = add_customer(db, "上海精密仪器有限公司", contacts=(("张三", ("138 1234 5678",)),))
    add_customer(db, "北京华诚电子", contacts=(("李四", ("13900001111",)),))
    for text in ("13812345678", "+86 138-1234-5678", "13812", "上海精密", "shanghaij", "shjm"):
        assert [c.id for c in find_customers(db, text)] == [ids.customer_id], text
    assert find_customers(db, "") == ()


def test_a_contact_or_site_changed_by_another_desk_is_not_overwritten(db: Database) -> None:
    """Contacts and sites carry no version: the values the form loaded are compared."""
    user = add_desk_user(db)
    ids = add_customer(db)
    contact_id = ids.contact_ids[0]
    seen = contact_for_edit(db, contact_id)
    other = ContactInput(seen.name, ("139 1111 2222",), seen.email, seen.wechat)
    update_contact(db, user, contact_id, other, seen)  # another desk, first
    mine = ContactInput("张三丰", seen.phones, "zs@example.cn", seen.wechat)
    with pytest.raises(EditConflict) as conflict:
        update_contact(db, user, contact_id, mine, seen)
    current = conflict.value.current
    assert current.phones == ("139 1111 2222",)
    assert contact_for_edit(db, contact_id).name == seen.name  # nothing of mine written
    saved = update_contact(db, user, contact_id, mine, current)  # applied on the fresh values
    assert set(saved.changed) >= {"name", "email"}
    assert contact_for_edit(db, contact_id).name == "张三丰"

    site_seen = site_for_edit(db, ids.site_id)
    update_site(db, user, ids.site_id, SiteInput("一号仓库", "上海", "", None), site_seen)
    with pytest.raises(EditConflict) as site_conflict:
        update_site(db, user, ids.site_id, SiteInput("总部", "苏州", "", None), site_seen)
    assert site_conflict.value.current.name == "一号仓库"
    assert site_for_edit(db, ids.site_id).city == "上海"

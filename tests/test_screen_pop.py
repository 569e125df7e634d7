"""Screen pop: the calling number finds its contact in whatever format telephony sends it."""

from __future__ import annotations

import pytest

from tests.factories import add_customer
from workstation.db import Database
from workstation.services.screen_pop import identify_caller


@pytest.mark.parametrize("sent", ["+8613812345678", "13812345678", "0086 138 1234 5678"])
def test_a_known_number_pops_its_contact_and_customer(db: Database, sent: str) -> None:
    ids = add_customer(db, "上海精密仪器有限公司", tier="vip")
    call = identify_caller(db, sent)
    assert call.e164 == "+8613812345678"
    assert [(c.customer_id, c.contact_id, c.contact_name, c.tier) for c in call.callers] == [
        (ids.customer_id, ids.contact_ids[0], "张三", "vip")
    ]


def test_an_unknown_or_invalid_number_pops_a_new_caller(db: Database) -> None:
    add_customer(db)
    assert identify_caller(db, "139 0000 0000").callers == ()
    invalid = identify_caller(db, "12345")
    assert invalid.callers == () and invalid.e164 == "" and invalid.phone == "12345"

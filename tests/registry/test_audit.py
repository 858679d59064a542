"""The audit log is written in the transaction of the change it records."""

from __future__ import annotations

import pytest

from bot.registry import RegistryDatabase
from bot.registry.audit import record_change


def test_a_change_and_its_audit_row_commit_together(database: RegistryDatabase) -> None:
    database.upgrade()
    with database.session() as session:
        record_change(
            session,
            who="telegram:42",
            action="update",
            entity="cities",
            record_id="vinnytsia",
            before={"status": "friendly"},
            after={"status": "partnership"},
            note="żółć",
        )
    [entry] = database.audit_log()
    assert (entry.who, entry.entity, entry.record_id) == ("telegram:42", "cities", "vinnytsia")
    assert (entry.before, entry.after, entry.note) == (
        {"status": "friendly"},
        {"status": "partnership"},
        "żółć",
    )


def test_a_rolled_back_change_leaves_no_audit_row(database: RegistryDatabase) -> None:
    database.upgrade()

    def fail_after_recording() -> None:
        with database.session() as session:
            record_change(
                session,
                who="telegram:42",
                action="delete",
                entity="cities",
                record_id="vinnytsia",
                before={"status": "friendly"},
                after=None,
            )
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        fail_after_recording()
    assert database.audit_log() == []

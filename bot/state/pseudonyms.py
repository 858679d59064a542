"""Pseudonyms: how the question log and the votes know a person without their id.

A pseudonym is HMAC-SHA256 of the person's channel-qualified id (``web:<session id>``) under a
secret salt; for a Telegram person (``telegram:123``) of the bare user id, as before channels
had names, so that pseudonyms logged earlier still count as the same person. The same person always
gets the same pseudonym (so votes can be changed and people counted), and without the salt
nobody can tell whose it is. Telegram user ids are numbers of at most about ten digits, so
whoever has the salt can find a pseudonym's id by trying them all: the salt is what protects
the log, and is best kept away from the database (``ANALYTICS_SALT``).

Without ``ANALYTICS_SALT`` the bot generates a random salt once and keeps it in the database
(``state_meta``), so restarts and every copy of the bot keep the same pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import RegistryError
from .models import MetaRow

__all__ = ["SALT_KEY", "Pseudonyms", "load_salt"]

log = logging.getLogger(__name__)

SALT_KEY = "analytics_salt"
TELEGRAM_PREFIX = "telegram:"


class Pseudonyms:
    """Turns people's channel-qualified ids into pseudonyms under one salt."""

    def __init__(self, salt: bytes) -> None:
        if len(salt) < 16:
            raise ValueError("a salt needs at least 16 bytes")
        self._salt = salt

    @property
    def salt(self) -> bytes:
        """The salt, for other keyed digests of people's data (:mod:`.replies`)."""
        return self._salt

    def of(self, person: str | int) -> str:
        """The pseudonym of a channel-qualified id, or of a bare Telegram user id."""
        key = str(person).removeprefix(TELEGRAM_PREFIX)
        return hmac.new(self._salt, key.encode(), hashlib.sha256).hexdigest()


def load_salt(engine: Engine, configured: str | None) -> bytes:
    """``ANALYTICS_SALT`` when set, else the salt kept in the database (made on first use)."""
    if configured:
        return configured.encode()
    try:
        return _stored_salt(engine)
    except SQLAlchemyError as exc:
        raise RegistryError(
            f"cannot read the salt for pseudonyms from the database: {exc}"
        ) from exc


def _stored_salt(engine: Engine) -> bytes:
    with Session(engine) as session, session.begin():
        row = session.get(MetaRow, SALT_KEY)
        if row is not None:
            return row.value.encode()
    generated = secrets.token_hex(32)
    try:
        with Session(engine) as session, session.begin():
            session.add(MetaRow(key=SALT_KEY, value=generated))
    except IntegrityError:
        # Another copy of the bot, starting at the same moment, stored its salt first.
        with Session(engine) as session, session.begin():
            row = session.get(MetaRow, SALT_KEY)
            assert row is not None, "the salt another copy stored has gone"
            return row.value.encode()
    log.info("generated the salt for pseudonyms and stored it in the database")
    return generated.encode()

"""What the webhook does with a request, whatever HTTP server received it.

:meth:`WebhookIntake.receive` takes the secret header and the body and returns the HTTP status
to answer with:

* 403 without Telegram's secret token (``X-Telegram-Bot-Api-Secret-Token``, the
  ``WEBHOOK_SECRET`` given to ``setWebhook``): nothing reaches the bot;
* 413 for a body larger than any update, 400 for a body that is not an update (not JSON, JSON
  that is no object, no integer ``update_id``, nesting too deep to parse): one log line each;
* 200 once the update has been **handled** (answered), not merely received. Telegram takes a
  200 as "delivered" and never sends the update again, so a copy killed while handling loses
  nothing: Telegram saw no answer and posts the update again, to this copy or another;
* 200 at once, without handling it again, for an update already handled (same ``update_id``,
  from any copy of the bot sharing the database: :mod:`bot.state.deliveries`);
* 503 while another copy is handling the same update, or while the bot is stopping: Telegram
  tries again later.

The claims live in the database; while it is away this copy remembers its own (see
docs/faults.md for what then holds).
"""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from typing import Any

from telegram import Update

from ..state import Claim
from .context import BotApplication

__all__ = ["MAX_BODY", "SECRET_HEADER", "Received", "WebhookIntake"]

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are small; anything much larger is not from Telegram.
MAX_BODY = 1 << 20


@dataclass(frozen=True)
class Received:
    """The HTTP answer to a webhook request: its status and a short plain-text body."""

    status: int
    text: str


FORBIDDEN = Received(403, "forbidden")
TOO_LARGE = Received(413, "too large")
NOT_AN_UPDATE = Received(400, "not an update")
OK = Received(200, "ok")
RETRY = Received(503, "try again later")


class WebhookIntake:
    """Checks, parses, deduplicates and handles the updates Telegram posts to the webhook."""

    def __init__(self, application: BotApplication, *, secret: str) -> None:
        self.application = application
        self._secret = secret.encode()

    async def receive(self, body: bytes, *, secret: str | None, remote: str | None) -> Received:
        """Handle one request to the webhook path; returns what to answer."""
        if not hmac.compare_digest((secret or "").encode(), self._secret):
            log.warning("refused a webhook request without the right secret token from %s", remote)
            return FORBIDDEN
        if len(body) > MAX_BODY:
            log.warning("refused a webhook request of %d bytes from %s", len(body), remote)
            return TOO_LARGE
        update = self._parse(body, remote)
        if update is None:
            return NOT_AN_UPDATE
        if not self.application.running:
            return RETRY
        claim = await self._claim(update.update_id)
        if claim == "handled":
            log.debug("update %d was handled already; acknowledged again", update.update_id)
            return OK
        if claim == "busy":
            return RETRY
        try:
            application = self.application
            await application.update_processor.process_update(
                update, application.process_update(update)
            )
        except BaseException:
            # Cancelled (the server stops): unhandled, so Telegram must post it again.
            self._deliveries_release(update.update_id)
            raise
        await self._handled(update.update_id)
        return OK

    def _parse(self, body: bytes, remote: str | None) -> Update | None:
        try:
            data: Any = json.loads(body)
        except (ValueError, RecursionError) as exc:
            # RecursionError: JSON nested thousands deep, as no update is.
            log.warning("refused a webhook request from %s: not JSON (%s)", remote, _short(exc))
            return None
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if type(update_id) is not int:
            log.warning(
                "refused a webhook request from %s: JSON %s without an integer update_id",
                remote,
                type(data).__name__,
            )
            return None
        try:
            return Update.de_json(data, self.application.bot)
        except Exception as exc:
            # Whatever the library meets in a malformed object (a string where an object should
            # be...) says only that this is not an update Telegram sent.
            log.warning(
                "refused a webhook request from %s: update %d is malformed (%s)",
                remote,
                update_id,
                _short(exc),
            )
            return None

    async def _claim(self, update_id: int) -> Claim:
        data = self.application.bot_data
        deliveries, database = data.deliveries, data.database
        if deliveries is None or database is None:
            return "new"
        local = deliveries.claim_locally
        claim = await database.run(
            "claim a webhook update", lambda: deliveries.claim(update_id), None
        )
        return claim if claim is not None else local(update_id)

    async def _handled(self, update_id: int) -> None:
        data = self.application.bot_data
        deliveries, database = data.deliveries, data.database
        if deliveries is None or database is None:
            return
        deliveries.handled_locally(update_id)
        await database.run(
            "mark a webhook update handled", lambda: deliveries.handled(update_id), None
        )

    def _deliveries_release(self, update_id: int) -> None:
        deliveries = self.application.bot_data.deliveries
        if deliveries is not None:
            deliveries.release(update_id)


def _short(exc: BaseException) -> str:
    """An exception on one short line (a recursion error's message is long and says nothing)."""
    if isinstance(exc, RecursionError):
        return "nested too deep"
    return " ".join(str(exc).split())[:200] or type(exc).__name__

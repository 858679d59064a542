"""The web API through the ASGI app: answers, suggestions, follow-up state, feedback, the
language rule, validation, limits, CORS and the health check."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.assistant import Assistant
from bot.conversation import web as web_person
from bot.conversation.people import SESSION_PATTERN
from bot.grammar import format_date
from bot.render import as_json
from bot.sentences import t
from bot.state import AnswerRow
from tests.copies import sharing
from tests.web.conftest import ORIGIN, Making, Web

GOTHA = "Kiedy podpisano umowę z Gothą?"
VAGUE = ["Kielce współpraca zagraniczna", "miasta", "umowy", "współpraca Kielc", "Kielce info"]


async def test_a_question_gets_the_object_ask_json_prints(web: Web, assistant: Assistant) -> None:
    response = await web.ask(GOTHA, lang="pl")
    assert response.status_code == 200
    body = response.json()
    expected = as_json(assistant.ask(GOTHA, "pl"), GOTHA)
    assert {k: body[k] for k in expected} == json.loads(json.dumps(expected))
    assert "1997" in body["answer"]
    assert body["title"] == "Gotha (Niemcy)"
    assert SESSION_PATTERN.fullmatch(body["session"])
    assert body["votable"] is True
    assert isinstance(body["answer_id"], int)


async def test_the_reply_carries_the_answer_as_data_not_preformatted_text(web: Web) -> None:
    body = (await web.ask(GOTHA, lang="pl")).json()
    assert "paragraphs" not in body, "nothing is formatted for the widget twice"
    spans = body["direct"] + [s for b in body["blocks"] + body["details"] for s in b["items"]]
    for span in spans:
        assert "•" not in span["text"], span
        assert not re.search(r"\[\d+\]", span["text"]), f"citations are numbers in data: {span}"
    assert body["direct"][0]["cites"] == [1]
    assert body["sources"][0]["n"] == 1
    assert [b["kind"] for b in body["blocks"]] == ["list"], "a list is a list, not bullets"


@pytest.mark.parametrize(
    ("question", "lang"), [(GOTHA, "pl"), ("Since when is Gotha a partner city?", "en")]
)
async def test_a_sources_date_comes_written_as_the_bot_writes_dates(
    web: Web, question: str, lang: str
) -> None:
    """The widget shows the date as it comes ("2022 r."): one way of writing dates, the bot's."""
    body = (await web.ask(question, lang=lang)).json()
    assert body["lang"] == lang
    sources = body["sources"]
    dated = [s for s in sources if s["date"]]
    assert dated, "Gotha's answer cites dated sources"
    for source in sources:
        written = format_date(source["date"], lang) if source["date"] else None
        assert source["date_text"] == written
    if lang == "pl":
        assert all(s["date_text"].endswith(" r.") for s in dated if len(s["date"]) != 7)


async def test_the_session_carries_the_chats_last_turn(web: Web) -> None:
    first = (await web.ask(GOTHA)).json()
    session = first["session"]
    admission = await web.parts.conversation.admit(web_person(session))
    assert admission.turn is not None
    assert (admission.turn.entry, admission.turn.city) == ("city-card", "gotha")
    again = (await web.ask("Jakie miasta partnerskie mają Kielce?", session=session)).json()
    assert again["session"] == session
    turn = (await web.parts.conversation.admit(web_person(session))).turn
    assert turn is not None
    assert turn.entry == again["entry"]


async def test_a_follow_up_is_read_against_the_sessions_last_answer(web: Web) -> None:
    alone = (await web.ask("a od kiedy?")).json()
    assert alone["outcome"] == "decline", "without a previous answer it refers to nothing"
    session = (await web.ask(GOTHA)).json()["session"]
    follow_up = (await web.ask("a od kiedy?", session=session)).json()
    assert (follow_up["entry"], follow_up["city"]) == ("city-card", "gotha")
    assert "1997" in follow_up["answer"]


async def test_a_suggestion_opens_its_answer(web: Web, assistant: Assistant) -> None:
    question = next((q for q in VAGUE if assistant.ask(q, "pl").outcome == "suggest"), None)
    assert question, f"none of {VAGUE} gets suggestions any more: add a question that does"
    asked = (await web.ask(question, lang="pl")).json()
    assert asked["outcome"] == "suggest"
    assert asked["votable"] is False, "no votes on did-you-mean"
    assert asked["answer_id"] is None
    first = asked["suggestions"][0]
    response = await web.client.post(
        "/api/v1/open",
        json={
            "entry": first["entry"],
            "city": first["city"],
            "country": first["country"],
            "lang": "pl",
            "session": asked["session"],
        },
    )
    assert response.status_code == 200
    opened = assistant.open(first["entry"], "pl", city=first["city"], country=first["country"])
    assert response.json()["title"] == opened.title


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"entry": "no-such-entry"}, id="unknown-entry"),
        pytest.param({"entry": "city-card", "city": "atlantis"}, id="unknown-city"),
    ],
)
async def test_a_stale_target_is_404(web: Web, body: dict[str, str]) -> None:
    response = await web.client.post("/api/v1/open", json=body)
    assert response.status_code == 404
    assert response.json() == {"error": "expired", "message": t("pl", "web.api.expired")}


async def test_votes_only_from_the_session_answered_and_only_on_real_answers(web: Web) -> None:
    mine = (await web.ask(GOTHA)).json()
    other = (await web.ask("Jakie miasta partnerskie mają Kielce?")).json()
    vote = {"session": mine["session"], "answer_id": mine["answer_id"], "vote": 1}
    saved = await web.client.post("/api/v1/feedback", json=vote)
    assert saved.status_code == 200
    assert saved.json()["message"] == t("pl", "tg.feedback.thanks")
    forged = await web.client.post("/api/v1/feedback", json={**vote, "session": other["session"]})
    assert forged.status_code == 403
    assert forged.json()["error"] == "not_yours"
    gone = await web.client.post("/api/v1/feedback", json={**vote, "answer_id": 10**9})
    assert gone.status_code == 404
    assert web.parts.store.votes(mine["answer_id"]) == {
        web.parts.store.pseudonyms.of(web_person(mine["session"])): 1
    }


async def test_no_vote_on_a_decline_even_when_forged(web: Web) -> None:
    declined = (await web.ask("jaka jest pogoda w kielcach jutro")).json()
    assert declined["outcome"] == "decline"
    assert declined["answer_id"] is None
    web.parts.questions.flush()  # written behind the answers: now, rather than in a moment
    with Session(web.parts.store.engine) as session:
        logged = session.scalars(select(AnswerRow.id).where(AnswerRow.outcome == "decline")).one()
    vote = {"session": declined["session"], "answer_id": logged, "vote": -1}
    response = await web.client.post("/api/v1/feedback", json=vote)
    assert response.status_code == 403


async def test_the_log_knows_the_web_chat_by_pseudonym_and_channel(web: Web) -> None:
    body = (await web.ask(GOTHA)).json()
    web.parts.questions.flush()  # written behind the answers: now, rather than in a moment
    with Session(web.parts.store.engine) as session:
        row = session.get_one(AnswerRow, body["answer_id"])
    assert (row.channel, row.question) == ("web", GOTHA)
    assert row.asker == web.parts.store.pseudonyms.of(web_person(body["session"]))
    assert body["session"] not in (row.asker or "")


async def test_a_chosen_language_wins_and_a_hint_does_not(web: Web) -> None:
    hinted = (await web.ask(GOTHA, lang="en")).json()
    assert hinted["lang"] == "pl", "a hint does not override the question's own language"
    chosen = (await web.ask(GOTHA, lang="en", choose_lang=True)).json()
    assert chosen["title"] == "Gotha (Germany)"
    later = (await web.ask(GOTHA, session=chosen["session"])).json()
    assert later["lang"] == "en", "the choice is kept for the session"


@pytest.mark.parametrize(
    ("content", "status", "error"),
    [
        pytest.param(b"{not json", 400, "not_json", id="not-json"),
        pytest.param(b"", 400, "not_json", id="empty"),
        pytest.param(b"[]", 422, "invalid", id="array"),
        pytest.param(b"null", 422, "invalid", id="null"),
        pytest.param(b'"x"', 422, "invalid", id="string"),
        pytest.param(b"[" * 5000 + b"]" * 5000, 400, "not_json", id="deep-nesting"),
        pytest.param(b"{}", 422, "invalid", id="no-question"),
        pytest.param(b'{"question": ""}', 422, "invalid", id="empty-question"),
        pytest.param(b'{"question": 5}', 422, "invalid", id="number"),
        pytest.param(b'{"question": "a\\u0000b"}', 422, "invalid", id="nul"),
        pytest.param(b'{"question": "\\ud800"}', 400, "not_json", id="lone-surrogate"),
        pytest.param(b'{"question": "gotha", "lang": "de"}', 422, "invalid", id="language"),
        pytest.param(b'{"question": "gotha", "sesion": "x"}', 422, "invalid", id="typo-field"),
        pytest.param(b'{"question": "gotha", "session": "../x"}', 422, "invalid", id="session"),
        pytest.param(json.dumps({"question": "x" * 1001}).encode(), 422, "invalid", id="long"),
        pytest.param(json.dumps({"question": "x" * 20000}).encode(), 413, "too_large", id="big"),
    ],
)
async def test_bad_input_gets_a_clear_answer_and_changes_nothing(
    web: Web, content: bytes, status: int, error: str
) -> None:
    response = await web.client.post(
        "/api/v1/ask", content=content, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == status
    body = response.json()
    assert body["error"] == error
    assert body["message"]
    with Session(web.parts.store.engine) as session:
        assert session.scalars(select(AnswerRow)).all() == []


async def test_the_invalid_field_is_named(web: Web) -> None:
    response = await web.ask("x" * 1001)
    assert "question" in response.json()["message"]


async def test_a_session_over_its_flood_budget_hears_when_to_come_back(
    make_web: Making,
) -> None:
    async with make_web(flood_messages=2, flood_mute=30.0) as web:
        session = (await web.ask(GOTHA)).json()["session"]
        assert (await web.ask(GOTHA, session=session)).status_code == 200
        refused = await web.ask(GOTHA, session=session)
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "30"
        assert refused.json()["message"] == t("pl", "tg.flood", seconds="30")
        vote = {"session": session, "answer_id": 1, "vote": 1}
        assert (await web.client.post("/api/v1/feedback", json=vote)).status_code == 429, (
            "every kind of request counts"
        )
        assert (await web.ask(GOTHA)).status_code == 200, "another session is not affected"


async def test_an_address_over_its_limit_hears_when_to_come_back(make_web: Making) -> None:
    async with make_web(web_address_limit=3) as web:
        for _ in range(3):
            assert (await web.ask(GOTHA)).status_code == 200
        refused = await web.ask(GOTHA)
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
        assert refused.json()["error"] == "too_many_requests"
    async with make_web(web_address_limit=3, address="198.51.100.9") as other:
        assert (await other.ask(GOTHA)).status_code == 200


async def test_cors_allows_only_the_configured_origins(web: Web) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = await web.client.options("/api/v1/ask", headers={"Origin": ORIGIN, **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    other = await web.client.options(
        "/api/v1/ask", headers={"Origin": "https://evil.example", **preflight}
    )
    assert "access-control-allow-origin" not in other.headers
    asked = await web.client.post(
        "/api/v1/ask", json={"question": GOTHA}, headers={"Origin": ORIGIN}
    )
    assert asked.headers["access-control-allow-origin"] == ORIGIN
    assert "set-cookie" not in asked.headers


async def test_health_and_the_openapi_document(web: Web) -> None:
    health = await web.client.get("/healthz")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    document = (await web.client.get("/api/v1/openapi.json")).json()
    assert set(document["paths"]) == {"/api/v1/ask", "/api/v1/open", "/api/v1/feedback"}
    ask = document["components"]["schemas"]["AskRequest"]
    assert ask["required"] == ["question"]
    answer = document["components"]["schemas"]["AnswerResponse"]["properties"]
    assert "paragraphs" not in answer
    assert {"direct", "note", "blocks", "details", "sources", "claims"} <= set(answer)


async def test_two_copies_on_one_database_behave_as_one(
    make_web: Making, database_url: str
) -> None:
    async with (
        make_web(database_url=database_url, flood_messages=3) as a,
        make_web(database_url=database_url, flood_messages=3) as b,
    ):
        await sharing(a.parts.store, b.parts.store)
        first = (await a.ask(GOTHA, lang="en", choose_lang=True)).json()
        session = first["session"]
        answered = (await b.ask(GOTHA, session=session)).json()
        assert answered["lang"] == "en", "the choice made at one copy holds at the other"
        vote = {"session": session, "answer_id": first["answer_id"], "vote": 1}
        assert (await b.client.post("/api/v1/feedback", json=vote)).status_code == 200
        assert (await a.ask(GOTHA, session=session)).status_code == 429, "one flood budget"

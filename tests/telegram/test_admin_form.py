"""The staff forms without a channel: every answer is checked, a bad one asked again."""

from __future__ import annotations

import pytest

from bot.assistant import Assistant
from bot.config import Settings
from bot.errors import ConfigError
from bot.forms.staff import (
    KINDS,
    Action,
    Ask,
    Draft,
    KindName,
    Mode,
    Preview,
    begin,
    pressed,
    typed,
)
from bot.registry.editing import ContactEdit, FactEdit
from bot.render import plain
from bot.sentences import t


def _press(draft: Draft, assistant: Assistant, label: str) -> object:
    [index] = [i for i, o in enumerate(draft.options) if o.label == label]
    return pressed(draft, assistant.brain, index)


def _contact_at(step: str, assistant: Assistant) -> Draft:
    """A new contact's draft that has reached ``step``."""
    draft = Draft("pl", "add")
    begin(draft, assistant.brain, "contact")
    answers = iter(
        ["FR", "foreign-visit", "Jan Kowalski", "Ambasador", "Ambassador", "2024", "Był.", "Was."]
    )
    while draft.step != step:
        value = next(answers)
        labels = {o.value: o.label for o in draft.options}
        if value in labels:
            _press(draft, assistant, labels[value])
        else:
            typed(draft, assistant.brain, value)
    return draft


@pytest.mark.parametrize(
    ("step", "answer", "problem"),
    [
        pytest.param("date", "17.05.2024", "admin.problem.date", id="dotted-date"),
        pytest.param("date", "2024-02-30", "admin.problem.date", id="no-such-day"),
        pytest.param("person", "x" * 201, "admin.problem.too_long", id="long-name"),
        pytest.param("country", "Atlantyda", "admin.problem.country", id="unknown-country"),
        pytest.param("contact_kind", "coś innego", "admin.problem.buttons", id="not-a-choice"),
        pytest.param("role_en", "-", "admin.problem.dash", id="required"),
    ],
)
def test_a_bad_answer_is_asked_again(
    assistant: Assistant, step: str, answer: str, problem: str
) -> None:
    draft = _contact_at(step, assistant)
    serial, options = draft.serial, draft.options
    asked = typed(draft, assistant.brain, answer)
    assert isinstance(asked, Ask)
    assert asked.problem is not None
    assert asked.problem.startswith(t("pl", problem, length="201", limit="200")[:20])
    assert (draft.step, draft.serial, draft.options) == (step, serial, options)


def test_a_typed_label_or_country_name_answers_as_its_button(assistant: Assistant) -> None:
    draft = _contact_at("country", assistant)
    typed(draft, assistant.brain, "francja")
    assert draft.values["country"] == "FR"
    typed(draft, assistant.brain, t("pl", "admin.contact_kind.polish-mission").upper())
    assert draft.values["contact_kind"] == "polish-mission"


def test_without_a_role_the_english_role_is_not_asked(assistant: Assistant) -> None:
    draft = _contact_at("role_pl", assistant)
    typed(draft, assistant.brain, "-")
    assert draft.values["role_pl"] is None
    assert draft.step == "date"


def test_sources_are_found_by_words_of_their_title(assistant: Assistant) -> None:
    draft = _contact_at("source", assistant)
    typed(draft, assistant.brain, "gotha")
    offered = [o.value for o in draft.options if isinstance(o.value, str)]
    assert offered
    assert all("gotha" in s for s in offered)
    asked = typed(draft, assistant.brain, "zzzz qqqq")
    assert isinstance(asked, Ask)
    assert asked.problem == t("pl", "admin.problem.no_source", query="zzzz qqqq")
    typed(draft, assistant.brain, "bip-wspolpraca")
    assert (draft.values["source"], draft.step) == ("bip-wspolpraca", "confidence")


def test_a_new_source_must_have_a_web_address_or_none(assistant: Assistant) -> None:
    draft = _contact_at("source", assistant)
    _press(draft, assistant, t("pl", "admin.option.new_source"))
    typed(draft, assistant.brain, "Tytuł")
    typed(draft, assistant.brain, "Wydawca")
    assert draft.step == "source_kind"
    assert t("pl", "kind.finding") not in [o.label for o in draft.options]
    _press(draft, assistant, t("pl", "kind.news"))
    asked = typed(draft, assistant.brain, "kielce.eu/news")
    assert isinstance(asked, Ask)
    assert asked.problem == t("pl", "admin.problem.url")
    typed(draft, assistant.brain, "https://kielce.eu/news")
    typed(draft, assistant.brain, "-")
    preview = _press(draft, assistant, t("pl", "admin.confidence.low"))
    assert isinstance(preview, Preview)
    assert isinstance(preview.edit, ContactEdit)
    assert preview.edit.new_source is not None
    new = preview.edit.new_source
    assert (new.id, new.date, new.kind) == ("tytul", None, "news")
    assert "Wydawca (media)" in " ".join(f.value for f in preview.fields)
    assert preview.edit.after.source == "tytul"


def test_an_area_has_no_date(assistant: Assistant) -> None:
    draft = Draft("en", "add")
    begin(draft, assistant.brain, "fact")
    typed(draft, assistant.brain, "Orange")
    _press(draft, assistant, t("en", "admin.fact_kind.area"))
    assert draft.step == "text_pl"
    typed(draft, assistant.brain, "Kultura.")
    typed(draft, assistant.brain, "Culture.")
    typed(draft, assistant.brain, "bip-wspolpraca")
    preview = _press(draft, assistant, t("en", "admin.confidence.high"))
    assert isinstance(preview, Preview)
    assert isinstance(preview.edit, FactEdit)
    assert (preview.edit.city, preview.edit.after.kind, preview.edit.after.date) == (
        "orange",
        "area",
        None,
    )
    assert "Culture." in plain(preview.shown, details=True)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [pytest.param(None, 900.0, id="default"), pytest.param("120", 120.0, id="set")],
)
def test_the_edit_timeout_setting(value: str | None, seconds: float) -> None:
    env = {} if value is None else {"EDIT_TIMEOUT": value}
    assert Settings.from_env(env).edit_timeout == seconds


@pytest.mark.parametrize("value", [pytest.param("0", id="zero"), pytest.param("soon", id="word")])
def test_a_bad_edit_timeout_is_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="EDIT_TIMEOUT"):
        Settings.from_env({"EDIT_TIMEOUT": value})


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("mode", ["add", "correct"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_edit_reaches_its_preview(
    assistant: Assistant, lang: str, mode: Mode, kind: KindName
) -> None:
    """Each step is asked in the admin's language and has a way on; the preview renders."""
    draft = Draft(lang, mode)
    outcome = begin(draft, assistant.brain, kind)
    typed_answers = {"date": "2024-05", "source_date": "2024", "source_url": "https://x.pl/a"}
    for _ in range(30):
        if not isinstance(outcome, Ask):
            break
        assert outcome.problem is None
        values = [o.value for o in draft.options]
        if draft.step == "text_en":
            outcome = typed(draft, assistant.brain, "A new English text.")
        elif Action.KEEP in values:
            outcome = pressed(draft, assistant.brain, values.index(Action.KEEP))
        elif draft.step == "source":
            outcome = pressed(draft, assistant.brain, values.index(Action.NEW_SOURCE))
        elif any(not isinstance(v, Action) for v in values):
            first = next(i for i, v in enumerate(values) if not isinstance(v, Action))
            outcome = pressed(draft, assistant.brain, first)
        else:
            outcome = typed(draft, assistant.brain, typed_answers.get(draft.step, "Tekst."))
    assert isinstance(outcome, Preview), outcome
    assert "A new English text." in [f.value for f in outcome.fields]
    assert outcome.edit.after.text.en == "A new English text."
    assert (outcome.edit.before is None) == (mode == "add")


def test_a_corrected_population_fact_keeps_its_reference_date(assistant: Assistant) -> None:
    draft = Draft("en", "correct")
    begin(draft, assistant.brain, "fact")
    typed(draft, assistant.brain, "Gotha")
    [population] = [o.label for o in draft.options if "Gotha has 46" in o.label]
    outcome = _press(draft, assistant, population)
    for _ in range(20):
        if isinstance(outcome, Preview):
            break
        if draft.step == "text_en":  # the one change: its English text
            outcome = typed(draft, assistant.brain, "Gotha has 46,019 inhabitants.")
            continue
        keep = [o.value for o in draft.options].index(Action.KEEP)
        outcome = pressed(draft, assistant.brain, keep)
    assert isinstance(outcome, Preview), outcome
    assert isinstance(outcome.edit, FactEdit)
    after = outcome.edit.after
    assert (after.kind, after.topic, after.date) == ("fact", "population", "2022-12-31")
    assert after.text.en == "Gotha has 46,019 inhabitants."

"""The widget in a real browser (headless Chromium driven by Playwright): opened with the
keyboard alone, a question, a follow-up, a suggestion, a vote, privacy before opening, an
answer rendered from its structure (lists, citation marks leading to their sources, details
folded), an axe-core scan for WCAG 2.1 A/AA, and screenshots at phone and desktop sizes.

Needs Debian's ``chromium`` package (``/usr/bin/chromium``; .ci/run installs it): Playwright
cannot download its own browser here. ``WIDGET_SCREENSHOTS=docs/img`` keeps the screenshots
there (for the docs) instead of in the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, Page, async_playwright, expect

from bot.assistant import Assistant
from bot.config import Settings
from bot.grammar import format_date
from bot.registry import RegistryDatabase
from bot.sentences import t
from bot.web.run import serving

CHROMIUM = Path("/usr/bin/chromium")
GOTHA = "Kiedy podpisano umowę z Gothą?"
VAGUE = ["Kielce współpraca zagraniczna", "miasta", "umowy", "współpraca Kielc", "Kielce info"]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.skipif(
    shutil.which(str(CHROMIUM)) is None,
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
)


@pytest.fixture
async def base_url(assistant: Assistant, settings: Settings, tmp_path: Path) -> AsyncIterator[str]:
    web_settings = replace(
        settings, database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}", web_port=0
    )

    def start(settings: Settings) -> tuple[Assistant, RegistryDatabase]:
        database = RegistryDatabase(settings.database_url)
        database.upgrade()
        return assistant, database

    async with serving(web_settings, start=start) as running:
        yield f"http://127.0.0.1:{running.port}"


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        await browser.close()


def _screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("WIDGET_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def _ask(page: Page, question: str) -> None:
    field = page.locator("#kc-input")
    await field.fill(question)
    await field.press("Enter")


async def _wait_answers(page: Page, count: int) -> None:
    await expect(page.locator(".kc-answer")).to_have_count(count, timeout=15_000)


async def test_a_conversation_in_the_browser_by_keyboard(
    browser: Browser, base_url: str, assistant: Assistant
) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    api_calls: list[str] = []
    page.on("request", lambda r: api_calls.append(r.url) if "/api/" in r.url else None)
    await page.goto(base_url + "/")
    await expect(page.locator(".kc-opener")).to_be_visible()
    assert api_calls == [], "no request before the chat is opened"
    assert await page.evaluate("sessionStorage.length") == 0, "nothing stored before opening"

    # Keyboard only: Tab to the chat button, Enter opens it, focus lands in the question field.
    for _ in range(40):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.className") == "kc-opener":
            break
    else:
        pytest.fail("the chat button is not reachable with Tab")
    opener_name = await page.locator(".kc-opener").text_content()
    assert opener_name, "the open button has a name"
    await page.keyboard.press("Enter")
    assert await page.evaluate("document.activeElement.id") == "kc-input"
    await expect(page.locator("[role=log]")).to_be_visible()

    await page.keyboard.type(GOTHA)
    await page.keyboard.press("Enter")
    await _wait_answers(page, 1)
    first = page.locator(".kc-answer").nth(0)
    await expect(first).to_contain_text("1997")
    session = await page.evaluate("sessionStorage.getItem('kielce-chat-session')")
    assert session, "the session is kept after the first answer"
    assert await page.context.cookies() == [], "no cookies"

    # A follow-up is read against the answer before it.
    await _ask(page, "a od kiedy?")
    await _wait_answers(page, 2)
    await expect(page.locator(".kc-answer").nth(1)).to_contain_text("Gotha")

    # A vote, pressed with the keyboard.
    up = first.locator(".kc-vote").first
    await up.focus()
    await page.keyboard.press("Enter")
    await expect(up).to_have_attribute("aria-pressed", "true")
    await expect(first.locator(".kc-thanks")).not_to_be_empty()

    # A "did you mean" and one of its suggestions, pressed with the keyboard.
    vague = next(q for q in VAGUE if assistant.ask(q, "pl").outcome == "suggest")
    await _ask(page, vague)
    await _wait_answers(page, 3)
    suggestion = page.locator(".kc-answer").nth(2).locator(".kc-chip").first
    title = await suggestion.text_content()
    await suggestion.focus()
    await page.keyboard.press("Enter")
    await _wait_answers(page, 4)
    await expect(page.locator(".kc-you").last).to_have_text(f"{t('pl', 'web.ui.you')}: {title}")

    results = await Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, results.generate_report()

    # Escape closes the chat and gives the focus back to its button.
    await page.keyboard.press("Escape")
    await expect(page.locator("#kc-window")).to_be_hidden()
    assert await page.evaluate("document.activeElement.className") == "kc-opener"


async def test_the_chat_on_a_phone_in_english(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    context = await browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",
    )
    page = await context.new_page()
    await page.goto(base_url + "/")
    await page.locator(".kc-opener").click()
    await page.locator(".kc-switch").click()
    await expect(page.locator(".kc-title")).to_have_text(t("en", "web.ui.title"))
    await _ask(page, GOTHA)
    await _wait_answers(page, 1)
    await expect(page.locator(".kc-answer").first).to_contain_text("Germany")
    box = await page.locator("#kc-window").bounding_box()
    assert box is not None
    assert box["width"] == 390, "the window fills a phone's screen"
    for control in await page.locator("#kc-window button, #kc-window input").all():
        if await control.is_visible():
            size = await control.bounding_box()
            assert size is not None
            assert size["width"] >= 44, await control.evaluate("e => e.outerHTML")
            assert size["height"] >= 44, await control.evaluate("e => e.outerHTML")
    animation = await page.evaluate(
        "getComputedStyle(document.querySelector('.kc-status'), '::after').animationName"
    )
    assert animation == "none", "no motion when the person prefers reduced motion"
    # A tap on a citation mark opens the sources at that source.
    await page.locator(".kc-cite").first.tap()
    await expect(page.locator(".kc-sources li").first).to_be_focused()
    results = await Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, results.generate_report()
    await page.screenshot(path=str(_screenshots(tmp_path) / "web-chat-phone.png"))
    await context.close()


async def test_offline_and_errors_are_said_in_words(browser: Browser, base_url: str) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(base_url + "/")
    await page.locator(".kc-opener").click()
    await context.set_offline(True)
    await _ask(page, GOTHA)
    await expect(page.locator(".kc-problem").last).to_have_text(t("pl", "web.ui.offline"))
    await context.set_offline(False)
    await page.route("**/api/v1/ask", lambda route: route.fulfill(status=502, body="bad gateway"))
    await _ask(page, GOTHA)
    await expect(page.locator(".kc-problem").last).to_have_text(t("pl", "web.ui.error"))
    await context.close()


async def test_an_answer_is_rendered_from_its_structure(
    browser: Browser, base_url: str, assistant: Assistant, tmp_path: Path
) -> None:
    answer = assistant.ask(GOTHA, "pl")
    [listed] = [b for b in answer.blocks if b.kind == "list"]
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await page.goto(base_url + "/")
    await page.locator(".kc-opener").click()
    await _ask(page, GOTHA)
    await _wait_answers(page, 1)
    shown = page.locator(".kc-answer").first

    # The direct answer first, as text, its citations as marks rather than "[1]" in the text.
    direct = shown.locator(".kc-direct")
    await expect(direct).to_contain_text(answer.direct[0].text)
    assert "[1]" not in (await direct.inner_text())
    # A list block is a real list.
    items = shown.locator(":scope > ul > li")  # the short part, not the details
    await expect(items).to_have_count(len(listed.items))
    await expect(items.first).to_contain_text(listed.items[0].text)

    await page.screenshot(path=str(_screenshots(tmp_path) / "web-chat-desktop.png"))

    # A citation mark, named "źródło 1", leads by keyboard to source 1 in the opened sources.
    mark = direct.get_by_role("link", name=t("pl", "web.ui.cite", n=1))
    await expect(mark).to_have_count(1)
    await mark.focus()
    await page.keyboard.press("Enter")
    target = (await mark.get_attribute("href") or "").removeprefix("#")
    focused = page.locator(":focus")
    await expect(focused).to_have_attribute("id", target)
    await expect(focused).to_be_visible()
    first_source = answer.sources[0]
    await expect(focused).to_contain_text(first_source.publisher)
    link = focused.get_by_role("link")
    await expect(link).to_have_attribute("href", first_source.url or "")
    await expect(link).to_have_attribute("rel", "noopener noreferrer")
    # Its date written as the bot writes dates ("2022 r."), not by the browser's own rules.
    assert first_source.date, "Gotha's first source is dated"
    time = focused.locator("time")
    await expect(time).to_have_text(format_date(first_source.date, "pl"))
    await expect(time).to_have_attribute("datetime", first_source.date)

    # The details are offered in an expandable element, closed until asked for.
    more = shown.locator("details.kc-more")
    await expect(more).to_have_count(1)
    assert await more.evaluate("e => e.open") is False
    heading = answer.details[1].heading
    assert heading
    await expect(more.get_by_text(heading)).to_be_hidden()
    await more.locator("summary").focus()
    await page.keyboard.press("Enter")
    await expect(more.get_by_text(heading)).to_be_visible()
    await expect(more.locator("li").first).to_be_visible()

    results = await Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, results.generate_report()
    await page.close()

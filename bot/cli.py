"""The command line: the Telegram bot, the console chat, ``ask``, and the kb/db tools.

run_bot.py                      run the Telegram bot (needs TELEGRAM_BOT_TOKEN)
run_bot.py console              chat in the terminal
run_bot.py web                  the web chat and its API (WEB_LISTEN:WEB_PORT, no token needed)
run_bot.py ask [--json] [Q ...] answer questions (or each line of standard input)
run_bot.py eval [FILE ...]      measure answer quality against two baselines
run_bot.py kb validate          check the knowledge folder
run_bot.py db upgrade           apply the database migrations (after every update)
run_bot.py db check             exit 1 unless the database is reachable and up to date
run_bot.py db seed | export     fill the registry from YAML, or export it as YAML and CSV
run_bot.py db reseed [--dry-run] bring a revised seed in, keeping staff edits
run_bot.py db import --from DIR replace the registry with an export's YAML
run_bot.py report [--days N]    an HTML usage report (--out FILE) of the question log
run_bot.py health               exit 0 if the running bot is alive and its database answers
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from .answers import Answer
from .assistant import Assistant, seed_data, start_assistant
from .config import PROJECT_ROOT, Settings
from .conversation import Conversation, Target, target_of
from .conversation.offline import offline_conversation
from .errors import BotError, KnowledgeError, RegistryError
from .evaluation import (
    WRatioBaseline,
    evaluate,
    evaluate_dialogues,
    format_dialogues,
    format_report,
    load_dialogues,
    load_labelled,
)
from .knowledge import load_knowledge
from .languages import LANGUAGES
from .liveness import HEARTBEAT_FILE, Check, check_alive
from .matching import Match, Matcher
from .registry.database import RegistryDatabase
from .registry.export import export_csv, export_yaml
from .registry.files import load_registry_files
from .registry.importing import import_registry
from .registry.reseed import reseed
from .render import as_json, details_text, plain, sources_text
from .required import ABOUT_BOT
from .sentences import t

__all__ = ["main"]

log = logging.getLogger("bot")

NO_TOKEN = """\
TELEGRAM_BOT_TOKEN is not set, so the Telegram bot cannot start.

To get a token: open Telegram, talk to @BotFather, send /newbot and follow its questions; it
replies with a token like 123456789:AA... Then run:

    TELEGRAM_BOT_TOKEN=<your token> python run_bot.py

To try the bot without Telegram, chat with it in the terminal:

    python run_bot.py console
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="run_bot.py",
        description="Kielce international cooperation bot. Without a command: the Telegram bot.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("console", help="chat with the bot in the terminal")
    commands.add_parser("web", help="serve the web chat and its API (no Telegram token needed)")
    ask = commands.add_parser("ask", help="answer questions given or read from standard input")
    ask.add_argument("--lang", choices=LANGUAGES, help="the asker's language (a hint)")
    ask.add_argument("--json", action="store_true", help="one JSON object per line")
    ask.add_argument("questions", nargs="*", metavar="QUESTION")
    evaluate = commands.add_parser(
        "eval", help="measure answer quality on labelled questions, beside two baselines"
    )
    evaluate.add_argument(
        "sets",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="labelled question files (default: eval/questions.yaml)",
    )
    evaluate.add_argument("--no-failures", action="store_true", help="omit the failure list")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    kb = commands.add_parser("kb", help="knowledge base tools")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    kb_commands.add_parser("validate", help="check every knowledge file; exit 1 on errors")
    db = commands.add_parser("db", help="registry database tools")
    db_commands = db.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    db_commands.add_parser("upgrade", help="apply the migrations the database lacks")
    db_commands.add_parser(
        "check", help="exit 0 if the database is reachable and its schema current, else 1"
    )
    db_commands.add_parser("seed", help="make the registry equal to knowledge/registry/*.yaml")
    reseed_ = db_commands.add_parser(
        "reseed", help="bring knowledge/registry/*.yaml in record by record, keeping staff edits"
    )
    reseed_.add_argument(
        "--dry-run", action="store_true", help="only say what would change (writes nothing)"
    )
    import_ = db_commands.add_parser(
        "import", help="replace the registry with an export (the YAML that db export writes)"
    )
    import_.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar="DIR",
        help="the export's yaml folder (or the folder db export --out wrote)",
    )
    export = db_commands.add_parser("export", help="write the registry as YAML and CSV")
    export.add_argument("--out", type=Path, default=Path("export"), help="folder (./export)")
    export.add_argument("--format", choices=("yaml", "csv", "both"), default="both")
    report = commands.add_parser(
        "report", help="write an HTML usage report (with charts) from the question log"
    )
    report.add_argument(
        "--out", type=Path, default=Path("report.html"), help="the HTML file (./report.html)"
    )
    report.add_argument(
        "--days", type=_days, default=30, metavar="N", help="the last N days, today included (30)"
    )
    commands.add_parser(
        "health",
        help="exit 0 if the bot running on this DATA_DIR is alive and its database answers, "
        "else 1 (the container's health check; never calls Telegram)",
    )
    return parser


def _days(value: str) -> int:
    if not value.isdecimal() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"a number of days, 1 or more, not {value!r}")
    return int(value)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        logging.basicConfig(
            level=settings.log_level,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
        if settings.log_level != "DEBUG":
            # Alembic logs each connection it inspects; the registry logs what it migrates.
            logging.getLogger("alembic").setLevel(logging.WARNING)
        if args.command is None:
            return _run_telegram(settings)
        if args.command == "kb":
            return _kb_validate(settings)
        if args.command == "db":
            return _db(settings, args)
        if args.command == "report":
            return _report(settings, args)
        if args.command == "web":
            from .web.run import run_web

            return run_web(settings)
        if args.command == "health":
            return _health(settings)
        assistant, database = start_assistant(settings)
        database.close()
        if args.command == "eval":
            return _eval(assistant, args)
        if args.command == "console":
            return console(assistant, sys.stdin, sys.stdout)
        return _ask(assistant, args)
    except KnowledgeError as exc:
        print("The knowledge base is invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        if args.command == "db" and args.db_command == "import":
            print("Nothing was imported. Fix these and run the import again.", file=sys.stderr)
        else:
            print("Fix these and run: python run_bot.py kb validate", file=sys.stderr)
        return 1
    except BotError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _run_telegram(settings: Settings) -> int:
    if not settings.telegram_token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    from .telegram import run_bot

    return run_bot(settings)


def _kb_validate(settings: Settings) -> int:
    knowledge = load_knowledge(settings.knowledge_dir)
    registry = load_registry_files(knowledge.folder / "registry", knowledge.sources)
    sizes = ", ".join(f"{n} {what}" for what, n in registry.size().items())
    questions = sum(len(q) for e in knowledge.entries.values() for q in e.questions.values())
    print(
        f"OK: {settings.knowledge_dir}: {len(knowledge.entries)} entries, {questions} phrasings, "
        f"{len(knowledge.synonyms)} synonym groups; registry: {sizes}"
    )
    return 0


def _db(settings: Settings, args: argparse.Namespace) -> int:
    database = RegistryDatabase(settings.database_url)
    try:
        if args.db_command == "upgrade":
            before, after = database.upgrade()
            if before == after:
                print(f"The database schema is already at revision {after}; nothing to do.")
            else:
                print(f"Upgraded the database schema from {before or 'nothing'} to {after}.")
            return 0
        if args.db_command == "check":
            print(f"OK: {database.where} is at schema revision {database.check_schema()}")
            return 0
        if args.db_command == "seed":
            knowledge = load_knowledge(settings.knowledge_dir)
            folder = knowledge.folder / "registry"
            counts = database.seed(seed_data(knowledge), who=_who(), note=f"seeded from {folder}")
            print("Seeded: " + _counts(counts))
            return 0
        if args.db_command == "reseed":
            knowledge = load_knowledge(settings.knowledge_dir)
            report = reseed(database, seed_data(knowledge), who=_who(), dry_run=args.dry_run)
            print(("Would reseed: " if args.dry_run else "Reseeded: ") + report.summary())
            for title, names in (
                ("added", report.added),
                ("updated", report.updated),
                ("removed", report.removed),
                ("kept as staff left them, although the seed changed them", report.kept_edits),
            ):
                if names:
                    print(f"  {title}: " + ", ".join(names))
            return 0
        if args.db_command == "import":
            counts = import_registry(database, args.source, who=_who())
            print(f"Imported from {args.source}: " + _counts(counts))
            return 0
        database.ensure_seeded(lambda: seed_data(load_knowledge(settings.knowledge_dir)))
        data = database.load()
        written: list[Path] = []
        if args.format in ("yaml", "both"):
            written += export_yaml(data, args.out / "yaml")
        if args.format in ("csv", "both"):
            written += export_csv(data, args.out / "csv")
        print("Exported:\n" + "\n".join(f"  {p}" for p in written))
        return 0
    finally:
        database.close()


def _report(settings: Settings, args: argparse.Namespace) -> int:
    """Read the question log of the last ``--days`` days and write the HTML report."""
    from sqlalchemy.exc import SQLAlchemyError

    from .insights import read_usage
    from .insights.report import NO_CHARTS, write_report

    knowledge = load_knowledge(settings.knowledge_dir)
    database = RegistryDatabase(settings.database_url)
    try:
        database.check_schema()
        usage = read_usage(database.engine, days=args.days)
    except SQLAlchemyError as exc:
        raise RegistryError(f"cannot read the question log at {database.where}: {exc}") from exc
    finally:
        database.close()
    summary = write_report(usage, knowledge, args.out)
    print(
        f"Wrote {summary.path}: {summary.questions} questions from {usage.first_day} to "
        f"{usage.last_day}, {summary.groups} groups of unanswered questions."
    )
    if not summary.charts:
        print(f"Warning: {NO_CHARTS}", file=sys.stderr)
    return 0


def _health(settings: Settings) -> int:
    """The bot's heartbeat (and its HTTP server's answer), then the database; one line each."""
    checks = check_alive(settings.data_dir / HEARTBEAT_FILE)
    if all(check.ok for check in checks):
        database = RegistryDatabase(settings.database_url, retries=1)
        try:
            revision = database.check_schema()
            checks.append(Check(True, f"{database.where} is at schema revision {revision}"))
        except BotError as exc:
            checks.append(Check(False, str(exc)))
        finally:
            database.close()
    for check in checks:
        print(("OK    " if check.ok else "FAIL  ") + check.line)
    return 0 if all(check.ok for check in checks) else 1


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {what}" for what, n in counts.items())


def _who() -> str:
    """The audit log's name for a change made from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # a container user without a name
        return "cli:unknown"


def _eval(assistant: Assistant, args: argparse.Namespace) -> int:
    """Top-1, recall@3, MRR and false accepts of the engine and of two baselines."""
    brain = assistant.brain
    plain_engine = Matcher(
        brain.knowledge, brain.registry, brain.matcher.lexicon, lemmatise=False, synonyms=False
    )
    systems: dict[str, Callable[[str, str], Match]] = {
        "engine": brain.matcher.match,
        "baseline: rapidfuzz WRatio on raw text, cut-off 80": WRatioBaseline(
            brain.knowledge
        ).match,
        "baseline: engine without lemmatisation and synonyms": plain_engine.match,
    }

    def render(match: Match) -> str:
        # The first message, as the console shows it: the sources list comes on /sources.
        return plain(brain.composer.compose(match), sources=False)

    figures: dict[str, dict[str, object]] = {}
    for path in args.sets or [PROJECT_ROOT / "eval" / "questions.yaml"]:
        items = load_labelled(path)
        for name, match in systems.items():
            # Answer length and the direct-answer rate are the engine's and composer's alone.
            report = evaluate(items, match, render if name == "engine" else None)
            figures[f"{path.name} / {name}"] = report.summary()
            if not args.json:
                failures = name == "engine" and not args.no_failures
                print(format_report(report, f"{path} / {name}", failures=failures) + "\n")
        dialogues = load_dialogues(path)
        if dialogues:
            talk = evaluate_dialogues(dialogues, brain.matcher.match, render)
            figures[f"{path.name} / engine: dialogues"] = talk.summary()
            if not args.json:
                print(format_dialogues(talk, str(path)) + "\n")
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


def _ask(assistant: Assistant, args: argparse.Namespace) -> int:
    questions = args.questions or (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        answer = assistant.ask(question, args.lang)
        if args.json:
            print(json.dumps(as_json(answer, question), ensure_ascii=False), flush=True)
        else:
            print(plain(answer) + "\n", flush=True)
    return 0


def _console_text(answer: Answer) -> str:
    """An answer as the console chat shows it: details and sources on /more and /sources."""
    text = plain(answer, sources=False)
    if answer.details or answer.sources:
        text += "\n\n" + t(answer.lang, "render.more_console")
    return text


# The one person of a console chat (its state lives as long as the console runs).
CONSOLE = "console:local"


def console(assistant: Assistant, stdin: TextIO, stdout: TextIO) -> int:
    """An interactive chat: the same answers as the bot, /help, /lang, /history, /quit."""
    return asyncio.run(_console(offline_conversation(assistant), stdin, stdout))


async def _console(conversation: Conversation, stdin: TextIO, stdout: TextIO) -> int:
    """The console as a thin adapter over the conversation every channel uses (with nothing
    logged, :mod:`bot.conversation.offline`): lines in, plain text out."""
    if stdin.isatty():
        import readline  # noqa: F401 - arrow keys and line history for input()
    lang = conversation.assistant.settings.default_lang
    history: list[str] = []
    interactive = stdin.isatty()
    offered: tuple[Target, ...] = ()  # the suggestions a number picks from
    last: Answer | None = None  # what /more and /sources show more of

    def say(text: str) -> None:
        stdout.write(text + "\n\n")
        stdout.flush()

    async def opened(target: Target, asked: str) -> Answer:
        return (await conversation.open(CONSOLE, target, asked=asked)).answer

    say(t(lang, "console.welcome"))
    while True:
        if interactive:
            try:
                line = await asyncio.to_thread(input, "> ")
            except EOFError:
                break
        else:
            read = await asyncio.to_thread(stdin.readline)
            if not read:
                break
            line = read.rstrip("\n")
        command, _, rest = line.strip().partition(" ")
        if command in ("/quit", "/exit"):
            break
        if command == "/lang" and rest.strip() in LANGUAGES:
            lang = rest.strip()
            say(t(lang, "console.lang"))
        elif command in ("/help", "/start"):
            say(plain(await opened(Target(lang, ABOUT_BOT), command)))
        elif command == "/history":
            say(
                "\n".join(f"{i}. {q}" for i, q in enumerate(history, 1))
                or t(lang, "console.history_empty")
            )
        elif command in ("/more", "/sources"):
            if last is None:
                say(t(lang, "render.no_answer"))
            else:
                say(details_text(last) if command == "/more" else sources_text(last))
        elif command.startswith("/"):
            say(t(lang, "console.unknown_command"))
        elif line.strip().isdigit() and 0 < int(line) <= len(offered):
            last = await opened(offered[int(line) - 1], line.strip())
            say(_console_text(last))
        else:
            history.append(line)
            # Read against the chat's last turn, so that "a od kiedy?" follows up.
            admission = await conversation.admit(CONSOLE)
            answer = (await conversation.ask(CONSOLE, line, hint=lang, admission=admission)).answer
            offered = tuple(target_of(s, answer.lang) for s in answer.suggestions)
            offered = offered if answer.outcome == "suggest" else ()
            last = answer
            say(
                _console_text(answer)
                + (f"\n\n{t(answer.lang, 'console.pick')}" if offered else "")
            )
    say(t(lang, "console.bye"))
    return 0

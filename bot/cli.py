"""The command line: the Telegram bot, the console chat, ``ask``, and the kb/db tools.

    run_bot.py                      run the Telegram bot (needs TELEGRAM_BOT_TOKEN)
    run_bot.py console              chat in the terminal
    run_bot.py ask [--json] [Q ...] answer questions (or each line of standard input)
    run_bot.py kb validate          check the knowledge folder
    run_bot.py db seed | export     fill the registry from YAML, or export it as YAML and CSV
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .answers import Answer
from .assistant import Assistant, seed_data, start_assistant
from .config import Settings
from .errors import BotError, KnowledgeError
from .knowledge import load_knowledge
from .registry.database import Registry
from .registry.export import export_csv, export_yaml
from .registry.files import load_registry_files
from .render import as_json, plain
from .texts import t

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
    ask = commands.add_parser("ask", help="answer questions given or read from standard input")
    ask.add_argument("--lang", choices=("pl", "en"), help="the asker's language (a hint)")
    ask.add_argument("--json", action="store_true", help="one JSON object per line")
    ask.add_argument("questions", nargs="*", metavar="QUESTION")
    kb = commands.add_parser("kb", help="knowledge base tools")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    kb_commands.add_parser("validate", help="check every knowledge file; exit 1 on errors")
    db = commands.add_parser("db", help="registry database tools")
    db_commands = db.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    db_commands.add_parser("seed", help="make the registry equal to knowledge/registry/*.yaml")
    export = db_commands.add_parser("export", help="write the registry as YAML and CSV")
    export.add_argument("--out", type=Path, default=Path("export"), help="folder (./export)")
    export.add_argument("--format", choices=("yaml", "csv", "both"), default="both")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        logging.basicConfig(
            level=settings.log_level,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
        if args.command is None:
            return _run_telegram(settings)
        if args.command == "kb":
            return _kb_validate(settings)
        if args.command == "db":
            return _db(settings, args)
        assistant, registry = start_assistant(settings)
        registry.close()
        if args.command == "console":
            return console(assistant, sys.stdin, sys.stdout)
        return _ask(assistant, args)
    except KnowledgeError as exc:
        print("The knowledge base is invalid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
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
    registry = Registry(settings.database_url)
    try:
        if args.db_command == "seed":
            knowledge = load_knowledge(settings.knowledge_dir)
            counts = registry.seed(seed_data(knowledge))
            print("Seeded: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
            return 0
        registry.ensure_seeded(lambda: seed_data(load_knowledge(settings.knowledge_dir)))
        data = registry.load()
        written: list[Path] = []
        if args.format in ("yaml", "both"):
            written += export_yaml(data, args.out / "yaml")
        if args.format in ("csv", "both"):
            written += export_csv(data, args.out / "csv")
        print("Exported:\n" + "\n".join(f"  {p}" for p in written))
        return 0
    finally:
        registry.close()


def _ask(assistant: Assistant, args: argparse.Namespace) -> int:
    questions = args.questions or (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        answer = assistant.ask(question, args.lang)
        if args.json:
            print(json.dumps(as_json(answer, question), ensure_ascii=False), flush=True)
        else:
            print(plain(answer) + "\n", flush=True)
    return 0


def console(assistant: Assistant, stdin: TextIO, stdout: TextIO) -> int:
    """An interactive chat: the same answers as the bot, /help, /lang, /history, /quit."""
    if stdin.isatty():
        import readline  # noqa: F401 - arrow keys and line history for input()
    lang = assistant.settings.default_lang
    history: list[str] = []
    interactive = stdin.isatty()
    offered: tuple[Answer, ...] = ()  # the suggestions a number picks from

    def say(text: str) -> None:
        stdout.write(text + "\n\n")
        stdout.flush()

    say(t(lang, "console.welcome"))
    while True:
        if interactive:
            try:
                line = input("> ")
            except EOFError:
                break
        else:
            read = stdin.readline()
            if not read:
                break
            line = read.rstrip("\n")
        command, _, rest = line.strip().partition(" ")
        if command in ("/quit", "/exit"):
            break
        if command == "/lang" and rest.strip() in ("pl", "en"):
            lang = rest.strip()
            say(t(lang, "console.lang"))
        elif command in ("/help", "/start"):
            say(plain(assistant.open("about-bot", lang)))
        elif command == "/history":
            say("\n".join(f"{i}. {q}" for i, q in enumerate(history, 1))
                or t(lang, "console.history_empty"))
        elif command.startswith("/"):
            say(t(lang, "console.unknown_command"))
        elif line.strip().isdigit() and 0 < int(line) <= len(offered):
            say(plain(offered[int(line) - 1]))
        else:
            history.append(line)
            answer = assistant.ask(line, lang)
            offered = tuple(
                assistant.open(s.entry, answer.lang, city=s.city, country=s.country)
                for s in answer.suggestions
            ) if answer.outcome == "suggest" else ()
            say(plain(answer))
    say(t(lang, "console.bye"))
    return 0

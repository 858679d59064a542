"""Caches made while the Docker image is built, so that a container answers a second after start.

    python -m bot.warmup SHARED_DIR

Writes into ``CACHE_DIR`` (the image's ``/app/cache``) the lexicon of the knowledge in
``KNOWLEDGE_DIR``, and, when the ``report`` extra is installed, matplotlib's font cache (in
``MPLCONFIGDIR``). ``SHARED_DIR`` is a build cache mount that outlives the build: the lexicon
is named after the words and simplemma version it is made of (see :class:`bot.text.Lexicon`),
so a rebuild after a code change finds it there instead of spending seconds and hundreds of
megabytes on simplemma's dictionaries. Only the lexicon this knowledge needs is copied into the
image; other ones in the mount are left there.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from .config import Settings
from .errors import ConfigError
from .knowledge import load_knowledge
from .text import Lexicon

__all__ = ["main", "warm_up"]


def warm_up(settings: Settings, shared: Path) -> list[Path]:
    """Fill ``settings.cache_dir`` from (or, the first time, into) ``shared``; the files made."""
    if settings.cache_dir is None:
        raise ConfigError("CACHE_DIR is empty: there is no cache to warm up")
    words = load_knowledge(settings.knowledge_dir).words()
    Lexicon.load_or_build(words, shared)
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    made = [Path(shutil.copy2(Lexicon.cache_file(words, shared), settings.cache_dir))]
    if importlib.util.find_spec("matplotlib") is not None:
        # Without it, every `report` as the unprivileged user rebuilds the font list, and warns.
        import matplotlib
        import matplotlib.font_manager  # importing it writes the font list into the cache dir

        made.append(Path(matplotlib.get_cachedir()))
    return made


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    for path in warm_up(Settings.from_env(), Path(args[0])):
        print(f"warm: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

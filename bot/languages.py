"""The bot's languages, and a text written in each of them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Bilingual"]


@dataclass(frozen=True)
class Bilingual:
    """The same text in Polish and English."""

    pl: str
    en: str

    def get(self, lang: str) -> str:
        return self.pl if lang == "pl" else self.en

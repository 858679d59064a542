"""Where a fact comes from: its source, the kind of that source, and how far it can be trusted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args
from urllib.parse import urlsplit

__all__ = ["CONFIDENCES", "SOURCE_KINDS", "Confidence", "Source", "SourceKind"]

Confidence = Literal["high", "medium", "low"]
CONFIDENCES: tuple[Confidence, ...] = ("high", "medium", "low")

# The kind of a source is the reason an answer gives for its confidence (fact base, section 0).
SourceKind = Literal[
    "city",  # Kielce's own publications: BIP, um.kielce.pl, kielce.eu
    "partner-city",  # a partner city's own site (gotha.de, vmr.gov.ua)
    "government",  # a Polish government body (a consulate's page)
    "news",  # a news outlet or radio
    "company",  # a company (Targi Kielce)
    "other-city",  # another city's page about a third city (tarnow.pl about Vinnytsia)
    "encyclopedia",  # an encyclopedia article, for general geographic facts
    "encyclopedia-mirror",  # an old copy or mirror of an encyclopedia
    # Not a source: a finding of the search behind the fact base ("no source shows a Russian
    # partner city") or the approximate map pins. Facts resting on it show no source line.
    "finding",
]
SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)


@dataclass(frozen=True)
class Source:
    """Where a fact comes from; every answer names its sources."""

    id: str
    title: str | None  # as published, in the source's own language; None when not captured
    publisher: str
    url: str | None
    date: str | None
    note: str | None = None
    kind: SourceKind = "city"

    @property
    def label(self) -> str:
        """What names the source in a list: its title, or its publisher where none is known."""
        return self.title or self.publisher

    @property
    def cited(self) -> bool:
        """False for a finding: it is said as such and never listed as a source."""
        return self.kind != "finding"

    @property
    def short(self) -> str:
        """The short mark of a direct answer: the site's domain ("kielce.eu"), or the publisher."""
        if self.url:
            host = urlsplit(self.url if "//" in self.url else f"//{self.url}").hostname or ""
            host = host.removeprefix("www.")
            if host:
                return host
        return self.publisher

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

"""Every sentence the bot says, per language. Nothing user-facing is written anywhere else."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["MONTHS", "TEXTS", "t"]

TEXTS: Mapping[str, Mapping[str, str]] = {
    "pl": {
        # Declines and suggestions
        "decline.empty": "Proszę napisać pytanie, na przykład: „Jakie miasta partnerskie mają Kielce?”.",
        "decline.other-place": (
            "Odpowiadam tylko na pytania o współpracę zagraniczną miasta Kielce, "
            "nie o sprawy innych miast."
        ),
        "decline.other-topic": (
            "To pytanie nie dotyczy współpracy zagranicznej Kielc, więc nie odpowiem na nie, "
            "żeby nie wprowadzić w błąd."
        ),
        "decline.too-vague": "Proszę napisać, czego dotyczy pytanie o Kielce.",
        "decline.low-score": (
            "Nie znam wiarygodnej odpowiedzi na to pytanie i nie chcę zgadywać."
        ),
        "decline.scope": (
            "Mogę odpowiedzieć na pytania o: miasta partnerskie Kielc i umowy partnerskie, "
            "wizyty ambasadorów i konsulów, kontakty z MSZ, Związek Miast Polskich i misje "
            "gospodarcze, źródła informacji i kontakt z biurem. Napisz /help, aby zobaczyć przykłady."
        ),
        "decline.contact": "W innych sprawach: {office}.",
        "suggest.intro": "Nie jestem pewien, o co chodzi. Czy pytasz o:",
        "suggest.pick_city": "O które miasto chodzi? Wybierz jedno z listy:",
        "suggest.pick_country": "O który kraj chodzi? Miasta partnerskie Kielc są w krajach:",
        # Sources and confidence
        "source.one": "Źródło",
        "source.many": "Źródła",
        "source.date": "stan na {date}",
        "source.no_date": "data publikacji nie jest podana",
        "confidence.medium": "pewność średnia: źródło prasowe lub pojedyncze źródło wtórne",
        "confidence.low": "pewność niska: tylko kopia encyklopedii, brak źródła miejskiego",
        "date.unknown": "data nie jest podana w publicznych źródłach",
        "people.as_of": (
            "Osoby i funkcje podaję według źródeł z podanych dat; aktualne dane są na stronie "
            "Urzędu Miasta Kielce."
        ),
        # Registry views
        "status.partnership": "Umowa partnerska",
        "status.friendly": "Umowa o przyjaznej współpracy",
        "status.cooperation": "Współpraca bez umowy partnerskiej",
        "status.unconfirmed": "Wymieniane jako partner tylko w źródłach wtórnych (niepotwierdzone)",
        "status.historical": "Tylko wzmianka historyczna (brak potwierdzenia w aktualnych źródłach)",
        "partners.title": "Miasta partnerskie i współpracujące z Kielcami",
        "partners.intro": "Według źródeł miasto Kielce współpracuje z następującymi miastami:",
        "card.title": "{city} ({country})",
        "card.status": "Status: {status}",
        "card.names": "Nazwy: {names}",
        "card.milestones": "Ważne daty:",
        "card.areas": "Obszary współpracy:",
        "card.facts": "W skrócie:",
        "card.events": "Wydarzenia:",
        "card.no_milestones": "Daty umów: {unknown}.",
        "country.title": "Miasta partnerskie Kielc: {country}",
        "country.none": "Rejestr nie zawiera żadnego miasta partnerskiego ani współpracującego z Kielcami w tym kraju ({country}).",
        "visits.title": "Wizyty dyplomatów i kontakty dyplomatyczne",
        "visits.title_country": "Kontakty dyplomatyczne: {country}",
        "visits.none": "W rejestrze nie ma zapisanych kontaktów dyplomatycznych z tym krajem ({country}).",
        "visits.foreign": "Wizyty przedstawicieli państw obcych w Kielcach:",
        "visits.polish": "Kontakty z polskimi placówkami dyplomatycznymi:",
        "contact.title": "Kontakt w sprawach współpracy zagranicznej",
        "missions.title": "Misje gospodarcze i organizacje samorządowe",
        "missions.organisations": "Organizacje:",
        "missions.missions": "Misje i wyjazdy:",
        "historical.title": "Dawne i niepotwierdzone miasta partnerskie",
        "historical.intro": (
            "Te miasta pojawiają się w źródłach wtórnych lub historycznych, ale nie ma ich "
            "na aktualnej liście miasta:"
        ),
        "events.title": "Wydarzenia partnerskie",
        "sources.title": "Skąd pochodzą informacje",
        "sources.intro": (
            "Każda odpowiedź podaje swoje źródło. Podstawą jest strona BIP „Współpraca "
            "z zagranicą” i sprawdzone źródła miejskie oraz prasowe:"
        ),
        "help.title": "W czym mogę pomóc",
        "help.body": (
            "Odpowiadam na pytania o współpracę zagraniczną miasta Kielce, po polsku i po angielsku. "
            "Każda odpowiedź podaje źródło."
        ),
        "help.examples": "Przykładowe pytania:",
        "help.example_questions": (
            "Jakie miasta partnerskie mają Kielce?|Od kiedy Gotha jest miastem partnerskim?|"
            "Jakie miasta partnerskie są na Węgrzech?|Którzy ambasadorowie odwiedzili Kielce?|"
            "Czym są misje gospodarcze?|Jak skontaktować się z biurem współpracy zagranicznej?"
        ),
        "related": "Zobacz też:",
        # Console
        "console.welcome": (
            "Bot o współpracy zagranicznej Kielc. Zadaj pytanie po polsku lub angielsku. "
            "/help – pomoc, /lang en – English, /history – historia, /quit – koniec."
        ),
        "console.bye": "Do widzenia!",
        "console.lang": "Język odpowiedzi: polski.",
        "console.history_empty": "Historia jest pusta.",
        "console.unknown_command": "Nieznane polecenie. Dostępne: /help, /lang pl|en, /history, /quit.",
    },
    "en": {
        "decline.empty": "Please type a question, for example: “Which are Kielce's partner cities?”",
        "decline.other-place": (
            "I only answer questions about the City of Kielce's international cooperation, "
            "not about other cities' affairs."
        ),
        "decline.other-topic": (
            "That question is not about Kielce's international cooperation, so I won't answer "
            "it rather than risk misleading you."
        ),
        "decline.too-vague": "Please tell me what you would like to know about Kielce.",
        "decline.low-score": "I don't have a reliable answer to that question and won't guess.",
        "decline.scope": (
            "I can answer questions about Kielce's partner cities and partnership agreements, "
            "visits of ambassadors and consuls, contacts with the foreign ministry, the "
            "Association of Polish Cities and economic missions, my sources, and how to contact "
            "the office. Type /help for examples."
        ),
        "decline.contact": "For other matters: {office}.",
        "suggest.intro": "I'm not sure what you mean. Are you asking about:",
        "suggest.pick_city": "Which city do you mean? Pick one:",
        "suggest.pick_country": "Which country do you mean? Kielce's partner cities are in:",
        "source.one": "Source",
        "source.many": "Sources",
        "source.date": "as of {date}",
        "source.no_date": "publication date not given",
        "confidence.medium": "medium confidence: a news report or a single secondary source",
        "confidence.low": "low confidence: only an encyclopedia mirror, no city source",
        "date.unknown": "the date is not given in public sources",
        "people.as_of": (
            "People and their posts are given as of their sources' dates; current details are on "
            "the City of Kielce's website."
        ),
        "status.partnership": "Partnership agreement",
        "status.friendly": "Friendly cooperation agreement",
        "status.cooperation": "Cooperation without a partnership agreement",
        "status.unconfirmed": "Called a partner only by secondary sources (unconfirmed)",
        "status.historical": "Historical mention only (no current source confirms it)",
        "partners.title": "Kielce's partner and cooperating cities",
        "partners.intro": "According to the sources, the City of Kielce cooperates with:",
        "card.title": "{city} ({country})",
        "card.status": "Status: {status}",
        "card.names": "Names: {names}",
        "card.milestones": "Key dates:",
        "card.areas": "Areas of cooperation:",
        "card.facts": "In brief:",
        "card.events": "Events:",
        "card.no_milestones": "Agreement dates: {unknown}.",
        "country.title": "Kielce's partner cities: {country}",
        "country.none": "The registry holds no partner or cooperating city of Kielce in this country ({country}).",
        "visits.title": "Visits of diplomats and diplomatic contacts",
        "visits.title_country": "Diplomatic contacts: {country}",
        "visits.none": "The registry records no diplomatic contacts with this country ({country}).",
        "visits.foreign": "Visits of foreign representatives to Kielce:",
        "visits.polish": "Contacts with Polish diplomatic missions:",
        "contact.title": "Contact for international cooperation",
        "missions.title": "Economic missions and local-government organisations",
        "missions.organisations": "Organisations:",
        "missions.missions": "Missions and trips:",
        "historical.title": "Former and unconfirmed partner cities",
        "historical.intro": (
            "These cities appear in secondary or historical sources but are not on the city's "
            "current list:"
        ),
        "events.title": "Partnership events",
        "sources.title": "Where the information comes from",
        "sources.intro": (
            "Every answer names its source. The basis is the BIP page “Współpraca z zagranicą” "
            "(Foreign cooperation) and checked city and press sources:"
        ),
        "help.title": "How I can help",
        "help.body": (
            "I answer questions about the City of Kielce's international cooperation, in Polish "
            "and English. Every answer names its source."
        ),
        "help.examples": "Example questions:",
        "help.example_questions": (
            "Which are Kielce's partner cities?|Since when is Gotha a partner city?|"
            "Which partner cities are in Hungary?|Which ambassadors have visited Kielce?|"
            "What are economic missions?|How do I contact the international cooperation office?"
        ),
        "related": "See also:",
        "console.welcome": (
            "Kielce international cooperation bot. Ask in Polish or English. "
            "/help – help, /lang pl – polski, /history – history, /quit – exit."
        ),
        "console.bye": "Goodbye!",
        "console.lang": "Answer language: English.",
        "console.history_empty": "The history is empty.",
        "console.unknown_command": "Unknown command. Available: /help, /lang pl|en, /history, /quit.",
    },
}

MONTHS: Mapping[str, tuple[str, ...]] = {
    # Genitive for "30 kwietnia 1997", nominative for "kwiecień 1997".
    "pl": (
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
        "listopada grudnia"
    ).split(),
    "pl_nominative": (
        "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik "
        "listopad grudzień"
    ).split(),
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
}


def t(lang: str, key: str, **values: str) -> str:
    """The sentence ``key`` in ``lang`` (Polish unless English), with ``values`` filled in."""
    text = TEXTS["en" if lang == "en" else "pl"][key]
    return text.format(**values) if values else text

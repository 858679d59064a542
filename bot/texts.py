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
        "card.since": "pierwsza data w źródłach: {date}",
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
        # Telegram
        "tg.start": (
            "Dzień dobry! Odpowiadam na pytania o współpracę zagraniczną miasta Kielce: miasta "
            "partnerskie, umowy partnerskie, wizyty dyplomatów, misje gospodarcze i kontakt "
            "z biurem. Pytaj własnymi słowami, po polsku lub angielsku, albo wybierz przykład "
            "poniżej. Polecenia: /help."
        ),
        "tg.commands": "Polecenia:",
        "tg.cmd.start": "Powitanie i przykładowe pytania",
        "tg.cmd.help": "Co potrafię i jak pytać",
        "tg.cmd.partners": "Miasta partnerskie Kielc",
        "tg.cmd.city": "Karta miasta partnerskiego, np. /city Gotha",
        "tg.cmd.country": "Miasta partnerskie w kraju, np. /country Niemcy",
        "tg.cmd.visits": "Wizyty dyplomatów w Kielcach",
        "tg.cmd.missions": "Misje gospodarcze i organizacje",
        "tg.cmd.contact": "Kontakt z biurem",
        "tg.cmd.sources": "Skąd pochodzą informacje",
        "tg.cmd.language": "Język odpowiedzi: polski lub angielski",
        "tg.text_only": (
            "Odpowiadam tylko na pytania zadane tekstem, na przykład: „Jakie miasta partnerskie "
            "mają Kielce?”."
        ),
        "tg.unknown_command": (
            "Nie znam tego polecenia. Napisz /help, aby zobaczyć polecenia, albo zadaj pytanie "
            "własnymi słowami."
        ),
        "tg.expired": "Ten przycisk jest już nieaktualny. Proszę zadać pytanie jeszcze raz.",
        "tg.feedback.thanks": "Dziękuję za ocenę!",
        "tg.flood": (
            "Dostaję zbyt wiele wiadomości naraz, więc przez około {seconds} s nie będę "
            "odpowiadać. Potem chętnie odpowiem na kolejne pytania."
        ),
        "tg.error": "Przepraszam, coś poszło nie tak po mojej stronie. Proszę spróbować za chwilę.",
        "tg.language.choose": "Wybierz język odpowiedzi:",
        "tg.language.set": "Dobrze, będę odpowiadać po polsku.",
        "tg.language.name": "Polski",
        "tg.inline.open": "Zapytaj bota",
        "tg.inline.truncated": "Pełna odpowiedź jest dłuższa: zapytaj bota w prywatnej rozmowie.",
        # Console
        "console.welcome": (
            "Bot o współpracy zagranicznej Kielc. Zadaj pytanie po polsku lub angielsku. "
            "/help – pomoc, /lang en – English, /history – historia, /quit – koniec."
        ),
        "console.bye": "Do widzenia!",
        "console.pick": "Wpisz numer, aby wybrać.",
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
        "card.since": "earliest date in the sources: {date}",
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
        "tg.start": (
            "Hello! I answer questions about the City of Kielce's international cooperation: "
            "partner cities, partnership agreements, visits of diplomats, economic missions and "
            "how to contact the office. Ask in your own words, in English or Polish, or pick an "
            "example below. Commands: /help."
        ),
        "tg.commands": "Commands:",
        "tg.cmd.start": "Greeting and example questions",
        "tg.cmd.help": "What I can answer and how to ask",
        "tg.cmd.partners": "Kielce's partner cities",
        "tg.cmd.city": "A partner city's card, e.g. /city Gotha",
        "tg.cmd.country": "Partner cities in a country, e.g. /country Germany",
        "tg.cmd.visits": "Visits of diplomats to Kielce",
        "tg.cmd.missions": "Economic missions and organisations",
        "tg.cmd.contact": "How to contact the office",
        "tg.cmd.sources": "Where the information comes from",
        "tg.cmd.language": "Answer language: Polish or English",
        "tg.text_only": (
            "I only answer questions typed as text, for example: “Which are Kielce's partner "
            "cities?”"
        ),
        "tg.unknown_command": (
            "I don't know that command. Type /help to see the commands, or ask a question in "
            "your own words."
        ),
        "tg.expired": "This button has expired. Please ask your question again.",
        "tg.feedback.thanks": "Thank you for your feedback!",
        "tg.flood": (
            "I'm getting too many messages at once, so I'll pause for about {seconds} s. After "
            "that I'll gladly answer more questions."
        ),
        "tg.error": "Sorry, something went wrong on my side. Please try again in a moment.",
        "tg.language.choose": "Choose the answer language:",
        "tg.language.set": "All right, I'll answer in English.",
        "tg.language.name": "English",
        "tg.inline.open": "Ask the bot",
        "tg.inline.truncated": "The full answer is longer: ask the bot in a private chat.",
        "console.welcome": (
            "Kielce international cooperation bot. Ask in Polish or English. "
            "/help – help, /lang pl – polski, /history – history, /quit – exit."
        ),
        "console.bye": "Goodbye!",
        "console.pick": "Type a number to choose.",
        "console.lang": "Answer language: English.",
        "console.history_empty": "The history is empty.",
        "console.unknown_command": "Unknown command. Available: /help, /lang pl|en, /history, /quit.",
    },
}

MONTHS: Mapping[str, list[str]] = {
    # Genitive for "30 kwietnia 1997", nominative for "kwiecień 1997".
    "pl": [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
    "pl_nominative": [
        "styczeń",
        "luty",
        "marzec",
        "kwiecień",
        "maj",
        "czerwiec",
        "lipiec",
        "sierpień",
        "wrzesień",
        "październik",
        "listopad",
        "grudzień",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def t(lang: str, key: str, **values: str) -> str:
    """The sentence ``key`` in ``lang`` (Polish unless English), with ``values`` filled in."""
    text = TEXTS["en" if lang == "en" else "pl"][key]
    return text.format(**values) if values else text

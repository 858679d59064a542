"""Every sentence the bot says, per language. Nothing user-facing is written anywhere else."""

from __future__ import annotations

from collections.abc import Mapping

from .languages import supported

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
        # Answers (engineer "answer"): suggestions, direct answers, cards, notes ----------------
        # "Czy pytasz o:" would need every option in the accusative: the options are offered
        # as answers to pick instead.
        "suggest.intro": "Nie jestem pewien, o co chodzi. Wybierz jedną z odpowiedzi:",
        "suggest.pick_city": "O które miasto chodzi? Wybierz jedno z listy:",
        "suggest.pick_country": "O który kraj chodzi? Miasta partnerskie Kielc są w krajach:",
        "date.unknown": "data nie jest podana w publicznych źródłach",
        "people.as_of": (
            "Osoby i funkcje podaję według źródeł z podanych dat; aktualne dane są na stronie "
            "Urzędu Miasta Kielce."
        ),
        "answer.yes": "Tak.",
        "answer.no": "Nie.",
        "unanswerable.intro": "Źródła, na których się opieram, tego nie podają. Podają natomiast:",
        "place.not_partner": (
            "Nie. {place} nie jest miastem partnerskim Kielc: tej nazwy nie ma na liście miasta "
            "ani w innych źródłach."
        ),
        # Confidence, said once, with the reason taken from the kind of source.
        "note.encyclopedia-mirror": (
            "Podaje to tylko kopia encyklopedii ({sources}); miasto tego nie potwierdza."
        ),
        "note.encyclopedia-mirror.year": (
            "Rok {year} podaje tylko kopia encyklopedii ({sources}); miasto go nie potwierdza."
        ),
        "note.news": "Podają to media ({sources}), nie strony miasta.",
        "note.news.year": "Rok {year} podają media ({sources}), nie strony miasta.",
        "note.company": "Podaje to firma ({sources}), nie miasto.",
        "note.company.year": "Rok {year} podaje firma ({sources}), nie miasto.",
        "note.other-city": "Podaje to strona innego miasta ({sources}).",
        "note.other-city.year": "Rok {year} podaje strona innego miasta ({sources}).",
        "note.encyclopedia": "Dane ogólne o mieście pochodzą z encyklopedii ({sources}).",
        "note.encyclopedia.year": "Dane ogólne o mieście pochodzą z encyklopedii ({sources}).",
        # Cities: "about" opens a card, "is" answers "is X a partner?" (yes/no first).
        "city.about.partnership": "{name} ({country}) to miasto partnerskie Kielc.",
        "city.about.friendly": "Kielce mają z {ins} ({country}) umowę o przyjaznej współpracy.",
        "city.about.cooperation": "Kielce współpracują z {ins} ({country}) bez umowy partnerskiej.",
        "city.about.unconfirmed": (
            "{gen} ({country}) nie ma na liście miast partnerskich na stronie Kielc; partnerem "
            "nazywają to miasto tylko inne źródła."
        ),
        "city.about.historical": "{name} ({country}) nie jest dziś miastem partnerskim Kielc.",
        "city.is.partnership": "Tak. {name} ({country}) to miasto partnerskie Kielc.",
        "city.is.friendly": (
            "Tak, ale na zasadzie przyjaznej współpracy: Kielce mają z {ins} ({country}) umowę "
            "o przyjaznej współpracy, nie umowę partnerską."
        ),
        "city.is.cooperation": (
            "Nie w sensie umowy: Kielce współpracują z {ins} ({country}) bez umowy partnerskiej."
        ),
        "city.is.unconfirmed": (
            "Nie jest to potwierdzone. {gen} ({country}) nie ma na liście miast partnerskich na "
            "stronie Kielc; partnerem nazywają to miasto tylko inne źródła."
        ),
        "city.is.historical": "Nie. {name} ({country}) nie jest dziś miastem partnerskim Kielc.",
        "city.no_dates": "Źródła nie podają dat współpracy z {ins}.",
        "city.no_areas": "Źródła nie podają, czego dotyczy współpraca z {ins}.",
        "city.no_population": "Źródła, na których się opieram, nie podają liczby mieszkańców {gen}.",
        "city.no_location": "Źródła, na których się opieram, nie opisują położenia {gen}.",
        "city.no_known_for": "Źródła, na których się opieram, nie opisują historii {gen}.",
        "city.no_events": "Źródła nie opisują wydarzeń z udziałem {gen}.",
        "city.no_events_year": "Źródła nie opisują wydarzeń z udziałem {gen} w {year} r.",
        "card.title": "{city} ({country})",
        "card.since": "od {date}",
        "card.names": "Nazwy: {names}.",
        "card.milestones": "Ważne daty",
        "card.areas": "Obszary współpracy",
        "card.facts": "W skrócie",
        "card.events": "Wydarzenia",
        # Counts: "one|few|many" forms of the noun after a number.
        "count.partner_cities": "miasto partnerskie|miasta partnerskie|miast partnerskich",
        "count.cities": "miasto|miasta|miast",
        "count.events": "wydarzenie partnerskie|wydarzenia partnerskie|wydarzeń partnerskich",
        "count.sources": "publiczne źródło|publiczne źródła|publicznych źródeł",
        "count.agreements": (
            "Kielce mają {partners} z umową partnerską: {partner_names}, oraz {friendly} "
            "z umową o przyjaznej współpracy: {friendly_names}."
        ),
        "count.cooperation": "Bez umowy partnerskiej Kielce współpracują też z {names}.",
        "count.not_partners": (
            "Nie są miastami partnerskimi Kielc: {names} (wymieniają je tylko źródła wtórne "
            "lub dawne)."
        ),
        "status.partnership": "Umowa partnerska",
        "status.friendly": "Umowa o przyjaznej współpracy",
        "status.cooperation": "Współpraca bez umowy partnerskiej",
        "status.unconfirmed": "Wymieniane jako partner tylko w źródłach wtórnych (niepotwierdzone)",
        "status.historical": "Tylko wzmianka historyczna (brak potwierdzenia w aktualnych źródłach)",
        "partners.title": "Miasta partnerskie i współpracujące z Kielcami",
        # Countries: {where} is "W Niemczech", "Na Węgrzech" (the registry keeps the form).
        "country.title": "Miasta partnerskie Kielc: {country}",
        "country.none": "{where} Kielce nie mają dziś miasta partnerskiego ani współpracującego.",
        "country.partnership": "{where} Kielce mają umowę partnerską z {names}.",
        "country.friendly": "{where} Kielce mają umowę o przyjaznej współpracy z {names}.",
        "country.cooperation": "{where} Kielce współpracują bez umowy partnerskiej z {names}.",
        "country.city_unconfirmed": (
            "{gen} nie ma na liście miast partnerskich na stronie Kielc; partnerem nazywają to "
            "miasto tylko inne źródła."
        ),
        "country.city_historical": "{gen} nie ma dziś wśród miast partnerskich Kielc.",
        "historical.title": "Dawne i niepotwierdzone miasta partnerskie",
        "historical.direct": (
            "Nie są miastami partnerskimi Kielc, choć pojawiają się w źródłach wtórnych lub "
            "dawnych: {names}. Żadnego z nich nie ma na aktualnej liście miasta."
        ),
        "events.title": "Wydarzenia partnerskie",
        "events.direct": "Źródła opisują {events}; ostatnie z nich:",
        "events.none_year": (
            "Źródła nie opisują wydarzeń partnerskich z {year} r. Opisują wydarzenia z lat: "
            "{years}."
        ),
        "visits.title": "Wizyty dyplomatów i kontakty dyplomatyczne",
        "visits.title_country": "Kontakty dyplomatyczne: {country}",
        "visits.intro": "Źródła opisują takie kontakty dyplomatyczne Kielc:",
        "visits.direct": "Kielce odwiedzili m.in.: {people}.",
        "visits.direct_country": "Kontakty dyplomatyczne dotyczące {gen} opisane w źródłach: {people}.",
        "visits.none": "Źródła nie opisują kontaktów dyplomatycznych Kielc dotyczących {gen}.",
        "visits.foreign": "Wizyty przedstawicieli państw obcych w Kielcach",
        "visits.polish": "Kontakty z polskimi placówkami dyplomatycznymi",
        "contact.title": "Kontakt w sprawach współpracy zagranicznej",
        "contact.sheet": "Dane kontaktowe",
        "contact.no_office_email": (
            "Strona miasta nie podaje osobnego adresu e-mail biura współpracy zagranicznej; "
            "podaje adres Centrum Obsługi Inwestora."
        ),
        "missions.title": "Misje gospodarcze i organizacje samorządowe",
        "missions.organisations": "Organizacje",
        "missions.missions": "Misje i wyjazdy",
        "sources.title": "Skąd pochodzą informacje",
        "sources.direct": (
            "Podstawą odpowiedzi jest strona BIP „Współpraca z zagranicą” Urzędu Miasta Kielce."
        ),
        "sources.count": "Łącznie korzystam z {sources}; pełna lista jest w szczegółach.",
        "help.title": "W czym mogę pomóc",
        "help.body": (
            "Odpowiadam na pytania o współpracę zagraniczną miasta Kielce, po polsku i po angielsku. "
            "Każda odpowiedź podaje źródło."
        ),
        "help.examples": "Przykładowe pytania",
        "help.example_questions": (
            "Jakie miasta partnerskie mają Kielce?|Od kiedy Gotha jest miastem partnerskim?|"
            "Jakie miasta partnerskie są na Węgrzech?|Którzy ambasadorowie odwiedzili Kielce?|"
            "Czym są misje gospodarcze?|Jak skontaktować się z biurem współpracy zagranicznej?"
        ),
        "related": "Zobacz też:",
        # Small talk: short, friendly, never a decline; rudeness is answered calmly.
        "smalltalk.greeting": (
            "Dzień dobry! Chętnie odpowiem na pytania o współpracę zagraniczną Kielc, "
            "np. „Jakie miasta partnerskie mają Kielce?”."
        ),
        "smalltalk.thanks": "Proszę bardzo! Jeśli coś jeszcze, pytaj śmiało.",
        "smalltalk.goodbye": "Do widzenia! Zapraszam z kolejnymi pytaniami.",
        "smalltalk.identity": (
            "Jestem botem, który odpowiada na pytania o współpracę zagraniczną miasta Kielce – "
            "na podstawie publicznych źródeł, zawsze z ich podaniem."
        ),
        "smalltalk.capabilities": (
            "Powiem, jakie miasta partnerskie mają Kielce, od kiedy i czego dotyczy współpraca, "
            "kto odwiedził miasto, jak skontaktować się z biurem i skąd to wiadomo. Napisz /help, "
            "aby zobaczyć przykłady."
        ),
        "smalltalk.help": (
            "Zadaj pytanie własnymi słowami, np. „Od kiedy Gotha jest miastem partnerskim?” albo "
            "„Jaki jest telefon do biura?”. Napisz /help, aby zobaczyć więcej przykładów."
        ),
        "smalltalk.apology": "Nic się nie stało. W czym mogę pomóc?",
        "smalltalk.rudeness": (
            "Rozumiem, że coś nie zadziałało. Spróbuję pomóc – o co chodzi w sprawie współpracy "
            "zagranicznej Kielc?"
        ),
        # Rendering
        "render.sources": "Źródła",
        "render.details": "Szczegóły",
        "render.more_console": "Więcej: /more · źródła: /sources",
        "render.no_details": "Nie mam tu nic więcej do dodania.",
        "render.no_sources": "Ta odpowiedź nie opiera się na żadnym źródle.",
        "render.no_answer": "Najpierw zadaj pytanie.",
        "render.undated": "bez daty",
        # What kind of source it is, in the reader's language (titles stay as published).
        "kind.city": "strona miasta Kielce",
        "kind.partner-city": "strona miasta partnerskiego",
        "kind.government": "urząd państwowy",
        "kind.news": "media",
        "kind.company": "firma",
        "kind.other-city": "strona innego miasta",
        "kind.encyclopedia": "encyklopedia",
        "kind.encyclopedia-mirror": "kopia encyklopedii",
        "kind.finding": "ustalenie",
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
        "tg.language.set": "Dobrze, odtąd odpowiadam po polsku, także na pytania w innym języku.",
        "tg.language.name": "Polski",
        "tg.inline.open": "Zapytaj bota",
        "tg.inline.truncated": "Pełna odpowiedź jest dłuższa: zapytaj bota w prywatnej rozmowie.",
        "tg.language.not_saved": (
            "Nie udało się teraz zapisać wyboru języka. Proszę spróbować za chwilę."
        ),
        "tg.feedback.not_saved": "Nie udało się teraz zapisać oceny. Proszę spróbować za chwilę.",
        "tg.feedback.not_yours": "Tę odpowiedź może ocenić tylko osoba, która o nią pytała.",
        # Telegram: names nobody knows, the answer's buttons, inline mode (issue 10).
        "tg.unknown.city": "Nie znajduję „{name}” wśród miast partnerskich Kielc.",
        "tg.unknown.country": "Nie znajduję „{name}” wśród krajów miast partnerskich Kielc.",
        "tg.unknown.link": "Ten link prowadzi do czegoś, czego nie znam („{name}”).",
        "tg.inline.nothing": "Nic nie znalazłem – zapytaj bota",
        "tg.view.short": "Krótko",
        "tg.view.more": "Więcej",
        "tg.view.sources": "Źródła",
        "tg.map": "📍 Na mapie",
        # /stats (staff only)
        "tg.stats.unavailable": (
            "Statystyki są teraz niedostępne: baza danych nie odpowiada. Proszę spróbować za chwilę."
        ),
        "tg.stats.title": "Statystyki z {days} dni ({first} – {last}, dni UTC)",
        "tg.stats.total": "Pytania: {questions}, osoby: {people}.",
        "tg.stats.channels": "Kanały: {channels}.",
        "tg.stats.channel.telegram": "Telegram",
        "tg.stats.channel.web": "czat na stronie",
        "tg.stats.channel.console": "konsola",
        "tg.stats.channel.unknown": "bez kanału (starsze wpisy)",
        "tg.stats.per_day": "Pytania dziennie:",
        "tg.stats.top": "Najczęstsze odpowiedzi:",
        "tg.stats.unanswered": "Najczęstsze pytania bez odpowiedzi:",
        "tg.stats.none": "brak",
        "tg.stats.feedback": "Oceny: 👍 {up}, 👎 {down} ({share} pozytywnych).",
        "tg.stats.no_feedback": "Oceny: jeszcze brak.",
        "tg.stats.log": (
            "Dziennik pytań: {pending} czeka na zapis w tej kopii bota, {dropped} utraconych "
            "podczas awarii bazy danych."
        ),
        # Staff: editing the registry, /export, /reload (admins only)
        "admin.refused": "To polecenie jest tylko dla pracowników biura współpracy zagranicznej.",
        "admin.private_only": "Polecenia dla pracowników działają tylko w prywatnej rozmowie z botem.",
        "admin.help": "Polecenia dla pracowników biura:",
        "admin.cmd.add": "Dodaj kontakt dyplomatyczny, misję gospodarczą lub fakt o mieście",
        "admin.cmd.correct": "Popraw kontakt dyplomatyczny, misję lub fakt o mieście",
        "admin.cmd.cancel": "Przerwij edycję bez zapisywania",
        "admin.cmd.export": "Rejestr jako plik ZIP (YAML i CSV)",
        "admin.cmd.reload": "Wczytaj ponownie bazę wiedzy i rejestr",
        "admin.cmd.stats": "Statystyki pytań i odpowiedzi",
        "admin.cmd.admin": "Ta lista",
        "admin.replaced": "Poprzednia, niedokończona edycja została przerwana; nic z niej nie zapisano.",
        "admin.cancelled": "Anulowano. Nic nie zostało zapisane.",
        "admin.nothing_to_cancel": "Nie trwa żadna edycja, więc nie ma czego anulować.",
        "admin.unchanged": "Nic nie zmieniono, więc nie ma czego zapisać. Edycja zakończona.",
        "admin.timeout": (
            "Edycja została przerwana, bo przez {minutes} min nie było odpowiedzi. Nic nie zostało "
            "zapisane; można zacząć od nowa: /add lub /correct."
        ),
        "admin.save.done": (
            "Zapisano. Bot odpowiada już z tą zmianą, a zmiana jest w dzienniku zmian."
        ),
        "admin.save.failed": (
            "NIC NIE ZOSTAŁO ZAPISANE: baza danych nie przyjęła zmiany, a bot odpowiada tak jak "
            "wcześniej. Można spróbować ponownie przyciskiem „Zatwierdź” albo anulować."
        ),
        "admin.save.conflict": (
            "Nic nie zostało zapisane: w międzyczasie ten wpis zmienił się w rejestrze (inna "
            "edycja, import lub wczytanie plików). Proszę zacząć od nowa: /correct lub /add."
        ),
        "admin.save.not_reloaded": (
            "Zapisano w bazie danych, ale bot nie mógł jej teraz odczytać, więc odpowiedzi pokażą "
            "zmianę dopiero po /reload."
        ),
        "admin.draft.unavailable": (
            "Baza danych teraz nie odpowiada, więc nie mogę odczytać ani zapisać edycji. Nic się "
            "nie zmieniło; proszę wysłać to ponownie za chwilę."
        ),
        "admin.draft.unchecked": (
            "Baza danych teraz nie odpowiada, więc nie da się sprawdzić, czy trwa edycja: na tę "
            "wiadomość odpowiadam jak na pytanie, a edycja się nie zmieniła. Jeśli to była "
            "odpowiedź w edycji, proszę wysłać ją ponownie za chwilę."
        ),
        "admin.title.add": "Dodawanie do rejestru",
        "admin.title.correct": "Poprawianie rejestru",
        "admin.title.add.contact": "Nowy kontakt dyplomatyczny",
        "admin.title.add.mission": "Nowa misja gospodarcza",
        "admin.title.add.fact": "Nowy fakt o mieście partnerskim",
        "admin.title.correct.contact": "Poprawka kontaktu dyplomatycznego",
        "admin.title.correct.mission": "Poprawka misji gospodarczej",
        "admin.title.correct.fact": "Poprawka faktu o mieście partnerskim",
        "admin.kind.contact": "Kontakt dyplomatyczny",
        "admin.kind.mission": "Misja gospodarcza",
        "admin.kind.fact": "Fakt o mieście partnerskim",
        "admin.contact_kind.foreign-visit": "Wizyta przedstawiciela państwa obcego",
        "admin.contact_kind.polish-mission": "Kontakt z polską placówką",
        "admin.fact_kind.milestone": "Ważna data",
        "admin.fact_kind.area": "Obszar współpracy",
        "admin.fact_kind.fact": "Fakt",
        "admin.confidence.high": "wysoka",
        "admin.confidence.medium": "średnia",
        "admin.confidence.low": "niska",
        "admin.ask.kind": "Wybierz rodzaj wpisu:",
        "admin.ask.city": "Którego miasta partnerskiego to dotyczy? Wybierz przycisk albo wpisz nazwę.",
        "admin.ask.record": "Który wpis poprawić?",
        "admin.ask.country": (
            "Z jakim krajem wiąże się kontakt? Wybierz przycisk albo wpisz nazwę lub kod kraju "
            "(np. FR)."
        ),
        "admin.ask.contact_kind": "Jaki to kontakt?",
        "admin.ask.person": "Kto to był (imię i nazwisko, tak jak podaje źródło)?",
        "admin.ask.role_pl": "Funkcja tej osoby lub nazwa placówki, po polsku (np. „Ambasador Francji”):",
        "admin.ask.role_en": "Ta sama funkcja po angielsku (np. „Ambassador of France”):",
        "admin.ask.date": "Data: RRRR, RRRR-MM albo RRRR-MM-DD (np. 2024-05-17).",
        "admin.ask.text_pl": "Treść po polsku, w jednym lub kilku zdaniach, tak jak ma ją pokazać bot:",
        "admin.ask.text_en": "Ta sama treść po angielsku:",
        "admin.ask.organiser": "Kto zorganizował misję?",
        "admin.ask.fact_kind": "Co to za informacja?",
        "admin.ask.source": (
            "Skąd pochodzi ta informacja? Wybierz źródło przyciskiem, wpisz słowa z jego tytułu, "
            "aby wyszukać, albo dodaj nowe źródło."
        ),
        "admin.ask.source_title": "Nowe źródło – tytuł (np. tytuł artykułu lub strony):",
        "admin.ask.source_publisher": "Wydawca (np. „Miasto Kielce (kielce.eu)”):",
        "admin.ask.source_kind": "Jakie to źródło?",
        "admin.ask.source_url": "Adres strony (https://…):",
        "admin.ask.source_date": "Data publikacji: RRRR, RRRR-MM albo RRRR-MM-DD.",
        "admin.ask.confidence": (
            "Jak pewne jest to źródło? Wysoka: strona miasta lub dokument; średnia: prasa lub "
            "jedno źródło wtórne; niska: tylko kopia encyklopedii."
        ),
        "admin.option.keep": "✔ Bez zmian",
        "admin.option.cancel": "✖ Anuluj",
        "admin.option.confirm": "✅ Zatwierdź",
        "admin.option.no_country": "Bez kraju",
        "admin.option.no_organiser": "Brak / kilku organizatorów",
        "admin.option.new_source": "➕ Nowe źródło",
        "admin.option.no_person": "Bez nazwiska",
        "admin.option.no_role_pl": "Bez funkcji",
        "admin.option.no_source_url": "Brak adresu",
        "admin.option.no_date": "Data nieznana",
        "admin.now": "Teraz: {value}",
        "admin.was": "było: {value}",
        "admin.none": "brak",
        "admin.hint.keep": "Wpisz „-” albo naciśnij „Bez zmian”, aby zostawić obecną wartość.",
        "admin.hint.none": "Wpisz „-”, jeśli źródło tego nie podaje.",
        "admin.problem.dash": "Tego nie można pominąć. Proszę wpisać wartość.",
        "admin.problem.url": (
            "Adres musi zaczynać się od https:// (lub http://) i nie może zawierać spacji. Jeśli "
            "źródło nie ma adresu, wpisz „-”."
        ),
        "admin.problem.too_long": "To za długie: {length} znaków, a można najwyżej {limit}. Proszę skrócić.",
        "admin.problem.empty": "Proszę wpisać tekst.",
        "admin.problem.date": (
            "Nie rozumiem tej daty. Proszę wpisać RRRR, RRRR-MM albo RRRR-MM-DD, np. 2024-05-17; "
            "jeśli data nie jest znana, naciśnij „Data nieznana”."
        ),
        "admin.problem.country": (
            "Nie znam tego kraju. Proszę wybrać przycisk albo wpisać nazwę lub kod kraju, np. FR."
        ),
        "admin.problem.city": "Nie ma takiego miasta partnerskiego w rejestrze. Proszę wybrać przycisk.",
        "admin.problem.no_source": (
            "Żadne źródło nie pasuje do „{query}”. Spróbuj innych słów albo dodaj nowe źródło."
        ),
        "admin.problem.buttons": "Proszę wybrać odpowiedź przyciskiem.",
        "admin.problem.preview": "Proszę nacisnąć „Zatwierdź”, aby zapisać, albo „Anuluj”.",
        "admin.field.city": "Miasto",
        "admin.field.country": "Kraj",
        "admin.field.contact_kind": "Rodzaj",
        "admin.field.person": "Osoba",
        "admin.field.role_pl": "Funkcja (pl)",
        "admin.field.role_en": "Funkcja (en)",
        "admin.field.date": "Data",
        "admin.field.text_pl": "Treść (pl)",
        "admin.field.text_en": "Treść (en)",
        "admin.field.organiser": "Organizator",
        "admin.field.fact_kind": "Rodzaj",
        "admin.field.source": "Źródło",
        "admin.field.confidence": "Pewność",
        "admin.preview.title": "Podgląd – {what}",
        "admin.preview.new_source": (
            "nowe źródło „{title}” – {publisher} ({kind}), {url}, {date} (id: {id})"
        ),
        "admin.preview.shown": "Tak pokaże to bot:",
        "admin.preview.confirm": "Zatwierdzić? Nic nie zostanie zapisane bez „Zatwierdź”.",
        "admin.export.done": (
            "Rejestr – kontakty: {contacts}, misje: {missions}, miasta: {cities} (fakty: {facts}), "
            "źródła: {sources}. W pliku: yaml/ (do wczytania: run_bot.py db import --from "
            "<rozpakowany folder>) i csv/ (dla arkusza kalkulacyjnego)."
        ),
        "admin.export.failed": (
            "Nie udało się odczytać rejestru z bazy danych, więc nie ma eksportu. Proszę spróbować "
            "za chwilę."
        ),
        "admin.reload.done": (
            "Wczytano ponownie bazę wiedzy (wpisy: {entries}) i rejestr (kontakty: {contacts}, "
            "misje: {missions}, miasta: {cities}, źródła: {sources})."
        ),
        "admin.reload.failed": (
            "Baza wiedzy ma błędy ({count}), więc bot dalej używa poprzedniej wersji. Popraw je "
            "i wyślij /reload ponownie:"
        ),
        "admin.reload.registry_failed": (
            "Wczytano bazę wiedzy (wpisy: {entries}), ale nie udało się odczytać rejestru z bazy "
            "danych; bot używa rejestru, który już miał."
        ),
        # Console
        # The web chat: the API's refusals, then the widget's own words (web.ui.*)
        "web.api.not_json": "Treść zapytania nie jest poprawnym JSON-em.",
        "web.api.invalid": "Zapytanie ma niepoprawne pola: {problems}.",
        "web.api.too_large": "Zapytanie jest za duże.",
        "web.api.too_many": "Zbyt wiele zapytań z tego adresu. Proszę spróbować za {seconds} s.",
        "web.api.expired": "Ta odpowiedź lub ten przycisk są już nieaktualne. Proszę zadać pytanie jeszcze raz.",
        "web.ui.open": "Zapytaj o współpracę zagraniczną Kielc",
        "web.ui.title": "Współpraca zagraniczna Kielc: czat",
        "web.ui.close": "Zamknij czat",
        "web.ui.welcome": (
            "Dzień dobry! Odpowiadam na pytania o miasta partnerskie Kielc, wizyty dyplomatów, "
            "misje gospodarcze i kontakt z biurem. Każda odpowiedź podaje swoje źródła."
        ),
        "web.ui.label": "Twoje pytanie",
        "web.ui.placeholder": "Na przykład: Od kiedy Gotha jest miastem partnerskim?",
        "web.ui.send": "Wyślij",
        "web.ui.typing": "Szukam odpowiedzi…",
        "web.ui.you": "Ty",
        "web.ui.bot": "Czat miasta",
        "web.ui.sources": "Źródła",
        "web.ui.cite": "źródło {n}",
        "web.ui.more": "Więcej szczegółów",
        "web.ui.related": "Zobacz też:",
        "web.ui.vote_up": "Dobra odpowiedź",
        "web.ui.vote_down": "Słaba odpowiedź",
        "web.ui.voted": "Dziękuję za ocenę!",
        "web.ui.vote_failed": "Nie udało się zapisać oceny.",
        "web.ui.error": "Nie udało się uzyskać odpowiedzi. Proszę spróbować ponownie za chwilę.",
        "web.ui.offline": "Brak połączenia z internetem. Pytanie można wysłać, gdy połączenie wróci.",
        "web.ui.busy": "Za dużo pytań naraz. Proszę spróbować ponownie za {seconds} s.",
        "web.ui.contact": "Kontakt z biurem",
        "web.ui.language": "Język czatu",
        "web.ui.switch": "English",
        "web.ui.switch_label": "Switch the chat to English",
        "web.ui.privacy": "Pytania zapisujemy bez danych osobowych, aby ulepszać odpowiedzi.",
        "console.welcome": (
            "Bot o współpracy zagranicznej Kielc. Zadaj pytanie po polsku lub angielsku. "
            "/help – pomoc, /lang en – English, /history – historia, /quit – koniec."
        ),
        "console.bye": "Do widzenia!",
        "console.pick": "Wpisz numer, aby wybrać.",
        "console.lang": "Język odpowiedzi: polski.",
        "console.history_empty": "Historia jest pusta.",
        "console.unknown_command": (
            "Nieznane polecenie. Dostępne: /help, /more, /sources, /lang pl|en, /history, /quit."
        ),
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
        # Answers (engineer "answer"): suggestions, direct answers, cards, notes ----------------
        "suggest.intro": "I'm not sure what you mean. Pick one of these answers:",
        "suggest.pick_city": "Which city do you mean? Pick one:",
        "suggest.pick_country": "Which country do you mean? Kielce's partner cities are in:",
        "date.unknown": "the date is not given in public sources",
        "people.as_of": (
            "People and their posts are given as of their sources' dates; current details are "
            "on the City of Kielce's website."
        ),
        "answer.yes": "Yes.",
        "answer.no": "No.",
        "unanswerable.intro": "The sources I rely on do not say. What they do say:",
        "place.not_partner": (
            "No. {place} is not a partner city of Kielce: it is neither on the city's list nor "
            "in any other source."
        ),
        "note.encyclopedia-mirror": (
            "Only a copy of an encyclopedia ({sources}) says this; the city does not confirm it."
        ),
        "note.encyclopedia-mirror.year": (
            "Only a copy of an encyclopedia ({sources}) gives the year {year}; the city does not "
            "confirm it."
        ),
        "note.news": "This comes from the news media ({sources}), not from the city's own pages.",
        "note.news.year": (
            "The year {year} comes from the news media ({sources}), not from the city's own pages."
        ),
        "note.company": "This comes from a company ({sources}), not from the city.",
        "note.company.year": "The year {year} comes from a company ({sources}), not from the city.",
        "note.other-city": "This comes from another city's page ({sources}).",
        "note.other-city.year": "The year {year} comes from another city's page ({sources}).",
        "note.encyclopedia": "General facts about the city come from an encyclopedia ({sources}).",
        "note.encyclopedia.year": (
            "General facts about the city come from an encyclopedia ({sources})."
        ),
        "city.about.partnership": "{name} ({country}) is a partner city of Kielce.",
        "city.about.friendly": (
            "Kielce has a friendly cooperation agreement with {name} ({country})."
        ),
        "city.about.cooperation": (
            "Kielce cooperates with {name} ({country}) without a partnership agreement."
        ),
        "city.about.unconfirmed": (
            "{name} ({country}) is not on the list of partner cities on Kielce's own pages; only "
            "other sources call it a partner."
        ),
        "city.about.historical": "{name} ({country}) is not a partner city of Kielce today.",
        "city.is.partnership": "Yes. {name} ({country}) is a partner city of Kielce.",
        "city.is.friendly": (
            "Yes, as a friendly cooperation: Kielce has a friendly cooperation agreement with "
            "{name} ({country}), not a partnership agreement."
        ),
        "city.is.cooperation": (
            "Not by agreement: Kielce cooperates with {name} ({country}) without a partnership "
            "agreement."
        ),
        "city.is.unconfirmed": (
            "Not confirmed. {name} ({country}) is not on the list of partner cities on Kielce's "
            "own pages; only other sources call it a partner."
        ),
        "city.is.historical": "No. {name} ({country}) is not a partner city of Kielce today.",
        "city.no_dates": "The sources give no dates for the cooperation with {ins}.",
        "city.no_areas": "The sources do not say what the cooperation with {ins} covers.",
        "city.no_population": "The sources I rely on do not give the population of {gen}.",
        "city.no_location": "The sources I rely on do not describe where {gen} is.",
        "city.no_known_for": "The sources I rely on do not describe the history of {gen}.",
        "city.no_events": "The sources describe no events involving {gen}.",
        "city.no_events_year": "The sources describe no events involving {gen} in {year}.",
        "card.title": "{city} ({country})",
        "card.since": "since {date}",
        "card.names": "Names: {names}.",
        "card.milestones": "Key dates",
        "card.areas": "Areas of cooperation",
        "card.facts": "In brief",
        "card.events": "Events",
        "count.partner_cities": "partner city|partner cities",
        "count.cities": "city|cities",
        "count.events": "partnership event|partnership events",
        "count.sources": "public source|public sources",
        "count.agreements": (
            "Kielce has {partners} with a partnership agreement: {partner_names}, and {friendly} "
            "with a friendly cooperation agreement: {friendly_names}."
        ),
        "count.cooperation": "Kielce also cooperates with {names} without a partnership agreement.",
        "count.not_partners": (
            "Not partner cities of Kielce: {names} (only secondary or old sources mention them)."
        ),
        "status.partnership": "Partnership agreement",
        "status.friendly": "Friendly cooperation agreement",
        "status.cooperation": "Cooperation without a partnership agreement",
        "status.unconfirmed": "Called a partner only by secondary sources (unconfirmed)",
        "status.historical": "Historical mention only (no current source confirms it)",
        "partners.title": "Kielce's partner and cooperating cities",
        "country.title": "Kielce's partner cities: {country}",
        "country.none": "{where}, Kielce has no partner or cooperating city today.",
        "country.partnership": "{where}, Kielce has a partnership agreement with {names}.",
        "country.friendly": "{where}, Kielce has a friendly cooperation agreement with {names}.",
        "country.cooperation": (
            "{where}, Kielce cooperates with {names} without a partnership agreement."
        ),
        "country.city_unconfirmed": (
            "{gen} is not on the list of partner cities on Kielce's own pages; only other sources "
            "call it a partner."
        ),
        "country.city_historical": "{gen} is not a partner city of Kielce today.",
        "historical.title": "Former and unconfirmed partner cities",
        "historical.direct": (
            "These are not partner cities of Kielce, though secondary or old sources mention "
            "them: {names}. None of them is on the city's current list."
        ),
        "events.title": "Partnership events",
        "events.direct": "The sources describe {events}; the latest:",
        "events.none_year": (
            "The sources describe no partnership events in {year}. They describe events in: "
            "{years}."
        ),
        "visits.title": "Visits of diplomats and diplomatic contacts",
        "visits.title_country": "Diplomatic contacts: {country}",
        "visits.intro": "The sources describe these diplomatic contacts of Kielce:",
        "visits.direct": "Visitors to Kielce include: {people}.",
        "visits.direct_country": "Diplomatic contacts concerning {gen} in the sources: {people}.",
        "visits.none": "The sources describe no diplomatic contacts of Kielce concerning {gen}.",
        "visits.foreign": "Visits of foreign representatives to Kielce",
        "visits.polish": "Contacts with Polish diplomatic missions",
        "contact.title": "Contact for international cooperation",
        "contact.sheet": "Contact details",
        "contact.no_office_email": (
            "The city's pages give no separate e-mail address for the international cooperation "
            "office; they give the Investor Assistance Centre's."
        ),
        "missions.title": "Economic missions and local-government organisations",
        "missions.organisations": "Organisations",
        "missions.missions": "Missions and trips",
        "sources.title": "Where the information comes from",
        "sources.direct": (
            "My answers rest first of all on the City of Kielce's BIP page “Współpraca "
            "z zagranicą” (foreign cooperation)."
        ),
        "sources.count": "In all I use {sources}; the full list is in the details.",
        "help.title": "How I can help",
        "help.body": (
            "I answer questions about the City of Kielce's international cooperation, in Polish "
            "and English. Every answer names its source."
        ),
        "help.examples": "Example questions",
        "help.example_questions": (
            "Which are Kielce's partner cities?|Since when is Gotha a partner city?|"
            "Which partner cities are in Hungary?|Which ambassadors have visited Kielce?|"
            "What are economic missions?|How do I contact the international cooperation office?"
        ),
        "related": "See also:",
        "smalltalk.greeting": (
            "Hello! I'm happy to answer questions about Kielce's international cooperation, "
            "e.g. “Which are Kielce's partner cities?”."
        ),
        "smalltalk.thanks": "You're welcome! Ask away if there is anything else.",
        "smalltalk.goodbye": "Goodbye! Come back with more questions any time.",
        "smalltalk.identity": (
            "I'm a bot that answers questions about the City of Kielce's international "
            "cooperation, from public sources, always naming them."
        ),
        "smalltalk.capabilities": (
            "I can tell you Kielce's partner cities, since when and in what they cooperate, who "
            "has visited the city, how to reach the office, and where each fact comes from. "
            "Type /help for examples."
        ),
        "smalltalk.help": (
            "Ask in your own words, e.g. “Since when is Gotha a partner city?” or “What is the "
            "office's phone number?”. Type /help for more examples."
        ),
        "smalltalk.apology": "No problem at all. How can I help?",
        "smalltalk.rudeness": (
            "Sorry if something didn't work. Let me try to help: what would you like to know "
            "about Kielce's international cooperation?"
        ),
        "render.sources": "Sources",
        "render.details": "Details",
        "render.more_console": "More: /more · sources: /sources",
        "render.no_details": "I have nothing more to add here.",
        "render.no_sources": "This answer rests on no source.",
        "render.no_answer": "Ask a question first.",
        "render.undated": "undated",
        "kind.city": "City of Kielce",
        "kind.partner-city": "partner city's site",
        "kind.government": "government body",
        "kind.news": "news media",
        "kind.company": "company",
        "kind.other-city": "another city's site",
        "kind.encyclopedia": "encyclopedia",
        "kind.encyclopedia-mirror": "encyclopedia copy",
        "kind.finding": "finding",
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
        "tg.language.set": (
            "All right, from now on I'll answer in English, also questions in another language."
        ),
        "tg.language.name": "English",
        "tg.inline.open": "Ask the bot",
        "tg.inline.truncated": "The full answer is longer: ask the bot in a private chat.",
        "tg.language.not_saved": (
            "I couldn't save your language choice just now. Please try again in a moment."
        ),
        "tg.feedback.not_saved": (
            "I couldn't save your feedback just now. Please try again in a moment."
        ),
        "tg.feedback.not_yours": "Only the person who asked can rate this answer.",
        # Telegram: names nobody knows, the answer's buttons, inline mode (issue 10).
        "tg.unknown.city": "I cannot find “{name}” among Kielce's partner cities.",
        "tg.unknown.country": "I cannot find “{name}” among the countries of Kielce's partner cities.",
        "tg.unknown.link": "This link points to something I do not know (“{name}”).",
        "tg.inline.nothing": "Nothing found – ask the bot",
        "tg.view.short": "In short",
        "tg.view.more": "More",
        "tg.view.sources": "Sources",
        "tg.map": "📍 On the map",
        "tg.stats.unavailable": (
            "Statistics are unavailable right now: the database does not answer. Please try "
            "again in a moment."
        ),
        "tg.stats.title": "Statistics for {days} days ({first} – {last}, UTC days)",
        "tg.stats.total": "Questions: {questions}, people: {people}.",
        "tg.stats.channels": "Channels: {channels}.",
        "tg.stats.channel.telegram": "Telegram",
        "tg.stats.channel.web": "website chat",
        "tg.stats.channel.console": "console",
        "tg.stats.channel.unknown": "no channel (older rows)",
        "tg.stats.per_day": "Questions per day:",
        "tg.stats.top": "Answers given most often:",
        "tg.stats.unanswered": "Top unanswered questions:",
        "tg.stats.none": "none",
        "tg.stats.feedback": "Feedback: 👍 {up}, 👎 {down} ({share} positive).",
        "tg.stats.no_feedback": "Feedback: none yet.",
        "tg.stats.log": (
            "Question log: {pending} waiting to be written in this copy of the bot, {dropped} "
            "lost during database outages."
        ),
        "admin.refused": "This command is for the international cooperation office's staff only.",
        "admin.private_only": "Staff commands work only in a private chat with the bot.",
        "admin.help": "Staff commands:",
        "admin.cmd.add": "Add a diplomatic contact, an economic mission or a partner-city fact",
        "admin.cmd.correct": "Correct a diplomatic contact, a mission or a partner-city fact",
        "admin.cmd.cancel": "Stop the edit without saving",
        "admin.cmd.export": "The registry as a ZIP file (YAML and CSV)",
        "admin.cmd.reload": "Reload the knowledge base and the registry",
        "admin.cmd.stats": "Question and answer statistics",
        "admin.cmd.admin": "This list",
        "admin.replaced": "Your unfinished edit was dropped; nothing from it was saved.",
        "admin.cancelled": "Cancelled. Nothing was saved.",
        "admin.nothing_to_cancel": "No edit is in progress, so there is nothing to cancel.",
        "admin.unchanged": "Nothing was changed, so there is nothing to save. The edit has ended.",
        "admin.timeout": (
            "The edit ended because there was no answer for {minutes} min. Nothing was saved; "
            "start again with /add or /correct."
        ),
        "admin.save.done": (
            "Saved. The bot's answers include the change from now on, and it is in the audit log."
        ),
        "admin.save.failed": (
            "NOTHING WAS SAVED: the database did not accept the change, and the bot answers as "
            "before. Press “Confirm” to try again, or cancel."
        ),
        "admin.save.conflict": (
            "Nothing was saved: the record changed in the registry meanwhile (another edit, an "
            "import or a seed). Please start again with /correct or /add."
        ),
        "admin.save.not_reloaded": (
            "Saved in the database, but the bot could not read it back just now, so answers show "
            "the change only after /reload."
        ),
        "admin.draft.unavailable": (
            "The database does not answer just now, so I cannot read or save your edit. Nothing "
            "was changed; please send that again in a moment."
        ),
        "admin.draft.unchecked": (
            "The database does not answer just now, so I cannot tell whether you have an edit "
            "open: this message is answered as a question, and no edit was changed. If it was an "
            "answer to your edit, please send it again in a moment."
        ),
        "admin.title.add": "Adding to the registry",
        "admin.title.correct": "Correcting the registry",
        "admin.title.add.contact": "New diplomatic contact",
        "admin.title.add.mission": "New economic mission",
        "admin.title.add.fact": "New partner-city fact",
        "admin.title.correct.contact": "Correcting a diplomatic contact",
        "admin.title.correct.mission": "Correcting an economic mission",
        "admin.title.correct.fact": "Correcting a partner-city fact",
        "admin.kind.contact": "Diplomatic contact",
        "admin.kind.mission": "Economic mission",
        "admin.kind.fact": "Partner-city fact",
        "admin.contact_kind.foreign-visit": "Visit of a foreign representative",
        "admin.contact_kind.polish-mission": "Contact with a Polish mission",
        "admin.fact_kind.milestone": "Milestone",
        "admin.fact_kind.area": "Area of cooperation",
        "admin.fact_kind.fact": "Fact",
        "admin.confidence.high": "high",
        "admin.confidence.medium": "medium",
        "admin.confidence.low": "low",
        "admin.ask.kind": "Choose the kind of record:",
        "admin.ask.city": "Which partner city is it about? Press its button or type its name.",
        "admin.ask.record": "Which record do you want to correct?",
        "admin.ask.country": (
            "Which country is the contact with? Press a button or type the country's name or "
            "code (e.g. FR)."
        ),
        "admin.ask.contact_kind": "What kind of contact is it?",
        "admin.ask.person": "Who was it (the name, as the source gives it)?",
        "admin.ask.role_pl": "The person's post or the mission's name, in Polish (e.g. „Ambasador Francji”):",
        "admin.ask.role_en": "The same post in English (e.g. “Ambassador of France”):",
        "admin.ask.date": "The date: YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024-05-17).",
        "admin.ask.text_pl": "The text in Polish, in a sentence or a few, as the bot is to show it:",
        "admin.ask.text_en": "The same text in English:",
        "admin.ask.organiser": "Who organised the mission?",
        "admin.ask.fact_kind": "What kind of information is it?",
        "admin.ask.source": (
            "Where does this information come from? Press a source's button, type words from its "
            "title to search, or add a new source."
        ),
        "admin.ask.source_title": "New source – its title (e.g. the article's or page's title):",
        "admin.ask.source_publisher": "Its publisher (e.g. “Miasto Kielce (kielce.eu)”):",
        "admin.ask.source_kind": "What kind of source is it?",
        "admin.ask.source_url": "Its address (https://…):",
        "admin.ask.source_date": "Its publication date: YYYY, YYYY-MM or YYYY-MM-DD.",
        "admin.ask.confidence": (
            "How sure is this source? High: the city's page or a document; medium: a news report "
            "or one secondary source; low: only an encyclopedia mirror."
        ),
        "admin.option.keep": "✔ Keep",
        "admin.option.cancel": "✖ Cancel",
        "admin.option.confirm": "✅ Confirm",
        "admin.option.no_country": "No country",
        "admin.option.no_organiser": "None / several",
        "admin.option.new_source": "➕ New source",
        "admin.option.no_person": "No name",
        "admin.option.no_role_pl": "No post",
        "admin.option.no_source_url": "No address",
        "admin.option.no_date": "Date unknown",
        "admin.now": "Now: {value}",
        "admin.was": "was: {value}",
        "admin.none": "none",
        "admin.hint.keep": "Type “-” or press “Keep” to keep the current value.",
        "admin.hint.none": "Type “-” if the source does not give it.",
        "admin.problem.dash": "This cannot be left out. Please type it.",
        "admin.problem.url": (
            "The address must start with https:// (or http://) and contain no spaces. If the "
            "source has no address, type “-”."
        ),
        "admin.problem.too_long": "That is too long: {length} characters, and at most {limit} fit. Please shorten it.",
        "admin.problem.empty": "Please type the text.",
        "admin.problem.date": (
            "I can't read that date. Please type YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-05-17; "
            "if the date is not known, press “Date unknown”."
        ),
        "admin.problem.country": (
            "I don't know that country. Please press a button or type the country's name or code, "
            "e.g. FR."
        ),
        "admin.problem.city": "There is no such partner city in the registry. Please press a button.",
        "admin.problem.no_source": (
            "No source matches “{query}”. Try other words or add a new source."
        ),
        "admin.problem.buttons": "Please answer with one of the buttons.",
        "admin.problem.preview": "Please press “Confirm” to save, or “Cancel”.",
        "admin.field.city": "City",
        "admin.field.country": "Country",
        "admin.field.contact_kind": "Kind",
        "admin.field.person": "Person",
        "admin.field.role_pl": "Post (pl)",
        "admin.field.role_en": "Post (en)",
        "admin.field.date": "Date",
        "admin.field.text_pl": "Text (pl)",
        "admin.field.text_en": "Text (en)",
        "admin.field.organiser": "Organiser",
        "admin.field.fact_kind": "Kind",
        "admin.field.source": "Source",
        "admin.field.confidence": "Confidence",
        "admin.preview.title": "Preview – {what}",
        "admin.preview.new_source": (
            "new source “{title}” – {publisher} ({kind}), {url}, {date} (id: {id})"
        ),
        "admin.preview.shown": "This is how the bot will show it:",
        "admin.preview.confirm": "Confirm? Nothing is saved until you press “Confirm”.",
        "admin.export.done": (
            "The registry – contacts: {contacts}, missions: {missions}, cities: {cities} (facts: "
            "{facts}), sources: {sources}. Inside: yaml/ (read back with run_bot.py db import "
            "--from <unzipped folder>) and csv/ (for spreadsheets)."
        ),
        "admin.export.failed": (
            "The registry could not be read from the database, so there is no export. Please try "
            "again in a moment."
        ),
        "admin.reload.done": (
            "Reloaded the knowledge base ({entries} entries) and the registry (contacts: "
            "{contacts}, missions: {missions}, cities: {cities}, sources: {sources})."
        ),
        "admin.reload.failed": (
            "The knowledge base has errors ({count}), so the bot keeps using the previous "
            "version. Fix them and send /reload again:"
        ),
        "admin.reload.registry_failed": (
            "The knowledge base was reloaded ({entries} entries), but the registry could not be "
            "read from the database; the bot keeps the registry it had."
        ),
        # The web chat: the API's refusals, then the widget's own words (web.ui.*)
        "web.api.not_json": "The request's body is not valid JSON.",
        "web.api.invalid": "The request has invalid fields: {problems}.",
        "web.api.too_large": "The request is too large.",
        "web.api.too_many": "Too many requests from this address. Please try again in {seconds} s.",
        "web.api.expired": "This answer or button has expired. Please ask your question again.",
        "web.ui.open": "Ask about Kielce's international cooperation",
        "web.ui.title": "Kielce international cooperation: chat",
        "web.ui.close": "Close the chat",
        "web.ui.welcome": (
            "Hello! I answer questions about Kielce's partner cities, visits of diplomats, "
            "economic missions and how to contact the office. Every answer names its sources."
        ),
        "web.ui.label": "Your question",
        "web.ui.placeholder": "For example: Since when is Gotha a partner city?",
        "web.ui.send": "Send",
        "web.ui.typing": "Looking for the answer…",
        "web.ui.you": "You",
        "web.ui.bot": "City chat",
        "web.ui.sources": "Sources",
        "web.ui.cite": "source {n}",
        "web.ui.more": "More details",
        "web.ui.related": "See also:",
        "web.ui.vote_up": "Good answer",
        "web.ui.vote_down": "Poor answer",
        "web.ui.voted": "Thank you for your feedback!",
        "web.ui.vote_failed": "Your feedback could not be saved.",
        "web.ui.error": "I could not get an answer. Please try again in a moment.",
        "web.ui.offline": "No internet connection. You can send your question once it is back.",
        "web.ui.busy": "Too many questions at once. Please try again in {seconds} s.",
        "web.ui.contact": "Contact the office",
        "web.ui.language": "Chat language",
        "web.ui.switch": "Polski",
        "web.ui.switch_label": "Przełącz czat na polski",
        "web.ui.privacy": "We keep questions without personal data, to improve the answers.",
        "console.welcome": (
            "Kielce international cooperation bot. Ask in Polish or English. "
            "/help – help, /lang pl – polski, /history – history, /quit – exit."
        ),
        "console.bye": "Goodbye!",
        "console.pick": "Type a number to choose.",
        "console.lang": "Answer language: English.",
        "console.history_empty": "The history is empty.",
        "console.unknown_command": (
            "Unknown command. Available: /help, /more, /sources, /lang pl|en, /history, /quit."
        ),
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
    """The sentence ``key`` in ``lang`` (as :func:`bot.languages.supported` falls back), with
    ``values`` filled in."""
    text = TEXTS[supported(lang)][key]
    return text.format(**values) if values else text

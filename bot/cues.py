"""What a question's words say it asks, beside the entry that answers it.

The matcher (:mod:`bot.matching`) finds the entry; this module reads the question's *shape*:
its focus ("kiedy", "ile mieszkańców", "coi mail"), the year it names, a place named in "is X a
partner?" even when no list knows it ("czy Lwów jest miastem partnerskim?"), small talk
("dzięki!"), questions in scope that no source answers ("kto jest teraz burmistrzem Gothy"),
a partner city's own affairs ("other twin towns of Gotha"), and the question sentence of a long
message. Everything works on folded words (:func:`bot.text.tokens`), so diacritics, case and
punctuation never matter; the cues are word beginnings, so inflected forms need no listing.

It knows nothing of entries or channels: plain words in, plain data out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .intent import Focus, SmallTalk
from .text import MAX_QUESTION_CHARS

__all__ = [
    "CITY_MARK",
    "COUNTRY_MARK",
    "PLACE_MARK",
    "Reading",
    "mentions_mission",
    "preamble",
    "question_part",
    "read",
    "small_talk",
]

# Marks the matcher puts in place of the names it recognised (see Matcher._find_entities).
CITY_MARK, COUNTRY_MARK, PLACE_MARK = "@city", "@country", "@place"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _cue(*patterns: str) -> re.Pattern[str]:
    """One regular expression over " word word ... " (folded words, one space apart)."""
    return re.compile(r"(?<= )(?:" + "|".join(patterns) + r")(?= )")


# Small talk -------------------------------------------------------------------------------------

# Phrases (folded words) -> what kind of small talk they are. A message is small talk only when
# nothing but these phrases and filler words remains: "dzień dobry, mam pytanie: kiedy ...?" is
# a question.
_SMALL_TALK: dict[SmallTalk, tuple[str, ...]] = {
    "greeting": (
        "czesc",
        "hej",
        "hejka",
        "hejo",
        "heja",
        "siema",
        "siemka",
        "elo",
        "witam",
        "witaj",
        "witajcie",
        "dzien dobry",
        "dobry wieczor",
        "dobry",
        "serwus",
        "halo",
        "hello",
        "hi",
        "hey",
        "hiya",
        "yo",
        "good morning",
        "good afternoon",
        "good evening",
        "greetings",
        "co tam",
        "co slychac",
        "jak sie masz",
        "jak leci",
        "how are you",
        "how are you doing",
        "what s up",
        "whats up",
        "sup",
        "howdy",
        "dzien dobry panstwu",
        "hallo",
    ),
    "thanks": (
        "dzieki",
        "dziekuje",
        "dziekuje bardzo",
        "dziekuje pieknie",
        "dzieki wielkie",
        "wielkie dzieki",
        "dziekuwa",
        "dziena",
        "thx",
        "thanks",
        "thank you",
        "thank you so much",
        "thanks a lot",
        "many thanks",
        "cheers",
        "ty",
        "dziekuje za pomoc",
        "dzieki za pomoc",
        "thanks for the help",
        "thank you for your help",
        "thanks for your help",
        "dziekuje za informacje",
        "dzieki za info",
        "super dzieki",
        "spoko dzieki",
        "ok dzieki",
        "bardzo dziekuje",
        "dziekujemy",
        "serdecznie dziekuje",
        "great thanks",
        "much appreciated",
        "appreciate it",
        "i appreciate it",
        "dzieki serdeczne",
        "dziekuje serdecznie",
    ),
    "goodbye": (
        "do widzenia",
        "pa",
        "papa",
        "pa pa",
        "na razie",
        "narazie",
        "do zobaczenia",
        "do uslyszenia",
        "dobranoc",
        "zegnam",
        "bye",
        "goodbye",
        "bye bye",
        "good bye",
        "see you",
        "see you later",
        "see ya",
        "good night",
        "take care",
        "milego dnia",
        "have a nice day",
        "have a good day",
        "to wszystko",
        "that s all",
        "thats all",
    ),
    "identity": (
        "kim jestes",
        "kto ty jestes",
        "kim ty jestes",
        "czym jestes",
        "czym ty jestes",
        "jestes botem",
        "czy jestes botem",
        "jestes robotem",
        "czy jestes robotem",
        "jestes czlowiekiem",
        "czy jestes czlowiekiem",
        "czy rozmawiam z czlowiekiem",
        "czy to bot",
        "rozmawiam z botem",
        "rozmawiam z czlowiekiem",
        "rozmawiam z robotem",
        "to bot",
        "bot",
        "jestes sztuczna inteligencja",
        "jestes ai",
        "jestes ai",
        "who are you",
        "what are you",
        "are you a bot",
        "are you a robot",
        "are you human",
        "are you a human",
        "am i talking to a human",
        "am i talking to a bot",
        "is this a bot",
        "are you real",
        "are you ai",
        "are you an ai",
        "are you a person",
        "czy jestes prawdziwa osoba",
        "jak masz na imie",
        "what is your name",
        "what s your name",
    ),
    "capabilities": (
        "co umiesz",
        "co potrafisz",
        "co mozesz",
        "co umiesz robic",
        "co wiesz",
        "w czym mozesz pomoc",
        "w czym mozesz mi pomoc",
        "jak mozesz pomoc",
        "o co moge pytac",
        "o co moge zapytac",
        "o co moge cie zapytac",
        "what can you do",
        "what do you know",
        "what can you help with",
        "what can you help me with",
        "what can i ask",
        "what can i ask you",
        "how can you help",
        "how can you help me",
        "what do you do",
        "do czego sluzysz",
        "do czego jestes",
    ),
    "help": (
        "pomocy",
        "pomoc",
        "pomoz",
        "pomoz mi",
        "potrzebuje pomocy",
        "help",
        "help me",
        "i need help",
        "need help",
        "sos",
        "ratunku",
        "nie wiem o co zapytac",
        "nie wiem",
        "i don t know what to ask",
        "instrukcja",
        "jak to dziala",
        "how does this work",
        "how does it work",
        "start",
        "menu",
    ),
    "apology": (
        "przepraszam",
        "sorry",
        "sorki",
        "sory",
        "sorka",
        "wybacz",
        "przepraszam bardzo",
        "przepraszam za to",
        "my bad",
        "i m sorry",
        "im sorry",
        "i am sorry",
        "pardon",
        "excuse me",
        "przepraszam pomylka",
        "pomylka",
        "pomylilem sie",
        "pomylilam sie",
        "oops",
        "ups",
        "sorry my mistake",
        "my mistake",
        "wrong question",
    ),
    "rudeness": (
        "glupi",
        "glupi bot",
        "jestes glupi",
        "jestes glupia",
        "idiota",
        "idioto",
        "debil",
        "debilu",
        "kretyn",
        "kretynie",
        "beznadziejny",
        "beznadziejna",
        "beznadzieja",
        "do niczego",
        "jestes do niczego",
        "bezuzyteczny",
        "zamknij sie",
        "spadaj",
        "odczep sie",
        "nic nie wiesz",
        "nic nie umiesz",
        "stupid",
        "stupid bot",
        "you are stupid",
        "you re stupid",
        "dumb",
        "dumb bot",
        "idiot",
        "useless",
        "you are useless",
        "you re useless",
        "you suck",
        "this sucks",
        "shut up",
        "go away",
        "wtf",
        "what a useless bot",
        "worst bot",
        "kiepski bot",
        "slaby bot",
        "ale glupi",
        "durny",
        "durny bot",
        "glupku",
        "zal",
        "porazka",
    ),
}
# When one message holds several ("cześć, dzięki!"), the more particular kind answers.
_SMALL_TALK_ORDER: tuple[SmallTalk, ...] = (
    "rudeness",
    "identity",
    "capabilities",
    "apology",
    "thanks",
    "goodbye",
    "help",
    "greeting",
)
_SMALL_TALK_PHRASES: dict[tuple[str, ...], SmallTalk] = {
    tuple(phrase.split()): kind for kind, phrases in _SMALL_TALK.items() for phrase in phrases
}
_SMALL_TALK_SPAN = max(len(k) for k in _SMALL_TALK_PHRASES)
# Words that add nothing to small talk: "ok, super, dzięki bardzo :)", "hi there bot".
_FILLER = _words(
    """a i oraz no ok okej okay oki spoko super dobra dobrze to ja ty ci mi ci pan pani panie
    panstwu bardzo wielkie serdeczne naprawde jeszcze raz tak nie juz bot bota botem bocie
    czacie czat chat chatbot kielce kielc there all very much so oh ah well yes no yeah yep
    nope just again and you guys folks sir madam really xd haha hehe jestes jest are is this
    that it s m what za for the your czy prosze please"""
)
# Said before a question ("dzień dobry, mam pytanie: ..."): dropped, the question answered.
_PREAMBLE = _words(
    """mam pytanie pytanko szybkie krotkie jedno pytam quick question short one i have a
    got please prosze chcialbym chcialabym zapytac spytac"""
)


def small_talk(words: Sequence[str]) -> SmallTalk | None:
    """The kind of small talk ``words`` (folded) are, or None when they ask something."""
    found: set[SmallTalk] = set()
    i = 0
    while i < len(words):
        for span in range(min(_SMALL_TALK_SPAN, len(words) - i), 0, -1):
            kind = _SMALL_TALK_PHRASES.get(tuple(words[i : i + span]))
            if kind is not None:
                found.add(kind)
                i += span
                break
        else:
            if words[i] not in _FILLER:
                return None
            i += 1
    return next((kind for kind in _SMALL_TALK_ORDER if kind in found), None)


def preamble(words: Sequence[str]) -> int:
    """How many of ``words`` (folded) greet or announce a question before asking it.

    "hi! quick question - when did ...": 3. Only greetings and thanks count, and only when
    something follows them; the rest of the message is the question.
    """
    i = 0
    seen = False
    while i < len(words):
        for span in range(min(_SMALL_TALK_SPAN, len(words) - i), 0, -1):
            kind = _SMALL_TALK_PHRASES.get(tuple(words[i : i + span]))
            if kind in ("greeting", "thanks"):
                seen = True
                i += span
                break
        else:
            if not seen or words[i] not in _PREAMBLE | _FILLER:
                break
            i += 1
    return i if seen and i < len(words) else 0


# Focus ------------------------------------------------------------------------------------------

_PARTNER = r"(?:partner\w*|blizniacz\w*|siostrzan\w*|zaprzyjazn\w*|sister\w*|twin\w*|friendly)"
_CONTACT: dict[Focus, re.Pattern[str]] = {
    "investor_centre": _cue(
        r"coi",
        r"centr\w* obslug\w* inwestor\w*",
        r"obslug\w* inwestor\w*",
        r"inwestor\w*",
        r"investor\w*",
        r"investment (?:assistance|service) cent\w*",
    ),
    "email": _cue(
        r"e ?mail\w*",
        r"mail\w*",
        r"meil\w*",
        r"imejl\w*",
        r"poczt\w* elektroniczn\w*",
    ),
    "fax": _cue(r"fax\w*", r"faks\w*", r"telefaks\w*"),
    "phone": _cue(
        r"telefon\w*",
        r"tel",
        r"telef",
        r"nr tel\w*",
        r"numer\w* (?:tel\w*|kontakt\w*)",
        r"zadzwoni\w*",
        r"dzwoni\w*",
        r"phone\w*",
        r"telephone\w*",
        r"call(?: them)?",
        r"ring",
        r"contact number",
    ),
    "address": _cue(
        r"adres\w*(?! (?:e ?mail|mail\w*|strony|www|internet\w*|email\w*))",
        r"ulic\w*",
        r"(?<!mail )(?<!email )address\w*(?! e ?mail)",
        r"siedzib\w*",
        r"postal address",
        r"gdzie (?:sie )?(?:miesci|znajduje|jest) (?:sie )?(?:to )?(?:biur|urzad|wydzial)\w*",
        r"where (?:is|are) (?:the |your )?(?:office|city hall|department)",
        r"jak (?:dojsc|dojechac|trafic)",
        r"how (?:do i )?(?:get|find) (?:to )?the office",
    ),
}
_YES_NO_START = re.compile(r"^(?:a |i |and |so )?(?:czy|is|are|does|do|did|has|have|was)(?= |$)")
_STATUS = _cue(
    r"status\w*",
    r"rodzaj\w* (?:umow\w*|wspolprac\w*|porozumien\w*)",
    r"typ\w* (?:umow\w*|wspolprac\w*)",
    r"jak\w* (?:umow\w*|porozumien\w*)",
    r"jaki\w* (?:to )?(?:jest )?(?:status|charakter)",
    r"na jakiej podstawie",
    r"what (?:kind|type|sort) of (?:agreement|partnership|relationship|cooperation|status)",
    r"what agreement",
    r"which agreement",
    r"is the partnership (?:still )?(?:active|valid)",
    r"still (?:a )?(?:partner\w*|twin\w*|sister\w*)",
    r"nadal",
    r"wciaz",
    r"dalej",
    r"officially",
    r"oficjaln\w*",
    r"formaln\w*",
    r"formally",
)
# "czy Lwów jest miastem partnerskim?", "is Paris a sister city of Kielce?": the place is the
# word (or two) in the slot, whether the bot knows it or not.
_IS_PARTNER = (
    re.compile(
        r"^(?:a |i )?czy (?:miasto )?(?P<place>\S+(?: \S+)?) (?:jest|to|bylo|byl|byla|sa|"
        r"nalezy do)(?: (?:\S+))?(?: \S+)? " + _PARTNER
    ),
    re.compile(
        r"^(?:a |i )?czy (?:kielce )?(?:wspolpracuj\w*|wspolpracowal\w*|wspolpracuja|"
        r"maj\w* (?:\S+ )?(?:umow\w*|porozumien\w*|partner\w*|kontakt\w*)|"
        r"podpisal\w* (?:\S+ )?umow\w*|sa (?:\S+ )?" + _PARTNER + r"|laczy (?:cos )?kielce)"
        r"(?: \S+)?? (?:z|ze) (?:miastem )?(?P<place>\S+)"
    ),
    re.compile(
        r"^(?:a |i )?czy (?:kielce )?(?:maj\w*|posiadaj\w*|jest)(?: \S+)?(?: \S+)?"
        r"(?: (?:miast\w*|partner\w*|odpowiednik\w*))?(?: \S+)? (?:w|we|na|z|ze) "
        r"(?P<place>\S+)"
    ),
    re.compile(r"^(?P<place>\S+) (?:jest|to) (?:\S+ )?(?:miast\w* )?" + _PARTNER),
    re.compile(r"^(?:a |i )?czy kielce i (?P<place>\S+(?: \S+)?) (?:sa|to) (?:\S+ )?" + _PARTNER),
    re.compile(
        r"^(?:and |so )?(?:is|was) (?:the city of )?(?P<place>\S+(?: \S+)?) (?:a |an |one of )?"
        r"(?:\S+ )?(?:\S+ )?" + _PARTNER
    ),
    re.compile(
        r"^(?:and |so )?(?:are|were) kielce and (?P<place>\S+(?: \S+)?) (?:\S+ )?" + _PARTNER
    ),
    re.compile(
        r"^(?:and |so )?(?:is|are|was) kielce (?:\S+ )?(?:twinned|partnered|paired|linked|"
        r"friends|partners) with (?P<place>\S+(?: \S+)?)$"
    ),
    re.compile(
        r"^(?:and |so )?(?:does|did|do) kielce (?:\S+ )?(?:cooperate|work|have (?:an? |any )?"
        r"(?:agreement|partnership|relations?|ties|links))\w* with (?P<place>\S+(?: \S+)?)$"
    ),
    re.compile(
        r"^(?:and |so )?(?:does|did|do|has) kielce (?:\S+ )?(?:have|had|got) (?:an? |any )?"
        r"(?:\S+ )?" + _PARTNER + r"(?: \S+)? in (?P<place>\S+(?: \S+)?)$"
    ),
)
_SLOT_NOISE = _words(
    "to ten ta te tez jest kielce the a an this that it there city town miasto w we na z ze "
    "jakies jakis jakiegos any some"
)
_POPULATION = _cue(
    r"ludnosc\w*",
    r"populacj\w*",
    r"population",
    r"ilu (?:\S+ )?(?:mieszkan\w*|ludzi|osob)",
    r"ile (?:\S+ )?(?:\S+ )?(?:mieszkan\w*|ludzi|osob)",
    r"liczb\w* (?:mieszkan\w*|ludnosc\w*)",
    r"how many (?:\S+ )?(?:people|inhabitants|residents|citizens)",
    r"inhabitants",
    r"how (?:big|large|populous)",
    r"jak (?:duz\w*|wielk\w*)",
    r"wielkosc\w*",
    r"size",
    r"mieszkancow",
)
_LOCATION = _cue(
    r"gdzie",
    r"polozon\w*",
    r"polozeni\w*",
    r"lezy",
    r"leza",
    r"w jakim (?:kraju|regionie|"
    r"panstwie|miejscu)",
    r"w ktorym (?:kraju|regionie)",
    r"na mapie",
    r"mapa",
    r"mapie",
    r"where",
    r"located",
    r"location",
    r"which country",
    r"what country",
    r"what region",
    r"which region",
    r"on the map",
    r"map",
    r"jak daleko",
    r"how far",
    r"odleglosc\w*",
)
_KNOWN_FOR = _cue(
    r"slyn\w*",
    r"znan\w* (?:z|jest)",
    r"znane",
    r"zabyt\w*",
    r"ciekawost\w*",
    r"co (?:to )?(?:jest )?za miasto",
    r"jakie to (?:jest )?miasto",
    r"co warto",
    r"co tam (?:jest|zobaczyc)",
    r"historia miasta",
    r"czym (?:sie )?wyroznia",
    r"known for",
    r"famous",
    r"landmark\w*",
    r"sights",
    r"what is (?:@city|it) like",
    r"what kind of (?:city|town|place)",
    r"history of (?:the )?(?:city|town|@city)",
    r"what is special",
    r"worth seeing",
)
_COUNT = _cue(
    r"ile",
    r"ilu",
    r"how many",
    r"number of",
    r"liczb\w*",
    r"count",
    r"ilosc\w*",
)
_WHEN = _cue(
    r"kiedy",
    r"od kiedy",
    r"odkad",
    r"od jak dawna",
    r"jak dawno",
    r"jak dlugo",
    r"od ilu lat",
    r"ile lat",
    r"(?:w|od) (?:ktorym|jakim) roku",
    r"(?:jaki|ktory) rok",
    r"(?:jaka|ktora) (?:jest )?data",
    r"data",
    r"daty",
    r"date",
    r"dates",
    r"dat",
    r"rok\w* (?:podpis\w*|zawarc\w*)",
    r"when",
    r"since when",
    r"how long",
    r"how old",
    r"what year",
    r"which year",
    r"in what year",
    r"since",
    r"how many years",
    r"poczat\w*",
    r"began",
    r"begin",
    r"start\w*",
    r"first",
    r"pierwsz\w*",
    r"rozpocz\w*",
    r"zaczel\w*",
)
# "Kiedy podpisano umowę?", "when was the agreement signed?": a "when" about an agreement, to
# be answered with the agreements' dates rather than with the first contact's.
_AGREEMENT = _cue(
    r"podpis\w*",
    r"zawar\w*",
    r"umow\w*",
    r"porozumieni\w*",
    r"deklaracj\w*",
    r"memorand\w*",
    r"agreement\w*",
    r"sign\w*",
    r"treat\w*",
    r"declaration\w*",
)
_WHO = _cue(
    r"kto",
    r"ktorz\w*",
    r"jacy",
    r"kogo",
    r"komu",
    r"(?<!z )kim",
    r"ktor\w* (?:prezydent\w*|burmistrz\w*|osob\w*)",
    r"jak\w* osob\w*",
    r"osob\w* odpowiedzialn\w*",
    r"odpowiedzialn\w*",
    r"odpowiada\w*",
    r"who",
    r"whom",
    r"whose",
    r"responsible",
    r"in charge",
    r"which (?:mayor|person|people)",
    r"nazwisk\w*",
    r"name of the",
    r"names of the",
)
_AREAS = _cue(
    r"dziedzin\w*",
    r"obszar\w*",
    r"zakres\w*",
    r"czego (?:dotycz\w*|obejmuj\w*)",
    r"co obejmuj\w*",
    r"w czym (?:\S+ )?wspolpracuj\w*",
    r"w jakich sprawach",
    r"na czym polega",
    r"czym sie zajmuj\w*",
    r"jak wyglada (?:\S+ )?wspolprac\w*",
    r"temat\w*",
    r"area\w*",
    r"field\w*",
    r"cover\w*",
    r"scope",
    r"sector\w*",
    r"what do (?:they|kielce and @city|the cities) (?:cooperate|work) on",
    r"in what (?:way|areas|fields)",
    r"what kind of cooperation",
    r"what does (?:the )?"
    r"(?:cooperation|partnership) (?:involve|include|look like)",
    r"involve\w*",
    r"obejmuj\w*",
    r"co robia razem",
    r"what do they do together",
    r"projekt\w*",
    r"project\w*",
)
_EVENTS = _cue(
    r"wydarz\w*",
    r"co sie (?:dzialo|dzieje|stalo|wydarzylo)",
    r"co (?:bylo|robiono)",
    r"happen\w*",
    r"event\w*",
    r"odbyl\w*",
    r"mialo miejsce",
    r"took place",
    r"uroczyst\w*",
    r"obchod\w*",
    r"jubileusz\w*",
    r"rocznic\w*",
    r"anniversar\w*",
    r"weekend\w*",
    r"spotkani\w*",
    r"meeting\w*",
    r"wizyt\w*",
    r"delegacj\w*",
    r"delegation\w*",
    r"visit\w*",
)
# In scope, but no source says: the next visit, today's office holders, what things cost.
_FUTURE = _cue(
    r"nastepn\w*",
    r"kolejn\w*",
    r"najblizsz\w*",
    r"przyszl\w*",
    r"planowan\w*",
    r"zaplanowan\w*",
    r"przyjedzie",
    r"przyjad\w*",
    r"odbedzie",
    r"bedzie",
    r"beda",
    r"next",
    r"upcoming",
    r"future",
    r"planned",
    r"will",
    r"going to",
    r"soon",
    r"wkrotce",
)
_PLANNABLE = _cue(
    r"delegacj\w*",
    r"wizyt\w*",
    r"spotkan\w*",
    r"misj\w*",
    r"wyjazd\w*",
    r"przyjazd\w*",
    r"delegation\w*",
    r"visit\w*",
    r"meeting\w*",
    r"mission\w*",
    r"trip\w*",
    r"jubileusz\w*",
)
_OFFICE_HOLDER = _cue(
    r"burmistrz\w*",
    r"nadburmistrz\w*",
    r"prezydent\w*",
    r"mer",
    r"merem",
    r"mera",
    r"merowi",
    r"mayor\w*",
    r"wlodarz\w*",
    r"wladz\w*",
    r"rzadzi\w*",
    r"head of (?:the )?city",
    r"lord mayor",
    r"oberburgermeister",
)
_NOW = _cue(
    r"teraz",
    r"obecn\w*",
    r"aktualn\w*",
    r"dzis\w*",
    r"current\w*",
    r"now",
    r"today",
    r"present\w*",
    r"dzisiaj",
    r"w tej chwili",
)
_COST = _cue(
    r"ile (?:\S+ )?(?:kosztuj\w*|kosztowal\w*|koszt\w*|wydal\w*|wydaj\w*|placi\w*|zaplaci\w*)",
    r"jaki\w* (?:\S+ )?koszt\w*",
    r"koszt\w* (?:\S+ )?(?:wynosi\w*|wyniosl\w*)",
    r"how much (?:\S+ )?(?:\S+ )?(?:cost|costs|did|does|do|is|was|money|spent|spend|pay)",
    r"what (?:\S+ )?(?:\S+ )?cost",
    r"cena",
    r"ceny",
    r"price\w*",
    r"budzet\w*",
    r"budget\w*",
    r"ile pieniedzy",
    r"jak\w* kwot\w*",
    r"kwota",
    r"amount",
)
_MISSION = _cue(r"misj\w*", r"wyjazd\w*", r"mission\w*", r"trip\w*", r"delegacj\w*")


def mentions_mission(question: str) -> bool:
    """Whether ``question`` speaks of a mission or a trip (folded words)."""
    return bool(_MISSION.search(" " + " ".join(question.split()) + " "))


# "inne miasta partnerskie Gothy", "Gotha's other twin towns": the partner city's own affairs.
_OTHER = _cue(r"inn\w*", r"pozostal\w*", r"other", r"else", r"own", r"wlasn\w*")
_OTHER_CITIES = _cue(r"inn\w* miast\w*", r"other (?:cities|towns|places)")
_BESIDES = _cue(
    r"oprocz",
    r"poza",
    r"procz",
    r"besides",
    r"except",
    r"apart from",
    r"other than",
    r"aside from",
    r"not counting",
)
_PARTNER_WORD = _cue(_PARTNER, r"miast\w* partner\w*", r"partner cities")
_YEAR = re.compile(r"(?<= )(1[89]\d\d|20\d\d)(?= )")
# Starts of a follow-up: "a od kiedy?", "and their phone?", "what about Orange?".
_FOLLOW_UP_START = re.compile(
    r"^(?:a|i|oraz|and|also|what about|how about|a co z|a jak z|a jak|a co|a ze|a z|a w|a we|"
    r"a u|a dla|plus|tez|a gdzie|a kto|a ile|then|so)(?= |$)"
)


_POINTS_BACK = _cue(
    r"it",
    r"its",
    r"they",
    r"their",
    r"them",
    r"there",
    r"that city",
    r"this city",
    r"the city",
    r"tam",
    r"tego miasta",
    r"tym miescie",
    r"to miasto",
    r"ono",
    r"ich",
    r"jej",
    r"jego",
    r"tamtejsz\w*",
)


@dataclass(frozen=True)
class Reading:
    """What the words of one question ask, whichever entry answers it."""

    focus: Focus | None = None  # None: the words ask nothing in particular (an overview)
    year: int | None = None
    # A place named in "is X a partner?": as written ("Lwów"), or the mark of a known one.
    place: str | None = None
    place_mark: str | None = None  # CITY_MARK, COUNTRY_MARK, PLACE_MARK or None (unknown word)
    unanswerable: str | None = None  # "future", "office-holder" or "cost"
    own_affairs: bool = False  # a partner city's own partners: declined
    asks_events: bool = False  # "what happened", "wydarzenia": with a year, an events question
    asks_agreement: bool = False  # "kiedy podpisano umowę?": see Match.agreement
    follow_up_start: bool = False  # begins like "a ...", "and ...", "what about ..."
    # The one name a follow-up consists of ("a Lwów?"), as written, when it is no known name.
    lone_name: str | None = None


def read(marked: Sequence[str], surface: Sequence[str]) -> Reading:
    """Read a question from its folded words (names replaced by marks) and their spellings."""
    text = " " + " ".join(marked) + " "
    bare = " ".join(marked)
    year_found = _YEAR.search(text)
    year = int(year_found.group(1)) if year_found else None
    # "a od kiedy?", and "what does it cover?" too: a pronoun points back as much as "a" does.
    follow_up_start = bool(_FOLLOW_UP_START.match(bare) or _POINTS_BACK.search(text))
    names_city = CITY_MARK in marked

    unanswerable: str | None = None
    if _FUTURE.search(text) and _PLANNABLE.search(text):
        unanswerable = "future"
    elif (
        (names_city or _NOW.search(text))
        and _OFFICE_HOLDER.search(text)
        and not _WHEN.search(text)
    ):
        unanswerable = "office-holder"
    elif _COST.search(text):
        unanswerable = "cost"
    own_affairs = names_city and (
        bool(_OTHER_CITIES.search(text) and "kielce" not in marked)
        or (
            bool(_PARTNER_WORD.search(text))
            and (
                bool(_BESIDES.search(text) and "kielce" in marked)
                or bool(_OTHER.search(text) and "kielce" not in marked)
            )
        )
    )

    place, place_mark = _partner_slot(bare, marked, surface)
    focus = _focus(text, marked, place_mark, place, year)
    if unanswerable and focus not in ("email", "phone", "fax", "address", "investor_centre"):
        focus = "unanswerable"
    return Reading(
        focus=focus,
        year=year,
        place=place,
        place_mark=place_mark,
        unanswerable=unanswerable,
        own_affairs=own_affairs,
        asks_events=bool(_EVENTS.search(text)),
        asks_agreement=bool(_AGREEMENT.search(text)),
        follow_up_start=follow_up_start,
        lone_name=_lone_name(marked, surface),
    )


_FOLLOW_UP_WORDS = _words("a i and what about how co z ze with oraz also then so")


def _lone_name(marked: Sequence[str], surface: Sequence[str]) -> str | None:
    rest = [i for i, w in enumerate(marked) if w not in _FOLLOW_UP_WORDS]
    if len(rest) != 1 or marked[rest[0]].startswith("@") or len(surface) != len(marked):
        return None
    return surface[rest[0]]


def _partner_slot(
    bare: str, marked: Sequence[str], surface: Sequence[str]
) -> tuple[str | None, str | None]:
    """The place in "is X a partner?", as written, and its mark if it is a known name."""
    for pattern in _IS_PARTNER:
        found = pattern.search(bare)
        if not found:
            continue
        start = bare[: found.start("place")].count(" ")
        words = found.group("place").split()
        # "czy to miasto jest ..." or "is it a ...": no place in the slot.
        while words and words[0] in _SLOT_NOISE:
            words, start = words[1:], start + 1
        while words and words[-1] in _SLOT_NOISE:
            words = words[:-1]
        if not words:
            continue
        known = [w for w in words if w in (CITY_MARK, COUNTRY_MARK)]
        if known:
            return None, known[0]
        mark = PLACE_MARK if words[0] == PLACE_MARK else None
        if len(surface) == len(marked):
            return " ".join(surface[start : start + len(words)]), mark
        return " ".join(words), mark
    # A bare place name ("Paryż?", "a Rosja?") asks whether it is a partner.
    content = [w for w in marked if w not in ("a", "i", "and", "what", "about", "co", "z", "ze")]
    if len(content) == 1 and content[0] in (PLACE_MARK, COUNTRY_MARK):
        index = list(marked).index(content[0])
        if content[0] == PLACE_MARK and len(surface) == len(marked):
            return surface[index], PLACE_MARK
        return None, content[0]
    return None, None


def _focus(
    text: str,
    marked: Sequence[str],
    place_mark: str | None,
    place: str | None,
    year: int | None,
) -> Focus | None:
    contact = [focus for focus, cue in _CONTACT.items() if cue.search(text)]
    if contact:
        if "investor_centre" in contact:
            # The only e-mail address the sources give is the Investor Assistance Centre's.
            return "email" if "email" in contact else "investor_centre"
        return contact[0] if len(contact) == 1 else "overview"
    if place is not None or place_mark in (PLACE_MARK, COUNTRY_MARK):
        return "is_partner"
    yes_no = bool(_YES_NO_START.match(text.strip()))
    if place_mark == CITY_MARK or (yes_no and _PARTNER_WORD.search(text) and CITY_MARK in marked):
        return "status"
    if _STATUS.search(text) and CITY_MARK in marked:
        return "status"
    if _POPULATION.search(text):
        return "population"
    if CITY_MARK in marked or not _WHO.search(text):
        if _KNOWN_FOR.search(text):
            return "known_for"
        # Without a city named, "gdzie leży?" follows up on the last one; elsewhere an entry
        # that has no location reads it as a general question.
        if _LOCATION.search(text):
            return "location"
    if _WHEN.search(text) and not (year and _EVENTS.search(text)):
        return "when"
    if _COUNT.search(text):
        return "count"
    if year is not None:
        return "events"
    if _WHO.search(text):
        return "who"
    if _AREAS.search(text):
        return "areas"
    if _STATUS.search(text):
        return "status"
    if _EVENTS.search(text):
        return "events"
    return None


# Long messages ----------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def question_part(text: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """The part of a long message that asks: its last sentences with a question mark.

    A journalist's 4,000-character message ends "... kiedy Gotha?": what comes before explains,
    the question sentence asks. Messages within ``limit`` are kept whole (the engine weighs a
    long message's words itself); longer ones would be cut at ``limit`` and lose their end.
    """
    if len(text) <= limit:
        return text
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    asking = [s for s in sentences if "?" in s] or sentences[-3:]
    kept: list[str] = []
    size = 0
    for sentence in reversed(asking):
        if size + len(sentence) + 1 > limit and kept:
            break
        kept.insert(0, sentence[-limit:])
        size += len(sentence) + 1
    return " ".join(kept)

"""Names as written in articles: normalised forms, stable ids, and clean spans.

spaCy's entity spans carry what surrounds a name: a leading "the", a title ("Foreign
Minister Mevlut Cavusoglu"), a possessive, an unclosed bracket ("Organisation of Islamic
Cooperation (OIC"), quotation marks. :func:`clean_span` cuts a span down to the name;
:func:`is_name` refuses what is not a name at all (a role word such as "politburo", a
lone title, digits). :func:`actor_key` gives the stable id of an actor that the registry
does not know: the same name gives the same id in every article and every run.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: Prefix of the ids of actors found in the text and not in the registry.
DISCOVERED_PREFIX = "d:"
APOSTROPHES = "'’`"
#: Words that stand before a name and are not part of it (lowercase, without a final dot).
TITLE_WORDS = frozenset("""
    mr mrs ms miss dr prof professor sir dame lord lady monsignor sister sisters
    president vice prime premier chancellor minister secretary foreign interior defence defense
    finance economy justice health state deputy acting former late then
    king queen prince princess emir amir sultan sheikh shaikh crown
    general gen lt col colonel major maj brig brigadier commander cmdr captain capt admiral adm
    sergeant sgt lieutenant marshal field
    senator sen rep representative congressman congresswoman governor gov mayor ambassador envoy
    judge justice chief spokesman spokeswoman spokesperson chairman chairwoman chair director
    ayatollah hojatoleslam hojjatoleslam grand imam rabbi pope cardinal bishop father reverend rev
    leader head official officials negotiator suspected alleged archbishop retired majesty highness excellency
    commissioner mp mps
""".split())
#: Nouns of outlets a name follows in apposition ("the news agency Tanjug").
OUTLET_NOUNS = frozenset("agency newspaper daily weekly paper radio television magazine".split())
#: Common nouns that designate a body, not a person: the head of a description that introduces one ("an Iraqi
#: Kurdish group") and the noun by which a story names again a body it has named ("the group said" after "the
#: Conference Board said").
BODY_NOUNS = frozenset("""
    group faction party movement organisation organization body association agency company firm board office
    institute council committee federation union alliance front coalition ministry government embassy army bank
""".split()) | (OUTLET_NOUNS - {"radio", "television", "weekly", "magazine"})
#: Titles of sovereigns, who are named by one given name: "King Hussein" is that name, not a surname.
SOVEREIGN_TITLES = frozenset("king queen prince princess emir amir sultan pope".split())
#: Words that name an office or a body in general; alone, they are not an actor's name.
ROLE_WORDS = frozenset("""
    politburo emir amir president minister ministry premier king queen prince sheikh leader
    government cabinet parliament army police council spokesman official officials authorities
    regime state republic kingdom movement group forces militants militia ayatollah chief
    secretary general commander envoy ambassador embassy court senate congress house media press military
    troops sources residents witnesses urgent majlis knesset duma sejm storting
""".split())
#: Nouns of councils and courts: role words in capitals before one name a body ("State Council").
COUNCIL_WORDS = frozenset("council court senate congress assembly".split())
#: Abbreviated legal forms that end a company's name ("In Home Health Inc", "Genting Bhd").
CORPORATE_FORMS = frozenset("plc inc corp co ltd llc lp sa ag nv bv ab asa oy spa gmbh kk bhd".split())
#: Words that end a company's name and leave it the same company ("Stagecoach Holdings Plc"); alone, no name.
CORPORATE_WORDS = CORPORATE_FORMS | frozenset("""
    corporation limited holdings holding group gruppen company companies
""".split())
#: Lowercase particles inside Arabic, Persian, Dutch, ... names; they never make a short form.
PARTICLES = frozenset("al el ad ed ar as ash at az bin ibn bint abu abd van von der de da di la le du".split())
#: Brackets, the angle ones too: Reuters wires mark company names so ("<Orbit Oil and Gas Ltd> said").
_OPEN, _CLOSE = "([{<", ")]}>"
_STRIP = "\"“”‘’«»,;:!?*•–—-/|" + APOSTROPHES
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.$")


@functools.lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """Return ``text`` lowercased, without accents, hyphens, dots or apostrophes (remembered).

    >>> normalise_name("Izz-al-Din al-Qassam Brigades")
    'izz al din al qassam brigades'
    """
    if not text.isascii():  # ASCII has no accents to take off
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[-‐–'’`.]", " ", text.lower())
    return " ".join(text.split())


def name_words(text: str) -> list[str]:
    """Return the normalised words of a name without its particles ("al", "bin", ...).

    >>> name_words("Ali al-Baraka")
    ['ali', 'baraka']
    """
    return list(_name_words(text))


@functools.lru_cache(maxsize=65536)
def _name_words(text: str) -> tuple[str, ...]:
    """Return :func:`name_words` as a tuple, remembered (names recur across a corpus)."""
    return tuple(w for w in normalise_name(text).split() if w not in PARTICLES)


def actor_key(name: str) -> str:
    """Return the stable id of a discovered actor: the prefix and the normalised name.

    >>> actor_key("Organisation of Islamic Cooperation")
    'd:organisation_of_islamic_cooperation'
    """
    return DISCOVERED_PREFIX + "_".join(re.sub(r"[^\w ]", " ", normalise_name(name)).split())


def is_discovered(actor_id: str | None) -> bool:
    """Return True for the id of an actor found in the text (not a registry id)."""
    return bool(actor_id) and actor_id.startswith(DISCOVERED_PREFIX)


def _cut_brackets(text: str) -> str:
    """Return ``text`` up to its first bracket when the bracket is not closed inside it.

    >>> _cut_brackets("Organisation of Islamic Cooperation (OIC"), _cut_brackets("Orbit Oil and Gas Ltd>")
    ('Organisation of Islamic Cooperation ', 'Orbit Oil and Gas Ltd')
    """
    depth = 0
    for i, char in enumerate(text):
        if char in _OPEN:
            if _CLOSE[_OPEN.index(char)] not in text[i:]:
                return text[:i]
            depth += 1
        elif char in _CLOSE:
            if depth == 0:
                return text[:i]
            depth -= 1
    return text


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start`` and ``end`` past spaces and punctuation that never end a name."""
    while start < end and (text[start].isspace() or text[start] in _STRIP + "."):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _STRIP):
        end -= 1
    if end > start and text[end - 1] == "." and not _ABBREVIATION_END.search(text[start:end]):
        end -= 1
    return start, end


_POSSESSIVE_END = re.compile(rf"[{APOSTROPHES}]s?$")
_LEADING_ARTICLE = re.compile(r"(?i:the|an?)\s+")
_FIRST_WORD = re.compile(r"([^\s]+)\s+")


def _strip_possessive(text: str, start: int, end: int) -> int:
    """Return ``end`` without a trailing possessive ("Iran's", "Brigades’")."""
    match = _POSSESSIVE_END.search(text, start, end)
    return end - len(match.group()) if match else end


def clean_span(text: str, start: int, end: int, person: bool = False,
               leading_words: frozenset[str] = frozenset()) -> tuple[int, int]:
    r"""Return the offsets of the name inside ``text[start:end]``.

    Drops a leading article, an unclosed bracket and what follows it, what follows a
    line break (a byline run into the dateline: "Wafa Amr\n\nRAMALLAH"), a possessive,
    edge punctuation and, for a person (``person``), titles and the words in
    ``leading_words`` (demonyms: "Turkish Foreign Minister Mevlut Cavusoglu" ->
    "Mevlut Cavusoglu"). The span may come back empty (``start == end``).

    >>> t = "the Organisation of Islamic Cooperation (OIC"
    >>> s, e = clean_span(t, 0, len(t)); t[s:e]
    'Organisation of Islamic Cooperation'
    >>> t = "Wafa Amr\n\nRAMALLAH"
    >>> s, e = clean_span(t, 0, len(t), person=True); t[s:e]
    'Wafa Amr'
    >>> t = "Turkish Foreign Minister Mevlut Cavusoglu's"
    >>> s, e = clean_span(t, 0, len(t), person=True, leading_words=frozenset({"turkish"})); t[s:e]
    'Mevlut Cavusoglu'
    """
    end = start + len(_cut_brackets(text[start:end]))
    start, end = _strip_edges(text, start, end)
    end = start + len(text[start:end].split("\n", 1)[0])
    head = _LEADING_ARTICLE.match(text, start, end)
    if head:
        start = head.end()
    while person:
        word = _FIRST_WORD.match(text, start, end)
        if not word or not (is_title(word.group(1)) or word.group(1).rstrip(".").lower() in leading_words):
            break
        start = word.end()
    end = _strip_possessive(text, start, end)
    return _strip_edges(text, start, end)


def is_title(word: str) -> bool:
    """Return True for a title before a name, hyphenated ones too.

    >>> is_title("Gen."), is_title("Major-General"), is_title("Commissioner-General"), is_title("Abdul-Karim")
    (True, True, True, False)
    """
    return all(part in TITLE_WORDS for part in word.rstrip(".").lower().split("-"))


@functools.lru_cache(maxsize=8192)
def is_name(text: str) -> bool:
    """Return True if a cleaned span can be the name of an actor.

    It needs a capital letter, two letters at least, fewer than nine words, and must
    not be a role word alone ("politburo", "Emir"), a title alone or a company's suffix alone
    ("Ltd"); role words in capitals that end with a council's or a court's noun are a body's
    name ("State Council", "Military Council").

    >>> [is_name(t) for t in ("Emir", "politburo", "Jarrah", "123", "OIC", "Ltd", "State Council", "Prime Minister")]
    [False, False, True, False, True, False, True, False]
    >>> is_name("Commissioner-General")
    False
    """
    words = text.split()
    if not words or len(words) > 8 or sum(c.isalpha() for c in text) < 2:
        return False
    if not any(c.isupper() for c in text):
        return False
    lowered = [part for w in words for part in w.strip(".").lower().split("-")]
    if len(words) > 1 and lowered[-1] in COUNCIL_WORDS and all(w[:1].isupper() for w in words):
        return True
    return not all(w in ROLE_WORDS or w in TITLE_WORDS for w in lowered) and not set(lowered) <= CORPORATE_WORDS


def initials(name: str) -> str:
    """Return the capital initials of a name's words, skipping small words.

    >>> initials("Organisation of Islamic Cooperation")
    'OIC'
    """
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def abbreviates(short: str, name: str) -> bool:
    """Return True if ``short`` (2-6 capitals, maybe with small letters: "MoH") abbreviates ``name``.

    Its capitals must be the initials of the name's capitalised words in order, or
    those initials with one letter more or less (a dropped or doubled word).

    >>> abbreviates("OIC", "Organisation of Islamic Cooperation"), abbreviates("MoH", "Ministry of Health")
    (True, True)
    >>> abbreviates("IRGC", "Revolutionary Guards")
    False
    """
    letters = re.sub(r"[^A-Z]", "", short)
    if not (2 <= len(letters) <= 6) or not short[:1].isupper() or len(short) > 2 * len(letters) + 2:
        return False
    first = initials(name)
    if letters == first:
        return True
    return len(first) >= 3 and abs(len(first) - len(letters)) <= 1 and letters[0] == first[0] and (
        _is_subsequence(letters, first) or _is_subsequence(first, letters))


def _is_subsequence(short: str, long: str) -> bool:
    """Return True if the letters of ``short`` appear in ``long`` in order."""
    it = iter(long)
    return all(char in it for char in short)


@dataclass(frozen=True)
class Mention:
    """One mention of an actor before it becomes a row of the ``mentions`` table."""

    start: int
    end: int
    text: str
    actor_id: str | None
    actor_name: str
    actor_type: str
    method: str


def overlaps(start: int, end: int, taken: list[Mention]) -> bool:
    """Return True if ``[start, end)`` overlaps any mention of ``taken``.

    A plain loop, not ``any()`` over a generator (twice as fast; it is asked for every candidate).
    """
    for m in taken:
        if start < m.end and m.start < end:
            return True
    return False


def literal_alternation(words: Iterable[str]) -> str:
    """Return a regex matching any of ``words`` literally, the longest first where several match.

    The words are grouped by their first character (``I(?:ran's Guard|ran|raq)``), with a
    lookahead on those characters first: Python's ``re`` tries every alternative of a
    group at each position, so a flat list of hundreds of names was tried hundreds of
    times at every capital letter; grouped, only the names with that letter are.

    >>> re.findall(literal_alternation(["Iran", "Iraq", "Iran's Guard", "I"]), "Iran's Guard and Iraq, I")
    ["Iran's Guard", 'Iraq', 'I']
    """
    groups: dict[str, list[str]] = {}
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in sorted(groups.items()):
        longer = "|".join(re.escape(rest) for rest in rests if rest)
        optional = "?" if "" in rests else ""
        branches.append(re.escape(first) + (f"(?:{longer}){optional}" if longer else ""))
    return f"(?=[{re.escape(''.join(sorted(groups)))}])(?:{'|'.join(branches)})"

"""Numbers in words and digits, and the number expressions that are never counts.

Shared by :mod:`helpers.extract.figures` (what a number counts) and
:mod:`helpers.extract.timexes` (durations such as "two days" and "the past 24 hours").

Numbers are read as written in news and on the wire: "1,400", "Thirty-four", "a
million", "half a million", "50 mln", "1.2 bln", "6-1/2".

A number is *not a count* when it is part of something else: a clock time ("18:00",
"20:22:40", "5 p.m."), a phone number ("+972 2 582 9962"), an address ("12 Salah
al-Din Street"), an age ("a 12-year-old", "aged 12"), a hyphenated modifier ("a
37-page manual", "two-thirds"), a measure ("461 mm", "a 20 metre structure", "100,000 to
112,500 acres", "6.9 on the Richter scale"), a fraction ("one third"), an exchange rate
("($1=32.14 Belgian Franc)"), a match's score ("won 2-0"), a list item's number ("1) to
use ..."), a conversion in brackets ("18 kg (39.7 pounds)") or a name ("9/11", "F-16",
"Channel Two"; "Resolution 2334", which the parse tells). :func:`not_a_count` says which, from
the characters around the number; the checks that need the parse or the date
expressions live in :mod:`helpers.extract.figures`.
"""

from __future__ import annotations

import re

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
#: Number words and their values ("twenty-four" is read as "twenty" and "four").
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
#: Scale words, with the wire's abbreviations ("50 mln dlrs", "1.2 bln").
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000,
                          "billion": 1_000_000_000, "bln": 1_000_000_000, "trillion": 1_000_000_000_000}

#: A number written in words ("thirty-four", "eleven", "a dozen", "a half dozen", "a million", "half a million").
WORD_NUMBER = (rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS[1:10])}))?|{'|'.join(_UNITS)}"
               r"|(?:a\s+)?half(?:\s+a)?\s+dozen|a dozen|dozen"
               r"|(?:half\s+)?a(?=\s+(?:hundred|thousand|million|billion)\b))")
#: A thousands group: a comma and three digits, or a comma, a space and three digits of which the first is a zero
#: ("27, 019", a typing slip; "in 1998, 2000" and "5, 6" stay apart: a list item never starts with a zero).
THOUSANDS_GROUP = r",(?:\d{3}| 0\d{2})"
#: A number written in digits ("1,400", "2.5", "24", "27, 019", and the wire's fractions: "6-1/2").
DIGIT_NUMBER = rf"\d{{1,3}}(?:{THOUSANDS_GROUP})+(?:\.\d+)?|\d+-\d/\d{{1,2}}|\d+(?:\.\d+)?"
_FRACTION = re.compile(r"(\d+)-(\d)/(\d{1,2})")

#: Time zones of the wire's four-digit times ("0700 EDT", "1330 local time", "1400 Gulf time").
_ZONES = r"GMT|UTC|[ECMP][SD]T|BST|CET|hrs|hours\s+(?:GMT|local)|local\s+time|(?-i:[A-Z][a-z]+)\s+time"
#: A clock time: "18:00", "20:22:40", "5 p.m.", "10:35 a.m.", "0600 GMT", "17:00 hrs", "0700 EDT", "1330 local
#: time", and four digits that start with a zero ("until about 0600"): no count is written so. Every one starts
#: with a digit: the lookahead says so first, which spares the search trying each branch at every other character.
CLOCK_TIME = re.compile(r"(?=\d)"
                        r"(?:(?<![\d:])(?:[01]?\d|2[0-4])(?::[0-5]\d){1,2}(?:\s*(?:[ap]\.?m\.?|hrs|GMT|UTC)\b\.?)?"
                        r"|(?<![\d:.,])(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*[ap]\.m\.?|(?<![\d:.,])(?:1[0-2]|0?[1-9])\s*[ap]m\b"
                        rf"|(?<![\d:.,])(?:[01]\d|2[0-3])[0-5]\d\s*(?:{_ZONES})\b"
                        r"|(?<![\d:.,$])0\d[0-5]\d(?![\d,.:]))",
                        re.IGNORECASE)
#: A phone number: a leading "+" or "00" and at least seven digits in groups; or, as the wire signs its
#: stories ("Sydney Newsroom 61-2 373-1800", "(202) 898-8300", "Sofia Newsroom, 359-2-84561"), an area code
#: before a local number, or three groups or more joined by hyphens.
PHONE = re.compile(r"(?:\+|\b00)\d{1,3}(?:[\s.()-]*\d){6,}"
                   r"|(?<![\d,.])(?:\d{1,4}-)?\(?\d{1,4}\)?\s+\d{3,4}-\d{4}\b"
                   r"|(?<![\d,.])\d{1,4}(?:-+\d{1,4})+-\d{4,}\b")
#: A wire story's signature before a number: its telephone ("-- Caracas newsroom, 582 834405").
_SIGNATURE_BEFORE = re.compile(r"\b(?:newsroom|desk|bureau)\b[,:;(\s]{0,3}[\d\s()+-]*$", re.IGNORECASE)
#: A house number: a number followed by up to three capitalised words and a street word.
ADDRESS = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){0,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Lane)\b")
_AGE_AFTER = re.compile(r"(?:-|\s)(?:year|month|week|day)s?(?:-|\s)old\b|\s*years? old\b", re.IGNORECASE)
#: A number joined by a hyphen to the word after it modifies a noun: a size, length or share
#: ("a 37-page manual", "a 10-km convoy", "two-thirds"), not a count; "a 1,000-strong force" counts.
_MODIFIER_AFTER = re.compile(r"-(?!strong\b)[a-z]+\b", re.IGNORECASE)
#: A number in brackets right after another number and its unit restates it in other units:
#: "18 kg (39.7 pounds)", "5 million marks ($3.3 million)"; "(300 in Gaza)" says more.
_CONVERSION_BEFORE = re.compile(r"(?:\d|\b(?:hundred|thousand|million|billion))(?:\s+[^\W\d]+\.?){0,2}\s*"
                                r"\(\s*(?:US\$|\$|€|£)?\s*$", re.IGNORECASE)
_CONVERSION_AFTER = re.compile(r"(?:\s*[^\W\d]+\.?)?\s*\)")
#: "five o'clock" (kept out of :data:`CLOCK_TIME`, which the date expressions also read).
_OCLOCK_AFTER = re.compile(r"\s+o['’]clock\b", re.IGNORECASE)
#: A capitalised word right before a capitalised number word: a name ("Israel's Channel Two").
_NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")
#: The units word of an age written apart from its tens ("Seventy eight-year-old Mandolina Zelic").
_UNITS_AGE_AFTER = re.compile(rf"\s+(?:{'|'.join(_UNITS[1:10])})(?={_AGE_AFTER.pattern})", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age of|ages of|ages|age)\s+(?:about|around|between|over|under|nearly|some)?\s*$",
                         re.IGNORECASE)
#: The ages before a later one of a list or range: "ages 10, 12 and 14", "between the ages of 9 and 18".
_AGE_LIST_BEFORE = re.compile(r"\b(?:aged|ages?)\s+(?:of\s+)?(?:between\s+)?\d{1,3}(?:\s*,\s*\d{1,3})*"
                              r"\s*(?:,|and|or|to|-|–)\s*$", re.IGNORECASE)
#: An age's bound after it: "615 who were 3 or younger", "65 and older".
_AGE_BOUND_AFTER = re.compile(r"\s+(?:or|and)\s+(?:younger|older)\b", re.IGNORECASE)
#: Units of length, weight, area and volume: a number of them is a distance or a size, never a count; a ship's
#: tonnage ("the 2,852 dwt West German motor vessel") is its size, oil in barrels ("57,000 barrels per day (bpd)",
#: "800,000 bpd") a volume.
MEASURE_UNITS = frozenset("km kilometre kilometer mile metre meter cm mm inch foot feet yard kg kilo kilogram "
                          "kilogramme gram gramme lb lbs ounce ton tonne acre hectare litre liter gallon mph kph "
                          "knot dwt grt deadweight barrel bpd".split())
#: A unit right after the number ("461 mm (18 inches)", "a 10 metre by 20 metre structure").
#: ... or after the range the number opens ("100,000 to 112,500 acres").
_MEASURE_AFTER = re.compile(r"(?:\s*(?:to|or|-|–)\s*[\d.,]*\d)?\s*(?:"
                            + "|".join(sorted(MEASURE_UNITS, key=len, reverse=True)) + r")(?:e?s)?\b", re.IGNORECASE)
#: An earthquake's magnitude: "6.9 on the Richter scale", "a 7.8-magnitude", "magnitude 5.4".
_MAGNITUDE_AFTER = re.compile(r"\s+on\s+the\s+(?:open-ended\s+)?Richter\b|[\s-]magnitude\b", re.IGNORECASE)
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+of)?\s+$", re.IGNORECASE)
#: A fraction's denominator after a number word or digit: "one third", "two thirds", "three quarters".
_FRACTION_AFTER = re.compile(r"\s+(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)s?\b", re.IGNORECASE)
#: A multiplier: "four times higher than", "three times as many", "twice"-like ratios written with a number.
_MULTIPLIER_AFTER = re.compile(r"\s+times\s+(?:as|the|more|less|fewer|over|higher|lower|larger|greater|bigger|"
                               r"smaller|\w+er\s+than)\b|-?fold\b", re.IGNORECASE)
#: An exchange rate, as the wire notes one in brackets: "($1=32.14 Belgian Franc)", "(1 dlr = 1.80 marks)".
EXCHANGE_RATE = re.compile(r"\(\s*(?:US)?\$?\s*\d[\d.,]*\s*(?:[A-Za-z]+\s*)?=\s*\$?\d[\d.,]*"
                           r"(?:\s+[A-Za-z.]+){0,3}\s*\)")


def parse_number(text: str) -> float:
    """Return the value of a number written in digits or words.

    >>> parse_number("Thirty-four"), parse_number("1,400"), parse_number("70 million")
    (34.0, 1400.0, 70000000.0)
    >>> parse_number("two hundred thousand"), parse_number("a dozen"), parse_number("2.5 billion")
    (200000.0, 12.0, 2500000000.0)
    >>> parse_number("50 mln"), parse_number("1.2 bln"), parse_number("6-1/2")
    (50000000.0, 1200000000.0, 6.5)
    >>> parse_number("a million"), parse_number("half a million"), parse_number("a hundred")
    (1000000.0, 500000.0, 100.0)
    >>> parse_number("a half dozen"), parse_number("half a dozen")
    (6.0, 6.0)
    >>> parse_number("27, 019")
    27019.0
    """
    words = text.lower().replace(", ", "").replace(",", "").split()  # a number's only comma is a thousands group
    if words[-1:] == ["dozen"]:
        return 6.0 if "half" in words else 12.0
    if words[:2] == ["half", "a"]:
        return parse_number(" ".join(["1", *words[2:]])) / 2
    if words[:1] == ["a"]:
        words[0] = "1"
    total, current = 0.0, 0.0
    for word in words:
        if word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
        elif fraction := _FRACTION.fullmatch(word):
            current += int(fraction[1]) + int(fraction[2]) / int(fraction[3])
        else:
            current += sum(WORD_VALUES[part] for part in word.split("-"))
    return total + current


def covered_by(pattern: re.Pattern, text: str, start: int, end: int) -> bool:
    """Say whether a match of ``pattern`` near ``start:end`` of ``text`` covers that span."""
    window_start = max(0, start - 24)
    for match in pattern.finditer(text, window_start, min(len(text), end + 24)):
        if match.start() <= start and end <= match.end():
            return True
    return False


def _is_age(text: str, start: int, end: int) -> bool:
    """Say whether the number of ``text[start:end]`` is an age ("aged 40", "Seventy eight-year-old").

    >>> _is_age("girls, ages 10, 12 and 14 were killed", 16, 18), _is_age("children ages 12 and under", 14, 16)
    (True, True)
    >>> _is_age("615 who were 3 or younger", 13, 14), _is_age("killed 3 and injured 14", 7, 8)
    (True, False)
    """
    if _AGE_AFTER.match(text, end) or _AGE_BEFORE.search(text[max(0, start - 12):start]):
        return True
    if _AGE_LIST_BEFORE.search(text[max(0, start - 40):start]) or _AGE_BOUND_AFTER.match(text, end):
        return True
    return text[start:end].lower() in _TENS and bool(_UNITS_AGE_AFTER.match(text, end))


#: A match result: two small numbers joined by a hyphen, the second no larger ("won 2-0", "drew 1-1").
_SCORE = re.compile(r"(?<![\d,.\-/])(\d{1,2})-(\d{1,2})(?![\d,/\-])")


def _is_score(text: str, start: int, end: int) -> bool:
    """Say whether the number at ``text[start:end]`` is part of a score ("Manchester United won 2-0").

    A range rises ("10-20"); a score's second number is no larger than its first.
    """
    for match in _SCORE.finditer(text, max(0, start - 3), min(len(text), end + 3)):
        if match.start() <= start < match.end() and int(match[2]) <= int(match[1]):
            return True
    return False


def _other_quantity(text: str, start: int, end: int) -> str | None:
    """Return why the number at ``text[start:end]`` is another quantity: measure, fraction, ratio, rate, score.

    A measure: a unit after it ("461 mm") or an earthquake's magnitude ("6.9 on the Richter
    scale", "magnitude 5.4"); a fraction ("about one third of"); a ratio ("more than four
    times higher than", "a 12-fold increase"); an exchange rate
    ("($1=32.14 Belgian Franc)"); a match's score (:func:`_is_score`).
    """
    if _is_score(text, start, end):
        return "score"
    if _MEASURE_AFTER.match(text, end) or _MAGNITUDE_AFTER.match(text, end) \
            or _MAGNITUDE_BEFORE.search(text[max(0, start - 16):start]):
        return "measure"
    if _FRACTION_AFTER.match(text, end):
        return "fraction"
    if _MULTIPLIER_AFTER.match(text, end):
        return "ratio"
    return "rate" if covered_by(EXCHANGE_RATE, text, start, end) else None


def _mark(text: str, start: int, end: int) -> str | None:
    """Return "reference" or "enumerator" for a number that marks text, else None.

    A footnote mark ("injured.[2]"); a list item's number opening its sentence ("1) to use surplus liquidity ...").
    """
    if text[start - 1: start] == "[" and text[end: end + 1] == "]":
        return "reference"
    return "enumerator" if text[end: end + 1] == ")" and not text[:start].strip(" (") else None


def not_a_count(text: str, start: int, end: int) -> str | None:
    """Return why the number at ``text[start:end]`` is no count.

    The reasons: clock, phone, address, age, score, modifier, name, measure, fraction, ratio, rate (of exchange),
    reference (a footnote), enumerator (of a list) and conversion.

    >>> not_a_count("as of 18:00 on Monday", 6, 8), not_a_count("at 5 p.m. local time", 3, 4)
    ('clock', 'clock')
    >>> not_a_count("just before 8.30 a.m.", 12, 16), not_a_count("at 5 o'clock", 3, 4)
    ('clock', 'clock')
    >>> not_a_count("call +972 2 582 9962", 10, 11), not_a_count("a 12-year-old boy", 2, 4)
    ('phone', 'age')
    >>> not_a_count("Newsroom 61-2 373-1800", 14, 22), not_a_count("killed 850-1200 people", 7, 15) is None
    ('phone', True)
    >>> not_a_count("Newsroom, 359-2-84561", 16, 21), not_a_count("Seventy eight-year-old Zelic", 0, 7)
    ('phone', 'age')
    >>> not_a_count("-- Caracas newsroom, 582 834405", 25, 31), not_a_count("the bureau said 500 died", 16, 19) is None
    ('phone', True)
    >>> not_a_count("both Finns aged about 40, were arrested", 22, 24), not_a_count("+ 00--44-171-542-7947", 9, 12)
    ('age', 'phone')
    >>> not_a_count("at 12 Omar Mukhtar Street", 3, 5), not_a_count("killed 18 people", 7, 9) is None
    ('address', True)
    >>> not_a_count("a 37-page manual", 2, 4), not_a_count("a 1,000-strong force", 2, 7) is None
    ('modifier', True)
    >>> not_a_count("Israel's Channel Two said", 17, 20), not_a_count("Friday. Two died", 8, 11) is None
    ('name', True)
    >>> not_a_count("were injured.[2]", 14, 15), not_a_count("five kg (11 lb) of opium", 9, 11)
    ('reference', 'measure')
    >>> not_a_count("weighed 18 kg (39.7 pounds)", 15, 19), not_a_count("killed 40 (30 in Gaza)", 11, 13) is None
    ('conversion', True)
    >>> not_a_count("registered 6.9 on the Richter scale", 11, 14), not_a_count("about one third of it", 6, 9)
    ('measure', 'fraction')
    >>> not_a_count("($1=32.14 Belgian Franc)", 4, 9), not_a_count("around 1330 local time", 7, 11)
    ('rate', 'clock')
    >>> not_a_count("beginning at about 1400 Gulf time", 19, 23), not_a_count("1200 part time workers", 0, 4)
    ('clock', None)
    >>> not_a_count("Manchester United won 2-0.", 22, 23), not_a_count("killed 10-20 people", 7, 9) is None
    ('score', True)
    >>> not_a_count("1) to use surplus liquidity", 0, 1), not_a_count("the level of 100,000 to 112,500 acres", 13, 20)
    ('enumerator', 'measure')
    """
    if covered_by(CLOCK_TIME, text, start, end) or _OCLOCK_AFTER.match(text, end):
        return "clock"
    if covered_by(PHONE, text, start, end) or _SIGNATURE_BEFORE.search(text[max(0, start - 40):start]):
        return "phone"
    if ADDRESS.match(text, end):
        return "address"
    if _is_age(text, start, end):
        return "age"
    if _MODIFIER_AFTER.match(text, end):
        return "modifier"
    if text[start:start + 1].isupper() and not text[start:start + 1].isdigit() and _NAME_BEFORE.search(text[:start]):
        return "name"
    if (reason := _other_quantity(text, start, end)) is not None:
        return reason
    if (mark := _mark(text, start, end)) is not None:
        return mark
    if _CONVERSION_BEFORE.search(text[max(0, start - 60):start]) and _CONVERSION_AFTER.match(text, end):
        return "conversion"
    return None

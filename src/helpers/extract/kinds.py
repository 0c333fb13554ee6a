"""What a number counts, read from the words that govern it in the dependency parse.

A figure's kind comes from, in order:

1. its unit: money is ``funding`` when a verb or noun of giving governs it, else
   ``other``; a percentage is ``other``;
2. its counted noun and that noun's own modifiers ("34 *fatalities*", "the *death* toll",
   "109 Palestinians *injured*", "the number of Palestinians *killed*");
3. the predicate that governs it, climbing the parse from the number through
   prepositions, coordination and open complements but never out of a relative,
   adverbial or reported clause ("34 Palestinians *were killed*", "*martyred* 34",
   "over 350 ... *lost their lives*", "around 200 ... *taken as hostages*", "the toll
   *rose to* 4,137", "*bringing* the fatality toll to 4,137", "20 are reported *to have
   died*"), or the group that "be among" or "include" puts it in ("*among the dead* were five
   members", "the *dead* included five refugees"). A noun that gives people's standing
   (refugees, prisoners, hostages) yields to a predicate of another kind: "*killed* five refugees".
   The times of an attack verb count attacks ("*attacked* about 135 times"), the "of" phrase of a
   victim verb's agent noun counts victims ("*Kidnappers* of four professors"), and "captured" counts
   people only when its object is people; an attack word reached through its target's preposition
   ("an assault *on* the fronts of three divisions") gives no kind.

Each noun or verb belongs to a lemma class (:data:`LEMMA_KINDS`) or, with its object,
to a phrase class (:data:`PHRASE_KINDS`: lose + life, take + hostage, shoot + dead).
The role matters: the active subject of a transitive verb ("30 gunmen killed ...") is
not its victim. A number that nothing of these classes governs has no kind here
(the extractor writes ``other``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Token

from helpers.extract.nlp import crosses_paragraph, load_model

#: Lemma classes: a noun, adjective or verb and what a number it governs counts.
LEMMA_KINDS: dict[str, str] = {
    **dict.fromkeys("rocket missile mortar projectile shell drone".split(), "rockets"),
    **dict.fromkeys("attack strike airstrike raid assault bombing incident shelling sortie".split(), "attacks"),
    **dict.fromkeys("hostage captive abductee kidnap kidnapping abduct abduction".split(), "hostages"),
    **dict.fromkeys("death fatality dead toll kill killing die martyr perish slay murder execute execution drown "
                    "assassinate assassination massacre genocide slaughter behead eliminate hanged hanging body "
                    "corpse".split(), "killed"),
    **dict.fromkeys("injury wounded injured injure wound hurt maim burn hospitalise hospitalize".split(), "injured"),
    **dict.fromkeys("arrest detainee prisoner detain detention custody apprehend imprison jail capture".split(),
                    "arrested"),
    **dict.fromkeys("idp refugee evacuee evacuate displace uproot flee homeless".split(), "displaced"),
}
#: A verb with its object, complement or "as" phrase, or a noun with its "of" phrase ("a loss of 1,500
#: lives"): (verb or noun lemma, word lemma) -> kind.
PHRASE_KINDS: dict[tuple[str, str], str] = {
    ("lose", "life"): "killed", ("loss", "life"): "killed", ("claim", "life"): "killed", ("take", "life"): "killed",
    ("cost", "life"): "killed",
    ("take", "hostage"): "hostages", ("hold", "hostage"): "hostages", ("take", "captive"): "hostages",
    ("hold", "captive"): "hostages", ("take", "prisoner"): "arrested",
    **{(verb, noun): "injured" for verb in ("suffer", "sustain", "receive", "incur")
       for noun in ("injury", "wound", "burn")},
    ("take", "hospital"): "injured", ("admit", "hospital"): "injured", ("rush", "hospital"): "injured",
    ("burn", "death"): "killed",
}
#: Verbs whose victim is the object (or the passive subject): their active subject is the agent.
TRANSITIVE = frozenset("kill martyr slay murder execute assassinate massacre slaughter behead eliminate injure "
                       "wound hurt maim abduct kidnap arrest detain apprehend imprison jail displace uproot "
                       "capture burn".split())
#: Verbs that take people or places alike: they count people only when their object is people ("captured dozens
#: more", "two were captured", "captured 300 Iranian soldiers"; not "captured two towns"; "Three soldiers ... were
#: burned by a gasoline bomb", not "burned 20 houses"; "three people were hurt", not "This has hurt cane sugar
#: refiners").
PEOPLE_OR_THINGS = frozenset({"capture", "burn", "hurt"})
#: Nouns of people that such a verb may count (besides a nationality or a person's name, and a bare number).
PEOPLE_NOUNS = frozenset("people person man woman child civilian soldier troop fighter guerrilla militant rebel "
                         "member officer policeman sailor crewman crew pilot worker student prisoner".split())
#: Verbs of attacking: their subject counts attackers, never victims or attacks.
ATTACK_VERBS = frozenset("attack strike raid assault bomb shell fire launch ambush storm invade".split())
#: Verbs that stop the climb: what they report is counted, not the reporting.
REPORT_VERBS = frozenset("say tell report state announce claim add note confirm estimate reveal write broadcast "
                         "allege assert declare disclose accuse admit acknowledge concede insist warn predict "
                         "forecast count tally record document".split())
#: Dependency labels of a clause that the climb does not leave (its number belongs to it).
CLAUSE_BOUNDARIES = frozenset({"relcl", "advcl", "ccomp", "csubj", "parataxis", "acl", "pcomp"})
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "attr")
#: Verbs whose object is a level that their subject reaches ("the toll surpassed 10,000", "stands at 11,078").
MEASURE_VERBS = frozenset("reach surpass exceed top pass cross rise climb stand increase jump soar mount bring put "
                          "raise approach total near hit".split())
#: How a number attaches to the verb whose other arguments say what it counts.
_LEVEL_LINKS = ("prep", "attr", "acomp", "oprd", "npadvmod")
_COMPLEMENTS = ("dobj", "oprd", "acomp", "attr", "xcomp")
CURRENCIES = ("USD", "EUR", "GBP")
FUNDING_WORDS = frozenset("aid fund funding support finance allocate give pledge donate receive provide transfer "
                          "deposit funnel channel contribute contribution donation "
                          "pay send budget grant assistance promise spend".split())


#: Kinds that count things named by nouns only: "fired 450 rockets", never the subject or object of "struck".
NOUN_ONLY_KINDS = frozenset({"rockets", "attacks"})


def lemma_kind(token: Token) -> str | None:
    """Return the kind of a single word by its lemma class (or its lower-cased form).

    Rockets and attacks are counted by nouns only: the subject of "attacked" is the
    attackers, its object the targets.
    """
    kind = LEMMA_KINDS.get(token.lemma_.lower()) or LEMMA_KINDS.get(token.lower_) \
        or LEMMA_KINDS.get(glued_lemma(token) or "") or LEMMA_KINDS.get(_plural_stem(token))
    if kind in NOUN_ONLY_KINDS and token.pos_ not in ("NOUN", "PROPN"):
        return None
    return kind


def _plural_stem(token: Token) -> str:
    """Return a plural noun without its "s", for a lemma the lemmatizer misread ("corpses" read as "corps")."""
    return token.lower_[:-1] if token.tag_ == "NNS" and token.lower_.endswith("s") else ""


#: A word glued by its period to the next sentence, whose first word the tokeniser did not split off
#: ("killed.arAbout": a stray mark, then "About").
_GLUED = re.compile(r"([a-z]+)\.[a-z]*[A-Z]")


def glued_lemma(token: Token) -> str | None:
    """Return the lemma of the word that ends a sentence glued to the next one ("killed" in "killed.arAbout"), or None.

    The model's own lemmatizer reads the word with the part of speech the token has.
    """
    match = _GLUED.match(token.text)
    if match is None:
        return None
    word = Doc(token.vocab, words=[match[1]], pos=[token.pos_ or "X"])[0]
    return load_model().get_pipe("lemmatizer").rule_lemmatize(word)[0]


def phrase_kind(verb: Token) -> str | None:
    """Return the kind of a verb with its object, complement, or "as" or "to" phrase.

    "lost their lives", "taken as hostages", "taken to hospital", "reported dead", "found dead".
    """
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp") and child.pos_ == "ADJ" and (kind := lemma_kind(child)) is not None:
            return MIXED if _mixed(child, kind) else kind  # "are feared dead or missing"
        words = [child] if child.dep_ in _COMPLEMENTS else []
        if child.dep_ == "prep" and child.lower_ in ("as", "to"):
            words = [c for c in child.children if c.dep_ == "pobj"]
        for word in words:
            if (kind := PHRASE_KINDS.get((lemma, word.lemma_.lower()))) is not None:
                return kind
    return None


#: Heads of a count that a compound before them narrows: "the injury toll", "death cases", "casualty figures".
COUNT_HEADS = frozenset("toll number count figure total tally case victim casualty statistic estimate".split())


def nominal_kind(noun: Token) -> str | None:
    """Return the kind of a noun phrase: the noun, its compounds and modifiers, or its "of" phrase.

    "the death toll", "the injury toll", "Palestinians injured", "the number of Palestinians killed", "Palestinians who
    have been killed", "a loss of 1,500 lives".
    """
    for child in noun.children:  # a compound narrows a count's head: "the injury toll", not "two refugee camps"
        if child.dep_ == "compound" and noun.lemma_.lower() in COUNT_HEADS and (kind := lemma_kind(child)):
            return kind
    if (kind := lemma_kind(noun)) is not None:
        return kind
    if (kind := modifier_kind(noun)) is not None:
        return kind
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and (
            kind := PHRASE_KINDS.get((noun.head.head.lemma_.lower(), noun.lemma_.lower()))) is not None:
        return kind  # "a loss of 1,500 lives"
    return _object_kind(noun, "of", _modified_kind)


def modifier_kind(token: Token) -> str | None:
    """Return the kind of the participle, adjective or relative clause that modifies a word.

    "Palestinians killed", "6,268 injured", "19,667 Palestinians who have been killed"; not
    the relative clause whose subject is the agent ("30 gunmen who killed 5 people").
    """
    for child in token.children:
        if child.dep_ not in ("acl", "amod", "relcl"):
            continue
        if child.dep_ == "relcl" and _agent_clause(child):
            continue
        if (kind := lemma_kind(child) or phrase_kind(child)) is not None:
            return MIXED if _mixed(child, kind) else kind
    return None


def _agent_clause(verb: Token) -> bool:
    """Say whether a clause's verb is an active transitive kind or attack verb with an object of its own."""
    lemma = verb.lemma_.lower()
    return lemma in ATTACK_VERBS or (lemma in TRANSITIVE and any(c.dep_ == "dobj" for c in verb.children))


def _object_kind(head: Token, preposition: str, kind_of: Callable[[Token], str | None]) -> str | None:
    """Return the first kind ``kind_of`` finds for an object of ``preposition`` under ``head``."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (kind := kind_of(pobj)) is not None:
                    return kind
    return None


def _modified_kind(noun: Token) -> str | None:
    """Return the kind of a noun or of the participle that modifies it."""
    return lemma_kind(noun) or modifier_kind(noun)


def paragraph_ancestors(token: Token) -> Iterator[Token]:
    r"""Yield the ancestors of ``token`` that stand in its paragraph.

    The parser may join a headline, a dateline and the first sentence of the body into
    one tree ("Turkey says killed 17 ...\n\nANKARA ...\n\nTurkish troops ..."): a
    grammatical relation never crosses a paragraph break.
    """
    doc = token.doc
    for ancestor in token.ancestors:
        if crosses_paragraph(doc, *sorted((token.i, ancestor.i))):
            return
        yield ancestor


#: Prepositions that place a noun: a number in their object counts places, not the noun's people.
PLACE_PREPOSITIONS = frozenset({"in", "at", "across", "throughout", "near", "inside", "outside", "within"})


def places_a_noun(prep: Token) -> bool:
    """Say whether a preposition places the noun it modifies ("people *in* eight cities")."""
    return prep.lower_ in PLACE_PREPOSITIONS and prep.head.pos_ in ("NOUN", "PROPN")


def governors(token: Token) -> Iterator[tuple[Token, Token]]:
    """Yield (ancestor, child on the path) from ``token`` upwards, within its clause.

    Stops after a reporting verb and after the head of a relative, adverbial or
    reported clause, and never moves from a verb to the verb it is coordinated with, so
    a number never takes the kind of a neighbouring clause. Never leaves the paragraph
    (:func:`paragraph_ancestors`).
    """
    child = token
    for ancestor in paragraph_ancestors(token):
        if child.pos_ in ("VERB", "AUX") and child.dep_ == "conj":
            return  # "jailed X and sentenced five supporters": each verb has its own objects
        if names_a_whole(ancestor):
            return  # "14 of the 45 passengers died": the whole is not the part's subject
        yield ancestor, child
        if child.dep_ == "prep" and places_a_noun(child):
            return  # "Over 80 people in eight cities were detained": the cities are where, not who
        predicate = ancestor.pos_ in ("VERB", "AUX") or (ancestor.pos_ == "ADJ" and child.dep_ == "nsubj")
        if predicate and (ancestor.lemma_.lower() in REPORT_VERBS or ancestor.dep_ in CLAUSE_BOUNDARIES):
            return  # an adjective with a subject is a clause too: "with 20 unaccounted for"
        child = ancestor


def names_a_whole(token: Token) -> bool:
    """Say whether ``token`` is the "of" of a number: what follows names the whole of that part.

    "14 of the 45 passengers died", "43 of UNRWA's 13,000 staff members have been killed": the
    part's predicate does not count the whole. ("three families of 15 members ... were displaced"
    and "150 members of 22 families" read alike: a noun's "of" is left alone.)
    """
    return token.dep_ == "prep" and token.lower_ == "of" and token.head.like_num


def is_agent(governor: Token, path_child: Token) -> bool:
    """Say whether the number is the agent of a kind verb or noun ("30 gunmen killed 5").

    The subject of an attack verb ("up to 800 guerrillas attacked") is always its agent, and so
    is a "by" phrase ("killed by 20 gunmen", "an attack by thousands of fighters"), except the
    change of a level ("the toll rose by 20").
    """
    if path_child.lower_ == "by" and path_child.dep_ in ("agent", "prep"):
        return governor.lemma_.lower() not in MEASURE_VERBS
    if path_child.dep_ != "nsubj" or governor.pos_ not in ("VERB", "AUX"):
        return False
    return _agent_clause(governor)


def verb_kind(word: Token) -> str | None:
    """Return the kind of a predicate word: a verb's phrase before its lemma, else the word's lemma class.

    "burned to death" kills, "burned" injures (:func:`phrase_kind`, :func:`lemma_kind`).
    """
    return (phrase_kind(word) if word.pos_ in ("VERB", "AUX") else None) or lemma_kind(word)


def predicate_kind(governor: Token, path_child: Token) -> str | None:
    """Return the kind a governing word gives the number reached through ``path_child``.

    The word's kind is :func:`verb_kind`. A predicate coordinated right next to one of another kind ("were killed
    or wounded", "dead and injured") counts both: ``other``; a denied one ("were not injured") none.
    """
    if any(c.dep_ == "neg" for c in governor.children):
        return None  # "the two pilots on board were not injured": a denied predicate counts no one
    kind = verb_kind(governor)
    if kind is None and (path_child.dep_ == "nsubjpass" or governor.lemma_.lower() in ("seem", "appear")):
        kind = raised_kind(governor)
    if kind is None and is_level_link(governor, path_child):
        kind = _argument_kind(governor, path_child)
    if kind in NOUN_ONLY_KINDS and _targets(governor, path_child):
        return None  # "launched a major overnight assault on the fronts of three Iraqi divisions": divisions
    if governor.lemma_.lower() in PEOPLE_OR_THINGS and not counts_people(path_child):
        return None  # "captured two towns"
    if kind is None and path_child.dep_ in ("nsubj", "attr"):
        kind = membership_kind(governor)
    if kind is None:
        kind = including_kind(governor, path_child) or repetition_kind(governor, path_child) \
            or agent_noun_kind(governor, path_child)
    return MIXED if kind is not None and _mixed(governor, kind) else kind


#: Prepositions of an attack's target, place or time: a number in their object counts those, not attacks.
TARGET_PREPOSITIONS = frozenset({"on", "at", "against", "in", "near", "into", "across", "during", "after", "since"})


def _targets(governor: Token, path_child: Token) -> bool:
    """Say whether a number reaches an attack or rocket word through the phrase of its target, place or time."""
    return path_child.dep_ == "prep" and path_child.lower_ in TARGET_PREPOSITIONS \
        and governor.lemma_.lower() not in MEASURE_VERBS  # "the rocket count stood at 3,000" is a level


def counts_people(word: Token) -> bool:
    """Say whether the word a verb reaches a number through counts people.

    A bare number or pronoun, a people noun, a nationality ("Iranians") or a name; a number's "of"
    phrase says it ("one of Iraq's strongest fortifications").
    """
    wholes = [o for p in word.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    if word.pos_ == "NUM" and wholes:
        return counts_people(wholes[0])
    return word.pos_ in ("NUM", "PRON") or word.ent_type_ in ("NORP", "PERSON") \
        or word.lemma_.lower() in PEOPLE_NOUNS or word.lower_ in COUNT_CONTINUATIONS


def repetition_kind(verb: Token, path_child: Token) -> str | None:
    """Return ``attacks`` for the times an attack verb happened: "attacked about 135 times", "raided several times"."""
    if path_child.lemma_.lower() == "time" and path_child.dep_ in ("npadvmod", "advmod", "dobj") \
            and verb.lemma_.lower() in ATTACK_VERBS:
        return "attacks"
    return None


#: Endings of agent nouns ("kidnapper", "killer", "abductor") after their verb's stem.
AGENT_ENDINGS = ("er", "or")


def agent_noun_kind(noun: Token, path_child: Token) -> str | None:
    """Return the kind of the victims an agent noun's "of" phrase counts: "Kidnappers of four professors".

    The agent noun is a victim verb's stem with "-er" or "-or" ("kidnapper", "killer", "abductor"),
    its final consonant doubled or not; the number in its "of" phrase counts what befell them.
    """
    if noun.pos_ != "NOUN" or path_child.dep_ != "prep" or path_child.lower_ != "of":
        return None
    lemma = noun.lemma_.lower()
    stems = [lemma[: -len(e)] for e in AGENT_ENDINGS if lemma.endswith(e)]
    stems += [stem[:-1] for stem in stems if len(stem) > 2 and stem[-1] == stem[-2]]
    return next((LEMMA_KINDS[stem] for stem in stems if stem in TRANSITIVE and stem in LEMMA_KINDS), None)


def raised_kind(verb: Token) -> str | None:
    """Return the kind of the infinitive whose subject a verb raises: "are reported to have died".

    "20 people are said to have been killed", "are believed to be dead": the number is the
    subject of the infinitive, which says what it counts, unless the infinitive has a victim
    of its own ("are said to have killed five"). A passive's adjective or participle complement says it
    too: "two young girls have been found dead", "Fifty-one people were reported killed".
    """
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp") and (kind := lemma_kind(child)) is not None:
            return MIXED if _mixed(child, kind) else kind  # "are feared dead or missing"
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and not _agent_clause(child) \
                and (child.tag_ == "VBN" or any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)):
            return lemma_kind(child) or phrase_kind(child)  # "are reported to have died", "were reported killed"
    return None


#: The kind of a count that mixes kinds (killed and wounded together).
MIXED = "other"
#: Words that may stand between two coordinated predicates of one count: "were killed or (were) wounded".
_BETWEEN_PREDICATES = ("CCONJ", "AUX", "ADV", "PART", "PUNCT")


#: Words of people missing: no listed kind, but a count "dead or missing" mixes two ("are feared dead or missing").
MISSING_WORDS = frozenset({"missing", "unaccounted"})
MISSING = "missing"


def _mixed(word: Token, kind: str) -> bool:
    """Say whether ``word`` is coordinated right next to a word of another kind ("killed or wounded").

    Only words joined by a conjunction (and auxiliaries or adverbs) share their number:
    in "killed 1,400 and injured over 3,500" or "34 were killed and 109 injured" each verb
    has its own.
    """
    partners = [c for c in word.children if c.dep_ == "conj"] + ([word.head] if word.dep_ == "conj" else [])
    for partner in partners:
        low, high = sorted((word.i, partner.i))
        adjacent = all(t.pos_ in _BETWEEN_PREDICATES for t in word.doc[low + 1: high])
        other = lemma_kind(partner) or (MISSING if partner.lower_ in MISSING_WORDS else None)
        if adjacent and other is not None and other != kind:
            return True
    return False


def is_level_link(governor: Token, path_child: Token) -> bool:
    """Say whether a number reached through ``path_child`` is a level its verb's subject or object reaches.

    "the toll rose *to* 4,137", "stands *at* 11,078", "bringing the toll *to* 4,137", "the toll
    *is* 30", "the toll surpassed 10,000".
    """
    return path_child.dep_ in _LEVEL_LINKS or (path_child.dep_ == "dobj"
                                               and governor.lemma_.lower() in MEASURE_VERBS)


def is_level(counted: Token) -> bool:
    """Say whether a number is the level of a running count ("bringing the toll to N", "stood at N")."""
    for governor, path_child in governors(counted):
        if governor.pos_ in ("VERB", "AUX"):
            return governor.lemma_.lower() in MEASURE_VERBS and is_level_link(governor, path_child) \
                and (_argument_kind(governor, path_child) is not None
                     or (_reaches_directly(path_child, counted) and _counts_subject(governor, path_child)))
    return False


def _reaches_directly(path_child: Token, counted: Token) -> bool:
    """Say whether the verb's level is the number itself ("reached 84", "stood at 18,787 fatalities").

    Not a number deep inside the verb's object: in "the numbers exceed those reported in 2023, during
    which 78 people were displaced", 78 is no level the numbers reach.
    """
    return path_child.i == counted.i or (path_child.dep_ == "prep" and counted.head.i == path_child.i)


#: Nouns of a running count whatever it counts: "the latest figures stood at N", "casualty figures, which stood at N".
COUNT_NOUNS = frozenset("toll figure number tally count total".split())


def _counts_subject(governor: Token, path_child: Token) -> bool:
    """Say whether another argument of a level verb is a running count ("figures", "the tally", "which": figures)."""
    return any(child.i != path_child.i and child.dep_ in _ARGUMENTS
               and running_count(child).lemma_.lower() in COUNT_NOUNS for child in governor.children)


def _argument_kind(governor: Token, path_child: Token) -> str | None:
    """Return the kind of the other arguments of a verb the number attaches to by a preposition.

    "the toll rose to 4,137", "bringing the fatality toll to 4,137", "the toll is 30".
    """
    for child in governor.children:
        if child.i != path_child.i and child.dep_ in _ARGUMENTS and (kind := nominal_kind(running_count(child))):
            return kind
    subject = verbless_subject(governor)
    return nominal_kind(subject) if subject is not None else None


#: Tags of a finite verb, the predicate of a sentence.
FINITE_TAGS = ("VBZ", "VBD", "VBP")


def verbless_subject(verb: Token) -> Token | None:
    """Return the noun that a finite verb predicates of when the parser made the sentence's root that noun.

    "The fatality toll reported by MoH in Gaza since the start of the hostilities stands at
    10,569": the parser reads "since ... stands" as a clause under "reported" and the sentence
    as a noun phrase; a sentence has a verb, so its finite verb is the predicate of that noun.
    """
    if verb.tag_ not in FINITE_TAGS or verb.dep_ == "ROOT":
        return None
    root = [verb, *paragraph_ancestors(verb)][-1]
    return root if root.dep_ == "ROOT" and root.pos_ in ("NOUN", "PROPN") else None


#: Tags of relative pronouns ("which", "that", "who").
RELATIVE_PRONOUNS = ("WDT", "WP")


def antecedent(word: Token) -> Token:
    """Return what a relative pronoun stands for: the noun its clause describes ("the toll, *which* rose to N").

    Any other word stands for itself.
    """
    clause = word.head
    if word.tag_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return clause.head
    return word


def running_count(word: Token) -> Token:
    """Return the running count a relative pronoun stands for ("the death toll, which rose to N"), else the word itself.

    Only a count noun (:data:`COUNT_NOUNS`) is taken: in "airstrikes that hit two homes" the
    airstrikes are no level that "hit" reaches.
    """
    found = antecedent(word)
    return found if found.lemma_.lower() in COUNT_NOUNS else word


def host_clause(counted: Token) -> list[Token]:
    """Return the words of the clause that holds the running count a number's relative clause is the level of.

    "the Ministry of Health (MoH) in Gaza has not updated its casualty figures, which stood at
    18,787 fatalities": "which" stands for "casualty figures" (:func:`running_count`), and the
    clause that holds them says where (its verbs and their subjects, "the MoH in Gaza"). Other
    relative clauses get none: in "the attack in Israel that killed 1,400" the clause of "attack"
    is not the place of the killing.
    """
    clause = None
    for governor, _ in governors(counted):
        clause = governor
    if clause is None or clause.dep_ != "relcl" or not any(
            c.dep_ in ("nsubj", "nsubjpass") and running_count(c) is not c for c in clause.children):
        return []
    words = [clause.head]
    for governor, _ in governors(clause.head):
        words += [governor, *(t for c in governor.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)]
    return words


def membership_kind(verb: Token) -> str | None:
    """Return the kind of the group that "be among" puts its subject in, or of the state "be in" does.

    "Among the dead were five members", "two Britons were among the wounded", "dozens of people
    are in detention".
    """
    if verb.lemma_.lower() != "be":
        return None
    return _object_kind(verb, "among", nominal_kind) or _object_kind(verb, "in", lemma_kind)


#: Verbs whose subject is a group and whose object some of its members: "the dead included five refugees".
INCLUDING_VERBS = frozenset({"include", "comprise"})


def including_kind(verb: Token, path_child: Token) -> str | None:
    """Return the kind of the group whose members a verb's object names ("the dead included five refugees")."""
    if path_child.dep_ != "dobj" or verb.lemma_.lower() not in INCLUDING_VERBS:
        return None
    return next((kind for c in verb.children if c.dep_ == "nsubj" and (kind := nominal_kind(c))), None)


def money_kind(anchor: Token) -> str:
    """Return ``funding`` for money given, paid or received, else ``other``."""
    chain = [anchor, *paragraph_ancestors(anchor)]
    words = {t.lemma_.lower() for t in chain}
    words |= {c.lemma_.lower() for t in chain[:3] for c in t.children} | _phrase_objects(chain[:3])
    return "funding" if words & FUNDING_WORDS or _goes_to_someone(chain[:4]) else "other"


#: Nouns of those money may go to: people, and the bodies they form.
RECIPIENT_NOUNS = PEOPLE_NOUNS | frozenset({"group", "family", "movement", "party", "government"})


def _goes_to_someone(chain: list[Token]) -> bool:
    """Say whether money is the subject of "go to" someone: "up to six mln dlrs went to Hojatoleslam ... Rafsanjani".

    Not to a place or a time: the "to" phrase names a person, a group or an organisation.
    """
    for child, verb in zip(chain, chain[1:], strict=False):
        if child.dep_ == "nsubj" and verb.lemma_.lower() == "go":
            return any(o.ent_type_ in ("PERSON", "ORG", "NORP") or o.lemma_.lower() in RECIPIENT_NOUNS
                       for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"
                       for o in p.children if o.dep_ == "pobj")
    return False


def _phrase_objects(tokens: list[Token]) -> set[str]:
    """Return the lemmas of the objects of the "in", "for" and "of" phrases of ``tokens``.

    What money is in or for: "$100 million *in aid*", "a roughly $100 billion request *for emergency funds*".
    """
    return {o.lemma_.lower() for t in tokens for p in t.children if p.dep_ == "prep" and p.lower_ in ("in", "for", "of")
            for o in p.children if o.dep_ == "pobj"}


#: Words after a number that stand for the counted people of a count before it: "and at least 777 more were wounded".
COUNT_CONTINUATIONS = frozenset({"more", "others", "other"})


def adjacent_predicate_kind(counted: Token) -> str | None:
    """Return the kind of a passive or intransitive verb right after the counted words.

    "... and about 14,245 have been injured": the parser often attaches an elided
    coordinate subject to the wrong conjunct; the verb that follows the number in the
    text is then its predicate. Active transitive verbs ("30 gunmen killed 5") do not count, nor
    does the part's finite verb after a whole ("43 of UNRWA's 13,000 staff members have been killed");
    an infinitive may say what befell the whole ("one of two Palestinian teenagers to be killed").
    """
    doc = counted.doc
    if counted.dep_ == "pobj" and places_a_noun(counted.head):
        return None  # "Over 80 people in eight cities were detained": the verb is the people's
    whole = counted.dep_ == "pobj" and names_a_whole(counted.head)
    finite = False
    for token in doc[counted.i + 1: min(len(doc), counted.i + 5)]:
        finite = finite or token.tag_ in FINITE_TAGS
        if token.pos_ in ("AUX", "ADV", "PART") or token.lower_ in COUNT_CONTINUATIONS:
            continue
        if token.pos_ not in ("VERB", "ADJ") or (whole and finite):
            return None  # "43 of UNRWA's 13,000 staff members have been killed": the finite verb is the part's
        active_transitive = token.tag_ in ("VBD", "VBZ", "VBP", "VBG") and token.lemma_.lower() in TRANSITIVE
        kind = None if active_transitive else verb_kind(token)
        return MIXED if kind is not None and _mixed(token, kind) else kind
    return None


def own_conjunct_kind(anchor: Token) -> str | None:
    """Return the kind of the verb of a number's own conjunct, when the parser joined the number to a word of another.

    "... were killed in Gaza and 66,978, Palestinians were injured": a stray comma makes the
    parser coordinate 66,978 with "Gaza"; the number starts its own conjunct, whose subject
    ("Palestinians") follows it, and that subject's verb says what it counts. A number that a
    finite verb follows is that verb's subject ("another 10 are missing"): its verb says what it
    counts, ``other`` when nothing listed.
    """
    head = anchor.head
    if anchor.dep_ != "conj" or head.like_num or any(c.dep_ == "nummod" for c in head.children):
        return None  # coordinated with another count ("6 or 7", "5 soldiers and 3"): it shares their predicate
    if anchor.i + 1 < len(anchor.doc) and anchor.nbor(1).tag_ in FINITE_TAGS:
        return adjacent_predicate_kind(anchor) or "other"  # "... in Hamas' attack on Israel and another 10 are missing"
    for token in anchor.doc[anchor.i + 1: anchor.i + 4]:
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
            return adjacent_predicate_kind(token)
        if token.pos_ not in ("PUNCT", "DET", "ADJ"):
            return None
    return None


def infer_kind(anchor: Token, noun: Token | None, unit: str | None) -> str | None:
    """Return what the number at ``anchor`` (counting ``noun``, in ``unit``) counts, or None.

    A number of no noun of its own counts what its "of" names: "two of the injured were treated".
    """
    if unit in CURRENCIES:
        return money_kind(anchor)
    if unit == "percent":
        return "other"
    counted = noun if noun is not None else anchor
    kind = nominal_kind(noun) if noun is not None else (modifier_kind(anchor) or _object_kind(anchor, "of", lemma_kind))
    if kind in STATUS_KINDS and _standing(counted, kind) and (event := governed_kind(counted)) not in (None, kind):
        return event  # "killed five refugees", "the dead included five refugees": what befell them
    if kind is not None or (kind := adjacent_predicate_kind(counted)) is not None:
        return kind
    if noun is None and (kind := own_conjunct_kind(anchor)) is not None:
        return kind
    return governed_kind(counted)


def _standing(counted: Token, kind: str) -> bool:
    """Say whether a status kind is the counted words' standing, not what a participle says befell them.

    "five refugees", "two of the prisoners" are a standing; in "up to 300 people were feared dead and
    more than 15,000 people left homeless" the participle says what befell the 15,000.
    """
    return lemma_kind(counted) == kind or modifier_kind(counted) != kind


#: Kinds that a noun gives as people's standing ("refugees", "prisoners", "hostages"): what a predicate
#: says befell them counts instead ("killed five refugees" counts the killed).
STATUS_KINDS = frozenset({"displaced", "arrested", "hostages"})


def governed_kind(counted: Token) -> str | None:
    """Return the kind the predicate or group that governs the counted words gives (:func:`predicate_kind`).

    None when the counted words are the agent ("30 gunmen killed 5") or nothing of a listed kind governs them.
    """
    for governor, path_child in governors(counted):
        if is_agent(governor, path_child):
            return None
        if (kind := predicate_kind(governor, path_child)) is not None:
            return kind
    return None

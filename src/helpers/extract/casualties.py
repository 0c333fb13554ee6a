"""Casualty sentences: who died or was hurt, who is said to be responsible, and in what grammar.

One row of the ``casualties`` table per sentence that reports a death or an injury:
a sentence with a death or injury verb ("were killed", "died", "wounded"), noun
("deaths", "the massacre", "the death toll") or adjective ("left 30 dead"), or with a
killed or injured figure (from the ``figures`` rows). Of its casualty words, the
*main* one is the highest in the parse (a verb before a noun, a death before an
injury); every column describes that one, except ``victim_sides`` and ``responsible``,
which gather every casualty word of the sentence.

* **grammar** of the main word: ``active`` ("Hamas killed 1,200"; a participle clause
  "..., killing 30" takes the subject of the clause it hangs on), ``passive_agent``
  ("were killed by Israeli strikes"), ``passive`` (agentless: "were killed", "the people
  killed in Gaza"), ``intransitive`` ("died", "perished") or ``nominal`` ("deaths", "the
  massacre", "30 dead").
* **victims**: the words naming who died (the object of an active verb, the subject of
  a passive or intransitive one, the noun a participle modifies, "of X" or the modifier
  of a noun, whom "dead" is said of: "two Russian nationals were confirmed dead", the subject of
  the verb an infinitive completes: "officials believed to have been killed", a noun coordinated with
  the verb whose own verb is left out: "900 Israelis have been killed, and 700 Palestinians"), else the
  victims of the sentence's killed or injured figure. ``victim_group``
  is the kind of people they are (:data:`VICTIM_GROUPS`: civilians, children, soldiers...).
* **victim_sides**: the parties of the victims (:mod:`helpers.extract.parties`), from the registry, of
  each casualty word: the actors mentioned in its victims' words, their nationality words (the registry's
  demonyms: "Israeli", "Palestinians"), else the place where they died ("in Gaza", "on the Israeli
  side", or a town the registry lacks, by the country of the gazetteer's towns so named, :mod:`helpers.extract.towns`:
  "in Sderot" is Israel's, "in Khan Younis" the State of Palestine's); only parties
  that can be sides (:meth:`helpers.extract.parties.PartyIndex.is_side`: no place of no state, no
  body such as the United Nations, no person), for ``responsible`` too.
  ``side_method`` says how: ``victims``, ``place``, ``model`` (the shipped classifier,
  :mod:`helpers.extract.casualty_model`, where the rules found no side) or null.
* **agent** and **responsible**: who is said to have done it: the subject of an active
  verb, the "by" phrase of a passive one or of a noun ("the killing of ... by militias"),
  a possessive ("Hamas's massacre"), the "by" phrase of a participle describing a casualty
  noun ("the carnage committed by Hamas") or of a coordinated one ("killed or abducted by
  Hamas"), the subject of "leave", "cause", "inflict" or "bring" before a casualty noun ("the
  attack left a death toll"), or the cause of an agentless death: a cause phrase ("killed in
  Israeli air strikes", "died from Hamas rockets") or the subject of a "when" clause ("killed
  when Israeli airstrikes struck their homes"); an agent "it", "we" or "they" under a
  reporting verb is its speaker ("Israel said it killed ..."); a relative pronoun stands
  for the noun its clause describes ("air strikes that killed 30", "a couple who were
  killed"), for the victims too. ``responsible`` holds their parties, and those of whoever
  carried out an act that is the agent or the casualty noun ("Hamas launched an attack that
  killed ...", "the massacre committed by ..."), read from the doer's own words, not from
  its target ("Israeli strikes on Gaza" are Israel's). A past participle with a subject but
  no auxiliary is a passive ("Four Palestinians killed in air strike").
* **acts_by**: the parties that carry out any act of violence the sentence names, whether
  or not it is the one that killed ("Israeli airstrikes killed 2,200 in retaliation for
  Hamas's rampage": Israel and Hamas), read as ``responsible`` is (:func:`act_doers`).
* **attribution**: whom the sentence attributes the report to ("according to X", "X said",
  "X says"), its wording as written, the registry actor, and the cue (``according to`` or
  the reporting verb's lemma).

Nothing here is a verdict: the table records what the words and the parse say, so an
analyst can count and read the sentences behind every count.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from helpers.extract import casualty_model
from helpers.extract.actors import registry_index
from helpers.extract.figures import REPORT_VERBS, according_to
from helpers.extract.kinds import PEOPLE_OR_THINGS, counts_people
from helpers.extract.names import is_discovered, normalise_name
from helpers.extract.parsed import ParsedArticle, Sentence, span_tokens_with_word
from helpers.extract.parties import PartyIndex
from helpers.extract.registry import Registry
from helpers.extract.states import state_index
from helpers.extract.towns import town_country

log = logging.getLogger(__name__)

DEATH_VERBS = frozenset("kill die murder slay slaughter massacre execute assassinate behead butcher perish "
                        "lynch exterminate annihilate".split())
INJURY_VERBS = frozenset("injure wound maim hurt".split())
#: Verbs that are casualties only with "dead" or "to death" ("shot dead"), else injuries.
VIOLENCE_VERBS = frozenset("shoot stab".split())
INTRANSITIVE_VERBS = frozenset("die perish".split())
DEATH_NOUNS = frozenset("death fatality killing murder massacre slaughter carnage casualty toll dead corpse "
                        "assassination homicide bloodshed genocide execution pogrom bloodbath".split())
INJURY_NOUNS = frozenset("injury wounded injured".split())
#: Casualty nouns that count the dead rather than name an act: their modifiers are the victims.
COUNT_NOUNS = frozenset("death fatality casualty toll dead corpse injury wounded injured".split())
#: Nouns that name an act of violence, which someone carries out ("the attack", "the massacre").
ACT_NOUNS = frozenset("strike airstrike attack bombardment bombing raid assault shelling offensive operation "
                      "retaliation siege incursion invasion rampage onslaught campaign massacre killing murder "
                      "slaughter carnage assassination execution pogrom".split())
#: Verbs that name an act of violence ("Hamas attacked Israel"): their subject carries it out.
ACT_VERBS = frozenset("attack strike bomb bombard shell raid invade storm".split())
#: Nouns that say how people died ("killed in an air strike"): their owner is the cause.
#: Of them, the armed people (the others are acts, weapons and wars: what a toll can be "of").
ARMED_PEOPLE = frozenset("gunman militant fighter soldier force troop army military".split())
CAUSE_NOUNS = ACT_NOUNS | ARMED_PEOPLE | frozenset("fire rocket missile shell bomb gunfire blast explosion war "
                                                   "conflict fighting clash violence hostility crossfire".split())
CAUSE_PREPOSITIONS = frozenset("in by from during under amid after".split())
#: Verbs whose subject caused the casualties of their object ("the attack left 30 dead").
CAUSATIVE_VERBS = frozenset("leave cause inflict bring".split())
#: Verbs whose subject carries out the act their object names ("Hamas launched an attack").
PERPETRATING_VERBS = frozenset("launch carry conduct commit perpetrate stage mount unleash wage orchestrate "
                               "lead execute begin start continue intensify escalate expand order plan".split())
#: Kinds of victims and the words (lemmas) that name them.
VICTIM_GROUPS: dict[str, frozenset[str]] = {
    "children": frozenset("child children kid boy girl baby infant toddler minor teenager teen son daughter "
                          "newborn".split()),
    "women": frozenset("woman women mother wife girl".split()),
    "civilians": frozenset("civilian resident people person family villager man neighbour neighbor "
                           "patient refugee worker student partygoer reveler festivalgoer".split()),
    "soldiers": frozenset("soldier troop officer reservist commander serviceman conscript".split()),
    "fighters": frozenset("militant fighter gunman terrorist combatant operative insurgent attacker".split()),
    "hostages": frozenset("hostage captive abductee".split()),
    "journalists": frozenset("journalist reporter photographer cameraman photojournalist".split()),
    "aid and medical workers": frozenset("doctor nurse medic paramedic staff volunteer".split()),
}
_GROUP_OF = {lemma: group for group, lemmas in VICTIM_GROUPS.items() for lemma in lemmas}
#: Pronouns by which a speaker names itself as the agent ("Israel said it killed ...").
SELF_PRONOUNS = frozenset({"it", "we", "they"})
PARTICIPLE_CLAUSES = ("advcl", "xcomp", "conj", "acl", "pcomp")


@dataclass
class Casualty:
    """One casualty word of a sentence and what the parse says about it."""

    token: Token
    kind: str
    grammar: str = "nominal"
    victims: list[Token] = field(default_factory=list)
    agent: list[Token] = field(default_factory=list)
    agent_is_cause: bool = False
    perpetrators: list[Token] = field(default_factory=list)
    place: list[Token] = field(default_factory=list)


# --- which words report a casualty ------------------------------------------------------------

def _has_dead(token: Token) -> bool:
    """Say whether "dead" or "to death" completes a verb ("shot dead", "stabbed to death")."""
    return any(c.lower_ == "dead" or (c.lower_ == "to" and any(g.lower_ == "death" for g in c.children))
               for c in token.children)


#: Endings of a verb's forms in a headline ("Kills", "Killed", "Dies", "Injures").
HEADLINE_ENDINGS = ("s", "es", "ed", "d")
#: The roles of a clause's head: where a headline's capitalised word is its verb, not a name's part.
HEADLINE_VERB_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp", "parataxis"})


def verb_lemma(token: Token) -> str | None:
    """Return the lemma of a verb, else None; a casualty verb of a title-case headline counts too.

    The parser reads a headline's capitalised verb as a proper noun ("Blast at Gaza Hospital
    Kills Hundreds": "Kills" NNPS); such a word heading a clause whose stem is a casualty verb is
    that verb.
    """
    if token.pos_ in ("VERB", "AUX"):
        return token.lemma_.lower()
    if token.pos_ != "PROPN" or not token.is_title or token.dep_ not in HEADLINE_VERB_DEPS:
        return None
    word = token.lower_
    stems = [word[: -len(ending)] for ending in HEADLINE_ENDINGS if word.endswith(ending)]
    return next((stem for stem in stems if stem in CASUALTY_VERBS), None)


#: Verbs that report a casualty, alone or with "dead" or "to death".
CASUALTY_VERBS = DEATH_VERBS | INJURY_VERBS | VIOLENCE_VERBS
#: Every lemma or lowercase form :func:`casualty_kind` can answer for; other words are passed over at once.
CASUALTY_WORDS = CASUALTY_VERBS | DEATH_NOUNS | INJURY_NOUNS | {"dead"}


def may_report_casualty(word: str) -> bool:
    """Say whether a lemma or lowercase form may be a casualty word (:func:`casualty_kind` answers None for others).

    >>> may_report_casualty("Killed"), may_report_casualty("Kills"), may_report_casualty("talks")
    (True, True, False)
    """
    word = word.lower()
    return word in CASUALTY_WORDS or any(word.endswith(ending) and word[:-len(ending)] in CASUALTY_VERBS
                                         for ending in HEADLINE_ENDINGS)


def casualty_kind(token: Token) -> str | None:
    """Return ``killed`` or ``injured`` for a word that reports a casualty, else None."""
    verb = verb_lemma(token)
    lemma = verb or token.lemma_.lower()
    if lemma not in CASUALTY_WORDS and token.lower_ not in CASUALTY_WORDS:
        return None
    if verb is not None:
        if lemma in DEATH_VERBS:
            return "killed"
        if lemma in INJURY_VERBS:
            return "injured"
        if lemma in VIOLENCE_VERBS:
            return "killed" if _has_dead(token) else "injured"
        return None
    if token.pos_ in ("NOUN", "PROPN") and lemma in DEATH_NOUNS:
        return "killed"
    if token.pos_ in ("NOUN", "ADJ") and token.lower_ in INJURY_NOUNS and token.dep_ != "amod":
        return "injured"
    if token.pos_ == "ADJ" and token.lower_ == "dead" and (token.dep_ not in ("amod", "advmod", "acomp")
                                                           or _said_dead(token)):
        return "killed"  # "left 30 dead", "the dead", "three Israelis are dead"
    return None


def _said_dead(token: Token) -> bool:
    """Say whether "dead" completes a form of "be" ("are dead", "were believed to be dead")."""
    return token.dep_ == "acomp" and token.head.lemma_.lower() == "be"


def _depth(token: Token) -> int:
    """Return how far a token is from the root of its sentence."""
    return sum(1 for _ in token.ancestors)


def main_casualty(casualties: list[Casualty]) -> Casualty:
    """Return the casualty word that stands for the sentence: a verb, a death, high in the parse."""
    return min(casualties, key=lambda c: (c.grammar == "nominal", c.kind != "killed", _depth(c.token),
                                          c.token.i))


# --- grammar, victims and agents --------------------------------------------------------------------

def _children(token: Token, *deps: str) -> list[Token]:
    """Return the children of ``token`` with one of ``deps``."""
    return [c for c in token.children if c.dep_ in deps]


def _antecedent(verb: Token, word: Token) -> Token:
    """Return the noun a relative pronoun stands for, else the word itself.

    In "the attacks that killed 1,400" the subject of "killed" is "that", which stands for
    "attacks", the noun the relative clause describes. A relative clause set apart from its
    noun ("launched a deadly attack last weekend that killed hundreds") is sometimes hung on
    the verb instead: its pronoun then stands for that verb's object.
    """
    if word.tag_ not in ("WP", "WDT"):
        return word
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if verb.dep_ in ("advcl", "ccomp"):  # a relative clause the parser hung on the verb whose object it describes
        objects = [o for o in _children(verb.head, "dobj") if o.i < word.i]
        return objects[-1] if objects else word
    return word


def _subjects(verb: Token, *deps: str) -> list[Token]:
    """Return the subjects of a verb with one of ``deps``, a relative pronoun read as its noun."""
    return [_antecedent(verb, s) for s in _children(verb, *deps)]


def _inherited_subject(token: Token) -> Token | None:
    """Return the subject of the clause a subjectless participle hangs on ("..., killing 30").

    A present participle describing a noun has that noun as its subject ("Hamas fighters
    mowing down revellers and murdering children", "airstrikes killing 30"); a past one
    describes its victims ("the people killed"), so it inherits no subject.
    """
    current = token
    while current.dep_ in PARTICIPLE_CLAUSES and current.head.i != current.i:
        clause, current = current, current.head
        if current.pos_ in ("NOUN", "PROPN") and clause.dep_ == "acl":
            return current if clause.tag_ == "VBG" else None
        subjects = _subjects(current, "nsubj", "csubj")
        if subjects:
            return subjects[0]
    return None


def _agent_phrase(token: Token) -> Token | None:
    """Return the object of a "by" phrase (``agent``) under ``token``."""
    for agent in _children(token, "agent"):
        objects = _children(agent, "pobj")
        if objects:
            return objects[0]
    return None


def _shared_agent(token: Token) -> Token | None:
    """Return the "by" phrase of a passive verb or of a coordinated one sharing its subject.

    "were killed or kidnapped by Hamas": the phrase hangs on "kidnapped" and is the agent of
    both; a conjunct with a subject of its own ("... and 20 were arrested by police") is
    another clause.
    """
    shared = [c for c in token.conjuncts if c.tag_ == "VBN" and not _children(c, "nsubj", "nsubjpass")]
    return next((a for verb in (token, *shared) if (a := _agent_phrase(verb)) is not None), None)


def _partitive(token: Token) -> bool:
    """Say whether a word is a part of a group named by a pronoun ("most of them", "many of those")."""
    return token.dep_ in ("advcl", "npadvmod", "appos", "dep", "conj") and any(
        prep.lower_ == "of" and any(o.pos_ == "PRON" for o in _children(prep, "pobj"))
        for prep in _children(token, "prep"))


def _cause(token: Token) -> Token | None:
    """Return the noun of what caused a casualty: a cause phrase or a "when" clause's subject.

    "killed in Israeli strikes", "died from rockets", "killed in violence and Israeli raids"
    (any noun of the phrase's coordination), "were killed, most of them in the Hamas attack"
    (a cause phrase of a part of the victims), "were killed when Israeli airstrikes struck their
    homes" (the subject of a "when" or "as" clause on the casualty word).
    """
    carriers = [token, *(c for c in token.children if _partitive(c))]
    nouns = [noun for carrier in carriers for prep in _children(carrier, "prep") if prep.lower_ in CAUSE_PREPOSITIONS
             for pobj in _children(prep, "pobj") for noun in (pobj, *pobj.conjuncts)]
    nouns += [subject for clause in _children(token, "advcl")
              if any(w.lower_ in ("when", "as") for w in _children(clause, "mark", "advmod"))
              for subject in _children(clause, "nsubj")]
    return next((noun for noun in nouns if noun.lemma_.lower() in CAUSE_NOUNS), None)


def _hands_of(token: Token) -> Token | None:
    """Return X of "at the hands of X" on a casualty word ("died at the hands of Israeli forces"), else None."""
    for prep in _children(token, "prep"):
        for hands in _children(prep, "pobj"):
            if prep.lower_ == "at" and hands.lower_ == "hands":
                doers = [o for of in _children(hands, "prep") if of.lower_ == "of" for o in _children(of, "pobj")]
                if doers:
                    return doers[0]
    return None


def _passive(token: Token) -> bool:
    """Say whether a verb is passive: an auxiliary or subject of the passive, or a bare participle.

    A past participle with a subject but neither an auxiliary nor an object is a passive
    cut short ("Four Palestinians killed in air strike", "has seen 2,800 Palestinians
    killed"): its subject is the victims. In a relative clause the object is the noun
    described ("the people Hamas killed"), so there it stays active.
    """
    if _children(token, "nsubjpass", "auxpass", "csubjpass"):
        return True
    if token.tag_ != "VBN" or _children(token, "dobj", "aux"):
        return False
    if _children(token, "nsubj"):
        return token.dep_ != "relcl"
    return token.dep_ in ("acl", "amod", "relcl", "advcl", "conj", "ROOT")


def read_verb(casualty: Casualty) -> None:
    """Set the grammar, victims and agent of a casualty verb."""
    token = casualty.token
    if _passive(token):
        victims = _subjects(token, "nsubjpass", "csubjpass", "nsubj")
        if not victims and token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            victims = [token.head]
        victims = victims or _raised_subjects(token)
        casualty.victims = victims + _gapped_victims(token) if victims else victims
        agent = _shared_agent(token)
        casualty.grammar = "passive_agent" if agent is not None else "passive"
        casualty.agent = [agent] if agent is not None else []
    elif verb_lemma(token) in INTRANSITIVE_VERBS:
        casualty.grammar = "intransitive"
        casualty.victims = _subjects(token, "nsubj") or _raised_subjects(token)
        casualty.victims += _gapped_victims(token) if casualty.victims else []
        if not casualty.victims and token.dep_ in PARTICIPLE_CLAUSES:
            subject = _inherited_subject(token)
            casualty.victims = [subject] if subject is not None else []
    else:
        subject = (_subjects(token, "nsubj", "csubj") or [None])[0] or _inherited_subject(token)
        casualty.grammar = "active"
        casualty.agent = [subject] if subject is not None else []
        casualty.victims = _children(token, "dobj")
    _agentless_cause(casualty)


def _raised_subjects(token: Token) -> list[Token]:
    """Return whom a subjectless infinitive casualty verb is said of: the subject of the verb it completes.

    "Hamas officials believed to have been killed": the noun "believed" describes; "he is reported
    to have died": the subject of "reported" (through further infinitives, of the verb they hang on).
    """
    verb = token
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
        if subjects := _subjects(verb, "nsubjpass", "nsubj"):
            return subjects
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [verb.head]
    return []


def _gapped_victims(verb: Token) -> list[Token]:
    """Return the nouns coordinated with a passive or intransitive casualty verb whose verb is left out.

    "At least 900 Israelis have been killed, and nearly 700 Palestinians": the parser hangs
    "Palestinians" on "killed" as a conjunct; it is a second subject of the same verb.
    """
    return [c for c in _children(verb, "conj") if c.pos_ in ("NOUN", "PROPN") and c.i > verb.i]


def _agentless_cause(casualty: Casualty) -> None:
    """Give an agentless casualty word its doer ("at the hands of X"), else its cause (:func:`_cause`)."""
    if casualty.agent:
        return
    if (doer := _hands_of(casualty.token)) is not None:
        casualty.agent = [doer]
    elif (cause := _cause(casualty.token)) is not None:
        casualty.agent, casualty.agent_is_cause = [cause], True


def _is_cause_event(noun: Token) -> bool:
    """Say whether a noun names an act, a weapon or a war that kills (not armed people: "the deaths of soldiers")."""
    lemma = noun.lemma_.lower()
    return lemma in CAUSE_NOUNS and lemma not in ARMED_PEOPLE


def read_noun(casualty: Casualty) -> None:
    """Set the victims and agent of a casualty noun or adjective ("deaths of 30 Palestinians")."""
    token = casualty.token
    casualty.grammar = "nominal"
    counts = token.lemma_.lower() in COUNT_NOUNS or token.lower_ in COUNT_NOUNS
    for prep in _children(token, "prep"):
        objects = _children(prep, "pobj")
        if prep.lower_ == "of" and counts and objects and _is_cause_event(objects[0]):
            casualty.agent, casualty.agent_is_cause = objects[:1], True  # "the toll of Israel's airstrikes"
        elif prep.lower_ == "of" and objects:
            casualty.victims.extend(objects)
        elif prep.lower_ == "by" and objects:
            casualty.agent.extend(objects)
    # a participle describing the noun, with its "by" phrase: "the carnage committed by Hamas"
    casualty.agent.extend(a for clause in _children(token, "acl") if (a := _agent_phrase(clause)) is not None)
    if token.dep_ == "dobj" and token.head.lemma_.lower() in CAUSATIVE_VERBS:
        casualty.agent.extend(_subjects(token.head, "nsubj"))  # "the attack left a death toll"
    for child in _children(token, "poss", "compound", "amod", "nmod"):
        if counts:
            casualty.victims.append(child)  # "Palestinian deaths", "Israel's dead"
        elif child.dep_ in ("poss", "compound"):
            casualty.agent.append(child)  # "Hamas's massacre", "the Hamas massacre"
    if token.lower_ == "dead":
        casualty.victims.extend(_dead_victims(token, casualty.victims))
    _agentless_cause(casualty)


def _dead_victims(token: Token, found: list[Token]) -> list[Token]:
    """Return the victims "dead" names beside those ``found``: its numbers ("30 dead"), else whom it is said of."""
    numbers = _children(token, "nummod", "quantmod") if token.dep_ in ("oprd", "dobj", "attr", "conj") else []
    if numbers or found or token.dep_ not in ("oprd", "acomp"):
        return numbers
    return _predicate_subjects(token)


def _predicate_subjects(token: Token) -> list[Token]:
    """Return whom a predicate word is said of: the object of the verb it completes, else its subject.

    "left 30 people dead": the object; "250 Israelis had been reported dead", "three Canadians are
    confirmed dead": the subject of "reported", "confirmed" (through an infinitive, of the verb it
    hangs on). The subject of a causative verb is the cause ("the attack left 30 dead"), never the victims.
    """
    verb = token.head
    if (objects := _children(verb, "dobj")) or verb.lemma_.lower() in CAUSATIVE_VERBS:
        return objects
    while not (subjects := _subjects(verb, "nsubjpass", "nsubj")) and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    return subjects


def _act_holder(noun: Token) -> Token:
    """Return the noun that stands for an act in its clause: the act itself, or "a series of" it."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" \
            and noun.head.head.dep_ in ("dobj", "nsubjpass"):
        noun = noun.head.head  # "launched a series of attacks", "a wave of airstrikes was carried out"
    return noun


def _carried_out_by(verb: Token, role: str) -> list[Token]:
    """Return who carries out the act that is a verb of carrying out's object or passive subject (``role``)."""
    if verb.lemma_.lower() not in PERPETRATING_VERBS or verb.pos_ not in ("VERB", "AUX"):
        return []
    if role == "dobj":
        return _subjects(verb, "nsubj") or [s for s in [_inherited_subject(verb)] if s is not None]
    agent = _agent_phrase(verb) if role == "nsubjpass" else None
    return [agent] if agent is not None else []


def perpetrators_of(noun: Token) -> list[Token]:
    """Return who carried out the act a noun names ("attack", "massacre", "air strikes").

    The subject of a verb of carrying out whose object it is ("Hamas launched an attack that
    killed ...", "Israel began a campaign of airstrikes"), the "by" phrase of such a verb
    in the passive or of a participle describing it ("the attack was carried out by Hamas",
    "the massacre committed by militants"), and the noun of "the group behind the attack".
    Nouns that name no act give none.
    """
    if noun.lemma_.lower() not in ACT_NOUNS:
        return []
    holder = _act_holder(noun)
    found = _carried_out_by(holder.head, holder.dep_)
    for clause in _children(holder, "relcl"):  # "the attack that Hamas launched", "which was carried out by"
        pronoun = next((w for w in clause.children if w.tag_ in ("WDT", "WP")), None)
        found += _carried_out_by(clause, pronoun.dep_ if pronoun is not None else "dobj")
    found += [a for clause in _children(holder, "acl") if (a := _agent_phrase(clause)) is not None]
    if holder.dep_ == "pobj" and holder.head.lower_ == "behind" and holder.head.head.pos_ in ("NOUN", "PROPN"):
        found.append(holder.head.head)  # "the group behind the attack"
    return found + [f.head for f in found if f.dep_ == "appos"]  # "Hamas, the group behind ..."


def act_doers(span: Span) -> list[Token]:
    """Return who carries out each act of violence a sentence names, whether or not it killed anyone.

    The doers of an act noun ("Hamas's attack", "Israeli airstrikes", "the Hamas-led assault",
    "the raid by Israeli forces", :func:`perpetrators_of`) and the subjects or "by" phrases of an
    act verb ("Hamas attacked", "Gaza was bombarded by Israel"): "airstrikes ... in retaliation
    for Hamas's rampage" names two acts and two doers.
    """
    doers: list[Token] = []
    for token in span:
        lemma = token.lemma_.lower()
        if token.pos_ in ("NOUN", "PROPN") and lemma in ACT_NOUNS:
            doers += [token, *perpetrators_of(token)]
        elif token.pos_ == "VERB" and lemma in ACT_VERBS:
            agent = _shared_agent(token)
            doers += [agent] if agent is not None else _subjects(token, "nsubj")
    return doers


#: Prepositions whose object is where people died: the place prepositions of
#: :data:`helpers.extract.kinds.PLACE_PREPOSITIONS` that set a death there, and "on", which sets a
#: strike there ("killed by air strikes on Gaza").
DEATH_PLACE_PREPOSITIONS = frozenset("in at across inside throughout near on".split())


def _is_place(token: Token) -> bool:
    """Say whether a noun can name a place: a GPE, LOC or FAC entity, a proper noun, a side ("on the Israeli side")."""
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.pos_ == "PROPN" or token.lemma_.lower() == "side"


def _place_objects(carrier: Token) -> list[Token]:
    """Return the objects of the place prepositions ("in", "at", ...) on a word."""
    return [p for prep in _children(carrier, "prep") if prep.lower_ in DEATH_PLACE_PREPOSITIONS
            for p in _children(prep, "pobj")]


def place_of(casualty: Casualty) -> list[Token]:
    """Return the place nouns of "in/at/across X" phrases on the casualty word or its clause.

    A place of the act that killed them is where they died: "killed in an Israeli strike in
    Khan Younis", "killed by air strikes on Gaza".
    """
    places = []
    for carrier in [casualty.token, *list(casualty.token.ancestors)[:2]]:
        acts = [carrier, *(p for prep in _children(carrier, "prep", "agent") if prep.lower_ in CAUSE_PREPOSITIONS
                           for p in _children(prep, "pobj") if p.lemma_.lower() in CAUSE_NOUNS)]
        places.extend(p for act in acts for p in _place_objects(act) if _is_place(p))
    return list(dict.fromkeys(places))


def _harms_things(casualty: Casualty) -> bool:
    """Say whether a verb that takes people or things alike (:data:`PEOPLE_OR_THINGS`) has only things as victims.

    "Developing coffee-producing countries ... are likely to be hurt by the ICO's failure" reports no casualty.
    """
    return (verb_lemma(casualty.token) in PEOPLE_OR_THINGS and bool(casualty.victims)
            and not any(counts_people(victim) for victim in casualty.victims))


def read_casualties(span: Span) -> list[Casualty]:
    """Return every casualty word of a sentence with its grammar, victims, agent and place."""
    found = []
    for token in span_tokens_with_word(span, "casualty", may_report_casualty):
        kind = casualty_kind(token)
        if kind is None:
            continue
        casualty = Casualty(token, kind)
        if verb_lemma(token) is not None:
            read_verb(casualty)
            if _harms_things(casualty):
                continue
        else:
            read_noun(casualty)
        casualty.place = place_of(casualty)
        acts = [*casualty.agent, casualty.token] if casualty.grammar == "nominal" else casualty.agent
        casualty.perpetrators = [p for act in acts for p in perpetrators_of(act)]
        found.append(casualty)
    return found


# --- sides from the registry --------------------------------------------------------------------------

def _phrase_tokens(heads: list[Token]) -> list[Token]:
    """Return the tokens of the phrases headed by ``heads``, without relative clauses."""
    tokens = []
    for head in heads:
        tokens.append(head)
        for child in head.children:
            if child.dep_ not in ("relcl", "acl", "punct", "cc", "advcl"):
                tokens.extend(child.subtree)
    return sorted(set(tokens), key=lambda t: t.i)


#: Prepositions of a doer's phrase that say who the doer is ("members of Hamas", "strikes by Israel",
#: "rockets from Gaza", "the war between Israel and Hamas"); others say where or against whom it acted
#: ("strikes on Gaza", "a raid into Jenin").
DOER_PREPOSITIONS = frozenset("of by from between".split())


def _doer_tokens(heads: list[Token]) -> list[Token]:
    """Return the words of a doer's phrases that can name its side, without its targets and places.

    "Israeli strikes on Gaza": "Israeli strikes", not "Gaza"; "the attack on Israel by Hamas
    fighters in Israel": "the attack by Hamas fighters". Modifiers, possessives, appositions
    and coordinated doers are kept, and "of", "by" and "from" phrases, except "of" after an
    act, which names its target ("Israel's bombardment of the Gaza Strip", "the massacre of Israelis").
    """
    tokens: list[Token] = []
    for head in heads:
        tokens.append(head)
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in DOER_PREPOSITIONS or child.dep_ == "agent":
                objects = [o for o in _children(child, "pobj")
                           if not (child.lower_ == "of" and head.lemma_.lower() in ACT_NOUNS)]
                tokens += _doer_tokens(objects)
            elif child.dep_ in ("poss", "compound", "amod", "nmod", "appos", "conj", "npadvmod", "case"):
                tokens += _doer_tokens([child])
    return sorted(set(tokens), key=lambda t: t.i)


def sides_of(tokens: list[Token], mentions: list[dict], index: PartyIndex) -> list[str]:
    """Return the sides named in some tokens: registry mentions inside them, then demonyms.

    Only a party that can be a side of a conflict counts (:meth:`PartyIndex.is_side`): a news
    outlet ("a Reuters journalist" is a journalist), a place without a state ("killed in West
    Jerusalem") or a body ("12 UNRWA employees") names none.
    """
    if not tokens:
        return []
    starts = {t.idx for t in tokens}
    found = [index.mention_party(m) for m in mentions if m.get("actor_id") and m["start_char"] in starts]
    found += [index.demonym(t.text) for t in tokens]
    return list(dict.fromkeys(s for s in found if s and index.is_side(s)))


#: Entity labels of a place that can be a town (spaCy's GPE and LOC; a name it does not label counts too).
TOWN_LABELS = frozenset({"GPE", "LOC", ""})


def _place_name(head: Token) -> Span:
    """Return the name a place head is part of: its entity, else the head with its compounds ("Khan Younis")."""
    for ent in head.doc.ents:
        if ent.start <= head.i < ent.end:
            return ent
    words = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return head.doc[(words[0] if words else head).i: head.i + 1]


def _registry_named(mentions: list[dict], name: Span) -> bool:
    """Say whether a registry actor is mentioned inside or over a place name (the registry then decides)."""
    return any(m.get("actor_id") and not is_discovered(m["actor_id"])
               and m["start_char"] < name.end_char and m["end_char"] > name.start_char for m in mentions)


def town_side(name: str, index: PartyIndex) -> str | None:
    """Return the party of the state of the one country whose towns bear ``name`` (:mod:`helpers.extract.towns`).

    The state is the registry's when the registry knows it (the Palestinian territories are
    the State of Palestine), else the stable id of its name, as a mention of it would be.
    """
    code = town_country(name)
    state = state_index().by_code.get(code) if code else None
    actor = registry_index(index.registry).states.get(normalise_name(state.name)) if state else None
    party = index.party(actor[0]) if actor else None
    return party if party and index.is_side(party) else None


def town_sides(heads: list[Token], mentions: list[dict], index: PartyIndex) -> list[str]:
    """Return the sides of the towns among place heads that no registry actor names ("killed in Sderot").

    A place the registry knows keeps the registry's answer, even none ("Jerusalem", a place of no state);
    a common noun names no town ("on the Israeli side" is not the town of Side).
    """
    found = []
    for head in heads:
        if head.pos_ != "PROPN" and not head.ent_type_:
            continue
        name = _place_name(head)
        if name.label_ in TOWN_LABELS and not _registry_named(mentions, name):
            found.append(town_side(name.text, index))
    return [s for s in dict.fromkeys(found) if s]


def victim_group(tokens: list[Token]) -> str | None:
    """Return the kind of people the victims' words name (children before civilians)."""
    groups = {_GROUP_OF[t.lemma_.lower()] for t in tokens if t.lemma_.lower() in _GROUP_OF}
    return next((group for group in VICTIM_GROUPS if group in groups), None)


# --- attribution ---------------------------------------------------------------------------------------

def _reporting_subject(token: Token) -> Token | None:
    """Return the subject of a reporting verb ("the ministry said"), or None."""
    if token.lemma_.lower() not in REPORT_VERBS or token.pos_ not in ("VERB", "AUX"):
        return None
    return (_children(token, "nsubj") or [None])[0]


def attribution(casualty: Casualty, span: Span) -> tuple[tuple[int, int], str] | None:
    """Return the character span of whom the sentence attributes the casualty to, and the cue."""
    for ancestor in casualty.token.ancestors:
        subject = _reporting_subject(ancestor)
        if subject is not None:
            return _extent(subject), ancestor.lemma_.lower()
    for child in span.root.children:
        if child.dep_ in ("ccomp", "parataxis") and (subject := _reporting_subject(child)) is not None:
            return _extent(subject), child.lemma_.lower()
    found = according_to(span)
    if found is not None:
        return found[0], "according to"
    return None


def _extent(token: Token) -> tuple[int, int]:
    """Return the character span of a token's phrase without relative clauses and appositions."""
    tokens = _phrase_tokens([token])
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


# --- rows -------------------------------------------------------------------------------------------------

def _text(tokens: list[Token]) -> str | None:
    """Return the text from the first to the last of ``tokens`` (None when empty)."""
    if not tokens:
        return None
    tokens = sorted(tokens, key=lambda t: t.i)
    return tokens[0].doc[tokens[0].i: tokens[-1].i + 1].text


def _mention_in(mentions: list[dict], start: int, end: int) -> dict | None:
    """Return the last registry mention inside a character span."""
    inside = [m for m in mentions if m.get("actor_id") and m["start_char"] >= start and m["end_char"] <= end]
    return inside[-1] if inside else None


def _actor_in(mentions: list[dict], start: int, end: int) -> str | None:
    """Return the actor id of the last registry mention inside a character span."""
    mention = _mention_in(mentions, start, end)
    return mention["actor_id"] if mention else None


def _figure_victims(sentence: Sentence, figures: list[dict]) -> tuple[str | None, str | None]:
    """Return the figure id and victims of the sentence's first killed or injured figure."""
    counted = [f for f in figures if f["sentence_id"] == sentence.sentence_id and f["kind"] in ("killed", "injured")]
    return (counted[0]["figure_id"], counted[0].get("victims")) if counted else (None, None)


def sentence_sides(casualties: list[Casualty], mentions: list[dict], index: PartyIndex) -> tuple[list[str], str | None]:
    """Return the victims' parties over every casualty word of a sentence, and how they were found.

    Each casualty word gives its victims' parties, else those of the place where they died, so one
    word's victims do not hide another's place ("left 1,400 Israelis dead, prompting retaliation
    that has killed 2,800 people in Gaza": both sides). The method is ``victims`` when any word's
    parties came from its victims, else ``place``.
    """
    found, methods = [], set()
    for casualty in casualties:
        sides, method = casualty_sides(casualty, mentions, index)
        found += sides
        methods |= {method} if sides else set()
    method = "victims" if "victims" in methods else "place" if methods else None
    return list(dict.fromkeys(found)), method


def casualty_sides(casualty: Casualty, mentions: list[dict], index: PartyIndex) -> tuple[list[str], str]:
    """Return the parties of one casualty word's victims (method ``victims``), else of its place (``place``)."""
    victims = sides_of(_phrase_tokens(casualty.victims), mentions, index)
    if victims:
        return victims, "victims"
    return sides_of(_phrase_tokens(casualty.place), mentions, index) + town_sides(casualty.place, mentions,
                                                                                 index), "place"


def casualty_row(parsed: ParsedArticle, sentence: Sentence, casualties: list[Casualty],
                 context: tuple[list[dict], list[dict], PartyIndex]) -> dict:
    """Return the ``casualties`` row of one sentence (see the module docstring)."""
    mentions, figures, index = context
    main = main_casualty(casualties)
    victims = _phrase_tokens(main.victims)
    agent = _phrase_tokens(main.agent)
    sides, method = sentence_sides(casualties, mentions, index)
    responsible = [s for c in casualties for heads in (c.agent, c.perpetrators)
                   for s in sides_of(_doer_tokens(heads), mentions, index)]
    figure_id, figure_victims = _figure_victims(sentence, figures)
    acts_by = sides_of(_doer_tokens(act_doers(parsed.span(sentence))), mentions, index)
    source = attribution(main, parsed.span(sentence))
    source_mention = _mention_in(mentions, *source[0]) if source else None
    source_actor = source_mention["actor_id"] if source_mention else None
    agent_actor = _actor_in(mentions, agent[0].idx, agent[-1].idx + len(agent[-1].text)) if agent else None
    if source_mention and len(agent) == 1 and agent[0].lower_ in SELF_PRONOUNS:
        agent_actor = source_actor  # "Israel said it killed ...": the speaker is the agent
        speaker = index.mention_party(source_mention)
        responsible += [speaker] if speaker and index.is_side(speaker) else []
    body = parsed.article.body
    return {
        "article_id": parsed.article_id, "sentence_id": sentence.sentence_id,
        "start_char": main.token.idx, "end_char": main.token.idx + len(main.token.text),
        "trigger": main.token.text, "kind": main.kind, "grammar": main.grammar,
        "victims": _text(victims) or figure_victims, "victim_group": victim_group(victims),
        "victim_sides": sides, "side_method": method,
        "agent": _text(agent), "agent_is_cause": bool(agent) and main.agent_is_cause,
        "agent_actor_id": agent_actor, "responsible": list(dict.fromkeys(r for r in responsible if r)),
        "acts_by": acts_by,
        "attribution": body[source[0][0]: source[0][1]] if source else None,
        "attribution_actor_id": source_actor,
        "attribution_cue": source[1] if source else None,
        "figure_id": figure_id,
    }


def extract_casualties(parsed: ParsedArticle, registry: Registry, mentions: list[dict],
                       figures: list[dict]) -> list[dict]:
    """Return the ``casualties`` rows of one article: one per sentence reporting a death or injury."""
    index = side_index(registry)
    counted = {f["sentence_id"] for f in figures if f["kind"] in ("killed", "injured")}
    rows, texts = [], []
    for sentence in parsed.sentences:
        span = parsed.span(sentence)
        casualties = read_casualties(span)
        if not casualties and sentence.sentence_id in counted:
            casualties = _figure_casualties(parsed, sentence, figures)
        if casualties:
            rows.append(casualty_row(parsed, sentence, casualties, (mentions, figures, index)))
            inside = [m for m in mentions if m["sentence_id"] == sentence.sentence_id]
            texts.append((sentence.text, index.text_parties(sentence.text, inside)))
    apply_model(rows, texts, {p for _, parties in texts for p in parties} | article_parties(mentions, index))
    log.debug("%s: %d casualty sentences", parsed.article_id, len(rows))
    return rows


def article_parties(mentions: list[dict], index: PartyIndex) -> set[str]:
    """Return the parties of every registry mention of an article."""
    return {p for m in mentions if m.get("actor_id") and (p := index.mention_party(m))}


def apply_model(rows: list[dict], texts: list[tuple[str, list[str]]], parties: set[str],
                model: casualty_model.CasualtyModel | None = None) -> None:
    """Fill ``model_victim_sides`` and ``model_responsible`` of the rows the model may label.

    Each target is filled where the model's gate lets it label that target
    (:func:`casualty_model.in_domain`). ``model`` is the shipped one unless given (the benchmark
    passes one trained without the outlet it labels); the shipped one, which answers in no
    convention of its own, is loaded only once a row is in its domain.
    """
    convention = model.convention if model is not None else None
    allowed = {(i, target) for i, row in enumerate(rows) for target in casualty_model.TARGETS
               if casualty_model.in_domain(row, parties, convention, target)}
    chosen = sorted({i for i, _ in allowed})
    model = (model or casualty_model.load_model()) if chosen else None
    if model is None:
        return
    documents = [casualty_model.features(texts[i][0], rows[i], texts[i][1]) for i in chosen]
    predicted = model.predict(documents)
    for target, column in (("victims", "model_victim_sides"), ("responsible", "model_responsible")):
        for position, i in enumerate(chosen):
            if (i, target) in allowed:
                rows[i][column] = casualty_model.parties_of(target, predicted[target][position])


def _figure_casualties(parsed: ParsedArticle, sentence: Sentence, figures: list[dict]) -> list[Casualty]:
    """Return a nominal casualty for a sentence whose only casualty word is a figure's ("15 injured")."""
    figure = next(f for f in figures if f["sentence_id"] == sentence.sentence_id and f["kind"] in ("killed", "injured"))
    span = parsed.doc.char_span(figure["start_char"], figure["end_char"], alignment_mode="expand")
    token = span[-1] if span is not None and len(span) else parsed.span(sentence).root
    casualty = Casualty(token, figure["kind"])
    casualty.place = place_of(casualty)
    return [casualty]


_INDEXES: dict[int, PartyIndex] = {}


def side_index(registry: Registry) -> PartyIndex:
    """Return the :class:`PartyIndex` of a registry, built once per registry object.

    Its nationality words are every state's demonyms ("Canadians" are Canada's), the registry's first.
    """
    key = id(registry)
    if key not in _INDEXES or _INDEXES[key].registry is not registry:
        states = registry_index(registry).state_demonyms
        _INDEXES[key] = PartyIndex.build(registry, {word: state[0] for word, state in states.items()})
    return _INDEXES[key]

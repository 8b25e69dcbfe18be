"""What a value counts, read from the dependency parse: counted noun, measure, scope.

Counts are described here; amounts in :mod:`._amount`; the noun phrases and subjects both are made
of in :mod:`._phrase`.

Helpers of :mod:`newsfuse.annotate.figures._core`; every function is pure and reads a
spaCy ``Doc`` plus a :class:`~newsfuse.annotate.figures._values.RawValue`. Non-figures are in
:mod:`._nonfigures`, dates and trends in :mod:`._dates`.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from spacy.tokens import Doc, Token

from ._amount import describe_amount
from ._doc import doc_ents, expr_span, sent_ents, value_tokens
from ._lexicon import CASUALTY_VERBS, EVENT_NOUNS, EVENT_VERBS, PRESENCE_VERBS
from ._phrase import (
    Measure, governing_verb, lemma_of, noun_tokens, participle_tokens, phrase_tokens, prep_tokens, said_when,
    scope_of, subject_of, unit_key, words_of,
)
from ._values import RawValue
from ..sentences import sent_of

__all__ = ["counted_noun", "describe"]


_TEMPORAL_PREPS = frozenset({"since", "from", "until", "till", "through", "as", "during", "by"})


_SKIP_IN_MEASURE = frozenset({"det", "nummod", "quantmod", "punct", "predet", "case", "cc",
                              "advmod", "aux", "auxpass", "neg", "prep_num"})


def counted_noun(doc: Doc, raw: RawValue) -> Token | None:
    """The noun a bare count counts ("2,500 US troops" -> troops), or None."""
    toks = value_tokens(doc, raw)
    if not len(toks):
        return None
    tok = toks[-1]
    # climb quantifier chains: "1,000-2,000 people", "1.5 million people"
    hops = 0
    while tok.dep_ in ("quantmod", "compound", "nummod", "conj") and tok.head.pos_ == "NUM" \
            and tok.head.i > tok.i and hops < 4:
        tok, hops = tok.head, hops + 1
    if tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        if said_when(tok.head, tok.i):
            return None
        nxt = doc[tok.i + 1]
        if raw.value > 1 and not raw.vague and tok.head.tag_ == "NN" and nxt.tag_ == "NN" and \
                nxt.dep_ == "compound" and nxt.head.i == tok.head.i:
            return nxt  # "a 12 page document", "a three bedroom house": the number counts pages
        return _climb_noun(tok.head)
    # scan right: "three drone attacks", "dozens of attacks"
    end_i = expr_span(doc, raw)[-1].i
    k = end_i + 1
    if k < len(doc) and doc[k].lower_ == "of" and (raw.vague or raw.unit is None):
        k += 1  # "dozens of attacks", "two of Johnson's deputies"
        while k < len(doc) and (doc[k].pos_ == "DET" or doc[k].dep_ in ("poss", "case")
                                or doc[k].tag_ == "POS"):
            k += 1
    for j in range(k, min(len(doc), k + 5)):
        t = doc[j]
        if t.pos_ == "NOUN":
            return None if said_when(t, end_i) else _climb_noun(t)
        if t.pos_ in ("ADJ", "PROPN") or (t.pos_ == "VERB" and t.tag_ == "VBN" and t.dep_ == "amod") \
                or t.lower_ in ("most", "least", "and"):
            continue  # "one of the most gifted and unpredictable attackers"
        if t.is_punct and t.text == "-":
            continue
        break
    return None


def _climb_noun(noun: Token) -> Token:
    """"drone or rocket attacks": from a modifier noun to the noun it modifies."""
    hops = 0
    while hops < 3 and noun.dep_ in ("compound", "amod", "nmod", "conj") and \
            noun.head.pos_ == "NOUN" and 0 < noun.head.i - noun.i <= 4:
        noun, hops = noun.head, hops + 1
    return noun


#: past participles that do not end in "-ed" (verbs that govern counts in the news)
_IRREGULAR_PARTICIPLES = MappingProxyType({
    "cut": "cut", "put": "put", "set": "set", "hit": "hit", "shut": "shut", "shed": "shed",
    "quit": "quit", "spread": "spread", "cost": "cost", "bid": "bid", "lose": "lost", "sell": "sold",
    "pay": "paid", "spend": "spent", "build": "built", "hold": "held", "keep": "kept", "send": "sent",
    "leave": "left", "take": "taken", "give": "given", "make": "made", "win": "won", "bring": "brought",
    "buy": "bought", "find": "found", "run": "run", "seek": "sought", "steal": "stolen", "fly": "flown",
    "write": "written", "choose": "chosen", "drive": "driven", "see": "seen", "get": "got",
    "lay": "laid", "lead": "led", "feed": "fed", "draw": "drawn", "throw": "thrown",
    "shoot": "shot", "fight": "fought", "catch": "caught", "teach": "taught", "sink": "sunk",
    "strike": "struck", "withdraw": "withdrawn", "bear": "borne", "grow": "grown",
})


def _participle(verb: Token) -> str:
    """The past participle a reader would write after the counted noun ("jobs cut", "homes left")."""
    lemma = verb.lemma_.lower()
    if lemma in CASUALTY_VERBS:
        return CASUALTY_VERBS[lemma]
    if verb.tag_ == "VBN" or (verb.tag_ == "VBD" and lemma not in _IRREGULAR_PARTICIPLES):
        return verb.lower_
    if lemma in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma[-1] == "y" and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"  # "deny" -> "denied"
    if len(lemma) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma):
        return lemma + lemma[-1] + "ed"  # "stop" -> "stopped", "ship" -> "shipped"
    return lemma + "ed"


def _owner(verb: Token, doc: Doc) -> tuple[str, list[Token], tuple[str, ...]]:
    """Subject of "has/deploys N troops": its words as a reader would name it, its tokens and its
    places ("Spain"; "Albares, whose country has ..." -> "Spain", the place written with his name)."""
    subj = subject_of(verb)
    if subj is None or subj.pos_ == "PRON":
        return "", [], ()
    toks = phrase_tokens(subj, set())
    scope = scope_of(toks)
    if not scope and any(t.lower_ in ("whose", "his", "her", "its", "their") for t in subj.children):
        place = _antecedent_place(subj, doc)
        if place:
            return _place_title(place), toks, (place,)
    return words_of(toks), toks, scope


def _place_title(place: str) -> str:
    """A scope name as a reader writes it: "spain" -> "Spain", "united states" -> "United States"."""
    return " ".join(w.upper() if len(w) <= 2 else w.capitalize() for w in place.split())


def _antecedent_place(subj: Token, doc: Doc) -> str | None:
    """"Albares, whose country has ...": the place written nearest before the person's first
    mention ("Spanish Foreign Minister Jose Manuel Albares" -> "spain")."""
    person = None
    subj_sent = sent_of(subj)
    for ent in reversed([e for e in sent_ents(subj_sent) if e.end <= subj.i]):
        if ent.label_ == "PERSON":
            person = ent
            break
    if person is None:
        return None
    surname = person[-1].text
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON" and ent[-1].text == surname:
            window = doc[max(sent_of(ent).start, ent.start - 5):ent.start]
            for start in range(len(window) - 1, -1, -1):  # the nearest place word first
                found = scope_of(list(window[start:]))
                if found:
                    return found[0]
    return None


def _temporal_mods(verb: Token, skip: set[int]) -> list[Token]:
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _TEMPORAL_PREPS and c.i not in skip and \
                (c.lower_ != "as" or c.nbor(1).lower_ == "of"):
            sub = list(c.subtree)
            if any(t.ent_type_ == "DATE" for t in sub):
                out.extend(sub)
    return out


def describe(doc: Doc, raw: RawValue, noun: Token | None, elided: bool = False,
             others: frozenset[int] = frozenset()) -> Measure:
    """Measure words, key and scope for one value (noun = counted noun, if any; ``elided``
    when the noun was taken from an earlier count in the sentence). ``others`` holds the tokens of
    the sentence's other figures: what one figure measures is never another figure ("between
    15.5 cm and 23.5 cm" does not measure "cm"; "$22,480 for the version and 2,380,000" is not
    about "2,380,000")."""
    skip = {t.i for t in expr_span(doc, raw)} | others
    num = value_tokens(doc, raw)
    anchor = num[-1] if len(num) else doc[0]
    if noun is not None:
        return _describe_count(doc, raw, noun, anchor, skip, elided)
    if raw.unit == "count":  # "attacked more than 150 times"
        verb = governing_verb(anchor)
        if verb is not None:
            lemma = verb.lemma_.lower()
            event = EVENT_VERBS.get(lemma, lemma)
            subj = subject_of(verb)
            toks = phrase_tokens(subj, skip) if subj is not None and subj.pos_ != "PRON" else []
            temporal = _temporal_mods(verb, skip)
            words = f"{event}s" + (f" on {words_of(toks)}" if toks else "") + \
                (f" {words_of(temporal)}" if temporal else "")
            return Measure(words, unit_key(event), scope_of(toks), event)
        return Measure("", "count", (), None)
    return describe_amount(doc, raw, anchor, skip)


_CASUALTY_NOUNS = {"injury": "injured", "death": "killed", "killing": "killed",
                   "wounding": "wounded", "arrest": "arrested", "evacuation": "evacuated"}


_OWNER_VERBS = frozenset({"have", "deploy", "station", "base", "keep", "maintain", "send", "host"})


_PLACING_VERBS = frozenset({"deploy", "station", "base", "send", "keep", "maintain", "be"})


def _subject_words(verb: Token, skip: set[int]) -> list[Token]:
    subj = subject_of(verb)
    if subj is None or subj.pos_ == "PRON" or subj.i in skip:
        return []
    return phrase_tokens(subj, skip | {t.i for t in subj.subtree if t.pos_ == "NUM"})


def _describe_count(doc: Doc, raw: RawValue, noun: Token, anchor: Token,
                    skip: set[int], elided: bool) -> Measure:
    lemma = lemma_of(noun)
    key = unit_key(lemma)
    if elided:  # "about 900 [US troops deployed] in Syria": the noun's words, the number's places
        base = noun_tokens(noun, skip)
        base += [c for c in noun.rights if c.dep_ == "acl" and c.tag_ == "VBN"][:1]
        for c in anchor.rights:
            if c.dep_ == "prep":
                base += prep_tokens(c, skip, 0)
    else:
        base = phrase_tokens(noun, skip)
    scope_toks = list(base)
    words = words_of(base)
    holder = anchor if elided and anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") else noun
    if not elided and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i in skip:
        holder = noun.head.head  # "Hundreds of people ... attended": the quantity word is the subject
    head = holder.head
    if holder.dep_ in ("appos", "dep", "ROOT", "npadvmod"):
        nxt = holder.i + 1
        while nxt < len(doc) and doc[nxt].pos_ in ("AUX", "ADV", "PART"):
            nxt += 1
        if nxt < len(doc) and nxt > holder.i + 1 and doc[nxt].pos_ == "VERB" and \
                subject_of(doc[nxt]) == holder:
            return _with_role(doc, raw, noun, holder, doc[nxt], "nsubj", words, key, lemma,
                              scope_toks, skip, base)
    if holder.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _CASUALTY_NOUNS:
        part = _CASUALTY_NOUNS[head.head.lemma_.lower()]
        words = f"{words} {part}"
        cause = _cause_of(head.head, skip)
        if cause:  # "the attack led to the injury of 3 soldiers": "soldiers injured in attack"
            words += f" in {words_of(cause)}"
            scope_toks += cause
        return Measure(words, f"{key} {part}", scope_of(scope_toks), lemma)
    verb = head if holder.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "conj") else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and \
            verb.dep_ in ("prep", "conj", "pobj", "agent") and verb.head.i != verb.i:
        verb = verb.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return Measure(words, key, scope_of(scope_toks), lemma)
    return _with_role(doc, raw, noun, holder, verb, holder.dep_, words, key, lemma, scope_toks,
                      skip, base)


def _cause_of(casualty: Token, skip: set[int]) -> list[Token]:
    """The event that caused a casualty noun, when it is the subject of the verb that governs the
    noun ("the attack led to the injury of ...", "the blast caused the deaths of ...")."""
    verb = governing_verb(casualty)
    subj = subject_of(verb) if verb is not None else None
    if subj is None or subj.pos_ == "PRON" or subj.i in skip or lemma_of(subj) not in EVENT_NOUNS:
        return []
    return phrase_tokens(subj, skip)


def _with_role(doc: Doc, raw: RawValue, noun: Token, holder: Token, verb: Token, role: str,
               words: str, key: str, lemma: str, scope_toks: list[Token], skip: set[int],
               base: list[Token]) -> Measure:
    """Add what the governing verb says about the count (killed, trained, has, targeted)."""
    vlemma = verb.lemma_.lower()
    if role == "pobj" and key == "attack":  # "targeted in more than 150 attacks"
        target = _subject_words(verb, skip)
        if target:
            words += f" on {words_of(target)}"
            scope_toks += target
    elif vlemma in CASUALTY_VERBS and (role in ("dobj", "nsubjpass") or
                                       (role == "nsubj" and vlemma == "die")):
        part = CASUALTY_VERBS[vlemma]
        key = f"{key} {part}"
        words += f" {part}"
        subj = subject_of(verb) if role == "dobj" else None
        if subj is not None and subj.pos_ != "PRON":
            sw = words_of(phrase_tokens(subj, skip))
            words += f" in {sw}" if lemma_of(subj) in EVENT_NOUNS else f" by {sw}"
    elif role == "nsubj" and vlemma not in PRESENCE_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        key = f"{key} ({vlemma})"
        words += f" who {verb.text}"
        if obj is not None:
            words += " " + words_of(phrase_tokens(obj, skip | {t.i for t in obj.children if t.pos_ == "NUM"}))
    elif role == "nsubjpass" and vlemma not in PRESENCE_VERBS:
        # "19 people were transferred to a hospital": what was done to them, as "members trained by"
        phrase = participle_tokens(verb, skip | {t.i for t in base}, 0)
        key = f"{key} {_participle(verb)}"
        words += " " + words_of(phrase)
        scope_toks += phrase
    elif role == "dobj" and vlemma not in PRESENCE_VERBS:
        sub = _subject_words(verb, skip)
        key = f"{key} {_participle(verb)}"
        words += f" {_participle(verb)}" + "".join(f" {c.text}" for c in verb.children if c.dep_ == "prt")
        if sub:
            words += f" by {words_of(sub)}"
            scope_toks += sub
    elif vlemma in PRESENCE_VERBS:
        if role in ("nsubjpass", "nsubj") and vlemma in _PLACING_VERBS and vlemma != "be":
            words += " " + words_of(participle_tokens(verb, skip, 1))
            scope_toks += participle_tokens(verb, skip, 1)
        owner_scope: tuple[str, ...] = ()
        if vlemma in _OWNER_VERBS and role in ("dobj", "attr"):
            owner_words, owner, owner_scope = _owner(verb, doc)
            if owner_words and not (set(owner_scope) & set(scope_of(base))):
                words = f"{owner_words}'s {words}"
                scope_toks += owner
        temporal = _temporal_mods(verb, skip | {t.i for t in scope_toks})
        if temporal:
            words += " " + words_of(temporal)
        scope = tuple(sorted(set(scope_of(scope_toks)) | set(owner_scope)))
        return Measure(words, key, scope, lemma)
    temporal = _temporal_mods(verb, skip | {t.i for t in base})
    if temporal:
        words += " " + words_of(temporal)
    return Measure(words, key, scope_of(scope_toks), lemma)

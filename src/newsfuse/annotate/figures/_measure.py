"""What a value counts, read from the dependency parse: counted noun, measure, scope.

Helpers of :mod:`newsfuse.annotate.figures._core`; every function is pure and reads a
spaCy ``Doc`` plus a :class:`~newsfuse.annotate.figures._values.RawValue`. Non-figures are in
:mod:`._nonfigures`, dates and trends in :mod:`._dates`.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from ._doc import doc_ents, expr_span, sent_ents, value_tokens
from ._lexicon import (
    CASUALTY_VERBS, DEMONYMS, EVENT_NOUNS, EVENT_VERBS, PLACE_ALIASES, PRESENCE_VERBS, UNIT_SYNONYMS,
)
from ._values import RawValue
from ..sentences import sent_of

__all__ = ["compared_with", "counted_noun", "Measure", "describe", "subject_of", "phrase_words",
           "spanned_noun"]

_SCOPE_LABELS = frozenset({"GPE", "NORP", "LOC"})
_TEMPORAL_PREPS = frozenset({"since", "from", "until", "till", "through", "as", "during", "by"})
_SKIP_IN_MEASURE = frozenset({"det", "nummod", "quantmod", "punct", "predet", "case", "cc",
                              "advmod", "aux", "auxpass", "neg", "prep_num"})


# --------------------------------------------------------------------------- counted noun


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


#: words that make a time noun say when ("last year", "this week"), not what a number before counts
_DEICTIC = frozenset({"last", "next", "this", "past", "previous", "coming", "same"})


def said_when(noun: Token, number_i: int) -> bool:
    """"rose to 45,000 last year": a time noun pinned by "last"/"this"/"next" written between the
    number and it says when, and is not what the number counts."""
    return any(c.lower_ in _DEICTIC and number_i < c.i < noun.i for c in noun.children)


def _climb_noun(noun: Token) -> Token:
    """"drone or rocket attacks": from a modifier noun to the noun it modifies."""
    hops = 0
    while hops < 3 and noun.dep_ in ("compound", "amod", "nmod", "conj") and \
            noun.head.pos_ == "NOUN" and 0 < noun.head.i - noun.i <= 4:
        noun, hops = noun.head, hops + 1
    return noun


# --------------------------------------------------------------------------- measure


class Measure(tuple):
    """(measure words, measure_key, scope, unit noun lemma or None)."""

    __slots__ = ()

    def __new__(cls, words: str, key: str, scope: tuple[str, ...], unit: str | None):
        return super().__new__(cls, (words, key, scope, unit))

    words = property(lambda self: self[0])
    key = property(lambda self: self[1])
    scope = property(lambda self: self[2])
    unit = property(lambda self: self[3])


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if tok.lower_ in ("people", "persons"):
        return "person"
    if tok.lower_ in ("personnel", "military", "police"):
        return tok.lower_
    return lemma


def _key(lemma: str) -> str:
    return UNIT_SYNONYMS.get(lemma, lemma)


_SCOPE_PREPS = frozenset({"in", "on", "at", "against", "to", "from", "of", "across", "inside",
                          "near", "into", "throughout", "within", "targeting", "for", "among",
                          "over", "since", "with"})


def _np(tok: Token, skip: set[int]) -> list[Token]:
    """Just the noun and its pre-modifiers ("Spanish military personnel")."""
    out = [tok]
    for child in tok.lefts:
        if child.i in skip or child.dep_ not in ("compound", "amod", "nmod", "poss", "npadvmod"):
            continue
        out.extend(t for t in child.subtree if t.i not in skip and not t.is_space
                   and (t.pos_ not in ("NUM", "DET") and t.dep_ not in ("det", "case", "nummod", "quantmod")
                        or _hyphened_number(t)))
    out.extend(c for c in tok.rights if c.dep_ in ("nummod", "compound") and c.i not in skip
               and c.i == tok.i + 1)
    return out


def _hyphened_number(tok: Token) -> bool:
    """"four" in "a four-bedroom house": a number glued by a hyphen to the word it modifies is part
    of that word, not a count of the phrase's noun."""
    doc = tok.doc
    return tok.like_num and tok.i + 2 < len(doc) and doc[tok.i + 1].text in ("-", "–") and \
        not tok.whitespace_ and not doc[tok.i + 1].whitespace_


def _pp(prep: Token, skip: set[int], depth: int) -> list[Token]:
    pobjs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.i not in skip]
    if not pobjs or (prep.lower_ not in _SCOPE_PREPS and prep.dep_ != "agent"):
        return []
    if prep.lower_ in ("since", "until", "from"):
        return [t for t in prep.subtree if t.i not in skip and not t.is_space]
    out = [prep, *_phrase(pobjs[0], skip, depth + 1)]
    for conj in pobjs[0].conjuncts:
        if conj.i > pobjs[0].i and conj.i not in skip:
            out.extend(_np(conj, skip))
            out.extend(t for t in conj.doc[pobjs[0].i + 1:conj.i] if t.dep_ == "cc")
    return out


def _phrase(tok: Token, skip: set[int], depth: int = 0) -> list[Token]:
    """The noun phrase of ``tok``: pre-modifiers, the noun, place/target phrases, participles."""
    out = _np(tok, skip)
    if depth > 1:
        return out
    for child in tok.rights:
        if child.i in skip or child.is_space:
            continue
        if child.dep_ == "prep":
            if depth == 0 or child.lower_ in ("of", "in"):
                out.extend(_pp(child, skip, depth))
        elif child.dep_ == "acl" and child.tag_ in ("VBN", "VBG") and depth == 0:
            out.extend(_participle_phrase(child, skip, depth))
    return out


def _participle_phrase(verb: Token, skip: set[int], depth: int) -> list[Token]:
    out = [verb]
    for c in verb.rights:
        if c.i in skip:
            continue
        if c.dep_ == "prt":
            out.append(c)  # "employees laid off"
        elif c.dep_ == "prep":
            out.extend(_pp(c, skip, depth + 1))
        elif c.dep_ == "agent":  # "sites used by Kataib Hezbollah": who does it is part of the phrase
            out.extend(_pp(c, skip, depth + 1))
        elif c.dep_ == "dobj":
            out.extend(_phrase(c, skip, depth + 1))
    return out


def _words(tokens: list[Token]) -> str:
    """Tokens in text order, spaced as written (hyphens kept: "US-led")."""
    chosen = sorted({t.i: t for t in tokens if not t.is_space}.values(), key=lambda t: t.i)
    if not chosen:
        return ""
    doc = chosen[0].doc
    parts: list[str] = []
    prev = None
    for t in chosen:
        if prev is not None:
            gap = doc[prev.i + 1:t.i]
            if len(gap) and all(g.text in ("-", "–") for g in gap) and not prev.whitespace_:
                parts.append(gap.text)
            elif len(gap) or prev.whitespace_:
                parts.append(" ")
        parts.append(t.text)
        prev = t
    return re.sub(r"\s+", " ", "".join(parts)).strip(" ,;")


def _scope(tokens: list[Token]) -> tuple[str, ...]:
    names: list[str] = []
    idx = {t.i for t in tokens}
    near: dict[int, Span] = {}
    for t in tokens:
        for ent in sent_ents(t):
            near[ent.start] = ent
    for ent in near.values():
        if ent.label_ in _SCOPE_LABELS and any(t.i in idx for t in ent):
            names.append(_place_name(ent.text))
    for t in tokens:  # "US-led" is one token in some tokenisations
        low = t.lower_.split("-")[0]
        if low in DEMONYMS and t.ent_type_ == "" and t.text[:1].isupper():
            names.append(DEMONYMS[low])
    return tuple(sorted(set(n for n in names if n)))


def _place_name(text: str) -> str:
    low = re.sub(r"^the\s+", "", text.lower().strip()).replace("’s", "").replace("'s", "")
    return DEMONYMS.get(low, PLACE_ALIASES.get(low, low))


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


def _subject(verb: Token) -> Token | None:
    left = verb.i - 1
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl"):
            if c.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                return verb.head  # "facebook, which has 2.2 billion users"
            before = verb.doc[c.i - 1] if c.i > 0 else None
            if c.lower_ in ("who", "which") and before is not None and before.pos_ == "PROPN":
                return before  # a relative clause read as a clause: "Lampard who won four finals"
            if "\n" not in verb.doc[min(c.i, verb.i):max(c.i, verb.i)].text:
                return c if c.dep_ != "expl" else None
            break  # a subject across a paragraph break is a mis-parse: look left of the verb
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return _subject(verb.head)  # "the TA-125 lost 1.1% to end at 1,334.20": the controller's subject
    while left >= 0 and verb.doc[left].pos_ in ("AUX", "ADV", "PART"):
        left -= 1
    if left >= 0 and left < verb.i - 1 and verb.doc[left].pos_ in ("NOUN", "PROPN") and \
            verb.doc[left].dep_ in ("appos", "dep", "ROOT", "npadvmod", "conj") and \
            verb.doc[left].ent_type_ not in ("DATE", "TIME"):  # "last year having increased"
        return verb.doc[left]  # a mis-parsed subject: "personnel have trained"
    first = verb.doc[verb.i - 1] if verb.i > 0 else None
    if first is not None and verb.tag_ in ("VBZ", "VBD") and first.head.i == verb.i and \
            first.is_title and first.dep_ in ("advmod", "npadvmod", "nmod", "dep") and \
            first.i == sent_of(first).start:
        return first  # a name read as an adverb: "Duly has more than 900 doctors"
    own = _conjunct_subject(verb) if verb.dep_ == "conj" else None
    if own is not None:
        return own  # "Healthcare dropped 1.61%, while energy, ..., fell 0.94%": energy fell
    if verb.dep_ in ("conj", "xcomp", "relcl", "acl", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


#: words that open a conjoined clause, before its own subject
_CLAUSE_OPENERS = frozenset({",", ";", "while", "whereas", "but", "and", "although", "though"})


def _conjunct_subject(verb: Token) -> Token | None:
    """The subject a conjoined verb was not given by the parse, written in its own clause: a noun
    parsed as a subject (of a word between the verbs) right after the clause's opener ("Healthcare
    dropped 1.61%, while energy, last year's worst sector, fell 0.94%" -> energy); None when the
    conjunct has no subject of its own ("cut 300 jobs and closed four plants")."""
    head = verb.head
    if head.i >= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = verb.doc
    for tok in doc[head.i + 1:verb.i]:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ not in ("NOUN", "PROPN") or \
                not head.i < tok.head.i <= verb.i:
            continue
        k = tok.i - 1
        while k > head.i and (doc[k].pos_ in ("DET", "ADJ") or doc[k].dep_ == "compound"):
            k -= 1
        if doc[k].lower_ in _CLAUSE_OPENERS and k > head.i:
            return tok
    return None


def _owner(verb: Token, doc: Doc) -> tuple[str, list[Token], tuple[str, ...]]:
    """Subject of "has/deploys N troops": its words as a reader would name it, its tokens and its
    places ("Spain"; "Albares, whose country has ..." -> "Spain", the place written with his name)."""
    subj = _subject(verb)
    if subj is None or subj.pos_ == "PRON":
        return "", [], ()
    toks = _phrase(subj, set())
    scope = _scope(toks)
    if not scope and any(t.lower_ in ("whose", "his", "her", "its", "their") for t in subj.children):
        place = _antecedent_place(subj, doc)
        if place:
            return _place_title(place), toks, (place,)
    return _words(toks), toks, scope


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
                found = _scope(list(window[start:]))
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
        verb = _governing_verb(anchor)
        if verb is not None:
            lemma = verb.lemma_.lower()
            event = EVENT_VERBS.get(lemma, lemma)
            subj = _subject(verb)
            toks = _phrase(subj, skip) if subj is not None and subj.pos_ != "PRON" else []
            temporal = _temporal_mods(verb, skip)
            words = f"{event}s" + (f" on {_words(toks)}" if toks else "") + \
                (f" {_words(temporal)}" if temporal else "")
            return Measure(words, _key(event), _scope(toks), event)
        return Measure("", "count", (), None)
    return _describe_amount(doc, raw, anchor, skip)


def compared_as_preposition(tok: Token) -> bool:
    """"compared with/to" used as a preposition ("Profits were $3 billion, compared with $2 billion"):
    a figure after it belongs to the clause it hangs from, not to the participle."""
    return tok.tag_ == "VBN" and tok.lemma_.lower() == "compare" and tok.head.i != tok.i and \
        tok.dep_ in ("prep", "advcl", "acl") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _governing_verb(tok: Token) -> Token | None:
    t, hops = tok, 0
    while hops < 6:
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i and not compared_as_preposition(t):
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t, hops = t.head, hops + 1
    return None


_CASUALTY_NOUNS = {"injury": "injured", "death": "killed", "killing": "killed",
                   "wounding": "wounded", "arrest": "arrested", "evacuation": "evacuated"}
_OWNER_VERBS = frozenset({"have", "deploy", "station", "base", "keep", "maintain", "send", "host"})
_PLACING_VERBS = frozenset({"deploy", "station", "base", "send", "keep", "maintain", "be"})


def _subject_words(verb: Token, skip: set[int]) -> list[Token]:
    subj = _subject(verb)
    if subj is None or subj.pos_ == "PRON" or subj.i in skip:
        return []
    return _phrase(subj, skip | {t.i for t in subj.subtree if t.pos_ == "NUM"})


def _describe_count(doc: Doc, raw: RawValue, noun: Token, anchor: Token,
                    skip: set[int], elided: bool) -> Measure:
    lemma = _lemma(noun)
    key = _key(lemma)
    if elided:  # "about 900 [US troops deployed] in Syria": the noun's words, the number's places
        base = _np(noun, skip)
        base += [c for c in noun.rights if c.dep_ == "acl" and c.tag_ == "VBN"][:1]
        for c in anchor.rights:
            if c.dep_ == "prep":
                base += _pp(c, skip, 0)
    else:
        base = _phrase(noun, skip)
    scope_toks = list(base)
    words = _words(base)
    holder = anchor if elided and anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") else noun
    if not elided and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i in skip:
        holder = noun.head.head  # "Hundreds of people ... attended": the quantity word is the subject
    head = holder.head
    if holder.dep_ in ("appos", "dep", "ROOT", "npadvmod"):
        nxt = holder.i + 1
        while nxt < len(doc) and doc[nxt].pos_ in ("AUX", "ADV", "PART"):
            nxt += 1
        if nxt < len(doc) and nxt > holder.i + 1 and doc[nxt].pos_ == "VERB" and \
                _subject(doc[nxt]) == holder:
            return _with_role(doc, raw, noun, holder, doc[nxt], "nsubj", words, key, lemma,
                              scope_toks, skip, base)
    if holder.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _CASUALTY_NOUNS:
        part = _CASUALTY_NOUNS[head.head.lemma_.lower()]
        words = f"{words} {part}"
        cause = _cause_of(head.head, skip)
        if cause:  # "the attack led to the injury of 3 soldiers": "soldiers injured in attack"
            words += f" in {_words(cause)}"
            scope_toks += cause
        return Measure(words, f"{key} {part}", _scope(scope_toks), lemma)
    verb = head if holder.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "conj") else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and \
            verb.dep_ in ("prep", "conj", "pobj", "agent") and verb.head.i != verb.i:
        verb = verb.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return Measure(words, key, _scope(scope_toks), lemma)
    return _with_role(doc, raw, noun, holder, verb, holder.dep_, words, key, lemma, scope_toks,
                      skip, base)


def _cause_of(casualty: Token, skip: set[int]) -> list[Token]:
    """The event that caused a casualty noun, when it is the subject of the verb that governs the
    noun ("the attack led to the injury of ...", "the blast caused the deaths of ...")."""
    verb = _governing_verb(casualty)
    subj = _subject(verb) if verb is not None else None
    if subj is None or subj.pos_ == "PRON" or subj.i in skip or _lemma(subj) not in EVENT_NOUNS:
        return []
    return _phrase(subj, skip)


def _with_role(doc: Doc, raw: RawValue, noun: Token, holder: Token, verb: Token, role: str,
               words: str, key: str, lemma: str, scope_toks: list[Token], skip: set[int],
               base: list[Token]) -> Measure:
    """Add what the governing verb says about the count (killed, trained, has, targeted)."""
    vlemma = verb.lemma_.lower()
    if role == "pobj" and key == "attack":  # "targeted in more than 150 attacks"
        target = _subject_words(verb, skip)
        if target:
            words += f" on {_words(target)}"
            scope_toks += target
    elif vlemma in CASUALTY_VERBS and (role in ("dobj", "nsubjpass") or
                                       (role == "nsubj" and vlemma == "die")):
        part = CASUALTY_VERBS[vlemma]
        key = f"{key} {part}"
        words += f" {part}"
        subj = _subject(verb) if role == "dobj" else None
        if subj is not None and subj.pos_ != "PRON":
            sw = _words(_phrase(subj, skip))
            words += f" in {sw}" if _lemma(subj) in EVENT_NOUNS else f" by {sw}"
    elif role == "nsubj" and vlemma not in PRESENCE_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        key = f"{key} ({vlemma})"
        words += f" who {verb.text}"
        if obj is not None:
            words += " " + _words(_phrase(obj, skip | {t.i for t in obj.children if t.pos_ == "NUM"}))
    elif role == "nsubjpass" and vlemma not in PRESENCE_VERBS:
        # "19 people were transferred to a hospital": what was done to them, as "members trained by"
        phrase = _participle_phrase(verb, skip | {t.i for t in base}, 0)
        key = f"{key} {_participle(verb)}"
        words += " " + _words(phrase)
        scope_toks += phrase
    elif role == "dobj" and vlemma not in PRESENCE_VERBS:
        sub = _subject_words(verb, skip)
        key = f"{key} {_participle(verb)}"
        words += f" {_participle(verb)}" + "".join(f" {c.text}" for c in verb.children if c.dep_ == "prt")
        if sub:
            words += f" by {_words(sub)}"
            scope_toks += sub
    elif vlemma in PRESENCE_VERBS:
        if role in ("nsubjpass", "nsubj") and vlemma in _PLACING_VERBS and vlemma != "be":
            words += " " + _words(_participle_phrase(verb, skip, 1))
            scope_toks += _participle_phrase(verb, skip, 1)
        owner_scope: tuple[str, ...] = ()
        if vlemma in _OWNER_VERBS and role in ("dobj", "attr"):
            owner_words, owner, owner_scope = _owner(verb, doc)
            if owner_words and not (set(owner_scope) & set(_scope(base))):
                words = f"{owner_words}'s {words}"
                scope_toks += owner
        temporal = _temporal_mods(verb, skip | {t.i for t in scope_toks})
        if temporal:
            words += " " + _words(temporal)
        scope = tuple(sorted(set(_scope(scope_toks)) | set(owner_scope)))
        return Measure(words, key, scope, lemma)
    temporal = _temporal_mods(verb, skip | {t.i for t in base})
    if temporal:
        words += " " + _words(temporal)
    return Measure(words, key, _scope(scope_toks), lemma)


_RELATIVE_TIME_WORDS = frozenset({"ago", "later", "earlier"})
#: prepositions of a change ("raised the rate by 25 points to 5.25%, from 5%")
_CHANGE_PREPS = frozenset({"by", "to", "from"})
_COMPARATIVES = frozenset({"less", "more", "fewer", "higher", "lower", "greater", "bigger", "smaller",
                           "larger", "faster", "slower", "cheaper"})


def compared_with(tok: Token, skip: set[int]) -> Token | None:
    """The noun a difference is measured against: "10mph less than the top wind speeds" -> speeds."""
    head = tok.head
    if tok.dep_ not in ("npadvmod", "nummod", "quantmod") or head.lower_ not in _COMPARATIVES:
        return None
    than = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "than"), None)
    pobj = next((c for c in than.children if c.dep_ == "pobj"), None) if than is not None else None
    if pobj is None or pobj.i in skip or pobj.like_num or pobj.pos_ not in ("NOUN", "PROPN"):
        return None
    return pobj


def _describe_amount(doc: Doc, raw: RawValue, anchor: Token, skip: set[int]) -> Measure:
    """Money, percentages, measurements, bare numbers: the thing measured."""
    span = expr_span(doc, raw)
    root = span.root if len(span) else anchor
    hops = 0
    while root.dep_ == "conj" and root.head.i in skip and root.head.i != root.i and hops < 4:
        root, hops = root.head, hops + 1  # "between 15.5 cm and 23.5 cm": the second measures what the first does
    if root.dep_ == "npadvmod" and root.head.lower_ in _RELATIVE_TIME_WORDS:
        return Measure("", "", (), None)  # "two years later": when, not an amount of something
    target: Token | None = compared_with(root, skip)  # "10mph less than the top wind speeds"
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i not in skip), None)
    if of is not None:
        target = next((c for c in of.children if c.dep_ == "pobj"), None)
    if target is None and root.dep_ in ("compound", "nmod", "amod", "nummod") and \
            root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in skip and \
            not said_when(root.head, root.i):
        target = root.head
    if target is None and root.dep_ == "pobj" and root.head.head.pos_ == "VERB" and \
            (root.head.lower_ == "at" or (root.head.lower_ == "for" and raw.unit_kind == "currency")):
        # "priced at $25", "sold the house for $2 million": what the amount pays for
        verb = root.head.head
        target = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
        if target is None and root.head.lower_ == "at":
            # "estimated IS numbers at around 1,000": the object, however it was parsed, is the
            # last noun between the verb and "at"; the places written with the value join it
            nouns = [t for t in doc[verb.i + 1:root.head.i] if t.pos_ == "NOUN" and t.i not in skip]
            if nouns:
                toks = [t for t in doc[verb.i + 1:nouns[-1].i + 1]
                        if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i not in skip]
                toks += [t for c in root.rights if c.dep_ == "prep" for t in _pp(c, skip, 0)]
                return Measure(_words(toks), _lemma(nouns[-1]), _scope(toks), None)
    if target is None and raw.unit_kind == "currency" and root.dep_ == "dobj" and root.head.pos_ == "VERB":
        # "paid a club-record £89m for Pogba": a price measures what it pays for
        target = next((p for c in root.head.children if c.dep_ in ("prep", "dative") and c.lower_ == "for"
                       for p in c.children if p.dep_ == "pobj" and p.i not in skip
                       and p.pos_ in ("NOUN", "PROPN")), None)
    if target is None and root.dep_ == "pobj" and root.head.lower_ in _CHANGE_PREPS and \
            root.head.head.pos_ == "VERB":
        # "raised its benchmark rate by 25 basis points to 5.25%": a change measures what changed,
        # the verb's object when it has one (else its subject, below: "sales rose to $5 billion")
        target = next((c for c in root.head.head.children if c.dep_ == "dobj" and c.i not in skip
                       and c.pos_ in ("NOUN", "PROPN")), None)
    if target is None and root.dep_ == "pobj" and root.head.dep_ == "prep" and \
            root.head.head.pos_ in ("NOUN", "PROPN") and root.head.head.i not in skip:
        target = root.head.head
    if target is None and root.dep_ in ("appos", "conj") and root.head.pos_ in ("NOUN", "PROPN") \
            and root.head.i not in skip and not root.head.like_num:
        own = _own_for(root, skip)
        if own is not None:
            # "an MSRP of $22,480 for the manual version and $21,972 for the CVT": the second
            # amount is the same noun for what its own phrase names
            toks = _np(root.head, skip) + _pp(own, skip, 0)
            return Measure(_words(toks), _lemma(root.head), _scope(toks), None)
        target = root.head
    if target is None and raw.unit_kind == "currency" and root.dep_ == "conj":
        # "cost $20 for adults and $10 for children": a conjoined price with its own "for" phrase
        own = _own_for(root, skip)
        target = next((p for p in own.children if p.dep_ == "pobj"), None) if own is not None else None
    if target is None:
        verb = _governing_verb(root)
        if verb is not None:
            subj = spanned_noun(verb, skip) or _subject(verb)
            if subj is not None and subj.like_num:
                pass  # a number as subject is another figure, not what this one measures
            elif subj is not None and subj.pos_ != "PRON" and subj.i not in skip:
                target = subj
            elif subj is not None and subj.pos_ == "PRON" and root.dep_ != "npadvmod":
                # "it has a capacity of ..."; not a time adverbial ("it orbits the sun every 33 years")
                target = next((c for c in verb.children if c.dep_ in ("dobj", "attr")
                               and c.i not in skip and c.pos_ in ("NOUN", "PROPN")), None)
    if target is None:
        return Measure("", "", (), None)
    toks = _phrase(target, skip)
    key = _lemma(target) if target.pos_ != "PROPN" else target.text.lower()
    return Measure(_words(toks), key, _scope(toks), None)



def _own_for(root: Token, skip: set[int]) -> Token | None:
    """The "for" phrase of an amount's own ("... and $21,972 for the CVT") naming a noun, or None."""
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i not in skip and \
                any(p.dep_ == "pobj" and p.i not in skip and p.pos_ in ("NOUN", "PROPN") for p in prep.children):
            return prep
    return None


# --------------------------------------------------------------------------- shared with _about


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb`` (through relative pronouns, conjuncts and mis-parses), or None."""
    return _subject(verb)


#: participles that give the span or total of the noun they follow ("claims, ranging from $200 to $4 million")
_SPAN_PARTICIPLES = frozenset({"range", "vary", "total", "average", "amount"})


def spanned_noun(verb: Token, skip: set[int]) -> Token | None:
    """The noun a participle clause of span or total follows, set off by a comma and with no subject
    of its own: "$12.4 million of claims, ranging from $200 to $4 million" -> claims."""
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in _SPAN_PARTICIPLES or verb.i < 2 or \
            verb.doc[verb.i - 1].text != ",":
        return None
    noun = verb.doc[verb.i - 2]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i in skip or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return noun


def phrase_words(tok: Token, skip: set[int]) -> str:
    """The noun phrase of ``tok`` as written, without the tokens in ``skip`` (the figure);
    a name split at hyphens ("Ben - Moshe") is kept whole."""
    toks = _phrase(tok, skip)
    doc = tok.doc
    extra = []
    for t in toks:
        k = t.i
        while k + 2 < len(doc) and doc[k + 1].text == "-" and not doc[k].whitespace_ and \
                not doc[k + 1].whitespace_ and doc[k + 2].i not in skip:
            extra += [doc[k + 1], doc[k + 2]]
            k += 2
    return _words(toks + extra)

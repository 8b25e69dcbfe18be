"""The tense of the verb a time expression hangs on, read from a spaCy parse.

"The minister, who said on Monday he was tired, will fly on Tuesday": the nearest
verb to "Tuesday" is "will fly", but the nearest verb to "Monday" is "said" only
through the tree, not by distance. :func:`governing_tense` climbs from the
expression to its verb and reads that verb's form (tag and auxiliaries):

- "will/would/shall" or another modal, "is leaving", "is to leave" -> future;
- past tense, "has/had" + participle, a bare participle modifying a noun
  ("the decision, announced Wednesday") -> past;
- an infinitive takes the tense of the verb it completes, except after a verb of
  planning ("planned to leave Thursday", "set to resume Monday") -> future.

It answers None when it cannot tell (no verb, plain present): the caller then
falls back to the cues in the text.
"""

from __future__ import annotations

__all__ = ["governing_tense"]

#: "could" and "can" are left out: "could not be located Wednesday" tells of the past
_FUTURE_AUX = frozenset(("will", "'ll", "shall", "wo", "would", "'d", "may", "might", "should", "must"))
#: verbs whose infinitive complement is a plan for later ("planned to leave on Thursday")
_PLAN_VERBS = frozenset(("plan", "schedule", "set", "expect", "intend", "hope", "prepare", "aim", "want",
                         "promise", "vow", "threaten", "propose", "agree", "decide", "due", "slate", "go",
                         "seek", "try", "wish", "urge", "ask", "call", "invite"))
#: verbs that arrange a later event: the time is the event's ("has scheduled a conference Thursday")
_ARRANGE_VERBS = frozenset(("schedule", "plan"))
#: verbs of saying and being, whose plain present tells no timetable ("says Monday", "is in May")
_REPORTING = frozenset(("say", "tell", "report", "announce", "add", "note", "insist", "claim", "argue", "be",
                        "have", "remain", "expect", "believe", "think", "know", "see", "show", "indicate"))
#: verbs whose past tense is spelled as the present: the tagger cannot tell them apart
_PAST_LOOKALIKES = frozenset(("hurt", "set", "put", "cut", "hit", "let", "cost", "quit", "spread", "shut", "read",
                              "bet", "beat", "burst", "cast", "forecast", "broadcast", "bid", "split", "upset", "shed"))
#: heads that stand between a time expression and its verb ("on Monday", "the rally Thursday")
_MAX_CLIMB = 4
_NOUN_MODIFIER = frozenset(("compound", "nmod", "amod", "poss"))
_VERBAL = frozenset(("VERB", "AUX"))


def governing_tense(doc, start: int, end: int) -> str | None:
    """``"past"``, ``"future"`` or None for the verb governing ``doc.text[start:end]``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if span.root.dep_ in _NOUN_MODIFIER and span.root.head.pos_ in ("NOUN", "PROPN"):
        return None  # "a June agreement", "Wednesday's ruling": it dates a thing, not the clause
    verb = _governor(span)
    if verb is None:
        return None
    return _verb_tense(verb, depth=0, at=span.start)


def _governor(span):
    """The nearest verb above the span's root (through prepositions and nouns), or None."""
    tok = span.root
    for _ in range(_MAX_CLIMB):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if span.start <= tok.i < span.end:
            continue
        if tok.pos_ in _VERBAL or tok.tag_.startswith("VB"):
            return tok
    return None


def _verb_tense(verb, depth: int, at: int = -1) -> str | None:
    """Tense of ``verb``; ``at`` is the token index of the time expression (-1 when not known)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if any(a.lower_ == "to" for a in auxes):
        return _infinitive_tense(verb, depth, at)
    if any(a.tag_ == "VBD" for a in auxes):  # "was leaving", "had left", "did not leave"
        return "past"
    if verb.lemma_ in _ARRANGE_VERBS and verb.i < at and "had" not in words and verb.dep_ != "acl":
        return "future"  # "has scheduled a news conference Thursday", "planned a rally on Saturday"
    if any(a.lemma_ == "have" for a in auxes):  # "has left"
        return "past"
    if any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes) and verb.tag_ == "VBG":
        return "future"  # "is leaving on Monday"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP") and not auxes and verb.pos_ == "VERB" and verb.lemma_ not in _REPORTING \
            and verb.lower_ not in _PAST_LOOKALIKES:
        return "future"  # "Arafat meets Albright Monday": a dated plain present is a timetable
    if verb.tag_ == "VBN" and not auxes:  # "the ruling, announced Wednesday"
        return "past"
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("advcl", "xcomp", "conj") and depth < 2:
        return _verb_tense(verb.head, depth + 1)  # "said Tuesday, adding ..."
    if verb.dep_ == "conj" and depth < 2 and verb.head.pos_ in _VERBAL:
        return _verb_tense(verb.head, depth + 1)  # "will meet and talk on Monday"
    return None


def _infinitive_tense(verb, depth: int, at: int) -> str | None:
    parent = verb.head
    if parent.i == verb.i:
        return "future"
    if 0 <= at < parent.i and parent.pos_ in _VERBAL and depth < 2:
        # "On Friday, the government planned to pay": said before the plan, it dates the planning
        return _verb_tense(parent, depth + 1)
    if parent.lemma_.lower() in _PLAN_VERBS or parent.lower_ in ("due", "set", "scheduled", "expected"):
        clause = parent.head if parent.pos_ == "ADJ" else parent  # "had been due": the auxiliaries sit on "been"
        if any(c.lower_ == "had" for c in (*parent.children, *clause.children)):  # "had been due to expire Friday"
            return "past"
        return "future"
    if parent.lemma_ == "be" and parent.tag_ in ("VBZ", "VBP"):  # "is to leave"
        return "future"
    if depth < 2 and parent.pos_ in _VERBAL:
        return _verb_tense(parent, depth + 1)
    return "future"

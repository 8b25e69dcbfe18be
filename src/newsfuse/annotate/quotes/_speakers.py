"""In-article speaker resolution for quotes.

A speaker as written ("he", "the minister", "Albares", "Iraq's foreign ministry")
is resolved to the most recent compatible named speaker or entity: PERSON for
he/she and person roles, ORG for it and organisation nouns, the full name
introduced earlier for a surname. Nothing better known: the text as written.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ._lexicon import DOCUMENT_NOUNS, ISSUED_DOCUMENTS, NEGATING_DETERMINERS, ORG_NOUNS, ORG_PRONOUNS, PERSON_PRONOUNS, PERSON_ROLES, SOURCE_NOUNS

__all__ = ["Resolved", "SpeakerResolver"]

_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_DETERMINERS = {"the", "this", "that", "these", "those"}
_FEMALE = frozenset("spokeswoman congresswoman chairwoman businesswoman queen woman mother wife daughter sister "
                    "mrs. mrs ms. ms madam lady".split())
_MALE = frozenset("spokesman congressman chairman businessman king man father husband son brother mr. mr "
                  "sir lord".split())


#: What a speaker is, for a reader: a person, an organisation, a document, an anonymous source. A span that
#: is none of these ("the upcoming meetings", "the volatile situation") has no kind: it is not a speaker.
SPEAKER_KINDS = ("person", "organisation", "document", "anonymous")
_KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "GPE": "organisation", "NORP": "organisation",
                  "FAC": "organisation"}


@dataclass(frozen=True, slots=True)
class Resolved:
    name: str
    label: str | None
    kind: str | None = None  # one of SPEAKER_KINDS, None when the span cannot say anything


@dataclass(frozen=True, slots=True)
class _Named:
    """A named entity seen in the article, with the role words written around it."""

    start: int  # char offset of the mention
    name: str  # canonical (longest) name
    label: str
    roles: frozenset[str]


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip(" ,.;:\"“”'’-–—()")


def _under_preposition(tok: Token, top: Token) -> bool:
    """``tok`` hangs from ``top`` through a preposition ("a spokeswoman *for* Hillary Clinton")."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ == "pobj" or tok.head.dep_ == "prep":
            return True
        tok = tok.head
    return False


def _role_words(ent: Span) -> frozenset[str]:
    """Lower-cased role words written next to a name: 'Foreign Minister X', 'X, the minister'."""
    words: set[str] = set()
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 5 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and doc[i].ent_type_ != "PERSON":
        words.add(doc[i].lemma_.lower())
        i -= 1
    root = ent.root
    for tok in (root.head, *root.children):
        if tok.dep_ == "appos" or root.dep_ == "appos" and tok.i == root.head.i:
            words.update(t.lemma_.lower() for t in tok.subtree if t.pos_ in ("NOUN", "PROPN"))
    return frozenset(words)


class SpeakerResolver:
    """Resolves speakers in order of appearance; remembers earlier speakers of the same article."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.named: list[_Named] = []
        self.speakers: list[tuple[int, Resolved]] = []  # (char offset, resolved) of earlier quotes
        self.genders: dict[str, str] = {}  # name -> 'm' / 'f', learnt from he / she
        full_names: list[str] = []
        self._ents = [e for e in doc.ents if e.label_ in _NAME_LABELS]  # read once: doc.ents is O(n)
        self._ent_starts = [e.start for e in self._ents]
        for ent in doc.ents:
            if ent.label_ not in _NAME_LABELS:
                continue
            name = _clean_name(ent.text)
            if not name:
                continue
            if ent.label_ == "PERSON":
                name = self._longest_person(name, full_names)
                full_names.append(name)
            self.named.append(_Named(ent.start_char, name, ent.label_, _role_words(ent)))

    @staticmethod
    def _longest_person(name: str, full_names: list[str]) -> str:
        """'Albares' -> 'Jose Manuel Albares' when that full name was introduced earlier."""
        parts = name.split()
        best = name
        for full in full_names:
            fparts = full.split()
            if len(fparts) > len(parts) and fparts[-len(parts):] == parts and len(full) > len(best):
                best = full
        return best

    def _person_names(self, before: int) -> list[str]:
        names = [n.name for n in self.named if n.label == "PERSON" and n.start < before]
        return names + [r.name for at, r in self.speakers if at < before and r.label == "PERSON"]

    def _gender(self, name: str) -> str:
        """'m', 'f' or '' from the role words written next to the name or the pronouns used for it."""
        if name in self.genders:
            return self.genders[name]
        for named in self.named:
            if named.name == name:
                if named.roles & _FEMALE:
                    return "f"
                if named.roles & _MALE:
                    return "m"
        return ""

    def _recent(self, before: int, labels: tuple[str, ...], head: str | None = None,
                gender: str = "") -> Resolved | None:
        """The most recent earlier speaker, else the most recent entity, with a compatible label."""
        def fits(name: str) -> bool:
            return not gender or self._gender(name) in ("", gender)

        for at, res in reversed(self.speakers):
            label = res.label or ("PERSON" if res.kind == "person" else None)
            if at < before and label in labels and (head is None or head in res.name.lower()) and fits(res.name):
                return res
        for named in reversed(self.named):
            if named.start < before and named.label in labels and fits(named.name):
                if head is None or head in named.name.lower() or head in named.roles:
                    return Resolved(named.name, named.label)
        return None

    def _may_hold(self, name: str, role: str, modifiers: set[str]) -> bool:
        """Whether a description ("the GOP nominee": role *nominee*, modifiers *GOP*) may be the person of this
        name: the words written next to the name say nothing, or name no other role and hold every modifier."""
        words = set().union(*(n.roles for n in self.named if n.name == name))
        if not words:
            return True
        other_role = bool(words & PERSON_ROLES) and role not in words
        return not other_role and modifiers <= words

    def _by_role(self, before: int, role: str) -> Resolved | None:
        for named in reversed(self.named):
            if named.start < before and named.label == "PERSON" and role in named.roles:
                return Resolved(named.name, "PERSON")
        return None

    def resolve(self, span: Span | None, at: int, remember: bool = True) -> Resolved | None:
        """Resolve a speaker span found at char offset ``at``; remembers it for later pronouns."""
        if span is None:
            return None
        if span[0].lower_ in NEGATING_DETERMINERS:  # "None of the groups claimed ...": nobody said it
            return Resolved(_clean_name(span.text) or span.text, None, None)
        res = self._resolve(span, at)
        if res.kind is None:
            res = Resolved(res.name, res.label, self._kind(span, res))
        if remember and (res.label is not None or res.kind == "person"):
            self.speakers.append((at, res))  # a described person ("the correspondent in Iraq") is a later "he"
        return res

    @staticmethod
    def _kind(span: Span, res: Resolved) -> str | None:
        """What the speaker is, from its resolved label, else from the head noun of the span as written."""
        head = span.root
        lemma = head.lemma_.lower()
        if lemma in SOURCE_NOUNS and span[0].lower_ in ("a", "an", "some", "several", "two", "three"):
            return "anonymous"
        if res.label in _KIND_OF_LABEL:
            return _KIND_OF_LABEL[res.label]
        if lemma in PERSON_ROLES or head.lower_ in PERSON_PRONOUNS:
            return "person" if lemma not in SOURCE_NOUNS or span[0].lower_ in _DETERMINERS else "anonymous"
        if lemma in SOURCE_NOUNS:
            return "anonymous"
        if lemma in ORG_NOUNS:
            return "organisation"
        if lemma in DOCUMENT_NOUNS:
            return "document"
        if head.pos_ == "PROPN" or head.ent_type_ in _KIND_OF_LABEL:
            return _KIND_OF_LABEL.get(head.ent_type_, "organisation")
        return None

    @staticmethod
    def _whole_name(ent: Span, ents: list[Span]) -> Span:
        """A name the model cut before its last part: 'the Islamic Resistance in' + 'Iraq'."""
        while ent[-1].pos_ in ("ADP", "CCONJ", "DET") or ent[-1].lower_ in ("of", "in", "for", "and"):
            following = [e for e in ents if e.start == ent.end]
            if not following:
                break
            ent = ent.doc[ent.start:following[0].end]
        return ent

    def _resolve(self, span: Span, at: int) -> Resolved:
        head = span.root
        if len(span) == 1 and head.tag_ in ("WDT", "WP") and head.head.dep_ == "relcl":
            antecedent = head.head.head  # "groups that oppose ...": the relative pronoun stands for "groups"
            if antecedent.pos_ in ("NOUN", "PROPN") and antecedent.i < head.i:
                span = antecedent.doc[antecedent.left_edge.i:antecedent.i + 1]
                head = span.root
        written = _clean_name(span.text) or span.text
        # 1. A name inside the speaker span, preferring the one that holds the head.
        lo = bisect_left(self._ent_starts, span.start)
        hi = bisect_left(self._ent_starts, span.end)
        ents = [e for e in self._ents[lo:hi] if e.end <= span.end]
        holding = [e for e in ents if e.start <= head.i < e.end]
        # "Foreign Minister X" and "X, the minister" are X; "a spokeswoman for X", "an aide to X" are not
        persons = [e for e in ents if e.label_ == "PERSON" and not _under_preposition(e.root, head)]
        pick = holding[0] if holding else (persons[0] if persons and head.lemma_.lower() in PERSON_ROLES else None)
        if pick is None:
            for child in (t for t in span if t.dep_ == "appos" and t.right_edge.i >= span.end - 1):
                inner = [e for e in ents if child.left_edge.i <= e.start and e.end <= child.right_edge.i + 1]
                if inner:
                    name = _clean_name(inner[-1].text)
                    label = "ORG" if head.lemma_.lower() in ORG_NOUNS else inner[-1].label_
                    return Resolved(name, label)
        if pick is not None and not (pick.label_ in ("GPE", "NORP") and head.lemma_.lower() in ORG_NOUNS | PERSON_ROLES):
            name = _clean_name(self._whole_name(pick, ents).text)
            full = self._longest_person(name, self._person_names(at))
            if full != name or pick.label_ == "PERSON":
                return Resolved(full, "PERSON")
            return Resolved(name, pick.label_)
        low = head.lower_
        # 2. Pronouns.
        if len(span) <= 2 and low in PERSON_PRONOUNS:
            if low in ("i", "we", "you"):
                return self._recent(at, ("PERSON", "ORG")) or Resolved(written, None)
            gender = PERSON_PRONOUNS[low]
            res = self._recent(at, ("PERSON",), gender=gender)
            if res is None:
                return Resolved(written, None)
            self.genders.setdefault(res.name, gender)
            return res
        if len(span) <= 2 and low in ORG_PRONOUNS:
            return self._recent(at, ("ORG",)) or Resolved(written, None)
        # 3. Proper names the model did not tag: a known surname, or the name as written.
        if head.text[:1].isupper() and head.lemma_.lower() not in PERSON_ROLES | ORG_NOUNS:
            full = self._longest_person(written, self._person_names(at))
            if full != written:
                return Resolved(full, "PERSON")
            if head.pos_ == "PROPN":
                return Resolved(written, None)
        # 4. Descriptions: definite or possessive ones point back; indefinite ones are anonymous.
        lemma = head.lemma_.lower()
        first = span[0].lower_
        definite = first in _DETERMINERS or any(t.dep_ == "poss" for t in head.children)
        if lemma in PERSON_ROLES:
            if not definite or head.tag_ in ("NNS", "NNPS") or len(span) > 4 or any(
                    t.dep_ in ("prep", "relcl", "acl") for t in head.children):
                return Resolved(written, None)
            recent = self._recent(at, ("PERSON",))
            modifiers = {t.lemma_.lower() for t in span if t.dep_ in ("amod", "compound") and t.head.i == head.i}
            if recent is not None and not self._may_hold(recent.name, lemma, modifiers):
                recent = None  # "The GOP nominee" is not the last speaker when she is written "rival Hillary Clinton"
            return self._by_role(at, lemma) or recent or Resolved(written, None)
        if lemma in ISSUED_DOCUMENTS and len(span) <= 2 and first in _DETERMINERS:
            # "the statement said": the author of the statement, the most recent speaker that can issue one (not
            # "according to the poll": a poll, a study or a ruling is no one's statement)
            res = self._recent(at, ("ORG", "PERSON"))
            return Resolved(res.name, res.label, res.kind) if res is not None else Resolved(written, None, "document")
        if lemma in ORG_NOUNS:
            if len(span) <= 3 and first in _DETERMINERS:
                return self._recent(at, ("ORG",), lemma) or Resolved(written, "ORG")
            return Resolved(written, "ORG")
        return Resolved(written, None)

"""The event-type head: a snippet or sentence in, one CASE 2021 / ACLED label out (numpy only).

A multinomial logistic regression over four blocks of features of a text:

* its MiniLM vector (:mod:`.encoder`; 384 numbers),
* its trigger vector: the mean contextual vector of its event words (the matches of the head's trigger
  patterns, the rule typer's keyword patterns when it was trained), each read in the text's one run of the
  encoder (:meth:`~.encoder.Encoder.encode_spans`); the text's vector when it has none,
* its cosine to each label's prototype, the mean vector of that label's plain descriptions
  (:mod:`.event_labels`; one number per label),
* TF-IDF of its words and word pairs (:func:`terms`), sublinear counts, L2-normalised. The vocabulary
  is stored as 32-bit hashes of the terms (CRC-32), not as the words of the training snippets.

The weights ship in ``learn/data/event_head.npz`` with their model card (``event_head.card.md``);
``newsfuse train event-types`` reproduces them (:mod:`.train`). The head was fitted on CASE 2021's
labelled development snippets less a held-back check part; see the card for data, terms and figures.

:class:`EventTyper` is what the annotate stage calls: it encodes the sentences that carry an event
trigger (through the store's encoding cache), types them, and :meth:`EventTyper.retype` maps a label
back to the ontology of :mod:`newsfuse.annotate.events.ontology`.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import Errors, NewsfuseError
from .npz import read_head

__all__ = ["EventHead", "EventTyper", "terms", "term_hashes", "load_head", "save_head", "SHIPPED_HEAD",
           "CANONICAL_TYPE", "learned_type", "KEEP_FAMILIES", "trigger_spans", "trigger_vectors"]

#: the head that ships, inside the package
SHIPPED_HEAD = "data/event_head.npz"
_FORMAT = 2  # 2: the trigger-vector block and its patterns
_WORD = re.compile(r"\b\w\w+\b")


def terms(text: str) -> list[str]:
    """Lower-cased words of two or more characters, and each pair of adjacent words."""
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def term_hashes(text: str) -> Counter:
    """Counts of the CRC-32 hashes of :func:`terms`."""
    return Counter(zlib.crc32(t.encode("utf-8")) for t in terms(text))


def trigger_spans(patterns: Sequence[str], text: str) -> list[tuple[int, int]]:
    """(start, end) of each distinct match of the trigger ``patterns`` in ``text`` (case ignored), in order."""
    found = {m.span() for p in patterns for m in re.finditer(p, text, re.IGNORECASE) if m.end() > m.start()}
    return sorted(found)


def trigger_vectors(patterns: Sequence[str], texts: Sequence[str], vectors: np.ndarray,
                    span_vectors: Callable[[list[tuple[str, int, int]]], np.ndarray]) -> np.ndarray:
    """Each text's trigger vector: the normalised mean of its trigger words' contextual vectors
    (``span_vectors(items)`` reads ``(text, start, end)`` items in the text's run of the encoder), or
    the text's own vector (``vectors``) when no trigger pattern matches it."""
    out = np.array(vectors, dtype=np.float32, copy=True).reshape(len(texts), -1)
    items, owner = [], []
    for r, text in enumerate(texts):
        for a, b in trigger_spans(patterns, text):
            items.append((text, a, b))
            owner.append(r)
    if not items:
        return out
    spans = np.asarray(span_vectors(items), dtype=np.float32)
    sums = np.zeros_like(out)
    np.add.at(sums, np.array(owner), spans)
    hit = np.unique(owner)
    out[hit] = sums[hit] / np.maximum(np.linalg.norm(sums[hit], axis=1, keepdims=True), 1e-12)
    return out


@dataclass(frozen=True, slots=True)
class EventHead:
    labels: tuple[str, ...]
    prototypes: np.ndarray  # (L, dim) float32, unit rows
    term_hash: np.ndarray  # (T,) uint32, sorted
    idf: np.ndarray  # (T,) float32
    coef: np.ndarray  # (L, dim + L + T) float32
    intercept: np.ndarray  # (L,) float32
    w_vec: float  # weight of the vector block
    w_proto: float  # weight of the prototype block
    meta: Mapping[str, object]
    w_trig: float = 0.0  # weight of the trigger-vector block (0: no such block)
    triggers: tuple[str, ...] = ()  # the trigger patterns (regular expressions, case ignored)

    def tfidf(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.term_hash)), dtype=np.float32)
        for r, text in enumerate(texts):
            counts = term_hashes(text)
            if not counts:
                continue
            hs = np.fromiter(counts.keys(), dtype=np.uint32, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
            pos = np.searchsorted(self.term_hash, hs)
            pos[pos >= len(self.term_hash)] = 0
            known = self.term_hash[pos] == hs
            out[r, pos[known]] = (1.0 + np.log(tf[known])) * self.idf[pos[known]]
            norm = np.linalg.norm(out[r])
            if norm > 0:
                out[r] /= norm
        return out

    def features(self, vectors: np.ndarray, texts: Sequence[str], triggers: np.ndarray | None = None) -> np.ndarray:
        """The feature rows of ``texts``; ``triggers`` their trigger vectors (:func:`trigger_vectors`; None:
        the text vectors stand in, as for a text without a trigger)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        blocks = [vectors * self.w_vec, (vectors @ self.prototypes.T) * self.w_proto]
        if self.w_trig:
            blocks.append((vectors if triggers is None else np.asarray(triggers, dtype=np.float32)) * self.w_trig)
        return np.hstack(blocks + [self.tfidf(texts)])

    def predict_proba(self, vectors: np.ndarray, texts: Sequence[str],
                      triggers: np.ndarray | None = None) -> np.ndarray:
        z = self.features(vectors, texts, triggers) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, vectors: np.ndarray, texts: Sequence[str], triggers: np.ndarray | None = None) -> list[str]:
        if len(texts) == 0:
            return []
        return [self.labels[i] for i in self.predict_proba(vectors, texts, triggers).argmax(axis=1)]

    def predict_with(self, encoder, texts: Sequence[str]) -> list[str]:
        """Labels of ``texts``, encoded here by ``encoder``: one run of the encoder per distinct text gives
        its vector and, when the head reads them, its trigger vector (as :class:`EventTyper` does)."""
        texts = list(texts)
        labels = EventTyper(self, encoder).label_sentences(texts)
        return [labels[t] if t in labels else self.predict(encoder.encode([t]), [t])[0] for t in texts]


def save_head(head: EventHead, path: Path) -> None:
    """Write the head as one compressed .npz (weights as float16: the file stays small)."""
    np.savez_compressed(
        path, format=np.array(_FORMAT), labels=np.array(head.labels), prototypes=head.prototypes.astype(np.float16),
        term_hash=head.term_hash.astype(np.uint32), idf=head.idf.astype(np.float16),
        coef=head.coef.astype(np.float16), intercept=head.intercept.astype(np.float32),
        weights=np.array([head.w_vec, head.w_proto, head.w_trig], dtype=np.float32),
        triggers=np.array(head.triggers, dtype=str), meta=np.array(json.dumps(dict(head.meta), sort_keys=True)))


def load_head(path: str | Path | None = None) -> EventHead:
    """The head at ``path``, or the one shipped with newsfuse."""
    try:
        data = read_head(SHIPPED_HEAD, path, _FORMAT)
        w = data["weights"].astype(float)
        return EventHead(
            labels=tuple(str(x) for x in data["labels"]), prototypes=data["prototypes"].astype(np.float32),
            term_hash=data["term_hash"].astype(np.uint32), idf=data["idf"].astype(np.float32),
            coef=data["coef"].astype(np.float32), intercept=data["intercept"].astype(np.float32),
            w_vec=float(w[0]), w_proto=float(w[1]), meta=json.loads(str(data["meta"])), w_trig=float(w[2]),
            triggers=tuple(str(x) for x in data["triggers"]))
    except (OSError, KeyError, ValueError) as exc:
        raise NewsfuseError(Errors.E213, detail=str(path or SHIPPED_HEAD), error=str(exc)) from exc


# --------------------------------------------------------------------------- back to the ontology

#: the ontology type a CASE label stands for when the rules' type has another label
CANONICAL_TYPE: dict[str, str] = {
    "ABDUCT_DISSAP": "attack.abduction", "AGREEMENT": "diplomacy.agreement", "AIR_STRIKE": "attack.air_strike",
    "ARMED_CLASH": "attack.armed_clash", "ARREST": "coercion.arrest", "ART_MISS_ATTACK": "attack.shelling",
    "ATTACK": "attack.attack", "CHANGE_TO_GROUP_ACT": "military.change_of_group", "CHEM_WEAP": "attack.chemical",
    "DISR_WEAP": "coercion.weapons_seized", "FORCE_AGAINST_PROTEST": "protest.excessive_force",
    "GOV_REGAINS_TERIT": "territory.government_regains", "GRENADE": "attack.grenade",
    "HQ_ESTABLISHED": "military.base_established", "MOB_VIOL": "riot.mob_violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "territory.nonstate_takes", "NON_VIOL_TERRIT_TRANSFER": "territory.transfer",
    "OTHER": "other.other", "PEACE_PROTEST": "protest.peaceful", "PROPERTY_DISTRUCT": "coercion.property_destruction",
    "PROTEST_WITH_INTER": "protest.intervention", "REM_EXPLOS": "attack.remote_explosive",
    "SEX_VIOL": "attack.sexual_violence", "SUIC_BOMB": "attack.suicide_bomb", "VIOL_DEMONSTR": "riot.violent_demonstration",
    "ORG_CRIME": "crime.organized", "NATURAL_DISASTER": "disaster.natural", "MAN_MADE_DISASTER": "disaster.man_made",
    "DIPLO": "diplomacy.meeting", "ATTRIB": "statement.claim_responsibility",
}

#: broad groups: in a sentence with several events, the head may only refine a trigger's type within its group
_GROUP_OF_FAMILY = {"attack": "violence", "territory": "violence", "protest": "demonstration",
                    "riot": "demonstration", "coercion": "strategic", "military": "strategic",
                    "diplomacy": "politics", "statement": "politics", "ceremony": "other", "other": "other",
                    "crime": "crime", "disaster": "disaster"}


#: speech acts, meetings and ceremonies are events *about* events: their trigger decides, not the sentence
KEEP_FAMILIES = ("statement.", "diplomacy.", "ceremony.")
#: labels the head may not impose: no evidence (OTHER) and the speech-act labels
_NO_OVERRIDE = ("OTHER", "DIPLO", "ATTRIB")


#: rule families whose trigger says what was done (a shooting, an arrest): the head may move such an event to
#: another type only when the sentence's words speak of it (the snippet rules' evidence). A killing it reads as
#: mob violence, a protest, an accident, organised crime or a weapons seizure without a crowd, a crash, a cartel
#: or a cache stays an attack, and a shooting it reads as a bombing or shelling without a bomb or a shell; an
#: arrest it reads as an abduction or organised crime without kidnappers or a cartel stays an arrest
_WORDED_FAMILIES = frozenset({"attack", "coercion"})


def learned_type(rule_type: str, label: str | None, alone: bool, text: str | None = None) -> str:
    """The ontology type of one event, given the rules' type and the head's label for its sentence.

    The head types *what happened* in a sentence. The rules' type stays when the head agrees on
    the label (the rule type is finer), when the head gave none or says OTHER, DIPLO or ATTRIB,
    when the trigger is a statement, a meeting or visit, or a ceremony (a sentence that condemns
    an attack is typed as the attack by the head, but the event of the trigger is the
    condemnation), when a violence or coercion trigger would become another type (another family,
    or another kind of attack) that the sentence's ``text`` has no words of
    (:func:`~newsfuse.annotate.events.ontology.rule_scores`), and when the sentence tells of several
    events and the head's label lies outside the trigger's broad group (one sentence, one label: the head cannot tell which event it typed).
    """
    from ..annotate.events.ontology import to_case

    if (not label or label in _NO_OVERRIDE or label not in CANONICAL_TYPE or to_case(rule_type) == label
            or rule_type.startswith(KEEP_FAMILIES)):
        return rule_type
    new = CANONICAL_TYPE[label]
    if text is not None and rule_type.split(".")[0] in _WORDED_FAMILIES:
        from ..annotate.events.ontology import rule_scores

        said = {t for t, v in rule_scores(text).items() if v > 0}
        same_family = new.split(".")[0] == rule_type.split(".")[0]
        if not (new in said if same_family else any(t.split(".")[0] == new.split(".")[0] for t in said)):
            return rule_type  # "the gunman killed eight at a nursing home": no crowd, no crash, no bomb
    if alone:
        return new
    group = _GROUP_OF_FAMILY.get(rule_type.split(".")[0], "other")
    return new if _GROUP_OF_FAMILY.get(new.split(".")[0], "other") == group else rule_type


class EventTyper:
    """The learned heads of the events stage, encoding through a cache.

    ``head`` types event sentences (None with ``typing=False``: the rules type); ``sense`` (a
    :class:`~newsfuse.learn.sense_head.SenseHead`, or None) decides whether a violence word is
    used in its violent sense. ``lookup(keys)`` and ``save(model_id, items)`` are the store's
    ``cached_vectors`` and ``save_vectors`` (or None: no cache). The encoder and the head load on
    first use.
    """

    def __init__(self, head: EventHead | None = None, encoder=None,
                 lookup: Callable[[Sequence[str]], Mapping[str, bytes]] | None = None,
                 save: Callable[[str, object], None] | None = None, *, sense=None, typing: bool = True,
                 vectors: bool = True) -> None:
        self._head = head
        self._encoder = encoder
        self._lookup = lookup or (lambda keys: {})
        self._save = save
        self.sense = sense
        self.typing = typing
        self.vectors = vectors  # every trigger's vectors are read and kept for event coreference
        self.encoded = 0
        self.hits = 0

    @property
    def head(self) -> EventHead:
        if self._head is None:
            self._head = load_head()
        return self._head

    @property
    def encoder(self):
        if self._encoder is None:
            from .encoder import Encoder

            self._encoder = Encoder()
        return self._encoder

    def work(self) -> tuple[float, int, int]:
        """(seconds spent encoding, sentences encoded, sentences found in the cache) so far."""
        return (self._encoder.seconds if self._encoder is not None else 0.0), self.encoded, self.hits

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        from .cache import encode_with_cache

        result = encode_with_cache(self.encoder, texts, self._lookup)
        self.encoded += result.encoded
        self.hits += result.hits
        if result.new and self._save is not None:
            self._save(self.encoder.model_id, result.new.items())
        return result.vectors

    def label_sentences(self, sentences: Sequence[str]) -> dict[str, str]:
        """{sentence text: CASE label} for the distinct sentences given ({} when the rules type)."""
        if not self.typing:
            return {}
        distinct = list(dict.fromkeys(s for s in sentences if s.strip()))
        if not distinct:
            return {}
        head = self.head
        if not head.w_trig:
            return dict(zip(distinct, head.predict(self._encode(distinct), distinct)))
        # a sentence with trigger words: its vector and its words' vectors from one run (span_vectors);
        # one without: its vector alone, which then stands for its trigger vector too
        items = self._trigger_items(distinct)
        vecs: dict[str, np.ndarray] = {}
        words: dict[str, list[np.ndarray]] = {}
        if items:
            sv, wv = self.span_vectors(items)
            for (text, _, _), v, w in zip(items, sv, wv):
                vecs[text] = v
                words.setdefault(text, []).append(w)
        rest = [t for t in distinct if t not in vecs]
        if rest:
            vecs.update(zip(rest, self._encode(rest)))
        trig = []
        for t in distinct:
            m = np.mean(words[t], axis=0) if t in words else vecs[t]
            trig.append(m / max(float(np.linalg.norm(m)), 1e-12))
        return dict(zip(distinct, head.predict(np.array([vecs[t] for t in distinct]), distinct, np.array(trig))))

    def _trigger_items(self, sentences: Sequence[str]) -> list[tuple[str, int, int]]:
        """(sentence, start, end) of the typing head's trigger words in ``sentences`` ([] when it reads none)."""
        if not self.typing or not self.head.w_trig:
            return []
        return [(s, a, b) for s in dict.fromkeys(sentences) for a, b in trigger_spans(self.head.triggers, s)]

    def violent(self, occurrences: Sequence[tuple[str, int, int]]) -> list[bool]:
        """For each (sentence, start, end) of a violence word: is it used in its violent sense?

        All True without a sense head."""
        if self.sense is None or not occurrences:
            return [True] * len(occurrences)
        return [bool(x >= self.sense.threshold) for x in self.sense_proba(occurrences)]

    def sense_proba(self, occurrences: Sequence[tuple[str, int, int]]) -> np.ndarray:
        """The sense head's P(violent sense) of each (sentence, start, end) occurrence. Every vector it reads
        (the sentence's, the word's, the window's when the head reads windows) comes from one run of the
        encoder over the sentence, through the cache (:meth:`span_vectors`)."""
        from .sense_head import window_span

        spans = list(occurrences)
        if self.sense.w_win:
            spans += [(s, *window_span(s, a, b)) for s, a, b in occurrences]
        # the typing head's trigger words of these sentences are read in the same runs (it finds them cached)
        asked = set(spans)
        sents, vecs = self.span_vectors(spans + [t for t in self._trigger_items([s for s, _, _ in occurrences])
                                                 if t not in asked])
        n = len(occurrences)
        return self.sense.proba(sents[:n], vecs[n:2 * n] if self.sense.w_win else None, vecs[:n], occurrences)

    def read_triggers(self, occurrences: Sequence[tuple[str, int, int]], sense_asked: Sequence[bool]
                      ) -> tuple[list[bool], np.ndarray, np.ndarray]:
        """(violent sense?, sentence vectors, word vectors) of each (sentence, start, end) trigger occurrence.

        The sense head reads the occurrences of ``sense_asked`` (the others, and all without a sense head, are
        True); the vectors of every occurrence are kept for event coreference. All come from one call of
        :meth:`span_vectors`: one run of the encoder per distinct sentence, through the cache."""
        from .sense_head import window_span

        occ = list(occurrences)
        n = len(occ)
        asked = [i for i, a in enumerate(sense_asked) if a] if self.sense is not None else []
        windows = bool(asked) and bool(self.sense.w_win)
        spans = occ + ([(s, *window_span(s, a, b)) for s, a, b in (occ[i] for i in asked)] if windows else [])
        # the typing head's trigger words of these sentences are read in the same runs (label_sentences then
        # finds them cached instead of running the encoder over the sentence again)
        have = set(spans)
        sents, vecs = self.span_vectors(spans + [t for t in self._trigger_items([s for s, _, _ in occ])
                                                 if t not in have])
        violent = [True] * n
        if asked:
            proba = self.sense.proba(sents[asked], vecs[n:n + len(asked)] if windows else None, vecs[asked],
                                     [occ[i] for i in asked])
            for i, p in zip(asked, proba):
                violent[i] = bool(p >= self.sense.threshold)
        return violent, sents[:n], vecs[:n]

    def span_vectors(self, spans: Sequence[tuple[str, int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """(sentence vectors, span vectors) of (sentence, start, end) spans: a word, or a window of words.

        Both come from one run of the encoder over each distinct sentence (``Encoder.encode_spans``), however
        many of its spans are asked, and are kept in the store's cache: a sentence under its own key, a span
        under the key of its normalised sentence and offsets (model id + "/word"), so a sentence copied
        across outlets, or met again in a later build, is not run again."""
        from .encoder import normalise_span, text_key

        mid, dim = self.encoder.model_id, self.encoder.dim
        skeys = [text_key(s, mid) for s, _, _ in spans]
        wkeys = [text_key("{1}:{2}\n{0}".format(*normalise_span(*o)), f"{mid}/word") for o in spans]
        cached = {k: np.frombuffer(v, dtype="<f4") for k, v in self._lookup(list(dict.fromkeys(skeys + wkeys))).items()}
        cached = {k: v for k, v in cached.items() if v.shape == (dim,)}
        todo, asked = [], set()  # a span asked twice (one sentence in two articles read together) is run once
        for i, key in enumerate(zip(skeys, wkeys)):
            if (key[0] not in cached or key[1] not in cached) and key not in asked:
                asked.add(key)
                todo.append(i)
        runs = {skeys[i] for i in todo}  # sentences, by key: spacing does not make another sentence
        self.encoded += len(runs)
        self.hits += len(set(skeys) - runs)
        if todo:
            sv, wv = self.encoder.encode_spans([spans[i] for i in todo])
            new = {mid: {}, f"{mid}/word": {}}
            for r, i in enumerate(todo):
                for model, key, vec in ((mid, skeys[i], sv[r]), (f"{mid}/word", wkeys[i], wv[r])):
                    if key not in cached:
                        cached[key] = vec
                        new[model][key] = np.asarray(vec, dtype="<f4").tobytes()
            if self._save is not None:
                for model, items in new.items():
                    if items:
                        self._save(model, items.items())
        return (np.array([cached[k] for k in skeys], dtype=np.float32).reshape(len(spans), dim),
                np.array([cached[k] for k in wkeys], dtype=np.float32).reshape(len(spans), dim))

    @staticmethod
    def retype(rule_type: str, label: str | None, alone: bool, text: str | None = None) -> str:
        return learned_type(rule_type, label, alone, text)

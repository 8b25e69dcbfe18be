"""Entity aliases across articles: "Sudani", "Al-Sudani" and "Mohamed Shia al-Sudani" are one person.

Names are compared after folding case, accents, possessives and Arabic article
prefixes ("al-"). Person names merge when one's tokens are contained in the
other's, or when their surnames agree and their given names are spelling
variants (Mohamed / Muhammad, Shia / Shiaa). A lone surname joins the only
person of the corpus who carries it. Titles written before a name ("Iraqi Prime
Minister Mohamed Shia al-Sudani") become aliases of that person.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from ..records import EntityMention
from .disjoint import DisjointSet
from .reuse_text import quoted_mask, quoted_spans

__all__ = ["Entity", "EntityIndex", "fold", "name_tokens", "link_entities"]

_NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
_PREFIX = re.compile(r"^(?:al|el|ul|ad|as|an|ar|at|az|ash)[-\s]", re.I)
_TITLE_WORDS = {
    "president", "prime", "minister", "foreign", "defence", "defense", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "general", "gen", "chancellor", "king", "queen", "sheikh", "ambassador", "governor",
    "senator", "sen", "rep", "representative", "mayor", "chief", "commander", "leader", "deputy", "interior",
    "affairs", "state", "government", "national", "security", "council", "adviser", "advisor", "envoy", "of",
    "mr", "mrs", "ms", "dr", "colonel", "col", "lieutenant", "lt", "major", "admiral", "director", "head",
}
_ACRONYM_STOP = {"of", "the", "and", "for", "in", "on", "de"}


def fold(text: str) -> str:
    """Lower-case, strip accents, possessives, quotes and punctuation at the edges; collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def name_tokens(name: str) -> tuple[str, ...]:
    """Tokens of a name with Arabic article prefixes removed: 'Al-Sudani' -> ('sudani',)."""
    out = []
    for tok in fold(name).replace("-", " - ").split():
        if tok == "-":
            continue
        out.append(tok)
    # rejoin "al - sudani" style splits and drop the article prefix
    cleaned = []
    skip = False
    for i, tok in enumerate(out):
        if skip:
            skip = False
            continue
        if _PREFIX.match(tok + "-") and i + 1 < len(out) and len(tok) <= 3:
            cleaned.append(out[i + 1])
            skip = True
        else:
            cleaned.append(tok)
    return tuple(cleaned)


def _similar(a: str, b: str, threshold: float = 0.8) -> bool:
    """Spelling variants of one name (transliterations: Shia / Shiaa, Mohamed / Muhammad at a lower bar)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 3 or a[0] != b[0]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= threshold


def _person_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not _similar(short[-1], long_[-1]):
        return False
    # every given name of the shorter must match one of the longer (in order)
    j = 0
    for tok in short[:-1]:
        while j < len(long_) - 1 and not _similar(tok, long_[j], 0.6):
            j += 1
        if j >= len(long_) - 1:
            return False
        j += 1
    return True


def _acronym(tokens: Sequence[str]) -> str:
    return "".join(t[0] for t in tokens if t not in _ACRONYM_STOP)


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)


@dataclass(slots=True)
class EntityIndex:
    """The linked entities and a lookup from any surface form to its entity."""

    entities: list[Entity]
    by_alias: dict[str, str]  # folded alias -> entity id
    by_mention: dict[tuple[str, int, int], str]  # (article, start, end) -> entity id
    by_id: dict[str, Entity] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entities}

    def resolve(self, name: str | None) -> Entity | None:
        if not name:
            return None
        eid = self.by_alias.get(fold(name))
        if eid is None:
            toks = name_tokens(name)
            eid = self.by_alias.get(" ".join(toks)) if toks else None
        return self.by_id.get(eid) if eid else None


def _narrated(mentions: Sequence[EntityMention], folded: dict[str, str], texts: dict[str, str]) -> Counter[str]:
    """Folded form -> its mentions in the writers' own words: outside quotation marks (the marks paired
    as reuse detection pairs them, :func:`.reuse_text.quoted_spans`); every mention of an article
    whose text is not given."""
    by_article: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for m in mentions:
        by_article[m.article].append((m.start, folded[m.text]))
    narrated: Counter[str] = Counter()
    for article, found in by_article.items():
        if article not in texts:
            narrated.update(f for _, f in found)
            continue
        found.sort()
        inside = quoted_mask(np.array([start for start, _ in found], dtype=np.int64), quoted_spans(texts[article]))
        narrated.update(f for (_, f), quoted in zip(found, inside) if not quoted)
    return narrated


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or "entity"


def _titles_before(text: str, start: int) -> str | None:
    """Capitalised title words written just before a name: 'Iraqi Prime Minister' in '... Iraqi Prime Minister X'."""
    window = text[max(0, start - 80) : start].rstrip()
    if window.endswith(","):
        window = window[:-1].rstrip()
    words = re.findall(r"[A-Z][\w'’.-]*|of", window)
    tail = re.search(r"((?:[A-Z][\w'’.-]*|of)(?:\s+(?:[A-Z][\w'’.-]*|of))*)$", window)
    if not tail or not words:
        return None
    phrase_words = tail.group(1).split()
    # keep only the title part (and one leading demonym / possessive)
    kept: list[str] = []
    for w in reversed(phrase_words):
        if fold(w) in _TITLE_WORDS:
            kept.insert(0, w)
        elif kept and len(kept) >= 1 and (w.endswith(("i", "n", "sh", "se")) or w.endswith("'s")):
            kept.insert(0, w)
            break
        else:
            break
    while kept and kept[0].lower() == "of":
        kept.pop(0)
    if not kept or all(fold(w) in {"mr", "mrs", "ms", "dr"} for w in kept):
        return None
    return " ".join(kept)


def link_entities(mentions: Iterable[EntityMention], texts: dict[str, str] | None = None,
                  extra_person_names: Iterable[str] = ()) -> EntityIndex:
    """Cluster entity mentions of all articles into entities with aliases."""
    texts = texts or {}
    folded: dict[str, str] = {}  # surface text -> folded form, computed once per distinct text
    kept = []
    for m in mentions:
        if m.label not in _NAMED:
            continue
        if m.text not in folded:
            folded[m.text] = fold(m.text)
        if folded[m.text]:
            kept.append(m)
    mentions = kept
    forms: dict[str, Counter[str]] = defaultdict(Counter)  # folded form -> labels
    surface: dict[str, Counter[str]] = defaultdict(Counter)  # folded form -> surface spellings
    for m in mentions:
        f = folded[m.text]
        forms[f][m.label] += 1
        surface[f][re.sub(r"\s+", " ", m.text).strip()] += 1
    narrated = _narrated(mentions, folded, texts)
    for name in extra_person_names:
        f = fold(name)
        if f:
            forms[f]["PERSON"] += 1
            surface[f][name] += 1

    label_of = {f: c.most_common(1)[0][0] for f, c in forms.items()}
    tokens_of = {f: name_tokens(f) for f in forms}  # each form tokenised once
    persons = sorted((f for f, lab in label_of.items() if lab == "PERSON"), key=lambda f: -len(tokens_of[f]))
    sets = DisjointSet(forms)
    find = sets.find

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        # the form with more tokens (the fuller name) becomes the root
        if (len(tokens_of[ra]), forms[ra].total()) < (len(tokens_of[rb]), forms[rb].total()):
            ra, rb = rb, ra
        sets.link(rb, ra)

    multi = [f for f in persons if len(tokens_of[f]) >= 2]
    # spelling variants of a surname share its initial (see _similar): compare within those blocks only
    by_initial: dict[str, list[str]] = defaultdict(list)
    for f in multi:
        by_initial[tokens_of[f][-1][:1]].append(f)
    for block in by_initial.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if _person_match(tokens_of[a], tokens_of[b]):
                    union(a, b)
    # lone surnames (whatever label the model gave them) join the only person carrying that surname
    surname_owner: dict[str, set[str]] = defaultdict(set)
    for f in multi:
        surname_owner[tokens_of[f][-1]].add(find(f))
    for f in forms:
        toks = tokens_of[f]
        if len(toks) == 1 and label_of[f] in {"PERSON", "ORG", "GPE", "NORP"}:
            owners = {find(o) for o in surname_owner.get(toks[0], set())}
            if len(owners) == 1:
                union(next(iter(owners)), f)
    # other kinds: same folded tokens, or acronym of a longer name of the same kind ("US" / "United States")
    by_key: dict[tuple[str, str], str] = {}
    for f in forms:
        if label_of[f] == "PERSON" or find(f) != f:
            continue
        key = (label_of[f], " ".join(tokens_of[f]))
        if key in by_key:
            union(by_key[key], f)
        else:
            by_key[key] = f
    longer = [f for f in forms if label_of[f] != "PERSON" and len(tokens_of[f]) >= 2]
    for f in forms:
        toks = tokens_of[f]
        if len(toks) == 1 and 2 <= len(toks[0]) <= 5 and label_of[f] in {"ORG", "GPE"}:
            for g in longer:
                if label_of[g] == label_of[f] and _acronym(tokens_of[g]) == toks[0]:
                    union(g, f)
                    break

    clusters: dict[str, list[str]] = defaultdict(list)
    for f in forms:
        clusters[find(f)].append(f)
    entities: list[Entity] = []
    by_alias: dict[str, str] = {}
    by_form: dict[str, Entity] = {}
    used_ids: set[str] = set()
    for root, members in sorted(clusters.items()):
        labels = Counter()
        for f in members:
            labels.update(forms[f])
        label = labels.most_common(1)[0][0]
        if any(label_of[f] == "PERSON" for f in members) and any(len(tokens_of[f]) >= 2 for f in members):
            label = "PERSON"
        # the fullest name the writers use themselves: a name met only inside quotation marks is the
        # speaker's ("Crooked Hillary Clinton" in a quoted tweet), an alias, not the entity's name
        best = max(members, key=lambda f: (narrated[f] > 0, len(tokens_of[f]), forms[f].total(), f))
        name = surface[best].most_common(1)[0][0]
        eid = "ent-" + _slug(name)
        while eid in used_ids:
            eid += "-x"
        used_ids.add(eid)
        aliases = sorted({s for f in members for s in surface[f]} - {name})
        ent = Entity(eid, name, label, aliases)
        entities.append(ent)
        for f in members:
            by_form[f] = ent
            by_alias[f] = eid
            by_alias.setdefault(" ".join(tokens_of[f]), eid)

    by_mention: dict[tuple[str, int, int], str] = {}
    for m in mentions:
        ent = by_form[folded[m.text]]
        ent.mentions.append(m)
        by_mention[(m.article, m.start, m.end)] = ent.id
        if ent.type == "PERSON" and m.article in texts:
            title = _titles_before(texts[m.article], m.start)
            if title and len(title.split()) >= 2 and title not in ent.aliases and title != ent.name:
                ent.aliases.append(title)
    return EntityIndex(entities, by_alias, by_mention)

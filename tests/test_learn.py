"""The learned layer: the int8 encoder (offline), the encoding cache in the store, the shipped
event-type head, its mapping back to the ontology, and `newsfuse train` on a tiny slice."""

import os
from pathlib import Path

import numpy as np
import pytest

from newsfuse.learn.cache import encode_with_cache
from newsfuse.learn.encoder import DIM, MODEL_ID, Encoder, normalise_text, text_key
from newsfuse.learn.event_head import EventTyper, learned_type, load_head
from newsfuse.store.sqlite import Store

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing may come from a model hub

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT.parent / "shared" / "datasets" / "case2021"


@pytest.fixture(scope="module")
def encoder():
    return Encoder(threads=1)


class CountingEncoder:
    """Wraps the encoder and counts what it is asked to encode."""

    def __init__(self, inner):
        self.inner, self.model_id, self.dim, self.seen = inner, inner.model_id, inner.dim, []

    def encode(self, texts):
        self.seen.extend(texts)
        return self.inner.encode(texts)

    def encode_spans(self, items):  # one run per distinct text, however many of its words are read
        self.seen.extend(dict.fromkeys(t for t, _, _ in items))
        return self.inner.encode_spans(items)


def test_encoder_is_lazy_and_gives_unit_vectors(encoder):
    fresh = Encoder()
    assert fresh._session is None  # nothing loaded by construction
    sents = ["Rebels attacked an army base near the town.", "Thousands marched peacefully in the capital.",
             "Rebels attacked an army base near the town.", ""]
    v = encoder.encode(sents)
    assert v.shape == (4, DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert np.allclose(v[0], v[2], atol=1e-6)
    assert encoder.encode([]).shape == (0, DIM)


def test_encoder_order_and_batching_do_not_change_vectors(encoder):
    sents = ["Short one.", "A much longer sentence about a bomb that exploded in a crowded market on Friday.",
             "Police arrested five men.", "Talks between the two ministers ended without an agreement."]
    together = encoder.encode(sents)
    alone = np.vstack([encoder.encode([s]) for s in reversed(sents)])[::-1]
    assert np.allclose(together, alone, atol=1e-4)


def test_batches_hold_inputs_of_similar_length_only():
    """Padding costs as much as text on a CPU: a 12-token window never waits in a batch padded to 60 tokens."""
    from newsfuse.learn.encoder import PAD_RATIO, PAD_SLACK, _batches

    lengths = [60, 12, 58, 13, 200, 11, 61, 12]
    batches = _batches(lengths, 3)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))  # every input, once
    assert all(len(b) <= 3 for b in batches)
    for b in batches:
        assert max(lengths[i] for i in b) <= min(lengths[i] for i in b) * PAD_RATIO + PAD_SLACK
    assert [lengths[i] for i in batches[0]] == [11, 12, 12]  # shortest first
    assert _batches([], 32) == []


def test_encoder_counts_its_work(encoder):
    before = (encoder.seconds, encoder.sentences)
    encoder.encode(["Rebels attacked an army base near the town.", "Thousands marched peacefully."])
    assert encoder.sentences == before[1] + 2 and encoder.seconds > before[0]


def test_similar_sentences_are_closer_than_unrelated(encoder):
    a, b, c = encoder.encode(["A car bomb exploded near the police station.",
                              "A vehicle packed with explosives blew up outside a police post.",
                              "The central bank kept interest rates unchanged."])
    assert a @ b > a @ c + 0.2


def test_text_key_normalises_whitespace_and_names_the_model():
    assert normalise_text("  two\n words ") == "two words"
    assert text_key("two  words") == text_key(" two words\n")
    assert text_key("two words") != text_key("two words", model_id="another-model")
    assert MODEL_ID in Encoder().model_id


def test_encoding_cache_encodes_each_text_once(tmp_path, encoder):
    counting = CountingEncoder(encoder)
    texts = ["Troops shelled the village.", "Troops  shelled the village.", "Protesters blocked the road."]
    with Store(tmp_path / "c.db") as store:
        first = encode_with_cache(counting, texts, store.cached_vectors)
        assert first.encoded == 2 and first.hits == 0 and len(counting.seen) == 2  # the copy is not re-encoded
        store.save_vectors(encoder.model_id, first.new.items())
        assert store.count_cached_vectors() == 2
        again = encode_with_cache(counting, texts + ["Protesters blocked the road."], store.cached_vectors)
        assert again.encoded == 0 and again.hits == 2 and len(counting.seen) == 2  # a re-run encodes nothing
        assert np.allclose(again.vectors[:3], first.vectors, atol=1e-6)
        store.save_vectors(encoder.model_id, first.new.items())  # saving a known key again is harmless
        assert store.count_cached_vectors() == 2


def test_a_worker_finds_what_it_encoded_before_its_parent_stores_it():
    from newsfuse.learn.cache import PendingVectors

    stored = {"s": b"stored"}
    asked: list[list[str]] = []

    def lookup(keys):
        asked.append(list(keys))
        return {k: stored[k] for k in keys if k in stored}

    pending = PendingVectors(lookup, keep=2)
    pending.save("m", [("a", b"A"), ("b", b"B")])
    assert pending.find(["a", "s", "x"]) == {"a": b"A", "s": b"stored"} and asked == [["s", "x"]]
    assert pending.take() == [("m", [("a", b"A"), ("b", b"B")])] and pending.take() == []  # handed back once
    assert pending.find(["a", "b"]) == {"a": b"A", "b": b"B"}  # still found in the next task
    pending.save("m", [("c", b"C")])
    pending.take()
    assert pending.find(["a", "b", "c"]) == {"b": b"B", "c": b"C"}  # only the last `keep` are kept
    pending.forget()
    assert pending.find(["c"]) == {} and pending.take() == []


def test_learned_type_keeps_the_finer_rule_type_and_respects_several_events():
    assert learned_type("diplomacy.visit", "DIPLO", alone=True) == "diplomacy.visit"
    assert learned_type("attack.attack", "AIR_STRIKE", alone=True) == "attack.air_strike"
    assert learned_type("attack.attack", "OTHER", alone=True) == "attack.attack"
    assert learned_type("attack.attack", None, alone=True) == "attack.attack"
    # several events in one sentence: the head may refine within the broad group only
    assert learned_type("attack.attack", "SUIC_BOMB", alone=False) == "attack.suicide_bomb"
    assert learned_type("diplomacy.meeting", "ARMED_CLASH", alone=False) == "diplomacy.meeting"
    assert learned_type("attack.shelling", "MAN_MADE_DISASTER", alone=True) == "disaster.man_made"
    # a condemnation of an attack stays a condemnation; a claimed attack stays an attack
    assert learned_type("statement.condemnation", "ATTACK", alone=True) == "statement.condemnation"
    assert learned_type("attack.attack", "ATTRIB", alone=True) == "attack.attack"


def test_shipped_head_loads_and_is_small():
    head = load_head()
    assert len(head.labels) == 30 and head.coef.shape[0] == 30
    assert head.meta["encoder"] == MODEL_ID
    size = (ROOT / "src" / "newsfuse" / "learn" / "data" / "event_head.npz").stat().st_size
    assert size < 400_000


def test_shipped_head_types_plain_sentences(encoder):
    typer = EventTyper(encoder=encoder)
    cases = {
        "A powerful earthquake struck the region on Monday, destroying hundreds of homes.": "NATURAL_DISASTER",
        "Thousands of demonstrators marched peacefully through the capital demanding new elections.": "PEACE_PROTEST",
        "Police arrested the opposition leader at his home on Tuesday.": "ARREST",
        "A suicide bomber blew himself up at a checkpoint, killing six soldiers.": "SUIC_BOMB",
    }
    got = typer.label_sentences(list(cases))
    hits = sum(got[s] == want for s, want in cases.items())
    assert hits >= 3, got  # robust cases; one miss is allowed so that a retrained head does not break this


def test_typer_uses_the_store_cache(tmp_path, encoder):
    counting = CountingEncoder(encoder)
    with Store(tmp_path / "t.db") as store:
        typer = EventTyper(encoder=counting, lookup=store.cached_vectors, save=store.save_vectors)
        sents = ["Gunmen kidnapped twelve students from a school.", "Gunmen kidnapped twelve students from a school."]
        first = typer.label_sentences(sents)
        again = EventTyper(encoder=counting, lookup=store.cached_vectors, save=store.save_vectors)
        assert again.label_sentences(sents) == first
        assert len(counting.seen) == 1 and again.encoded == 0 and again.hits == 1


@pytest.mark.skipif(not (CASE / "case2021_task2_dev.tsv").exists(), reason="CASE 2021 data not beside the repository")
def test_check_ids_follow_the_committed_rule():
    from newsfuse.learn.case2021 import read_tsv, split_fit_check

    _, check = split_fit_check(read_tsv(CASE / "case2021_task2_dev.tsv"))
    committed = (ROOT / "bench" / "splits" / "case2021_check.txt").read_text().split()
    assert sorted(r.id for r in check) == sorted(committed)


@pytest.mark.slow
def test_newsfuse_train_runs_on_a_tiny_slice(tmp_path, encoder):
    """The CLI, in a subprocess (scikit-learn stays out of this process: see test_quotes)."""
    import subprocess
    import sys

    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        pytest.skip("scikit-learn (the [train] extra) is not installed")
    lines = ["id\tEventSnippet\tSubType"]
    sents = [
        ("An earthquake shook the city and buildings collapsed.", "NATURAL_DISASTER"),
        ("Floods swept through villages after heavy rain.", "NATURAL_DISASTER"),
        ("A landslide buried homes in the valley.", "NATURAL_DISASTER"),
        ("Police arrested three suspects in a raid.", "ARREST"),
        ("The activist was detained by security forces.", "ARREST"),
        ("Officers took the journalist into custody.", "ARREST"),
        ("Thousands marched peacefully in the capital.", "PEACE_PROTEST"),
        ("Students held a rally outside parliament.", "PEACE_PROTEST"),
        ("Workers staged a sit-in over unpaid wages.", "PEACE_PROTEST"),
    ]
    for i in range(36):
        text, label = sents[i % len(sents)]
        lines.append(f"{i}\t{text} (report {i})\t{label}")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "case2021_task2_dev.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([sys.executable, "-c", "from newsfuse.cli import main; main()", "train", "event-types",
                           "--data", str(tmp_path / "data"), "--out", str(out), "--no-own"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    card = (out / "event_head.card.md").read_text()
    assert "fit-CV" in card and "case2021/" in card
    head = load_head(out / "event_head.npz")
    text = ["A strong earthquake hit the town."]
    assert head.predict(encoder.encode(text), text) == ["NATURAL_DISASTER"]
    bad = subprocess.run([sys.executable, "-c", "from newsfuse.cli import main; main()", "train", "nope",
                          "--data", str(tmp_path / "data"), "--out", str(out)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "E214" in bad.stdout + bad.stderr


def test_build_with_the_learned_typer_encodes_each_event_sentence_once(tmp_path, monkeypatch):
    from newsfuse.learn import encoder as enc_mod
    from newsfuse.pipeline import build
    from newsfuse.settings import Settings

    text = ("BAGHDAD, Jan 25 (Reuters) - A suicide bomber blew himself up at a checkpoint near Baghdad on "
            "Thursday, killing six soldiers, police said. Police arrested two suspects after the blast.\n\n"
            "The foreign minister met his Iraqi counterpart in Baghdad on Thursday.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Wire copy.\n\n" + text, encoding="utf-8")  # a copy: same sentences
    calls, spans = [], []  # texts encoded; (sentence, word) the sense head's words were read in
    real, real_spans = enc_mod.Encoder.encode, enc_mod.Encoder.encode_spans
    monkeypatch.setattr(enc_mod.Encoder, "encode", lambda self, s: (calls.extend(s), real(self, s))[1])
    monkeypatch.setattr(enc_mod.Encoder, "encode_spans", lambda self, o: (spans.extend(o), real_spans(self, o))[1])
    settings = Settings(db=str(tmp_path / "l.db"), event_type_model="learned")
    assert build([str(tmp_path / "in")], settings).ok
    assert calls and len(calls) == len(set(calls))  # each distinct event sentence encoded once, copies not
    assert spans and len(spans) == len(set(spans))  # each violence word of the sense head read once
    read_for_words = {s for s, _, _ in spans}
    assert not read_for_words & set(calls)  # the typing head finds the sentences the sense head ran on
    with Store(settings.db) as store:
        n = store.count_cached_vectors()
        # the texts the encoder ran on, once each: what encode made and the sense head's sentences
        assert n == len(calls) + len(read_for_words)
        store.mark_for_extraction([a.id for a in store.articles()])
    calls.clear()
    spans.clear()
    assert build([str(tmp_path / "in")], settings).ok
    assert calls == [] and spans == []  # a re-run encodes nothing
    with Store(settings.db) as store:
        assert store.count_cached_vectors() == n


def test_a_parallel_build_runs_each_distinct_sentence_through_the_encoder_once(tmp_path, monkeypatch):
    """Every row the ONNX graph runs, counted across the build's worker processes (forked: they write to a
    file): each distinct sentence with an event trigger once, whichever head reads it and however many of its
    words and windows (spans of that one run) the sense head reads; copies shared by batches that extract at
    once are encoded first, once; a sentence with no trigger is never encoded."""
    import json

    from newsfuse.learn import encoder as enc_mod
    from newsfuse.pipeline import EXTRACT_CHUNK, build
    from newsfuse.settings import Settings

    violent = ["Gunmen attacked an army base near Mosul and bombed the road to it on Sunday.",
               "A drone strike hit a convoy of trucks east of the city, officials said.",
               "Police shot two suspects after an attack on a checkpoint."]
    calm = ["The weather was mild for the season.", "The city has a population of about two million."]
    (tmp_path / "in").mkdir()
    owns = [f"Reporter {i} filed this story from the capital of the province." for i in range(EXTRACT_CHUNK + 4)]
    for i, own in enumerate(owns):  # two extract batches at once, both with the shared sentences
        (tmp_path / "in" / f"{i:02d}.txt").write_text("\n\n".join([own, *violent[i % 2:], *calm]) + "\n",
                                                      encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    real_run = enc_mod.Encoder._run

    def counting_run(self, id_lists):
        with rows.open("a") as fh:
            fh.write("".join(json.dumps(list(map(int, ids))) + "\n" for ids in id_lists))
        return real_run(self, id_lists)

    monkeypatch.setattr(enc_mod.Encoder, "_run", counting_run)
    settings = Settings(db=str(tmp_path / "p.db"), event_type_model="learned", n_process=2)
    assert build([str(tmp_path / "in")], settings).ok
    ran = [tuple(json.loads(line)) for line in rows.read_text().splitlines()]
    assert ran and len(ran) == len(set(ran))  # no text ran twice
    tok = enc_mod._tokenizer()
    ids = {s: tuple(tok.encode(normalise_text(s)).ids) for s in violent + calm + owns}
    assert {ids[s] for s in violent} <= set(ran)  # the sense head's sentences ran, as whole sentences
    assert set(ran) <= {ids[s] for s in violent + owns}  # and nothing else: no window, no part of a sentence
    assert not {ids[s] for s in calm} & set(ran)  # no trigger, no encoding
    with Store(settings.db) as store:
        assert store.count_cached_vectors() == len(ran)  # every run is a sentence the cache keeps, no window


def test_a_retrained_head_re_extracts_events(monkeypatch):
    """The events extractor's stored version names each learned head by its file and a digest of its bytes:
    a head retrained under the same file name gives another version, so stored articles are re-extracted."""
    import hashlib
    from importlib import resources

    from newsfuse import pipeline
    from newsfuse.learn import npz
    from newsfuse.learn.sense_head import SHIPPED_SENSE_HEAD
    from newsfuse.settings import Settings

    shipped = resources.files("newsfuse.learn").joinpath(SHIPPED_SENSE_HEAD).read_bytes()
    digest = hashlib.sha256(shipped).hexdigest()[:12]
    events = {e.name: e.version for e in pipeline.extractors_for(Settings(event_sense_model="learned"))}["events"]
    assert f"event_sense.npz#{digest}" in events
    both_rules = Settings(event_sense_model="rules", event_type_model="rules")
    rules = {e.name: e.version for e in pipeline.extractors_for(both_rules)}["events"]
    assert "#" not in rules
    monkeypatch.setattr(npz, "shipped_digest", lambda shipped: "0" * 12)  # the bytes of another training run
    again = {e.name: e.version for e in pipeline.extractors_for(Settings(event_sense_model="learned"))}["events"]
    assert again != events

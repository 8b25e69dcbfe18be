"""Dedup before NLP: sentence chunks, the sentence cache, and the parse step using it."""

import pytest

from newsfuse.annotate.parse import (
    doc_from_bytes,
    doc_to_bytes,
    parse_with_cache,
    sentence_chunks,
    sentence_key,
)
from newsfuse.store.sqlite import Store

A = ("Police said on Tuesday that three people were arrested in Paris.  Mr. Smith, a spokesman, "
     "confirmed it.\n\nThe U.S. embassy issued a warning.\nProtests continue")
B = "  Mr. Smith, a spokesman, confirmed it. A new sentence about Berlin follows here.\n"


def test_chunks_cover_the_text_exactly():
    for text in (A, B, "", "One.", "No final stop", "\n\nA. B. C.\n"):
        chunks = sentence_chunks(text)
        assert "".join(text[s:c] for s, _, c in chunks) == text
        for s, e, c in chunks:
            assert text[s:e] == text[s:e].strip() and not text[e:c].strip()
    sents = [A[s:e] for s, e, _ in sentence_chunks(A)]
    assert "Mr. Smith, a spokesman, confirmed it." in sents  # no split after "Mr."
    assert "The U.S. embassy issued a warning." in sents


def test_key_ignores_surrounding_whitespace_only():
    assert sentence_key("m", " One two. ") == sentence_key("m", "One two.")
    assert sentence_key("m", "One two.") != sentence_key("m2", "One two.")
    assert sentence_key("m", "One two.") != sentence_key("m", "One  two.")


def test_cached_parse_keeps_text_and_reuses_sentences(nlp):
    cache: dict[str, bytes] = {}
    asked: list[str] = []

    def lookup(keys):
        asked.extend(keys)
        return {k: cache[k] for k in keys if k in cache}

    first = parse_with_cache(nlp, [A], "m", lookup)
    assert first.parsed == len(first.new) > 0 and first.hits == 0
    cache.update(first.new)
    second = parse_with_cache(nlp, [B, A], "m", lookup)
    assert second.parsed == 1  # only B's new sentence goes through the model
    assert second.hits == len([c for c in sentence_chunks(B) + sentence_chunks(A) if c[1] > c[0]]) - 1
    for text, doc in zip([B, A], second.docs):
        assert doc.text == text
        again = doc_from_bytes(nlp, doc_to_bytes(doc))
        assert again.text == text
        for tok in doc:  # token offsets are offsets into the article
            assert text[tok.idx : tok.idx + len(tok.text)] == tok.text
    # the same sentence parsed twice in one call is parsed once
    dup = parse_with_cache(nlp, [A, A], "other-model", lambda keys: {})
    assert dup.parsed == first.parsed and dup.docs[0].text == dup.docs[1].text == A


def test_cached_entities_match_full_parse_on_a_simple_text(nlp):
    text = "Angela Merkel visited Paris on Monday. She met Emmanuel Macron there."
    (doc,) = parse_with_cache(nlp, [text], "m", lambda keys: {}).docs
    full = nlp(text)
    assert doc.text == full.text
    assert {e.text for e in doc.ents} & {e.text for e in full.ents}


def test_store_sentence_cache_round_trip(tmp_path, nlp):
    with Store(tmp_path / "x.db") as store:
        assert store.cached_sentences(["nope"]) == {}
        result = parse_with_cache(nlp, [A], "m", store.cached_sentences)
        store.save_sentences("m", result.new.items())
        assert store.count_cached_sentences() == len(result.new)
        again = parse_with_cache(nlp, [A], "m", store.cached_sentences)
        assert again.parsed == 0 and again.docs[0].text == A


def test_build_uses_the_cache_and_can_switch_it_off(tmp_path):
    from newsfuse.pipeline import BuildSummary, parse_pending
    from newsfuse.records import Document
    from newsfuse.settings import Settings

    def doc(i: int, text: str) -> Document:
        return Document(id=f"d{i}", source=f"d{i}.txt", format="text", raw=text.encode(), text=text)

    def quiet(*args):
        return None

    with Store(tmp_path / "c.db") as store:
        store.add_document(doc(1, A))
        store.add_document(doc(2, A + "\n\nAn extra closing paragraph written by a local outlet."))
        summary = BuildSummary(str(tmp_path / "c.db"))
        parse_pending(store, Settings(batch_size=1), summary, quiet)
        assert summary.parsed == 2 and summary.sentences_cached >= 4
        model = next(iter(store.db.execute("SELECT model FROM parses"))).__getitem__(0)
        for aid, text in (("d1", A), ("d2", A + "\n\nAn extra closing paragraph written by a local outlet.")):
            from newsfuse.annotate.nlp import load_nlp

            assert doc_from_bytes(load_nlp(), store.parse(aid, model)).text == text
    with Store(tmp_path / "d.db") as store:
        store.add_document(doc(1, A))
        summary = BuildSummary(str(tmp_path / "d.db"))
        parse_pending(store, Settings(sentence_cache=False), summary, quiet)
        assert summary.parsed == 1 and store.count_cached_sentences() == 0


def test_parse_processes_default_to_the_cores_only_when_there_is_enough_to_parse():
    from newsfuse.pipeline import PARALLEL_MIN_ARTICLES, parse_processes

    assert parse_processes(0, PARALLEL_MIN_ARTICLES - 1) == 1  # starting workers would cost more than it saves
    assert 1 <= parse_processes(0, PARALLEL_MIN_ARTICLES) <= 4
    assert parse_processes(3, 1) == 3  # a setting is obeyed


def test_plugin_scan_of_msgpack_is_off_only_when_no_package_declares_a_plugin():
    import srsly

    from newsfuse.annotate import parse

    for registry in (srsly.msgpack_encoders, srsly.msgpack_decoders):
        registry.entry_points = True
        found = registry.get_entry_points()
        parse._quiet_msgpack_registries()
        assert registry.entry_points is bool(found)


def _parse_in_processes(tmp_path, texts: list[str], n: int, **settings):
    """Parse ``texts`` as articles of a fresh store with ``n`` processes: (summary, parses by article)."""
    from newsfuse.pipeline import BuildSummary, parse_pending
    from newsfuse.records import Document
    from newsfuse.settings import Settings

    with Store(tmp_path / f"p{n}.db") as store:
        for i, text in enumerate(texts):
            store.add_document(Document(id=f"d{i}", source=f"d{i}.txt", format="text", raw=text.encode(), text=text))
        summary = BuildSummary(str(tmp_path / f"p{n}.db"))
        parse_pending(store, Settings(n_process=n, **settings), summary, lambda *a: None)
        assert summary.parse_processes == n and summary.parsed == len(texts)
        return summary, [bytes(r[0]) for r in store.db.execute("SELECT doc FROM parses ORDER BY article")]


@pytest.mark.slow
def test_two_parse_processes_give_the_same_parses_as_one(tmp_path):
    texts = [A, A + "\n\nAn extra closing paragraph written by a local outlet.",
             "The minister arrived in Baghdad on Tuesday. He met the prime minister and said talks would begin."]
    assert _parse_in_processes(tmp_path, texts, 1)[1] == _parse_in_processes(tmp_path, texts, 2)[1]


@pytest.mark.slow
def test_parallel_workers_never_parse_a_shared_sentence_twice(tmp_path):
    """Copies that share sentences, each in its own batch, parsed by two workers at once: every distinct
    sentence is parsed once, as one process parsing batch after batch does."""
    wire = "The minister arrived in Baghdad on Tuesday. He met the prime minister. Talks would begin soon."
    texts = [wire, wire + " A local paragraph was added here.", "A local opening line. " + wire,
             "An unrelated report about the harvest. Farmers said prices fell."]
    counts = [(s.sentences_parsed, s.sentences_cached)
              for s, _ in (_parse_in_processes(tmp_path, texts, n, batch_size=1) for n in (1, 2))]
    assert counts[0] == counts[1]
    assert counts[0][0] == 7  # 3 wire sentences, 2 local ones, 2 of the unrelated report


def test_shared_sentences_are_those_of_more_than_one_article():
    from newsfuse.pipeline import shared_sentences

    shared = shared_sentences({"a": "One line here. Two lines here.", "b": "Two lines here. Three.",
                               "c": "One line here. Only c says this. Only c says this."}, "m")
    assert sorted(shared.values()) == ["One line here.", "Two lines here."]  # an article repeating itself shares nothing


@pytest.mark.slow
def test_parallel_workers_never_encode_a_shared_sentence_twice(tmp_path, wire_copies, monkeypatch):
    """Copies extracted by two workers at once, one article per batch, both learned heads on (they read some
    texts in common): every text the encoder ran on is encoded once in all, as one process does, and the
    summary's counts are one process's."""
    from newsfuse import pipeline
    from newsfuse.settings import Settings

    monkeypatch.setattr(pipeline, "EXTRACT_CHUNK", 1)
    counts = []
    for n in (1, 2):
        db = tmp_path / f"e{n}.db"
        summary = pipeline.build(wire_copies, Settings(db=str(db), n_process=n, event_type_model="learned",
                                                 event_sense_model="learned"))
        assert summary.ok and summary.parse_processes == n
        with Store(db) as store:
            counts.append((summary.sentences_encoded, summary.sentences_encoding_cached, store.count_cached_vectors()))
    assert counts[0][0] == counts[0][2] > 0  # one process encodes each distinct text once
    assert counts[1] == counts[0]


def test_msgpack_plugins_are_asked_once_until_one_is_registered():
    """Reading a stored parse no longer rescans catalogue's registry each time, yet an encoder registered
    later is still found."""
    import catalogue
    import srsly

    import newsfuse.annotate.parse  # noqa: F401 - quiets the registries

    before = srsly.msgpack_encoders.get_all()
    assert "numpy" in before and srsly.msgpack_encoders.get_all() is before  # kept, not rescanned

    def encode_nothing(obj, chain=None):
        return obj if chain is None else chain(obj)

    srsly.msgpack_encoders.register("newsfuse_test_plugin", func=encode_nothing)
    try:
        assert "newsfuse_test_plugin" in srsly.msgpack_encoders.get_all()
    finally:
        catalogue.REGISTRY.pop(("srsly", "msgpack_encoders", "newsfuse_test_plugin"), None)
    assert "newsfuse_test_plugin" not in srsly.msgpack_encoders.get_all()


def test_an_article_assembled_from_sentence_parses_keeps_every_character_and_parse(nlp):
    """Whitespace between sentences (one space, several, new lines, a tab) is tokenised as spaCy would, and each
    sentence keeps its own heads, entities and start."""
    from newsfuse.annotate.parse import assemble, sentence_chunks

    text = "Iraq condemned the attack.  Albares visited Baghdad on Thursday.\n\n\tThe talks begin.\n"
    chunks = sentence_chunks(text)
    parsed = {(s, e): nlp(text[s:e]) for s, e, _ in chunks if e > s}
    doc = assemble(nlp.vocab, [(parsed[(s, e)], text[e:ce]) if e > s else (None, text[s:ce]) for s, e, ce in chunks])
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == [d.text for d in parsed.values()]
    assert [e.text for e in doc.ents] == [e.text for d in parsed.values() for e in d.ents]
    for d in parsed.values():
        start = text.index(d.text)
        span = doc.char_span(start, start + len(d.text))
        assert [t.head.i - span.start for t in span] == [t.head.i for t in d]
        assert [t.dep_ for t in span] == [t.dep_ for t in d]


def test_the_text_of_a_doc_is_joined_once_and_a_known_text_spares_the_join(nlp):
    from newsfuse.annotate.sentences import doc_text, known_text

    text = "Rockets hit the base.  Nobody was hurt.\n"
    doc = nlp(text)
    first = doc_text(doc)
    assert first == text == doc.text and first is not text and doc_text(doc) is first  # joined once, then kept
    wrong = known_text(nlp.make_doc(text), "too short")
    assert doc_text(wrong) == text  # a text of another length is not taken for the Doc's
    spared = known_text(nlp.make_doc(text), text)
    assert doc_text(spared) is text  # the stored text itself: no join

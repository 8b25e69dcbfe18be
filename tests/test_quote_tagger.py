"""The learned quote tagger on the shared encoder (annotate/quotes/_tagger.py, learn/train_quotes.py).

No encoder run here: the word states are made up, so what is tested is the tag scheme, its decoding, the
linking, the dense head's training and the saved model's round trip.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np
import pytest

from newsfuse.annotate.quotes._tagger import (N_RULE_FEATURES, TAGS, LinearHead, QuoteTaggerModel, Segment, as_spans,
                                              decode_tags, link, paragraph_index, rule_features, word_labels)

Att = namedtuple("Att", "content source cue")

TEXT = '"We will not leave," the minister said on Monday, "and we will stay." Later, Smith claimed that prices rose.'


def _chars(text: str, phrase: str, nth: int = 0) -> frozenset[int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return frozenset(i for i in range(start, start + len(phrase)) if not text[i].isspace())


def _gold(text: str) -> list[Att]:
    return [
        Att(_chars(text, '"We will not leave,"') | _chars(text, '"and we will stay."'),
            _chars(text, "the minister"), _chars(text, "said")),
        Att(_chars(text, "that prices rose"), _chars(text, "Smith"), _chars(text, "claimed")),
    ]


def _names(doc, labels) -> list[tuple[str, str]]:
    return [(t.text, TAGS[y]) for t, y in zip(doc, labels) if y]


def test_word_labels_mark_where_an_attribution_begins_and_continue_it_after_the_cue(nlp):
    doc = nlp(TEXT)
    tags = dict(_names(doc, word_labels(doc, _gold(TEXT))))
    assert tags["We"] == "I-C" and tags["leave"] == "I-C"
    first = [TAGS[y] for y in word_labels(doc, _gold(TEXT))]
    words = [t.text for t in doc]
    assert first[words.index("minister") - 1] == "B-S" and first[words.index("said")] == "B-Q"
    # the second fragment of the first statement continues it (I-C after the gap), the other one begins (B-C)
    assert first[words.index("and")] == "I-C" and first[words.index("that")] == "B-C"
    assert first[0] == "B-C"


def test_decoding_the_gold_tags_gives_back_the_gold_attributions(nlp):
    doc = nlp(TEXT)
    segs = decode_tags(doc, word_labels(doc, _gold(TEXT)).tolist(), paragraph_index(doc))
    assert len(segs["C"]) == 2 and len(segs["Q"]) == 2 and len(segs["S"]) == 2
    assert len(segs["C"][0].fragments) == 2  # one statement in two fragments, not two quotes
    assert doc[segs["C"][1].words[0]].text == "that"


def _link_heads() -> tuple[LinearHead, LinearHead]:
    """Heads that read only the hand features: a pair counts when nothing of its kind lies between."""
    from newsfuse.annotate.quotes._tagger import CUE_HAND, SOURCE_HAND

    wc = np.zeros(384 + len(CUE_HAND), dtype=np.float32)
    wc[384 + CUE_HAND.index("no_cue_between")] = 4.0
    wc[384 + CUE_HAND.index("same_sentence")] = 2.0
    ws = np.zeros(384 + len(SOURCE_HAND), dtype=np.float32)
    ws[384 + SOURCE_HAND.index("same_sentence")] = 2.0
    ws[384 + SOURCE_HAND.index("no_source_between")] = 2.0
    return LinearHead(wc, -3.0), LinearHead(ws, -3.0)


def test_link_joins_each_content_to_its_cue_and_each_cue_to_its_speaker(nlp):
    doc = nlp(TEXT)
    segs = decode_tags(doc, word_labels(doc, _gold(TEXT)).tolist(), paragraph_index(doc))
    states = np.random.default_rng(0).standard_normal((len(doc), 384)).astype(np.float32)
    cue, source = _link_heads()
    atts = link(doc, states, rule_features(doc, []), segs, cue, source, 0.5, 0.5)
    spans = as_spans(doc, atts)
    got = {TEXT[s["cue"][0]:s["cue"][1]]: TEXT[s["speaker"][0]:s["speaker"][1]] for s in spans}
    assert got == {"said": "the minister", "claimed": "Smith"}
    first = next(s for s in spans if TEXT[s["cue"][0]:s["cue"][1]] == "said")
    assert [TEXT[a:b] for a, b in first["content"]] == ['"We will not leave,"', '"and we will stay."']
    # a threshold above every pair's probability leaves the contents without cue and speaker
    none = as_spans(doc, link(doc, states, rule_features(doc, []), segs, cue, source, 0.999, 0.999))
    assert all(s["cue"] is None and s["speaker"] is None for s in none)


def test_rule_features_carry_the_rules_quote_marks_and_cue_words(nlp):
    from newsfuse.annotate.quotes._core import extract_quotes

    doc = nlp(TEXT)
    feats = rule_features(doc, extract_quotes(doc, "a1"))
    assert feats.shape == (len(doc), N_RULE_FEATURES)
    words = [t.text for t in doc]
    said, we, later = words.index("said"), words.index("We"), words.index("Later")
    assert feats[said, 2] == 1 and feats[said, 7] == 1  # the rules' cue, a cue-list word
    assert feats[we, 1] == 1 and feats[we, 5] == 1  # the rules' content, inside quote marks
    assert feats[later, 1] == 0 and feats[later, 5] == 0


def test_dense_head_learns_a_tagging_it_can_see_and_round_trips(tmp_path):
    from newsfuse.learn.train_quotes import load_model, save_model, train_tag_head

    rng = np.random.default_rng(1)
    x = rng.standard_normal((20000, 20)).astype(np.float32)
    y = (x[:, 0] > 0.5).astype(np.int64) + 2 * (x[:, 1] > 1.0).astype(np.int64)  # labels 0..3
    net = train_tag_head(x, y, hidden=(16,), epochs=4, rate=1e-2, log=lambda _: None)
    acc = float((net.proba(x).argmax(axis=1) == y).mean())
    assert acc > 0.93
    cue = LinearHead(rng.standard_normal(5).astype(np.float32), 0.5)
    folder = save_model(tmp_path / "m", net, cue, cue, {"cue_min": 0.4, "source_min": 0.3})
    tag2, cue2, _, meta = load_model(folder)
    assert np.allclose(tag2.proba(x[:50]), net.proba(x[:50]), atol=1e-6)
    assert np.allclose(cue2.w, cue.w) and meta["cue_min"] == 0.4 and meta["kind"] == "encoder-tagger"


def test_model_tags_only_the_words_it_was_asked_to(nlp):
    from newsfuse.annotate.quotes._tagger import DenseNet, tag_inputs

    doc = nlp(TEXT)
    feats = rule_features(doc, [])
    dim = tag_inputs(np.zeros((len(doc), 384), np.float32), feats).shape[1]
    w = np.zeros((dim, len(TAGS)), np.float32)
    b = np.zeros(len(TAGS), np.float32)
    b[TAGS.index("B-C")] = 5.0  # every word it reads would begin a content
    model = QuoteTaggerModel(DenseNet([w], [b], np.zeros(dim, np.float32), np.ones(dim, np.float32)),
                             *_link_heads(), {"cue_min": 0.5, "source_min": 0.5})
    none = model.attributions(doc, np.zeros((len(doc), 384), np.float32), feats, np.zeros(len(doc), bool))
    assert none == []
    gated = np.zeros(len(doc), bool)
    gated[:3] = True
    some = model.attributions(doc, np.zeros((len(doc), 384), np.float32), feats, gated)
    assert len(some) == len([t for t in doc[:3] if not t.is_space])


@pytest.mark.parametrize("text", ["", "No quotes here at all."])
def test_empty_or_quote_less_documents(nlp, text):
    doc = nlp(text)
    assert word_labels(doc, []).sum() == 0
    assert decode_tags(doc, [0] * len(doc), paragraph_index(doc)) == {"C": [], "Q": [], "S": []}


def _copy_rules_model(join: str) -> QuoteTaggerModel:
    """A tag head that copies the rules' own tags (its input columns 384.. are the rule features)."""
    from newsfuse.annotate.quotes._tagger import DenseNet, tag_inputs

    dim = tag_inputs(np.zeros((1, 384), np.float32), np.zeros((1, N_RULE_FEATURES), np.float32)).shape[1]
    w = np.zeros((dim, len(TAGS)), np.float32)
    b = np.zeros(len(TAGS), np.float32)
    b[0] = 2.0
    w[384 + 0, TAGS.index("B-C")] = 6.0  # the rules' content begins
    w[384 + 1, TAGS.index("I-C")] = 4.0  # inside the rules' content
    prev = 384 + 2 * N_RULE_FEATURES  # the previous word's rule features
    for col, role in ((2, "Q"), (3, "S")):  # the rules' cue and speaker: a word after one of them continues it
        w[384 + col, TAGS.index("B-" + role)] = 8.0
        w[prev + col, TAGS.index("B-" + role)] = -5.0
        w[384 + col, TAGS.index("I-" + role)] = 6.0
        w[prev + col, TAGS.index("I-" + role)] = 5.0
        b[TAGS.index("I-" + role)] = -6.0
    net = DenseNet([w], [b], np.zeros(dim, np.float32), np.ones(dim, np.float32))
    return QuoteTaggerModel(net, *_link_heads(), {"cue_min": 0.5, "source_min": 0.3, "join": join})


def test_extract_quotes_runs_the_encoder_tagger_on_the_sentences_that_need_it(nlp):
    from newsfuse.annotate.quotes._core import extract_quotes
    from newsfuse.annotate.quotes._tagger import EncoderQuoteTagger

    text = ('"We will not leave," the minister said on Monday.\n\nThe weather was mild and the roads were dry.\n\n'
            'Smith claimed that prices rose sharply.')
    doc = nlp(text)
    tagger = EncoderQuoteTagger(_copy_rules_model("model"))
    got = extract_quotes(doc, "a1", tagger)
    assert tagger.sentences == 2  # the weather sentence has no mark, cue word or rule attribution
    said = {q.text: (q.cue, q.speaker_text) for q in got}
    rules = extract_quotes(doc, "a1")
    assert said == {q.text: (q.cue, q.speaker_text) for q in rules}  # the rules' tags, decoded and linked again
    assert said["We will not leave,"][1] == "the minister" and said["that prices rose sharply"][1] == "Smith"
    # joined with "rules_fill", the rules' records come first and the model adds nothing over them
    filled = extract_quotes(doc, "a1", EncoderQuoteTagger(_copy_rules_model("rules_fill")))
    assert [(q.start, q.end, q.cue) for q in filled] == [(q.start, q.end, q.cue) for q in rules]


def test_viterbi_keeps_a_content_whole_where_one_word_looks_like_a_new_beginning():
    from newsfuse.annotate.quotes._tagger import transitions, viterbi

    bc, ic = TAGS.index("B-C"), TAGS.index("I-C")
    trans = transitions([np.array([0, bc, ic, ic, ic, ic, 0] * 50)])
    prob = np.full((5, len(TAGS)), 0.01)
    prob[0, bc] = prob[1, ic] = prob[3, ic] = prob[4, ic] = 0.9
    prob[2, bc], prob[2, ic] = 0.5, 0.4  # the middle word alone would cut the content in two
    logp = np.log(prob)
    assert logp.argmax(axis=1).tolist() == [bc, ic, bc, ic, ic]
    assert viterbi(logp, trans, 0.5).tolist() == [bc, ic, ic, ic, ic]
    assert viterbi(logp, trans, 0.0).tolist() == [bc, ic, bc, ic, ic]  # weight 0: the words alone
    assert viterbi(np.zeros((0, len(TAGS))), trans, 0.5).tolist() == []


def test_join_rule_links_takes_the_rules_cue_and_speaker_for_a_matching_content(nlp):
    from newsfuse.annotate.quotes._core import extract_quotes
    from newsfuse.annotate.quotes._tagger import EncoderQuoteTagger

    text = 'Smith claimed that prices rose sharply. "We will not leave," the minister said on Monday.'
    doc = nlp(text)
    model = _copy_rules_model("rule_links")
    model.source = LinearHead(np.zeros_like(model.source.w), -9.0)  # the model alone finds no speaker
    got = {q.text: q.speaker_text for q in extract_quotes(doc, "a1", EncoderQuoteTagger(model))}
    assert got == {q.text: q.speaker_text for q in extract_quotes(doc, "a1")}
    model.meta["join"] = "model"
    alone = {q.text: q.speaker_text for q in extract_quotes(doc, "a1", EncoderQuoteTagger(model))}
    assert set(alone.values()) == {None}


def test_the_quote_model_setting_loads_a_saved_tagger_and_a_broken_one_is_e208(tmp_path):
    from newsfuse.annotate.quotes._tagger import EncoderQuoteTagger, transitions
    from newsfuse.errors import NewsfuseError
    from newsfuse.learn.train_quotes import save_model
    from newsfuse.pipeline import load_quote_tagger

    m = _copy_rules_model("direct")
    trans = transitions([np.array([0, 1, 2, 2, 0])])
    folder = save_model(tmp_path / "qt", m.tag, m.cue, m.source, dict(m.meta), trans)
    tagger = load_quote_tagger(str(folder))
    assert isinstance(tagger, EncoderQuoteTagger) and tagger.meta["join"] == "direct"
    assert np.allclose(tagger.model.trans, trans)
    (folder / "tagger.npz").write_bytes(b"not an npz")
    with pytest.raises(NewsfuseError) as err:
        load_quote_tagger(str(folder))
    assert "E208" in str(err.value) and "quotes_learned.py --train" in str(err.value)

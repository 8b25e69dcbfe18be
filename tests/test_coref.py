"""Event coreference helpers: pure functions on hand-built mentions."""

from __future__ import annotations

from newsfuse.fuse.coref import (
    CLUSTER_FEATURES,
    FEATURES,
    LEXICON_FEATURES,
    MentionInfo,
    learn_lexicon,
    lexicon_json,
    load_document_params,
    load_lexicon,
    load_merge_params,
    load_weights,
    pair_features,
    pair_probability,
    stem,
    tfidf_vectors,
)
from newsfuse.fuse.coref_cluster import cluster, cluster_documents, cluster_pair_features, merge_clusters


def info(key: str, head: str, doc: str = "d1", names=(), context=(), sent: str = "0") -> MentionInfo:
    return MentionInfo(key=key, doc=doc, sentence=f"{doc}|{sent}", head=head, stem=stem(head), pos="VERB",
                       lemmas=frozenset({head}), context=frozenset(context), names=frozenset(names),
                       times=frozenset(), numbers=frozenset(), args=frozenset())


def test_cluster_average_link_joins_only_above_threshold():
    sim = {(0, 1): 0.9, (0, 2): 0.1, (1, 2): 0.2, (2, 3): 0.8, (0, 3): 0.0, (1, 3): 0.0}
    labels = cluster(4, lambda i, j: sim[(min(i, j), max(i, j))], 0.5)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


def test_cluster_everything_apart_when_threshold_high():
    assert len(set(cluster(3, lambda i, j: 0.4, 0.5))) == 3


def test_features_same_head_and_synonyms():
    a = info("a", "kill", names={"jackson"})
    b = info("b", "kill", doc="d2", names={"jackson"})
    c = info("c", "murder", doc="d2")
    fab = dict(zip(FEATURES, pair_features(a, b, 0.5)))
    fac = dict(zip(FEATURES, pair_features(a, c, 0.5)))
    assert fab["head_equal"] == 1.0 and fab["names_overlap"] == 1.0
    assert fac["synonym"] == 1.0 and fac["head_equal"] == 0.0


def test_shipped_weights_prefer_same_event_pairs():
    coef, threshold = load_weights(encoder=False)  # mentions without the encoder's vectors
    assert len(coef) == len(FEATURES) and 0 < threshold < 1
    a = info("a", "arrest", context={"police", "jackson", "chargers"}, names={"jackson"})
    b = info("b", "arrest", doc="d2", context={"police", "jackson", "chargers"}, names={"jackson"})
    c = info("c", "win", doc="d3", context={"game", "score"}, names={"boston"})
    same = pair_probability(pair_features(a, b, 0.6), coef)
    other = pair_probability(pair_features(a, c, 0.05), coef)
    assert same > threshold > other


def test_document_clustering_groups_by_story():
    docs = [["quake", "chile", "magnitude"], ["quake", "chile", "tsunami"], ["election", "vote", "senate"],
            ["vote", "senate", "election", "win"]]
    labels = cluster_documents(tfidf_vectors(docs), 0.1)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


def test_document_clustering_names_split_similar_events():
    content = tfidf_vectors([["quake", "magnitude", "damage"]] * 4 + [["court", "trial"]])
    names = tfidf_vectors([["chile"], ["chile"], ["japan"], ["japan"], ["boston"]])
    labels = cluster_documents(content, 0.6, extra=[(names, 1.0)])
    assert labels[0] == labels[1] and labels[2] == labels[3]
    assert labels[0] != labels[2] and labels[4] not in (labels[0], labels[2])


def test_shipped_document_params_are_usable():
    weights, threshold = load_document_params()
    assert len(weights) == 3 and weights[0] > 0 and 0 < threshold < 1


def test_stem_joins_inflections_and_nominalisations():
    assert stem("shooting") == stem("shoot") == stem("shoots")
    assert stem("nominate") == stem("nomination") == stem("nominee")
    assert stem("Oscars®") == stem("oscar")
    assert stem("die") == stem("dies") == "die"  # never cut below three letters
    assert stem("arrest") != stem("attack")


def test_features_inflected_heads_count_as_equal():
    a, b = info("a", "shooting"), info("b", "shoot", doc="d2")
    f = dict(zip(FEATURES, pair_features(a, b, 0.5)))
    assert f["head_equal"] == 1.0 and f["stem"] == 1.0


def test_lexicon_learns_which_different_heads_corefer():
    pairs = [("kill", "murder", True)] * 4 + [("kill", "murder", False)] + [("kill", "arrest", False)] * 30
    pairs += [("say", "say", False)] * 8 + [("quake", "quake", True)] * 8
    lexicon = learn_lexicon(pairs)
    assert lexicon.pair_evidence("murder", "kill") > 0  # order does not matter
    assert lexicon.pair_evidence("kill", "arrest") == 0.0  # no positive evidence: not kept
    assert lexicon.pair_evidence("win", "lose") == 0.0  # unseen
    assert lexicon.head_evidence("quake") > 0 > lexicon.head_evidence("say")
    kill, murder = info("a", "kill"), info("b", "murder", doc="d2")
    without = dict(zip(FEATURES, pair_features(kill, murder, 0.5)))
    assert without["lex_pair"] == 0.0
    lexicon = learn_lexicon([(stem("kill"), stem("murder"), True)] * 4)  # the lexicon is keyed by stems
    with_lex = dict(zip(FEATURES, pair_features(kill, murder, 0.5, lexicon=lexicon)))
    assert with_lex["lex_pair"] > 0
    assert set(LEXICON_FEATURES) <= set(FEATURES)


def test_lexicon_round_trips_through_json(tmp_path):
    import json

    lexicon = learn_lexicon([("kill", "murder", True)] * 3 + [("say", "say", False)] * 2)
    data = json.loads(json.dumps(lexicon_json(lexicon)))
    assert data["pairs"] == {"kill|murder": [3, 3]} and data["heads"] == {"say": [0, 2]}


def test_shipped_lexicon_knows_common_event_words():
    lexicon = load_lexicon()
    assert lexicon.pairs and lexicon.heads
    assert all(a < b for a, b in lexicon.pairs)



def _parsed(words, heads, deps, pos, lemmas, tags=None, ents=None):
    """A hand-built parse (no model): heads are absolute token indices."""
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
               tags=tags or [""] * len(words), ents=ents)


def test_event_arguments_by_role():
    from newsfuse.fuse.coref import event_arguments

    # "Police arrested Jackson in Denver on Sunday"
    doc = _parsed(["Police", "arrested", "Jackson", "in", "Denver", "on", "Sunday"],
                  [1, 1, 1, 1, 3, 1, 5], ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj"],
                  ["NOUN", "VERB", "PROPN", "ADP", "PROPN", "ADP", "PROPN"],
                  ["police", "arrest", "Jackson", "in", "Denver", "on", "Sunday"], tags=["NN", "VBD", "", "", "", "", ""],
                  ents=["O", "O", "B-PERSON", "O", "B-GPE", "O", "B-DATE"])
    found = event_arguments(doc[1])
    assert "police" in found["agent"][0]
    assert "jackson" in found["patient"][1]
    assert "denver" in found["place"][1] and "sunday" in found["time"][1]


def test_headline_participle_subject_is_the_patient():
    from newsfuse.fuse.coref import event_arguments

    # "Jackson arrested on suspicion of DUI" (no auxiliary: a headline passive)
    doc = _parsed(["Jackson", "arrested", "on", "suspicion", "of", "DUI"], [1, 1, 1, 2, 3, 4],
                  ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj"], ["PROPN", "VERB", "ADP", "NOUN", "ADP", "NOUN"],
                  ["Jackson", "arrest", "on", "suspicion", "of", "DUI"], tags=["NNP", "VBN", "IN", "NN", "IN", "NN"],
                  ents=["B-PERSON", "O", "O", "O", "O", "O"])
    found = event_arguments(doc[1])
    assert "jackson" in found["patient"][1] and not found["agent"][0]


def test_governor_looks_through_prepositions():
    from newsfuse.fuse.coref import governor

    doc = _parsed(["Jackson", "arrested", "on", "suspicion", "of", "DUI"], [1, 1, 1, 2, 3, 4],
                  ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj"], ["PROPN", "VERB", "ADP", "NOUN", "ADP", "NOUN"],
                  ["Jackson", "arrest", "on", "suspicion", "of", "DUI"])
    assert governor(doc[5]) == "suspicion|of"
    assert governor(doc[1]) == ""


def test_argument_features_match_and_conflict():
    from dataclasses import replace

    a = replace(info("a", "arrest"), roles={"agent": frozenset({"police"}), "patient": frozenset()},
                named={"patient": frozenset({"jackson"})})
    b = replace(info("b", "detain", doc="d2"), roles={"agent": frozenset({"police"})},
                named={"patient": frozenset({"williams"})})
    f = dict(zip(FEATURES, pair_features(a, b, 0.5)))
    assert f["agent_match"] == 1.0 and f["patient_conflict"] == 1.0 and f["patient_match"] == 0.0
    same = dict(zip(FEATURES, pair_features(a, a, 0.5)))
    assert same["patient_match"] == 1.0 and same["patient_conflict"] == 0.0


def test_story_context_tells_central_heads():
    from newsfuse.fuse.coref import story_context

    mentions = [info("a", "quake", doc="d1"), info("b", "quake", doc="d2"), info("c", "hit", doc="d2", sent="3"),
                info("d", "rescue", doc="d3", sent="5"), info("e", "hit", doc="d3", sent="2")]
    ctx = story_context(mentions)
    assert ctx.n_docs == 3 and ctx.stem_share[stem("quake")] == 2 / 3
    assert stem("quake") in ctx.first_stems and stem("rescue") not in ctx.first_stems
    central = dict(zip(FEATURES, pair_features(mentions[0], mentions[2], 0.5, story=ctx)))
    side = dict(zip(FEATURES, pair_features(mentions[0], mentions[3], 0.5, story=ctx)))
    assert central["story_share_min_diff"] > side["story_share_min_diff"]
    assert dict(zip(FEATURES, pair_features(mentions[0], mentions[2], 0.5)))["story_share_min_diff"] == 0.0


def test_cluster_group_threshold_merges_clusters_not_lone_items():
    # 0-1 and 2-3 are sure pairs; across them the links are middling; 4 is middling to everything
    strong = {(0, 1), (2, 3)}

    def sim(i, j):
        return 0.9 if (min(i, j), max(i, j)) in strong else 0.3

    apart = cluster(5, sim, 0.5)
    assert len(set(apart)) == 3
    merged = cluster(5, sim, 0.5, group_threshold=0.25)
    assert merged[0] == merged[2] and merged[4] not in (merged[0],)


def _story():
    """Two documents telling one shooting ("shooting" / "opened fire") and an unrelated arrest in a third."""
    infos = [info("a1", "shooting", doc="d1"), info("a2", "shooting", doc="d2"),
             info("b1", "fire", doc="d1", sent="3"), info("b2", "fire", doc="d2", sent="2"),
             info("c1", "arrest", doc="d3", sent="4")]
    links = {(0, 1): 0.9, (2, 3): 0.8, (0, 2): 0.4, (0, 3): 0.35, (1, 2): 0.3, (1, 3): 0.45}
    return infos, lambda i, j: links.get((min(i, j), max(i, j)), 0.01)


def test_cluster_pair_features_sum_member_evidence():
    infos, link = _story()
    f = dict(zip(CLUSTER_FEATURES, cluster_pair_features([0, 1], [2, 3], infos, link, 3)))
    assert len(f) == len(CLUSTER_FEATURES)
    assert abs(f["mean_link"] - 0.375) < 1e-9 and f["max_link"] == 0.45
    assert f["coverage_min"] == f["coverage_max"] == 2 / 3 and f["doc_overlap"] == 1.0
    assert f["headline_both"] == 0.0 and f["headline_any"] == 1.0 and f["stem_shared"] == 0.0
    g = dict(zip(CLUSTER_FEATURES, cluster_pair_features([0, 1], [4], infos, link, 3)))
    assert g["has_singleton"] == 1.0 and g["max_link"] == 0.01 and g["doc_overlap"] == 0.0


def test_merge_clusters_joins_on_learned_evidence_only():
    infos, link = _story()
    coef = [0.0] * len(CLUSTER_FEATURES)
    coef[CLUSTER_FEATURES.index("bias")] = -2.0
    coef[CLUSTER_FEATURES.index("mean_link")] = 8.0  # p >= .5 from a mean link of .25
    merged = merge_clusters([[0, 1], [2, 3], [4]], infos, link, 3, coef, 0.5)
    assert sorted(sorted(c) for c in merged) == [[0, 1, 2, 3], [4]]
    assert len(merge_clusters([[0, 1], [2, 3], [4]], infos, link, 3, coef, 0.99)) == 3


def test_shipped_merge_params_are_usable():
    params = load_merge_params()
    assert params is not None, "coref_weights.json ships the cluster-merge weights"
    coef, threshold = params
    assert len(coef) == len(CLUSTER_FEATURES) and 0 < threshold < 1
    assert coef[CLUSTER_FEATURES.index("mean_link")] > 0


def _vec(*values: float) -> bytes:
    from newsfuse.fuse.coref_mentions import pack_vector

    return pack_vector(list(values))


def test_packed_vectors_keep_their_direction():
    import numpy as np

    from newsfuse.fuse.coref_mentions import pack_vector, unpack_vectors

    v = np.random.default_rng(0).normal(size=384).astype(np.float32)
    w = v + np.random.default_rng(1).normal(scale=0.5, size=384).astype(np.float32)
    packed = [pack_vector(v), pack_vector(w), b""]
    assert len(packed[0]) == 384 and pack_vector(np.zeros(4)) == b""
    rows = unpack_vectors(packed)
    exact = float(v @ w / np.linalg.norm(v) / np.linalg.norm(w))
    assert abs(float(rows[0] @ rows[1]) - exact) < 0.01 and not rows[2].any()
    assert unpack_vectors([b"", b""]) is None and unpack_vectors([_vec(1, 0), _vec(1, 0, 0)]) is None


def test_encoder_features_read_the_cosines_and_are_neutral_without_vectors():
    from dataclasses import replace

    from newsfuse.fuse.coref import ENCODER_FEATURES, WORD_COSINE_CENTRE
    from newsfuse.fuse.coref_model import encoder_cosines

    a = replace(info("a", "quake", doc="d1"), vector=_vec(1, 0, 0), sentence_vector=_vec(0, 1, 0))
    b = replace(info("b", "flood", doc="d2"), vector=_vec(1, 1, 0), sentence_vector=_vec(0, 1, 0))
    bare = info("c", "quake", doc="d3")
    cos = encoder_cosines([a, b, bare])
    assert abs(cos(0, 1)[0] - 0.7071) < 0.01 and abs(cos(0, 1)[1] - 1.0) < 1e-6
    assert cos(0, 2) is None and cos(1, 2) is None
    f = dict(zip(FEATURES, pair_features(a, b, 0.5, encoded=cos(0, 1))))
    assert abs(f["enc_word"] - (cos(0, 1)[0] - WORD_COSINE_CENTRE)) < 1e-9
    assert f["enc_word_x_head"] == 0.0 and f["enc_word_x_no_lexical"] == f["enc_word"]  # different, unrelated heads
    g = dict(zip(FEATURES, pair_features(a, bare, 0.5, encoded=cos(0, 2))))
    assert all(g[n] == 0.0 for n in ENCODER_FEATURES)


def test_mentions_without_vectors_get_the_model_fitted_without_them():
    from newsfuse.fuse.coref import ENCODER_FEATURES, thresholds

    plain, _ = load_weights(encoder=False)
    with_encoder, _ = load_weights()
    assert all(c == 0.0 for n, c in zip(FEATURES, plain) if n in ENCODER_FEATURES)
    assert any(c != 0.0 for n, c in zip(FEATURES, with_encoder) if n in ENCODER_FEATURES)
    assert 0 < thresholds(encoder=False).mention < 1 and load_merge_params(encoder=False) is not None


def test_shipped_weights_read_similar_triggers_as_evidence():
    """Two mentions otherwise alike: the pair whose triggers read alike in context is the likelier one."""
    coef, _ = load_weights()
    a = info("a", "arrest", context={"police", "jackson"}, names={"jackson"})
    b = info("b", "arrest", doc="d2", context={"police", "jackson"}, names={"jackson"})
    near = pair_probability(pair_features(a, b, 0.4, encoded=(0.8, 0.7)), coef)
    far = pair_probability(pair_features(a, b, 0.4, encoded=(0.1, 0.7)), coef)
    assert near > far


def test_cluster_pair_features_read_the_mean_cosines():
    from newsfuse.fuse.coref import SENTENCE_COSINE_CENTRE, WORD_COSINE_CENTRE

    infos, link = _story()
    cosines = {(0, 2): (0.9, 0.5), (0, 3): (0.7, 0.5), (1, 2): (0.9, 0.5), (1, 3): (0.7, 0.5)}
    encoded = lambda i, j: cosines.get((i, j))  # noqa: E731
    f = dict(zip(CLUSTER_FEATURES, cluster_pair_features([0, 1], [2, 3], infos, link, 3, encoded)))
    assert abs(f["enc_word_mean"] - (0.8 - WORD_COSINE_CENTRE)) < 1e-9
    assert abs(f["enc_sentence_mean"] - (0.5 - SENTENCE_COSINE_CENTRE)) < 1e-9
    g = dict(zip(CLUSTER_FEATURES, cluster_pair_features([0, 1], [2, 3], infos, link, 3)))
    assert g["enc_word_mean"] == g["enc_sentence_mean"] == 0.0

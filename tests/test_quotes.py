"""The quote stage: quote marks, cues, content spans and in-article speaker resolution."""

from __future__ import annotations


import pytest

from newsfuse.annotate.quotes._core import extract_quotes
from newsfuse.annotate.quotes._marks import QuoteIndex, find_quoted_spans
from newsfuse.records import QuoteMention

from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module


def _quotes(nlp, text: str) -> list[QuoteMention]:
    return extract_quotes(nlp(text), "a1")


def _find(quotes: list[QuoteMention], words: str) -> QuoteMention:
    hits = [q for q in quotes if words in q.text]
    assert hits, f"no quote contains {words!r}: {[q.text for q in quotes]}"
    return hits[0]


def _seed(prefix: str, unwrap: bool = False) -> str:
    text = next(SEEDS.glob(prefix + "_*.txt")).read_text(encoding="utf-8")
    return " ".join(text.split("\n")) if unwrap else text


# --------------------------------------------------------------------------- quote marks


@pytest.mark.parametrize("text, inner", [
    ('He said "we will go" today.', "we will go"),
    ("He said “we will go” today.", "we will go"),
    ("He said ``we will go'' today.", "we will go"),
    ("Attacks ‘need to stop’, says Albares.", "need to stop"),
])
def test_quote_mark_styles(text, inner):
    spans = find_quoted_spans(text)
    assert [text[q.start:q.end] for q in spans] == [inner]


def test_doubled_apostrophes_open_and_close():
    """Archive text writes '' for both marks: at a word start it opens."""
    text = "''There is no evidence,'' Mr. Burman said. ''The real issue is governance.''"
    spans = find_quoted_spans(text)
    assert [text[q.start:q.end] for q in spans] == ["There is no evidence,", "The real issue is governance."]


def test_quote_index_lookups():
    text = 'A "one two" b "three four five" c.'
    index = QuoteIndex(find_quoted_spans(text))
    assert index.covering(text.index("two")).start == text.index("one")
    assert index.covering(text.index(" b ")) is None
    assert [text[q.start:q.end] for q in index.overlapping(0, text.index(" c"))] == ["one two", "three four five"]
    assert [text[q.start:q.end] for q in index.overlapping(text.index(" b "), text.index(" b ") + 2)] == []


def test_apostrophes_are_not_quotes():
    assert find_quoted_spans("Clinton’s van and the team’s plan.") == []


def test_quote_continues_into_next_paragraph():
    text = "“The first part goes on.\n\n“The second part ends,” she said.\n\nNext."
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start:spans[0].end].startswith("The first part")
    assert text[spans[0].start:spans[0].end].endswith("ends,")


def test_unbalanced_quote_closes_at_paragraph_end():
    text = "He said: “this never closes.\n\nA new paragraph."
    spans = find_quoted_spans(text)
    assert len(spans) == 1 and not spans[0].closed
    assert text[spans[0].start:spans[0].end] == "this never closes."


# --------------------------------------------------------------------------- extraction


def test_direct_quote_with_trailing_cue(nlp):
    text = "“We will not leave until the work is done,” Maria Lopez said on Tuesday."
    q = _find(_quotes(nlp, text), "We will not leave")
    assert q.direct
    assert q.text == "We will not leave until the work is done,"
    assert q.cue == "said"
    assert q.speaker_name == "Maria Lopez"
    assert text[q.start:q.end] == q.text


def test_direct_quote_after_colon(nlp):
    text = "John Smith said: “The bridge will reopen next week after the repairs.”"
    q = _find(_quotes(nlp, text), "The bridge will reopen")
    assert q.direct and q.speaker_name == "John Smith"


def test_mixed_quote(nlp):
    text = "Foreign Minister Jose Manuel Albares said the attacks on the troops “need to stop”."
    q = _find(_quotes(nlp, text), "need to stop")
    assert not q.direct
    assert "the attacks" in q.text
    assert q.speaker_name == "Jose Manuel Albares"


def test_indirect_speech(nlp):
    text = "The mayor of Springfield, Anna Berg, said that the city would open three new schools next year."
    q = _find(_quotes(nlp, text), "the city would open")
    assert not q.direct
    assert q.text.startswith("that the city")
    assert q.speaker_name == "Anna Berg"


def test_according_to(nlp):
    text = "According to the World Health Organization, more than 300 people have died in the outbreak."
    q = _find(_quotes(nlp, text), "more than 300 people")
    assert q.cue.lower() == "according to"
    assert "World Health Organization" in q.speaker_text


def test_colon_attribution(nlp):
    text = "Albares: The troops will stay as long as Iraq wants them.\n\nMore text follows here."
    q = _find(_quotes(nlp, text), "The troops will stay")
    assert q.cue == ":" and q.speaker_text == "Albares"


def test_multi_paragraph_quote(nlp):
    text = ("The minister Peter Hall said: “We have worked for months on this plan.\n\n"
            "“It will change how the city moves.”\n\nThe plan costs money.")
    q = _find(_quotes(nlp, text), "worked for months")
    assert "change how the city moves" in q.text
    assert q.speaker_name == "Peter Hall"


def test_pronoun_resolves_to_earlier_person(nlp):
    text = ("Prime Minister Helen Clark met the delegation on Monday. "
            "She said the two countries would sign a trade agreement soon.")
    q = _find(_quotes(nlp, text), "trade agreement")
    assert q.speaker_text == "She"
    assert q.speaker_name == "Helen Clark" and q.speaker_label == "PERSON"


def test_surname_resolves_to_full_name(nlp):
    text = ("Spanish Foreign Minister Jose Manuel Albares visited Baghdad on Thursday. "
            "Albares said the attacks against the coalition troops must stop.")
    q = _find(_quotes(nlp, text), "attacks against the coalition")
    assert q.speaker_text == "Albares"
    assert q.speaker_name == "Jose Manuel Albares"


def test_anonymous_source_kept_as_written(nlp):
    text = "A senior US defence official said the meetings would not negotiate a withdrawal."
    q = _find(_quotes(nlp, text), "would not negotiate")
    assert q.speaker_name == "A senior US defence official"
    assert q.speaker_label is None


def test_records_are_consistent(nlp):
    text = _seed("003")
    quotes = extract_quotes(nlp(text), "003")
    assert quotes
    for q in quotes:
        assert q.article == "003"
        assert text[q.start:q.end] == q.text
        if q.cue is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
        if q.speaker_text is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text


# --------------------------------------------------------------------------- seeds

ALBARES = "We are here at the request of the government of Iraq and we will leave when the government of Iraq considers"


@pytest.mark.parametrize("prefix, unwrap", [("000", False), ("001", False), ("002", True)])
def test_seed_albares(nlp, prefix, unwrap):
    quotes = _quotes(nlp, _seed(prefix, unwrap))
    q = _find(quotes, ALBARES)
    assert q.speaker_name == "Jose Manuel Albares"


def test_seed_003_sudani_and_watson(nlp):
    quotes = _quotes(nlp, _seed("003"))
    said = _find(quotes, "The meeting with the Spanish Prime Minister included")
    added = _find(quotes, "The Iraqi government is in the process of rearranging")
    for q in (said, added):
        assert q.speaker_text == "He"
        assert q.speaker_name == "Muhammad Shiaa Al-Sudani"
    she = _find(quotes, "The Iranian-backed Kataib Hezbollah militia and its affiliated groups")
    assert she.speaker_text == "She"
    assert she.speaker_name == "Adrian Watson"


def test_seed_004_speakers(nlp):
    quotes = _quotes(nlp, _seed("004"))
    awadi = _find(quotes, "The Iraqi government condemns the ongoing escalation")
    assert awadi.speaker_name == "Bassem Al-Awadi" and awadi.cue == "said"
    biden = _find(quotes, "Have no doubt")
    assert biden.speaker_name == "Joe Biden"
    nujaba = _find(quotes, "the United States should")
    assert "Harakat al-Nujaba" in nujaba.speaker_text
    assert nujaba.speaker_name == "Harakat al-Nujaba"


# --------------------------------------------------------------------------- frames, nesting


def test_object_and_preposition_frames(nlp):
    quotes = _quotes(nlp, "The senator called for an immediate ceasefire in the region. "
                          "Later the mayor cited a new report on crime.")
    call = _find(quotes, "an immediate ceasefire")
    assert call.cue.startswith("called") and call.speaker_text == "The senator"
    assert "called" not in call.text
    cite = _find(quotes, "a new report")
    assert cite.cue == "cited" and cite.speaker_text == "the mayor"


def test_cue_inside_a_quotation_is_not_a_new_attribution(nlp):
    text = ('"When I told them that we would win, nobody believed me at all," Smith said at the rally.')
    quotes = _quotes(nlp, text)
    assert [q.speaker_text for q in quotes] == ["Smith"]
    assert quotes[0].direct


def test_subject_inside_the_quote_is_not_the_speaker(nlp):
    text = "“The campaign is in panic mode. Full panic mode,” said Leslie Wimes, a local organizer."
    quote = _find(_quotes(nlp, text), "panic mode")
    assert quote.speaker_text.startswith("Leslie Wimes")


def test_quote_before_next_paragraph_cue_is_not_taken(nlp):
    text = ('"Tom is a real visionary," said Robert McAtee. "He stepped in when no one else would."\n\n'
            "Mr. Clarke says he relies on the expertise of several executives.")
    quotes = _quotes(nlp, text)
    says = [q for q in quotes if q.cue == "says"]
    assert says and all("stepped in" not in q.text for q in says)


def test_cue_list_is_well_formed():
    from newsfuse.annotate.quotes._spans import CLAUSE_REJECTED, CUE_FRAMES

    frames = {f for fs in CUE_FRAMES.values() for f in fs}
    assert all(f in ("ccomp", "xcomp", "dobj") or f.startswith(("prep:", "n:prep:")) for f in frames)
    assert all(k == k.lower() and k.strip() == k for k in CUE_FRAMES)
    assert "ccomp" in CUE_FRAMES["say"] and "make" in CLAUSE_REJECTED


def test_infinitive_frame_keeps_coordinated_verbs(nlp):
    quotes = _quotes(nlp, "The two leaders agreed to share a single currency and rely on one another for border controls.")
    quote = _find(quotes, "to share a single currency")
    assert "rely on one another" in quote.text and quote.cue.startswith("agreed")


def test_participle_after_comma_is_not_part_of_the_clause(nlp):
    quotes = _quotes(nlp, "Romney said he did not believe those attacks hurt him, arguing that divisions in the party did.")
    said = [q for q in quotes if q.cue == "said"]
    assert said and "arguing" not in said[0].text


def test_object_frame_runs_to_the_end_of_the_verb_phrase(nlp):
    """PolNeAR's content of an object frame is the rest of the verb phrase, not only the object."""
    quotes = _quotes(nlp, "The union praised Clinton, citing her work after the Sept. 11 terrorist attacks.")
    cite = _find(quotes, "her work")
    assert cite.cue == "citing" and cite.text.endswith("terrorist attacks")


def test_object_frame_stops_at_a_coordinated_verb(nlp):
    quotes = _quotes(nlp, "The mayor cited a new report on crime and left the room.")
    cite = _find(quotes, "a new report")
    assert "left the room" not in cite.text


def test_imperative_opening_a_quotation_is_not_a_cue(nlp):
    text = ("Mr. Biden said the plan was unfair.\n\n''Tell that to your mothers and fathers who are breaking their "
            "neck to send you here,'' he added. ''Tell them the truth about what they pay in taxes.''")
    quotes = _quotes(nlp, text)
    assert all(q.cue is None or not q.cue.startswith("Tell") for q in quotes)
    assert _find(quotes, "the truth").speaker_text == "he"


# --------------------------------------------------------------------------- learned tagger (optional path)


def _gold_chars(text: str, words: str) -> frozenset[int]:
    start = text.index(words)
    return frozenset(i for i in range(start, start + len(words)) if not text[i].isspace())


def test_a_cue_without_a_subject_takes_the_holder_up_the_tree(nlp):
    from newsfuse.annotate.quotes._syntax import governing_speaker, speaker_of

    doc = nlp("She has not made a decision on the tariffs.")
    decision = next(t for t in doc if t.lower_ == "decision")
    assert governing_speaker(decision).text == "She"
    doc = nlp("The group released an ad focused on the economy.")
    focused = next(t for t in doc if t.lower_ == "focused")
    assert speaker_of(focused) is None and governing_speaker(focused).text == "an ad"
    doc = nlp("Stop the war now.")
    assert governing_speaker(doc[0]) is None  # nothing above the root


def test_any_verb_next_to_a_quotation_is_its_cue(nlp):
    from newsfuse.annotate.quotes._lexicon import SPEECH_VERBS

    assert "scoff" not in SPEECH_VERBS
    quotes = _quotes(nlp, '"That plan will never pass the Senate," Johnson scoffed on Tuesday.')
    q = _find(quotes, "That plan will never pass")
    assert q.cue == "scoffed" and q.speaker_text == "Johnson" and q.direct
    assert not _quotes(nlp, 'The film "Gone With the Wind" opened in Atlanta.')  # no subject next to it


def test_learned_tagger_trains_saves_and_loads(nlp, tmp_path):
    import numpy as np

    from newsfuse.annotate.quotes._learned import load_tagger, save_tagger, tag_tokens, token_labels, train_tagger

    texts = ["The minister declared that the troops would leave by June.",
             "Officials mused that the border might reopen soon.",
             "The storm damaged three houses near the river."]
    contents = [["the troops would leave by June"], ["the border might reopen soon"], []]
    docs = [nlp(t) for t in texts]
    gold = [[_gold_chars(t, c) for c in cs] for t, cs in zip(texts, contents)]
    labels = token_labels(docs[0], gold[0])
    assert labels[docs[0].text.split().index("the")] == 1 and labels[0] == 0  # B on "the", O on "The"
    tagger = train_tagger(docs * 20, gold * 20, [[], [], []] * 20, epochs=3, bits=12)
    folder = save_tagger(tagger, tmp_path / "model", corpus="hand-built")
    loaded = load_tagger(folder)
    assert loaded.meta["corpus"] == "hand-built" and np.array_equal(loaded.weights, tagger.weights)
    tags = tag_tokens(loaded, docs[1], [])
    assert len(tags) == len(docs[1]) and tags[-1] == 0  # the full stop is not content
    assert all(t == 0 for t in tag_tokens(loaded, docs[2], []))


def test_learned_tagger_only_adds_to_the_rules(nlp, tmp_path):
    from newsfuse.annotate.quotes._learned import train_tagger

    text = "Officials mused that the border might reopen soon. The minister said the talks failed."
    doc = nlp(text)
    gold = [[_gold_chars(text, "the border might reopen soon"), _gold_chars(text, "the talks failed")]]
    tagger = train_tagger([doc] * 30, gold * 30, [[]] * 30, epochs=3, bits=12)
    rules = {(q.start, q.end) for q in extract_quotes(doc, "a1")}
    both = {(q.start, q.end) for q in extract_quotes(doc, "a1", tagger)}
    assert rules <= both
    for q in extract_quotes(doc, "a1", tagger):
        assert 0 <= q.start < q.end <= len(text) and q.text == text[q.start:q.end]


def _candidate_model(weights: dict[str, float], threshold: float, drop_below: float = 0.0, bits: int = 12):
    import numpy as np

    from newsfuse.annotate.quotes._learned import CandidateModel, _hash

    w = np.zeros(1 << bits, dtype=np.float32)
    w[0] = -4.0  # intercept: a candidate is unlikely unless a feature says otherwise
    for feature, value in weights.items():
        w[_hash(feature, (1 << bits) - 1)] += value
    return CandidateModel(w, bits, {"bits": bits, "threshold": threshold, "drop_below": drop_below})


def test_candidate_model_saves_and_loads(tmp_path):
    import numpy as np

    from newsfuse.annotate.quotes._learned import CandidateModel, load_tagger, save_candidate_model

    model = _candidate_model({"l=sketch": 3.0}, 0.6)
    loaded = load_tagger(save_candidate_model(model, tmp_path / "m", corpus="hand-built"))
    assert isinstance(loaded, CandidateModel) and np.array_equal(loaded.weights, model.weights)
    assert loaded.meta["threshold"] == 0.6 and loaded.meta["corpus"] == "hand-built"
    (tmp_path / "m" / "weights.npy").unlink()
    np.save(tmp_path / "m" / "weights.npy", np.zeros(7, dtype=np.float32))
    with pytest.raises(ValueError):
        load_tagger(tmp_path / "m")


def test_candidate_model_adds_a_cue_the_rules_do_not_know(nlp):
    text = "The senator said the bill would pass. The governor sketched a plan to rebuild the bridges."
    doc = nlp(text)
    rules = {q.text for q in extract_quotes(doc, "a1")}
    assert "a plan to rebuild the bridges" not in rules
    model = _candidate_model({"l=sketch": 8.0, "r=True": 8.0}, 0.5)
    found = extract_quotes(doc, "a1", model)
    assert rules <= {q.text for q in found}
    plan = _find(found, "a plan to rebuild")
    assert plan.cue == "sketched" and plan.speaker_text == "The governor"


def test_candidate_model_can_drop_the_rules_and_keeps_contents_apart(nlp):
    text = "The senator said the bill would pass easily. Officials insisted that the mayor said nothing."
    doc = nlp(text)
    assert extract_quotes(doc, "a1", _candidate_model({}, 0.5, drop_below=0.5)) == []
    everything = extract_quotes(doc, "a1", _candidate_model({"bias": 10.0}, 0.5))
    spans = sorted((q.start, q.end) for q in everything)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))  # no two contents overlap
    for q in everything:  # and no cue lies in another's content
        assert not any(o.start <= q.cue_start < o.end for o in everything if o is not q and q.cue_start is not None)


def test_learned_module_does_not_need_scikit_learn():
    """In a fresh interpreter: other tests (training runs) import scikit-learn into this one."""
    import subprocess
    import sys

    code = "import sys, newsfuse.annotate.quotes._learned; sys.exit('sklearn' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --------------------------------------------------------------------------- fusion candidates


def test_candidate_pairs_cover_every_matching_pair():
    import random

    from newsfuse.fuse.quotes import _candidate_pairs

    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(60)]
    sets = [set(rng.sample(vocab, rng.randint(1, 12))) for _ in range(150)]
    for threshold in (0.34, 0.6, 0.8):
        found = set(_candidate_pairs(sets, threshold))
        matching = [(i, j) for i in range(len(sets)) for j in range(i + 1, len(sets))
                    if len(sets[i]) >= 3 and len(sets[j]) >= 3 and len(sets[i] & sets[j]) >= 3
                    and len(sets[i] & sets[j]) / min(len(sets[i]), len(sets[j])) >= threshold]
        assert matching, "the random sets should hold matching pairs at every threshold"
        assert set(matching) <= found
        assert all(i < j for i, j in found)

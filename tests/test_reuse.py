"""Text reuse: duplicates, near duplicates, shared passages, copy groups."""

from newsfuse.fuse.reuse import copy_groups, find_copies, quoted_spans, tokenize

WIRE = (
    "Washington and Baghdad will begin discussions expected to lead to a timeline to reduce the presence of "
    "troops from the US-led coalition fighting the Islamic State group, Iraq said Thursday. The announcement "
    "comes amid inflamed tensions as US forces have repeatedly struck Iran-backed groups in Iraq and Syria in "
    "response to dozens of attacks on bases hosting US and coalition troops in both countries."
)
LOCAL = "A local paragraph written by the outlet itself about the weather in the capital and the traffic."


def test_exact_and_near_duplicates():
    texts = {
        "a": WIRE,
        "b": WIRE.replace(" ", "  "),  # same words, other spacing
        "c": WIRE.replace("Thursday", "on Thursday"),
        "d": LOCAL * 3,
    }
    kinds = {(c.a, c.b): c.kind for c in find_copies(texts)}
    assert kinds[("a", "b")] == "duplicate"
    assert kinds[("a", "c")] == "near_duplicate"
    assert ("a", "d") not in kinds


def test_shared_passage_survives_rewrapping_and_local_paragraphs():
    wrapped = "\n".join(WIRE[i : i + 70] for i in range(0, len(WIRE), 70))
    texts = {"wire": WIRE, "copy": LOCAL + "\n\n" + wrapped.replace("\n", "\n") + "\n\n" + LOCAL}
    (copy,) = find_copies(texts)
    assert copy.kind == "shared_passages" and copy.passages
    p = copy.passages[0]
    assert texts["copy"][p.a_start : p.a_end].startswith("Washington")
    assert texts["wire"][p.b_start : p.b_end].startswith("Washington")
    assert p.words >= 40


def test_shared_quotes_alone_are_not_copying():
    quote = "“We are here at the request of the government of Iraq and we will leave when the government of Iraq considers,”"
    texts = {"x": f"{quote} the minister said on a visit to Baghdad on Thursday afternoon.",
             "y": f"Speaking to reporters in a press conference, he repeated: {quote}"}
    assert find_copies(texts) == []


def test_quoted_spans_run_to_paragraph_end_when_unclosed():
    text = 'He said "this is open\n\nNext paragraph.'
    (span,) = quoted_spans(text)
    assert text[span[0] : span[1]] == "this is open"
    toks = tokenize(text)
    assert toks.quoted[toks.words.index("open")] and not toks.quoted[toks.words.index("next")]


def test_copy_groups_union_linked_articles():
    texts = {"a": WIRE, "b": WIRE, "c": LOCAL}
    groups = copy_groups(sorted(texts), find_copies(texts))
    assert groups == {"a": "a", "b": "a", "c": "c"}


# --------------------------------------------------------------------------- scalable detector

import pytest  # noqa: E402

from newsfuse.fuse.reuse import group_origins  # noqa: E402

PARAS = [
    "Police in the northern city said on Tuesday that three people had been arrested after a protest "
    "outside the parliament building turned violent late on Monday evening.",
    "The protesters, who had gathered to oppose a new tax on fuel, threw stones at officers and set fire "
    "to two cars parked near the main entrance of the building.",
    "A spokesman for the interior ministry said the government would not withdraw the tax, which it says "
    "is needed to reduce the budget deficit agreed with international lenders.",
    "Opposition leaders called for calm but said they would hold another rally at the weekend in the "
    "capital's central square, where thousands are expected to attend.",
]
ORIGINAL = "\n\n".join(PARAS)


def _wrap(text: str, width: int = 60) -> str:
    out, col = [], 0
    for word in text.split(" "):
        if col + len(word) > width:
            out.append("\n")
            col = 0
        elif out:
            out.append(" ")
        out.append(word)
        col += len(word) + 1
    return "".join(out)


def test_rewrapped_trimmed_reordered_copy_aligns_passages():
    copy = "\n\n".join(["Local headline about the protest", _wrap(PARAS[0]), LOCAL, PARAS[2], PARAS[1]])
    texts = {"orig": ORIGINAL, "copy": copy}
    (c,) = find_copies(texts)
    assert c.kind == "shared_passages" and len(c.passages) >= 2
    for p in c.passages:  # a = "copy", b = "orig": every passage is the same words in both
        a_words = copy[p.a_start : p.a_end].split()
        b_words = ORIGINAL[p.b_start : p.b_end].split()
        assert a_words == b_words
    found = {ORIGINAL[p.b_start : p.b_end].split()[0] for p in c.passages}
    assert {"Police", "The", "A"} <= found  # paragraphs 1, 2 and 3 each aligned, whatever their order


def test_light_edit_does_not_break_a_passage():
    edited = ORIGINAL.replace("threw stones", "hurled stones")
    (c,) = find_copies({"a": ORIGINAL, "b": edited})
    assert c.kind == "near_duplicate"
    longest = max(c.passages, key=lambda p: p.words)
    assert longest.words >= 90  # one passage through the edited word


def test_near_duplicate_but_not_unrelated():
    texts = {"a": ORIGINAL, "b": ORIGINAL + " He added nothing.", "c": LOCAL + " " + WIRE}
    kinds = {(c.a, c.b): c.kind for c in find_copies(texts)}
    assert kinds == {("a", "b"): "near_duplicate"}


def test_origin_is_earliest_then_longest():
    trimmed = "\n\n".join(PARAS[:3])
    texts = {"a": trimmed, "b": ORIGINAL}
    (c,) = find_copies(texts)
    assert c.origin == "b"  # undated: the more complete text
    (c,) = find_copies(texts, dates={"a": "2024-01-24", "b": "2024-01-25"})
    assert c.origin == "a"
    groups = copy_groups(sorted(texts), [c])
    assert group_origins(groups, texts, {"a": "2024-01-24", "b": None}) == {"a": "a"}
    assert group_origins(groups, texts) == {"a": "b"}


def test_boilerplate_over_max_df_is_not_evidence():
    boiler = ("This article was produced by the newsroom of the group and may not be republished, "
              "rewritten or redistributed without the written permission of the editors.")
    texts = {f"n{i}": PARAS[i] + "\n\n" + boiler for i in range(4)}
    assert find_copies(texts, max_df=3) == []  # shared by more articles than max_df: a stock text
    assert len(find_copies(texts)) == 6


@pytest.fixture(scope="module")
def seeds():
    from newsfuse.ingest import read_inputs
    from newsfuse.settings import Settings

    docs = [d for d in read_inputs(["examples/seeds"], Settings()) if hasattr(d, "text")]
    return {d.id[:3]: d.text for d in docs}


def test_seeds_reuse(seeds):
    copies = {(c.a[:3], c.b[:3]): c for c in find_copies(seeds)}
    assert {"000", "002", "004"} <= set(seeds)
    assert ("000", "002") in copies and copies[("000", "002")].passages
    background = "a loose alliance of Iran-linked"
    for pair in [("000", "002"), ("000", "004"), ("002", "004")]:
        c = copies[pair]
        assert any(background in seeds[pair[0]][p.a_start : p.a_end] for p in c.passages)
    assert all(c.kind == "shared_passages" for c in copies.values())  # no seed near-duplicates another
    assert not any("001" in pair for pair in copies)  # 001 shares only quoted speech
    groups = copy_groups(sorted(seeds), list(copies.values()))
    assert groups["001"] != groups["000"] and groups["000"] == groups["002"] == groups["004"]

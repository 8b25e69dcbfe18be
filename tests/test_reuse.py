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

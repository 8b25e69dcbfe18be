"""Entity aliases and quote fusion across articles."""

from newsfuse.fuse.entities import link_entities, name_tokens
from newsfuse.fuse.quotes import merge_quotes
from newsfuse.records import EntityMention, QuoteMention


def _ents(*items):
    return [EntityMention(a, i, i + len(t), t, lab) for i, (a, t, lab) in enumerate(items)]


def test_name_tokens_drop_arabic_article():
    assert name_tokens("Al-Sudani") == ("sudani",)
    assert name_tokens("Mohamed Shia al-Sudani") == ("mohamed", "shia", "sudani")


def test_transliterations_and_surnames_are_one_person():
    idx = link_entities(_ents(("a", "Mohamed Shia al-Sudani", "PERSON"), ("b", "Muhammad Shiaa Al-Sudani", "PERSON"),
                              ("b", "Al-Sudani", "PERSON"), ("c", "Sudani", "ORG"), ("c", "Joe Biden", "PERSON")))
    sudani = idx.resolve("Sudani")
    assert sudani is not None and sudani.type == "PERSON"
    assert idx.resolve("Muhammad Shiaa Al-Sudani") is sudani or idx.resolve("Muhammad Shiaa Al-Sudani").id == sudani.id
    assert {"Al-Sudani", "Sudani"} <= set(sudani.aliases) | {sudani.name}
    assert idx.resolve("Joe Biden").id != sudani.id


def test_different_people_with_one_surname_stay_apart():
    idx = link_entities(_ents(("a", "Joe Biden", "PERSON"), ("a", "Hunter Biden", "PERSON"), ("b", "Biden", "PERSON")))
    assert idx.resolve("Joe Biden").id != idx.resolve("Hunter Biden").id


def test_a_name_met_only_inside_quotation_marks_is_an_alias_not_the_name():
    """A quoted tweet's "Crooked Hillary Clinton" is the same person, named as the writers name her."""
    texts = {"a": 'Trump wrote: "Crooked Hillary Clinton lost." Hillary Clinton did not reply.',
             "b": "\u201cCrooked Hillary Clinton is done,\u201d he said of Clinton."}
    spans = [("a", "Crooked Hillary Clinton"), ("a", "Hillary Clinton"), ("b", "Crooked Hillary Clinton"),
             ("b", "Clinton")]
    mentions = []
    for art, name in spans:
        start = texts[art].find(name, mentions[-1].end if mentions and mentions[-1].article == art else 0)
        mentions.append(EntityMention(art, start, start + len(name), name, "PERSON"))
    idx = link_entities(mentions, texts)
    person = idx.resolve("Clinton")
    assert person.name == "Hillary Clinton" and "Crooked Hillary Clinton" in person.aliases
    # without the texts, nothing says where a name was written: the fullest form is the name
    assert link_entities(mentions).resolve("Clinton").name == "Crooked Hillary Clinton"


def test_acronym_links_to_full_name():
    idx = link_entities(_ents(("a", "the United States", "GPE"), ("b", "US", "GPE")))
    assert idx.resolve("US").id == idx.resolve("the United States").id


def _q(article, text, speaker, direct=True, start=0, **kw):
    """A statement by ``speaker`` (None: an unresolved "he", compatible with any speaker)."""
    kw.setdefault("speaker_kind", "person")
    return QuoteMention(article, start, start + len(text), text, direct, speaker_name=speaker,
                        speaker_text=speaker or "he", **kw)


def test_positions_and_spans_that_are_not_speakers_are_not_quotes_of_the_account():
    idx = link_entities(_ents(("a", "Lloyd Austin", "PERSON")))
    quotes = [_q("a", "the upcoming meetings would not negotiate the withdrawal", "A senior US defence official",
                 speaker_kind="anonymous"),
              _q("a", "meetings", "Lloyd Austin", direct=False, start=100, statement=False),
              _q("a", "a need to transition to a normal bilateral relationship", "the upcoming meetings",
                 direct=False, start=200, speaker_kind=None),
              _q("a", "responsibility for the drone strike", None, direct=False, start=300, speaker_kind=None)]
    (q,) = merge_quotes(quotes, idx, {})
    assert q.speaker_name == "A senior US defence official"


def test_one_speaker_name_however_its_apostrophe_and_case_are_written():
    quotes = [_q("a", "the timeline would be contingent on evaluating the threat", "Iraq's foreign ministry",
                 speaker_kind="organisation"),
              _q("b", "the importance of regional de-escalation in the whole region", "Iraq’s Foreign Ministry",
                 speaker_kind="organisation")]
    assert {q.speaker_name for q in merge_quotes(quotes, link_entities([]), {})} == {"Iraq's foreign ministry"}


def test_same_statement_in_three_articles_is_one_quote_with_copy_groups_counted_once():
    idx = link_entities(_ents(("a", "Jose Manuel Albares", "PERSON"), ("b", "Albares", "PERSON")))
    text = "We are here at the request of the government of Iraq and we will leave when the government of Iraq considers"
    quotes = [_q("a", text, "Jose Manuel Albares"), _q("b", text + ".", "Albares"), _q("c", text[:60], None)]
    (q,) = merge_quotes(quotes, idx, {"a": "a", "b": "b", "c": "a"})
    assert len(q.mention_ids) == 3
    assert q.independent_sources == 2
    assert q.speaker_name == "Jose Manuel Albares"


def test_similar_words_by_different_speakers_stay_apart():
    idx = link_entities(_ents(("a", "Joe Biden", "PERSON"), ("b", "Adrian Watson", "PERSON")))
    quotes = [_q("a", "we will hold all those responsible to account at a time and in a manner of our choosing", "Joe Biden"),
              _q("b", "the United States will act in a time and manner of our choosing if these attacks continue", "Adrian Watson")]
    assert len(merge_quotes(quotes, idx, {})) == 2


def test_unlinked_speakers_written_differently_stay_apart():
    idx = link_entities(_ents(("a", "Jose Manuel Albares", "PERSON")))
    quotes = [_q("a", "the risks of an escalation of violence across the Middle East made a halt more important",
                 "Jose Manuel Albares", direct=False),
              _q("b", "an end to the cycle of violence in the Middle East", "Iraqi authorities", direct=False)]
    assert len(merge_quotes(quotes, idx, {})) == 2


def test_short_phrase_needs_a_run_of_words_in_common():
    idx = link_entities(_ents(("a", "Joe Biden", "PERSON")))
    quotes = [_q("a", "violence across the Middle East escalation risks", None, direct=False),
              _q("b", "escalation of violence in the Middle East risks", None, direct=False, start=5)]
    assert len(merge_quotes(quotes, idx, {})) == 2
    same = [_q("a", "attacks need to stop now", None), _q("b", "the attacks need to stop now, all of them", None)]
    assert len(merge_quotes(same, idx, {})) == 1


def test_identical_short_statements_merge_across_articles():
    idx = link_entities(_ents(("a", "Iraq", "GPE")))
    quotes = [_q("a", "We condemn this attack", "Iraq's foreign ministry", speaker_kind="organisation"),
              _q("b", "We condemn this attack.", "Iraq’s Foreign Ministry", speaker_kind="organisation"),
              _q("c", "we condemn this attack", None)]
    (q,) = merge_quotes(quotes, idx, {})
    assert len(q.mention_ids) == 3 and q.independent_sources == 3
    assert q.speaker_name == "Iraq's foreign ministry"
    # the same few words by two different speakers are two statements
    other = [*quotes[:2], _q("c", "We condemn this attack", "Kurdistan Region officials", speaker_kind="anonymous")]
    assert sorted(len(f.mention_ids) for f in merge_quotes(other, idx, {})) == [1, 2]
    # a short statement that is not the same words still needs a run of words in common
    near = [quotes[0], _q("b", "We condemn the attack", "Iraq's foreign ministry", speaker_kind="organisation")]
    assert len(merge_quotes(near, idx, {})) == 2


def test_a_statement_whose_author_is_not_named_joins_its_author_elsewhere():
    idx = link_entities(_ents(("a", "Lloyd Austin", "PERSON")))
    text = "the meetings would determine how the coalition's military mission will evolve on a timeline"
    quotes = [_q("a", text, "Lloyd Austin"),
              _q("b", text, "the statement", speaker_kind="document", direct=False)]
    (q,) = merge_quotes(quotes, idx, {})
    assert q.speaker_name == "Lloyd Austin" and len(q.mention_ids) == 2
    # alone, the document is the speaker a reader sees
    (alone,) = merge_quotes(quotes[1:], idx, {})
    assert alone.speaker_name == "the statement"


def test_a_title_written_alone_is_the_one_person_of_the_story_who_holds_it():
    texts = {"a": "Spanish Foreign Minister Jose Manuel Albares said the attacks need to stop.",
             "b": "Iraqi Prime Minister Mohamed Shia al-Sudani said IS is no longer a danger."}
    ents = [EntityMention("a", 25, 44, "Jose Manuel Albares", "PERSON"),
            EntityMention("b", 21, 43, "Mohamed Shia al-Sudani", "PERSON")]
    idx = link_entities(ents, texts)
    quotes = [_q("a", "the attacks against the troops need to stop", "Jose Manuel Albares", direct=False),
              _q("c", "we are here at the request of the government of Iraq", "the Spanish foreign minister",
                 start=50),
              _q("c", "the attacks against the troops need to stop now", "the Spanish foreign minister", start=200),
              _q("d", "our forces can keep the country safe", "the prime minister", start=10)]
    fused = {q.text: q for q in merge_quotes(quotes, idx, {})}
    here = fused["we are here at the request of the government of Iraq"]
    assert here.speaker_name == "Jose Manuel Albares" and here.speaker == idx.resolve("Jose Manuel Albares").id
    stop = next(q for q in fused.values() if "need to stop" in q.text)
    assert len(stop.mention_ids) == 2 and stop.speaker_name == "Jose Manuel Albares"
    # a description that is not a whole title stays as written ('the prime minister': whose?)
    assert fused["our forces can keep the country safe"].speaker is None
    # a title two people hold is no one's
    two = {**texts, "e": "Spanish Foreign Minister Pedro Sanchez spoke."}
    idx = link_entities([*ents, EntityMention("e", 25, 38, "Pedro Sanchez", "PERSON")], two)
    (alone,) = merge_quotes(quotes[1:2], idx, {})
    assert alone.speaker is None and alone.speaker_name == "the Spanish foreign minister"


def test_a_poll_is_a_source_of_its_own_not_an_authorless_statement():
    idx = link_entities(_ents(("a", "Donald Trump", "PERSON")))
    text = "Clinton beats Trump by 46 percent to 42 percent among likely voters in the state"
    quotes = [_q("a", text, "Donald Trump"), _q("b", text, "the poll", speaker_kind="document", direct=False)]
    assert {q.speaker_name for q in merge_quotes(quotes, idx, {})} == {"Donald Trump", "the poll"}


def test_a_statement_lists_without_the_reporters_that():
    from newsfuse.fuse.quotes import as_said

    assert as_said("that \u201cthe Iraqi government is moving toward ending\u201d") == "\u201cthe Iraqi government is moving toward ending\u201d"
    assert as_said("that the talks would begin") == "the talks would begin"
    assert as_said("That is unacceptable") == "That is unacceptable"  # the speaker's own word
    assert as_said("that") == "that" and as_said("thatcherism is back") == "thatcherism is back"

"""What a reader sees of the quotes: statements with a speaker, not positions, topics or phrases (issue #12).

The extractor still reports every attribution PolNeAR counts ("called for a ceasefire", "oppose US
support"): the benchmark scores them. The account lists statements only: words said or written, by
a person, an organisation, a document or an anonymous source.
"""

import re

import pytest

from newsfuse.annotate.quotes import extract_quotes
from newsfuse.present.query import quoted


def _one(nlp, text, needle):
    found = [q for q in extract_quotes(nlp(text), "a1") if needle in q.text]
    assert found, [q.text for q in extract_quotes(nlp(text), "a1")]
    return found[0]


@pytest.mark.parametrize("text,needle,kind", [
    ("Spanish Foreign Minister Jose Manuel Albares said the attacks need to stop.", "attacks need", "person"),
    ("A senior US defence official said the meetings would not negotiate a withdrawal.", "meetings would",
     "anonymous"),
    ("The ministry said in a statement that talks would begin on Saturday.", "talks would begin", "organisation"),
    ("The report said that 300 troops would stay in the country.", "300 troops", "document"),
])
def test_speaker_kinds(nlp, text, needle, kind):
    q = _one(nlp, text, needle)
    assert q.statement and q.speaker_kind == kind


@pytest.mark.parametrize("text,needle", [
    ("US Secretary of Defense Lloyd Austin confirmed meetings in the coming days.", "meetings"),
    ("The groups oppose US support for Israel in the Gaza conflict.", "US support"),
    ("Spanish Prime Minister Pedro Sanchez is calling for a permanent ceasefire in Gaza.", "ceasefire"),
])
def test_positions_and_topics_are_not_statements(nlp, text, needle):
    assert not _one(nlp, text, needle).statement


def test_a_negated_subject_said_nothing(nlp):
    q = _one(nlp, "None of the pro-Tehran groups in Iraq, Syria or Yemen claimed that they carried out the strike.",
             "carried out")
    assert q.speaker_kind is None


def test_a_described_person_is_the_next_he(nlp):
    text = ("The Al-Hurra channel correspondent in Iraq had indicated earlier that an air bombardment targeted the "
            "headquarters of militias in Hilla.\n\nHe added, \u201cMore than 19 people were transferred to a "
            "hospital near the bombing site.\u201d")
    q = _one(nlp, "Prime Minister Mohamed Shia al-Sudani said the coalition must leave.\n\n" + text, "More than 19")
    assert "correspondent" in q.speaker_name


def test_according_to_source_stops_before_the_clause_subject(nlp):
    q = _one(nlp, "According to the media office of the Iraqi Prime Minister, Al-Sudani and Sanchez will hold a "
                  "discussion session on bilateral relations.", "discussion session")
    assert q.speaker_text == "the media office of the Iraqi Prime Minister"
    assert q.text.startswith("Al-Sudani and Sanchez will hold")


def _by_cue(nlp, text):
    return {q.cue: q for q in extract_quotes(nlp(text), "a1")}


def test_a_second_verb_of_the_speaker_is_not_the_reported_clause_subjects(nlp):
    """'X said A but acknowledged B': the parser joins *acknowledged* to A's verb; it is X who acknowledged,
    and A ends before the 'but'."""
    quotes = _by_cue(nlp, "A senior US defence official said the upcoming meetings would not negotiate the "
                          "withdrawal of American forces from Iraq but acknowledged \"a need to transition to a "
                          "normal bilateral security cooperation relationship.\"")
    assert quotes["said"].text == "the upcoming meetings would not negotiate the withdrawal of American forces from Iraq"
    acknowledged = quotes["acknowledged"]
    assert acknowledged.text.startswith("a need to transition")
    assert acknowledged.speaker_name == "A senior US defence official" and acknowledged.speaker_kind == "anonymous"
    assert acknowledged.statement


def test_a_participle_after_a_closing_mark_starts_a_new_quote(nlp):
    """'He added, "A," stressing that "B."': the participle set off by the comma and the mark reports B."""
    quotes = _by_cue(nlp, "Prime Minister Muhammad Al-Sudani received the Spanish envoy in Baghdad.\n\nHe added, "
                          "\u201cThe Iraqi government is in the process of rearranging the relationship in light of "
                          "capable Iraqi forces,\u201d stressing that \u201cthe Iraqi government is moving toward ending "
                          "the presence of the coalition.\u201d")
    assert quotes["added"].text.endswith("capable Iraqi forces,") and "stressing" not in quotes["added"].text
    assert "moving toward ending" in quotes["stressing"].text
    assert {q.speaker_name for q in quotes.values()} == {"Muhammad Al-Sudani"}


def test_a_participle_that_shares_the_subject_keeps_its_own_clause(nlp):
    """'"A," X said, adding that B': the quotation before X is said's; adding reports B, by X."""
    quotes = _by_cue(nlp, "\u201cThe Iraqi government condemns the ongoing escalation,\u201d Government Spokesman "
                          "Bassem Al-Awadi said in a statement, adding that it was willing \u201cto collaborate on "
                          "establishing fundamental rules to prevent further repercussions.\u201d")
    assert quotes["said"].text.startswith("The Iraqi government condemns")
    assert quotes["adding"].text.startswith("that it was willing")
    assert quotes["adding"].speaker_name == "Bassem Al-Awadi"


def test_an_object_before_a_subjectless_clause_is_its_subject(nlp):
    """'adding the repeated attacks ... need to stop': the parser reads *the attacks* as adding's object."""
    quotes = _by_cue(nlp, "\"We are here at the request of the government of Iraq and we will leave when the "
                          "government of Iraq considers,\" Albares said, adding the repeated attacks that are blamed "
                          "on the Iranian-backed militias need to stop.")
    assert quotes["adding"].text == "the repeated attacks that are blamed on the Iranian-backed militias need to stop"
    assert quotes["said"].text.startswith("We are here")


def test_a_quoted_phrase_as_a_verbs_object_is_no_statement_but_a_voiced_hope_is(nlp):
    quotes = _by_cue(nlp, "Prime Minister Muhammad Al-Sudani received the Spanish envoy.\n\nHe appreciated \u201cSpain\u2019s "
                          "desire for cooperation and joint work with Iraq,\u201d expressing his hope that \u201cthere will "
                          "be practical steps to strengthen this relationship.\u201d")
    assert not quotes["appreciated"].statement
    assert quotes["expressing"].statement and quotes["expressing"].speaker_name == "Muhammad Al-Sudani"
    scoffed = _one(nlp, "\u201cThis deal is a disgrace and it will not pass,\u201d Johnson scoffed.", "disgrace")
    assert scoffed.statement  # a quotation that is a clause, next to any verb with a subject
    # a verb that is not one of expressing, or a negated object, is the writer's remark
    remark = _one(nlp, "In one post, Senator Tom Hale said: \"Did she help him?\"\n\nHe offered no proof that the "
                       "mayor had a role in the decision.", "no proof")
    assert not remark.statement


def test_a_person_under_a_preposition_is_not_the_role_holder(nlp):
    q = _one(nlp, "Mayor Ann Lee said the bridge would open in May.\n\nA spokeswoman for Ann Lee said the "
                  "date could still move.", "date could")
    assert q.speaker_name == "A spokeswoman for Ann Lee" and q.speaker_kind == "person"


def test_the_statement_speaks_for_its_author_but_a_poll_for_itself(nlp):
    text = ("US Secretary of Defense Lloyd Austin confirmed the meetings.\n\nThe meetings would decide how the "
            "mission will evolve, the statement said.\n\nAccording to the poll, most voters oppose the mission.")
    statement = _one(nlp, text, "mission will evolve")
    assert statement.speaker_name == "Lloyd Austin"
    poll = _one(nlp, text, "most voters oppose")
    assert poll.speaker_name == "the poll" and poll.speaker_kind == "document"


def test_a_role_written_next_to_a_name_rules_out_another_role(nlp):
    """'The GOP nominee' after 'rival Hillary Clinton' spoke is not Clinton: the words written next to her name
    hold neither GOP nor nominee. 'The minister' after 'Foreign Minister X' is X."""
    gop = _by_cue(nlp, "Rival Hillary Clinton said anybody who complains about a microphone is not having a good "
                       "night.\n\nThe GOP nominee complained about his mic the morning after the debate, even "
                       "suggesting he may have been sabotaged.")
    suggesting = next(q for cue, q in gop.items() if cue.endswith("suggesting"))
    assert suggesting.speaker_name == "The GOP nominee" and suggesting.speaker_kind == "person"
    minister = _by_cue(nlp, "Spanish Foreign Minister Jose Manuel Albares said the attacks must stop.\n\nThe "
                            "minister has not said when the troops would leave.")
    assert minister["has not said"].speaker_name == "Jose Manuel Albares"  # the cue holds its auxiliary, negation


def test_a_quotation_after_a_closing_mark_continues_the_statement(nlp):
    """'... genocide.\u201d \u201cIt violated all international laws.\u201d': a new sentence in marks with no cue of its
    own goes on with the speaker before it, also when the sentence before ended inside its own marks."""
    q = _one(nlp, "Prime Minister Muhammad Al-Sudani pointed out that \u201cthis visit comes in light of the difficult "
                  "circumstances in the region,\u201d appreciating \u201cSpain\u2019s role in condemning these attacks that "
                  "have risen to the level of genocide.\u201d \u201cIt violated all international laws and the laws of "
                  "war.\u201d", "It violated")
    assert q.speaker_name == "Muhammad Al-Sudani" and q.direct and q.statement


def test_a_title_in_marks_that_starts_the_writers_sentence_continues_nothing(nlp):
    text = ("Mayor Ann Lee said, \u201cWe will rebuild the bridge by spring.\u201d \u201cWe will pay for it with our "
            "own money.\u201d\n\n\u201cThe Old River Bridge Song\u201d was written by a local band in 1999.")
    found = {q.text: q for q in extract_quotes(nlp(text), "a1")}
    assert "The Old River Bridge Song" not in found
    assert found["We will pay for it with our own money."].speaker_name == "Ann Lee"


# --------------------------------------------------------------------------- the seeds' listing

#: Every quote of the seeds' account, as (speaker, start of the quote as listed: without the reporter's "that"),
#: that a careful reader accepts.
ACCEPTED = {
    ("Jose Manuel Albares", "Attacks against foreign troops need to stop"),
    ("Jose Manuel Albares", "We are here at the request of the government of Iraq"),
    ("Jose Manuel Albares", "I consider that it is crucial to avoid a spillover"),
    ("Jose Manuel Albares", "We are extremely worried by the constant attacks"),
    ("Jose Manuel Albares", "A lasting and immediate ceasefire must be"),
    ("Jose Manuel Albares", "the risks of an escalation of violence"),
    ("Jose Manuel Albares", "a ceasefire needed to be accompanied"),
    ("Jose Manuel Albares", "the repeated attacks that are blamed on the Iranian-backed militias need to stop"),
    ("Muhammad Shiaa Al-Sudani", "The Iraqi government is in the process of rearranging"),
    ("Muhammad Shiaa Al-Sudani", "\u201cthe Iraqi government is moving toward ending"),
    ("Muhammad Shiaa Al-Sudani", "There have recently been attacks on Iraqi military bases"),
    ("Muhammad Shiaa Al-Sudani", "These attacks have previously been diagnosed"),
    ("Muhammad Shiaa Al-Sudani", "\u201cthis visit also comes in light"),
    ("Muhammad Shiaa Al-Sudani", "\u201cthe Iraqi government is aware"),
    ("Muhammad Shiaa Al-Sudani", "the importance of stopping the devastating war"),
    ("Muhammad Shiaa Al-Sudani", "he hopes to form"),
    ("Muhammad Shiaa Al-Sudani", "The meeting with the Spanish Prime Minister"),
    ("Muhammad Shiaa Al-Sudani", "the role of the coalition and Spain in supporting"),
    ("Muhammad Shiaa Al-Sudani", "IS \"is no longer a danger"),
    ("Muhammad Shiaa Al-Sudani", "his hope that \u201cthere will be practical steps"),
    ("Muhammad Shiaa Al-Sudani", "It violated all international laws and the laws of war"),
    ("the US National Security Council", "President (Joe) Biden was immediately briefed"),
    ("the US National Security Council", "During that call, the President directed strikes"),
    ("the Islamic Resistance in Iraq", "to have launched three drone attacks"),
    ("Iraq's foreign ministry", "The two countries agreed to form working groups"),
    ("Iraq's foreign ministry", "the timeline would be contingent"),
    ("Iraq's foreign ministry", "it was \u201cnecessary\u201d"),
    ("Iraq's foreign ministry", "the importance of regional de-escalation"),
    ("The Al-Hurra channel correspondent in Iraq", "an air bombardment targeted"),
    ("The Al-Hurra channel correspondent in Iraq", "More than 19 people"),
    ("Kurdistan Region officials", "the Coalition troops need to maintain"),
    ("Harakat al-Nujaba", "the United States should \u201clearn the lesson"),
    ("Adrian Watson", "the attack led to the injury of 3 soldiers"),
    ("Adrian Watson", "Early this morning (Tuesday) in northern Iraq"),
    ("Adrian Watson", "The President places no higher priority"),
    ("Adrian Watson", "The Iranian-backed Kataib Hezbollah militia"),
    ("the media office of the Iraqi Prime Minister", "The Iraqi government confirms"),
    ("the media office of the Iraqi Prime Minister", "Al-Sudani and Sanchez will hold"),
    ("Coalition", "At least 500 Spanish military personnel"),
    ("Iraq", "Washington and Baghdad will begin discussions"),
    ("Agence France-Presse", "This attack is one of more than 100 attacks"),
    ("Lloyd Austin", "The meetings would \"determine how"),
    ("A senior US defence official", "the upcoming meetings would not negotiate the withdrawal of American forces "
                                     "from Iraq"),
    ("A senior US defence official", "a need to transition to a normal bilateral security cooperation"),
    ("The Iraqi News Agency", "work stopped at the airport"),
    ("Bassem Al-Awadi", "The Iraqi government condemns the ongoing escalation"),
    ("Bassem Al-Awadi", "it was willing \u201cto collaborate"),
    ("Joe Biden", "Have no doubt"),
}

#: Quotes of the listing a careful reader would reject (issue #12 allows at most three), with the reason. None
#: now: "He appreciated 'Spain's desire for cooperation'" (praise, a quoted phrase as the object of a verb that
#: is not one of saying) was the last, and is no longer a statement. Judged and kept: "He added: 'These attacks
#: ...'" after the Prime Minister's media office spoke is the Prime Minister (his office speaks for him); the
#: quoted noun phrases after a verb of saying ("stressed 'the importance of ...'", "noting 'the role of ...'")
#: are what the speaker said.
REJECTED: set[tuple[str, str]] = set()

#: The seven speakers issue #12 names, with their statements in the seeds: (words of a mention, or of several
#: mentions that must be one quote; the seeds that carry the statement). A statement several seeds carry is one
#: quote with a mention in each.
SEVEN = {
    "Jose Manuel Albares": [
        (("foreign troops need to stop", 'against ISIS "need to stop', 'US-led troops in Iraq "need to stop'),
         {"000", "001", "002"}),
        ("We are here at the request of the government of Iraq", {"000", "001", "002"}),
        ("avoid a spillover effect of the crisis in Gaza", {"000", "001", "002"}),
        ("We are extremely worried by the constant attacks", {"000", "002"}),
        ("A lasting and immediate ceasefire", {"000"}),
        ("a ceasefire needed to be accompanied by an international peace conference", {"000"}),
    ],
    "Muhammad Shiaa Al-Sudani": [  # "Mohamed Shia al-Sudani", "Sudani", "Al-Sudani", "He", "The Iraqi Prime Minister"
        ("is no longer a danger", {"002"}),
        ("he hopes to form", {"002"}),
        ("moving toward ending the presence of the international coalition", {"003"}),
        ("There have recently been attacks on Iraqi military bases", {"003"}),
        ("this visit also comes in light of the difficult circumstances", {"003"}),
        ("the Iraqi government is aware, committed, and capable", {"003"}),
        ("the importance of stopping the devastating war in Gaza", {"003"}),
        ("It violated all international laws", {"003"}),
    ],
    "Adrian Watson": [  # National Security Council spokeswoman
        ("American military personnel were targeted by a drone", {"003"}),
        ("the attack led to the injury of 3 soldiers", {"003"}),
        ("claimed responsibility for the attack", {"003"}),
        ("places no higher priority than protecting American personnel", {"003"}),
    ],
    "Joe Biden": [("we will hold all those responsible to account", {"004"})],
    "Bassem Al-Awadi": [  # the Iraqi government spokesman
        ("The Iraqi government condemns the ongoing escalation", {"004"}),
        ("to collaborate on establishing fundamental rules", {"004"}),
    ],
    "Harakat al-Nujaba": [("learn the lesson and leave today", {"004"})],
    "Lloyd Austin": [("determine how the Coalition's military mission will evolve", {"002"})],
}


def _listed(quote, table):
    return next(((s, t) for s, t in table if quote["speaker_name"] == s and quote["text"].startswith(t)), None)


def _flat(text):
    return " ".join(text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split())


def _carrying(quotes, words):
    """The fused quotes with a mention whose words hold ``words``."""
    return [q for q in quotes if any(_flat(words) in _flat(m["text"]) for m in q["mentions"])]


def test_seed_listing_holds_only_statements_a_reader_accepts(seed_account):
    assert len(REJECTED) <= 3 and not ACCEPTED & REJECTED
    unknown = [(q["speaker_name"], q["text"][:60]) for q in seed_account["quotes"]
               if _listed(q, ACCEPTED) is None and _listed(q, REJECTED) is None]
    assert not unknown  # a quote no one has judged: accept it above, or fix what made it
    found = {_listed(q, ACCEPTED) for q in seed_account["quotes"]} - {None}
    assert len(found) >= len(ACCEPTED) - 2, sorted(ACCEPTED - found)


@pytest.mark.parametrize("speaker", sorted(SEVEN))
def test_the_seven_speakers_statements_are_found_merged_and_credited(seed_account, speaker):
    quotes = seed_account["quotes"]
    for needles, seeds in SEVEN[speaker]:
        carrying = {q["id"]: q for words in ([needles] if isinstance(needles, str) else needles)
                    for q in _carrying(quotes, words)}
        assert len(carrying) == 1, (needles, [(q["speaker_name"], q["text"][:50]) for q in carrying.values()])
        (q,) = carrying.values()
        assert q["speaker_name"] == speaker, (needles, q["speaker_name"])
        assert {m["article"][:3] for m in q["mentions"]} >= seeds, needles
    # one speaker, however the seeds write the name: every quote credited to the name has one entity
    assert len({q["speaker"] for q in quotes if q["speaker_name"] == speaker}) == 1


def test_seed_listing_merges_copies_and_fixes_the_issues_examples(seed_account):
    quotes = seed_account["quotes"]
    (albares,) = _carrying(quotes, "Attacks against foreign troops need to stop")
    assert albares["independent_sources"] == 2 and len(albares["mentions"]) >= 4  # two outlets, one a wire copy
    speakers = {q["speaker_name"] for q in quotes}
    # the mistakes issue #12 listed
    assert not any(q["text"] in ("meetings", "US support for Israel in the Gaza conflict") for q in quotes)
    assert "the upcoming meetings" not in speakers and "the cycle of violence" not in speakers
    assert "the Islamic Resistance in" not in speakers and "Iran-linked groups" not in speakers
    (hospital,) = _carrying(quotes, "More than 19 people")
    assert hospital["speaker_name"] == "The Al-Hurra channel correspondent in Iraq"
    (transition,) = _carrying(quotes, "a need to transition")
    assert transition["speaker_name"] == "A senior US defence official"
    assert not any(s.startswith("None of") for s in speakers if s)
    assert len({s for s in speakers if s and s.replace("\u2019", "'").lower() == "iraq's foreign ministry"}) == 1
    # no quote runs over the writer's words between two quotations ('...,\u201d stressing that \u201c...')
    assert not any(re.search(r"[,.]\u201d \w+ing\b", q["text"]) for q in quotes)
    assert not any(q["text"].rstrip(" .,").endswith((" but", " and")) for q in quotes)


@pytest.mark.parametrize("text,direct,shown", [
    ("Have no doubt \u2014 we will act", True, "\u201cHave no doubt \u2014 we will act\u201d"),
    ("the attacks need to stop", False, "the attacks need to stop"),
    # a span that opens a quotation stops before its closing mark: closed, and not put in marks again
    ("that \u201cthe Iraqi government is moving toward ending the presence.", True,
     "that \u201cthe Iraqi government is moving toward ending the presence.\u201d"),
    ('IS "is no longer a danger for the Iraqi state', False, 'IS "is no longer a danger for the Iraqi state"'),
    # a quotation inside a quotation is balanced: the whole is still a quotation
    ("We call this \u201ca disgrace\u201d and reject it", True, "\u201cWe call this \u201ca disgrace\u201d and reject it\u201d"),
])
def test_a_quote_is_shown_with_balanced_marks(text, direct, shown):
    assert quoted(text, direct) == shown


def _parsed(nlp, words, heads, deps, lemmas):
    """A hand-built parse: the rule under test, not the parser's reading of the sentence."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)


def test_an_object_is_the_clause_subject_only_for_a_verb_without_a_hearer(nlp):
    from newsfuse.annotate.quotes._finders import _clause_start

    added = _parsed(nlp, ["He", "added", "the", "attacks", "need", "stopping"], [1, 1, 3, 1, 1, 4],
                    ["nsubj", "ROOT", "det", "dobj", "ccomp", "xcomp"], ["he", "add", "the", "attack", "need", "stop"])
    assert _clause_start(added[1], added[4]) == added[2].idx  # "the attacks need stopping"
    told = _parsed(nlp, ["He", "told", "the", "voter", "is", "wrong"], [1, 1, 3, 1, 1, 4],
                   ["nsubj", "ROOT", "det", "dobj", "ccomp", "acomp"], ["he", "tell", "the", "voter", "be", "wrong"])
    assert _clause_start(told[1], told[4]) == told[4].idx  # the voter heard it; "is wrong" is what was told


def test_the_hearer_between_a_verb_and_its_quotation(nlp):
    quotes = _by_cue(nlp, "\u201cWe will rebuild the bridge by spring,\u201d Mayor Ann Lee said before asking them, "
                          "\u201cWho will pay for it, if not the state?\u201d")
    assert quotes["said"].text.startswith("We will rebuild")
    assert quotes["asking"].text.startswith("Who will pay") and quotes["asking"].speaker_name == "Ann Lee"
    # an object that is not the hearer keeps a quotation after it from the verb: what was confirmed is meetings
    confirmed = extract_quotes(nlp("In a statement, US Secretary of Defense Lloyd Austin confirmed meetings "
                                   "\"in the coming days\" to discuss the \"transition\" of the coalition."), "a1")
    assert not any(q.text.startswith("in the coming days") and q.statement for q in confirmed)

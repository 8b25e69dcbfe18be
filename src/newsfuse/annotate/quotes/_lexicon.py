"""Word lists for the quote stage: reporting verbs, speaker nouns, pronouns."""

from __future__ import annotations

__all__ = [
    "SPEECH_VERBS",
    "CLAUSE_VERBS",
    "OBJECT_VERBS",
    "PERSON_PRONOUNS",
    "ORG_PRONOUNS",
    "PERSON_ROLES",
    "ORG_NOUNS",
    "SOURCE_NOUNS",
    "DOCUMENT_NOUNS",
    "NEGATING_DETERMINERS",
    "EXPRESSING_VERBS",
    "ISSUED_DOCUMENTS",
]

#: Verbs of saying: a cue whenever they take a clause, a quote or a colon.
SPEECH_VERBS = frozenset("""
say tell add note state claim argue warn write report announce explain insist suggest stress
confirm deny acknowledge admit assert declare emphasize emphasise reply respond recall predict
promise pledge vow urge caution comment continue conclude concede contend testify tweet post
complain charge allege affirm reiterate underline observe remark maintain proclaim boast joke
quip counter retort disclose reveal indicate mention ask tout describe answer agree speculate
announce inform assure remind signal highlight point accuse blast slam criticize criticise
praise threaten demand propose recommend advise order estimate forecast conclude wonder question
""".split())

#: Verbs of thinking / finding: a cue only when they take a finite clause.
CLAUSE_VERBS = frozenset("""
believe think fear hope worry know expect find show feel learn suspect doubt reckon consider
understand realize realise recognize recognise assume guess imagine wish prove decide determine
conclude rule plan want
""".split())

#: Verbs whose direct object is what was said ("announced a ceasefire", "cited the report").
OBJECT_VERBS = frozenset("""
announce confirm deny cite mention reveal disclose predict promise pledge demand propose
recommend criticize criticise condemn praise welcome reject dismiss acknowledge report
""".split())

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "i": "", "we": "", "you": ""}
ORG_PRONOUNS = frozenset({"it", "they"})

#: Head nouns of descriptions that stand for a person ("the minister", "Spain's top diplomat").
PERSON_ROLES = frozenset("""
minister president premier leader chief spokesman spokeswoman spokesperson official officer diplomat
secretary ambassador envoy senator governor mayor chairman chairwoman chair director commander
general admiral colonel captain adviser advisor aide negotiator lawmaker legislator representative
congressman congresswoman candidate nominee king queen prince emir sheikh cleric ayatollah judge
prosecutor attorney lawyer analyst expert researcher economist professor scientist author writer
correspondent reporter editor columnist host anchor ceo founder executive manager head deputy
counterpart politician activist witness resident source man woman father mother son daughter
wife husband friend doctor police policeman soldier veteran coach player chancellor pope
""".split())

#: Head nouns of descriptions that stand for an organisation ("the ministry", "the group").
ORG_NOUNS = frozenset("""
ministry government department agency office council committee commission group militia faction
movement party campaign company firm administration army military force forces embassy cabinet
parliament court union alliance coalition organization organisation institute bank authority
authorities police service board team network newspaper channel outlet station white house
""".split())

#: Nouns that make an anonymous source ("a senior official", "sources").
SOURCE_NOUNS = frozenset({"source", "sources", "official", "officials", "person", "people", "aide", "aides"})

#: Head nouns of texts that speak for their author ("the statement said", "a report found").
DOCUMENT_NOUNS = frozenset("""
statement report communique communiqué letter document release memo memorandum note message declaration
study survey poll filing complaint lawsuit indictment ruling verdict order decree resolution bill law
transcript interview post tweet video recording broadcast speech article editorial analysis assessment
""".split())

#: A subject under one of these said nothing: "None of the groups claimed responsibility".
NEGATING_DETERMINERS = frozenset({"none", "no", "neither", "nobody", "noone", "nothing"})

#: Verbs that put a stance into words: "expressed his hope that ...", "voiced the fear that ..." (the object's
#: clause is what was said).
EXPRESSING_VERBS = frozenset({"express", "voice", "convey", "share"})

#: Documents a speaker issues, so that "the statement said" speaks for the last speaker who could issue it; a
#: poll, a study, a report or a ruling has authors of its own.
ISSUED_DOCUMENTS = frozenset("statement communique communiqué release letter memo memorandum message declaration "
                             "note post tweet speech".split())

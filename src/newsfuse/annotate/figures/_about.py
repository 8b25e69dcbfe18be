"""Whom or what a figure is about: the owner or subject a reader would name with it.

``measure`` says what is counted ("users", "doctors"); ``about`` says whose
("Facebook", "Duly"). Rules, read from the dependency parse, in order:

- a figure in brackets after a name is about the name ("G Hunter Maldonado
  (15.3 ppg, 7.4 rpg)");
- a clause whose verb is left out (gapping) is about the noun phrase written just before
  its figure, after the comma or conjunction that opens it ("Shares of Ross were down
  2.3%, Burlington by 2.6%" -> "Burlington"; "... and fats and oils between 6% and 7%"), with
  its modifiers ("costs $30,000 and the premium version $45,000" -> "premium version"); with no
  comma before the nouns, an "and" between them opens the clause ("... and France 67 million");
- "compared with" is a preposition: a figure after it is about what its clause is about
  ("Profits were $3 billion, compared with $2 billion" -> "Profits"), and nothing when that
  clause's subject is another count's noun ("460 cars were stolen compared with 63");
- the holder: a possessor of the counted noun ("Johnson's deputies" -> "Johnson"),
  a name in its "of" phrase ("five seasons of Sesame Street"), the noun a
  measurement modifies ("a 352 μm pixel pitch" -> "pixel pitch") or the noun the
  figure is the amount of ("a fine of $10.5 million" -> "fine"; not "a total of");
- then climb from the figure to the verb of its clause: when the figure is that
  verb's subject ("300 residents have been evacuated") it is about nothing beyond
  the holder; otherwise the verb's subject is added ("Duly has 900 doctors",
  "Facebook, which has 2.2 billion users", "Healthcare dropped 1.61%", "the crime
  is punishable by a fine of $10.5 million" -> "fine, crime"); a price with no subject is
  about what it pays for ("I paid $35,538 for a system" -> "system");
- a verb with no subject of its own takes the subject of the clause it depends on ("the yen
  saw further strengthening to trade at 132.86" -> "yen"); a number is never the subject;
- a price paid "for" something is about what the verb's object names ("Get the Ottoman for
  $149.36" -> "Ottoman"); a difference is about what it is measured against ("10mph less than
  the top wind speeds on Mars");
- an "it"/"they" subject takes its antecedent in the same sentence: the nearest subject before
  it that agrees in number, or the head noun of a verbless sentence ("the pound going to $1 ...
  and it going back to $1.50" -> "pound"); a pronoun that opens its sentence points outside it
  and is not resolved ("They have two kids" -> ""), except the pronoun of a reported clause
  ("Cayman Airways said it was grounding two jets" -> "Cayman Airways") and a quantifier with
  "of" ("Each of Whinstone's buildings costs $40 million");
- a number subject that is no figure is a name when a noun is compounded before it ("the sp
  500 is poised to drop 0.2%" -> "sp 500");
- a figure in a phrase fronted before its clause's subject is about what holds it, not about
  that subject ("In a survey of 6,000 employers, the group found ..." -> "survey"; "With eight
  more picks the team ..." -> "");
- a head with a subject and the figure as its object is a verb, whatever its tag ("the chinese
  ev start-up employs around 600 people", "employs" tagged a noun);
- a predicate noun stands for its verb's subject ("Dell is cutting 6,650 roles, becoming the
  latest company to announce thousands of job cuts" -> "Dell", not "company");
- a relative time after its verb is about the verb's subject ("Pepe curled in six minutes
  later" -> "Pepe"); fronted, it says when, not whose ("Two years later, the agency ...").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ._amount import compared_with
from ._phrase import compared_as_preposition, phrase_words, said_when, spanned_noun, subject_of
from ..sentences import sent_of

__all__ = ["about_words"]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: a pronoun subject of a reported clause names the reporter ("X said it will cut 300 jobs")
_REPORTED_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
_RELATIVE_TIME = frozenset({"ago", "later", "earlier", "before", "after", "since"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod"})
#: nouns that only hold a count ("a total of five slots"): not what it is about
_CONTAINER_NOUNS = frozenset({"total", "number", "sum", "amount", "couple", "handful", "lot",
                              "maximum", "minimum", "range", "series", "set", "pair", "dozen"})
_QUANTIFIER_PRONOUNS = frozenset({"each", "some", "all", "most", "many", "none", "both", "half",
                                  "any", "several", "few", "one"})


def about_words(doc: Doc, anchor: Token, skip: set[int], *, money: bool = False,
                others: frozenset[int] = frozenset()) -> str:
    """Words naming whom/what the figure whose head token is ``anchor`` is about ("" if none).

    ``skip`` holds the token indices of the figure itself and ``others`` those of the sentence's
    other figures (never part of the answer); ``money`` lets a price be about what it pays for
    ("paid $35,538 for a system").
    """
    first = min(skip) if skip else anchor.i
    named = _bracketed_after_name(doc, first) or gapped_subject(doc, first)
    skip = skip | others
    if named:
        return named
    return _about(anchor, skip, money)


#: words that open a clause whose verb may be left out
_GAP_OPENERS = frozenset({",", ";", "and", "while", "but", "whereas"})
#: prepositions between a left-out verb's subject and its figure ("Burlington by 2.6%")
_GAP_PREPS = frozenset({"by", "between", "at", "to", "from"})


def gapped_subject(doc: Doc, first: int) -> str:
    """The subject of a clause whose verb is left out, for the figure starting at token ``first``
    ("..., Burlington by 2.6%" -> "Burlington"), or "". The clause runs from a comma or
    conjunction to the figure with no verb in it, after a clause that has one."""
    sent = sent_of(doc[first])
    k = first - 1
    if k >= sent.start and doc[k].lower_ in _GAP_PREPS:
        k -= 1
    end = k
    crossed = None  # the last "and" read as joining two nouns ("fats and oils between 6% and 7%")
    while k >= sent.start and (
            (doc[k].is_alpha and doc[k].pos_ in ("NOUN", "PROPN")) or
            (doc[k].lower_ == "and" and k - 1 >= sent.start and doc[k - 1].is_alpha and
             doc[k - 1].pos_ in ("NOUN", "PROPN") and doc[k + 1].pos_ in ("NOUN", "PROPN"))):
        crossed = k if doc[k].lower_ == "and" and crossed is None else crossed
        k -= 1
    if k < end:  # the noun's modifiers: "..., and the premium version $45,000"
        while k >= sent.start and doc[k].is_alpha and doc[k].pos_ in ("ADJ", "DET") and \
                doc[k].lower_ not in _GAP_OPENERS:
            k -= 1
    if k >= sent.start and doc[k].lower_ not in _GAP_OPENERS and crossed is not None:
        k = crossed  # no opener before the nouns: the "and" opens the clause ("... and France 67 million")
    if end < sent.start or k == end or k < sent.start or doc[k].lower_ not in _GAP_OPENERS:
        return ""
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[sent.start:k]):
        return ""  # no clause before it to borrow a verb from
    words = doc[k + 1:end + 1]
    while len(words) > 1 and words[0].pos_ == "DET":
        words = words[1:]
    return words.text


def _about(anchor: Token, skip: set[int], money: bool) -> str:
    owner = _possessor(anchor, skip)
    holder = phrase_words(owner, skip) if owner is not None else ""  # "Johnson's deputies"
    tok = anchor
    while tok.dep_ in _MODIFIER_DEPS and tok.head.pos_ in ("NOUN", "PROPN", "ADJ") and \
            tok.head.i > tok.i and not said_when(tok.head, tok.i):
        tok = tok.head  # "a 352 μm pixel pitch", "the key 30 year rate"; not "45,000 last year"
    if tok is not anchor and tok.pos_ in ("NOUN", "PROPN") and tok.i not in skip and not holder:
        holder = phrase_words(tok, skip)
    else:
        tok = anchor
    for _ in range(10):
        against = compared_with(tok, skip)
        if against is not None and not holder:
            return phrase_words(against, skip)  # "10mph less than the top wind speeds on Mars"
        if tok.dep_ in _SUBJECT_DEPS:
            return holder
        head = tok.head
        if head.lower_ in _RELATIVE_TIME and not holder:
            verb = _time_verb(head)
            if verb is not None and verb.i < tok.i:
                return _subject_words(verb, skip)  # "Pepe curled in six minutes later": Pepe's
        if head.i == tok.i or head.lower_ in _RELATIVE_TIME:
            return holder  # "Two years later, the agency ...": a fronted time says when, not whose
        if not holder and tok.dep_ == "pobj" and head.lower_ == "of" and \
                head.head.pos_ in ("NOUN", "PROPN") and head.head.i not in skip and \
                head.head.lemma_.lower() not in _CONTAINER_NOUNS:
            holder = phrase_words(head.head, skip)  # "a fine of $10.5 million", "a study of 135"
        if head.lower_ == "worth" and not holder:
            valued = _valued(head, skip)  # "a state incentive grant worth up to $8 million"
            if valued:
                return valued
        if money and tok.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB":
            bought = _object_words(head.head, skip)  # "Get the Ottoman for $149.36"
            if bought:
                return ", ".join(w for w in (holder, bought) if w)
        if compared_as_preposition(head):
            subj = subject_of(head.head) if head.head.pos_ in ("VERB", "AUX") else None
            if subj is not None and any(c.dep_ == "nummod" and c.i in skip for c in subj.children):
                return holder  # "460 vehicles were stolen compared with 63": the count's noun is its unit
            tok = head  # "..., compared with $2 billion": about what the clause it hangs from is
            continue
        if head.pos_ in ("VERB", "AUX") or _verb_read_as_noun(tok, head):
            if _fronted(tok, head):
                return holder  # "With eight more picks the team went ...": set before the clause
            words = _subject_words(head, skip)
            if not words and money:
                words = _purpose_words(head, skip)
            return ", ".join(w for w in (holder, words) if w)  # "fine, crime"
        if tok.dep_ == "appos" and head.like_num:
            return ""  # "($330 million)": the bracketed conversion is handled by the caller
        tok = head
    return holder


def _bracketed_after_name(doc: Doc, first: int) -> str:
    """"G Hunter Maldonado (15.3 ppg, 7.4 rpg)": a figure in brackets after a name is about it."""
    start = sent_of(doc[first]).start
    k = first - 1
    while k > start and doc[k].text not in ("(", ")") and first - k < 12:
        k -= 1
    if k <= start or doc[k].text != "(" or doc[k - 1].pos_ != "PROPN":
        return ""
    j = k - 1
    while j - 1 >= start and doc[j - 1].pos_ == "PROPN" and doc[j - 1].dep_ in ("compound", "flat"):
        j -= 1
    return doc[j:k].text


def _valued(worth: Token, skip: set[int]) -> str:
    """What "worth" values: its subject ("the grant is worth"), or the noun it follows ("a market worth")."""
    subj = next((c for c in worth.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
    if subj is None and worth.dep_ in ("amod", "acl", "relcl") and worth.head.pos_ in ("NOUN", "PROPN"):
        subj = worth.head
    if subj is None or subj.i in skip or subj.like_num or subj.pos_ not in ("NOUN", "PROPN"):
        return ""
    return phrase_words(subj, skip)


def _object_words(verb: Token, skip: set[int]) -> str:
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i not in skip), None)
    return phrase_words(obj, skip) if obj is not None and obj.pos_ in ("NOUN", "PROPN") else ""


def _purpose_words(verb: Token, skip: set[int]) -> str:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            pobj = next((c for c in prep.children if c.dep_ == "pobj" and c.i not in skip), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return phrase_words(pobj, skip)
    return ""


def _possessor(tok: Token, skip: set[int]) -> Token | None:
    """"Johnson's deputies" -> Johnson; "five seasons of Sesame Street" -> Sesame Street."""
    for child in tok.children:
        if child.dep_ == "poss" and child.pos_ != "PRON" and child.i not in skip:
            return child
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i not in skip:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN" and pobj.i not in skip:
                return pobj
    return None


def _subject_words(verb: Token, skip: set[int], depth: int = 0) -> str:
    spanned = spanned_noun(verb, skip)
    if spanned is not None:
        return phrase_words(spanned, skip)  # "claims, ranging from $200 to $4 million"
    subj = subject_of(verb)
    hops = 0
    while subj is None and verb.dep_ in ("xcomp", "acl", "ccomp") and hops < 3:
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            subj = verb.head  # "dairy prices expected to increase between 4% and 5%"
        verb, hops = verb.head, hops + 1
        if subj is None:
            subj = subject_of(verb)  # "the yen saw further strengthening to trade at 132.86"
    if subj is not None and subj.like_num and subj.i not in skip:
        return _named_number(subj, skip)  # "the S&P 500 is poised to drop 0.2%"
    if subj is None or subj.i in skip:
        return ""  # a figure as subject is another figure ("a market worth over 2 billion")
    if subj.pos_ == "PRON" or subj.pos_ == "DET":
        antecedent = _antecedent(subj, skip)
        if antecedent is not None:
            return phrase_words(antecedent, skip)  # "the pound going to $1 ... and it going back to $1.50"
        if subj.lower_ in _REPORTED_PRONOUNS and verb.dep_ in ("ccomp", "xcomp") and \
                verb.head.pos_ in ("VERB", "AUX"):
            return _subject_words(verb.head, skip, depth + 1)  # "Cayman Airways said it was grounding"
        if subj.lower_ not in _QUANTIFIER_PRONOUNS:
            return ""
        of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return phrase_words(pobj, skip) if pobj is not None else ""
    if subj.dep_ == "attr" and subj.head.pos_ in ("VERB", "AUX") and subj.head.i != verb.i and \
            depth < 3:  # a predicate noun stands for its verb's subject
        named = _subject_words(subj.head, skip, depth + 1)  # "Dell ..., becoming the latest company to"
        if named:
            return named
    return phrase_words(subj, skip)


#: the tags a third-person pronoun agrees with ("it": a singular noun, "they": a plural one)
_PRONOUN_TAGS = {"it": ("NN", "NNP"), "they": ("NNS", "NNPS")}
#: the roles of a noun a later pronoun of the same sentence points back to
_ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass", "ROOT"})


def _antecedent(pronoun: Token, skip: set[int]) -> Token | None:
    """The noun an "it"/"they" subject points back to in its own sentence: the nearest subject
    (or a verbless sentence's head noun) before it that agrees in number ("You can see the pound
    going to $1 ... and it going back to $1.50" -> pound; "Its an $800 pizza oven ... it can hit
    500 degrees" -> oven). A pronoun that opens its sentence points outside it: None."""
    tags = _PRONOUN_TAGS.get(pronoun.lower_)
    if tags is None:
        return None
    start = sent_of(pronoun).start
    for k in range(pronoun.i - 1, start - 1, -1):
        tok = pronoun.doc[k]
        if tok.dep_ in _ANTECEDENT_DEPS and tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in tags and \
                tok.i not in skip and not tok.like_num:
            return tok
    return None


def _named_number(number: Token, skip: set[int]) -> str:
    """A number subject that is no figure of the sentence is part of a name when a noun is
    compounded before it ("the sp 500 is poised to drop 0.2%" -> "sp 500"); otherwise ""."""
    if not any(c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN") and c.i < number.i
               for c in number.children):
        return ""
    return " ".join(t.text for t in number.subtree if t.i not in skip and
                    (t.i == number.i or t.dep_ in ("compound", "nmod")))


def _time_verb(time: Token) -> Token | None:
    """The verb a relative time ("later", "ago") modifies, through a preposition ("curled in six
    minutes later"), or None."""
    tok = time.head
    while tok.pos_ == "ADP" and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") and tok.i != time.i else None


def _fronted(phrase: Token, verb: Token) -> bool:
    """Whether ``phrase`` (a dependant of ``verb``, not its subject) is set before the verb's own
    subject: a fronted adverbial ("In a survey of 6,000 employers, the group found ...") frames the
    clause and is about what holds it, not about the clause's subject."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and phrase.i < subj.i < verb.i


def _verb_read_as_noun(obj: Token, head: Token) -> bool:
    """A head with a subject and ``obj`` as its direct object is a verb whatever its tag says
    ("the chinese ev start-up employs around 600 people": "employs" tagged a noun)."""
    return obj.dep_ == "dobj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)

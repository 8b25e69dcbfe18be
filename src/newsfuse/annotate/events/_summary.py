"""Event summaries as a headline tells them: the words of the trigger, its light verb and preposition,
the actors a collective subject stands for, the target told a little longer than the argument
("US strikes on Iran-backed groups", "fighter killed in latest US strikes"), and the tolls.

Pure functions over the parse; :func:`._core.extract_events` calls them once the arguments are chosen.
"""

from __future__ import annotations

from .ontology import event_type
from ._circumstances import _FATAL_WORDS
from ._triggers import _CAUSE_VERBS, _COLLECTIVE_HEADS, _LIGHT_VERBS, _PEOPLE_TRIGGERS, TRIGGERS, _headline_passive, _is_casualty, _phrase, _shared_object_verb, _trigger_type, family_of


#: nouns of one meeting of a series, told with its ordinal: "a first round of talks", "the second session of"
_SERIES_NOUNS = frozenset("round session phase stage".split())
#: verbs that tell a meeting happened when it is their passive subject: "talks were held"
_HELD_VERBS = frozenset("hold conduct stage convene complete conclude".split())


def _collective(actors) -> bool:
    """Whether the actors are one collective phrase ("two countries", "both sides") and nothing else."""
    if len(actors) != 1:
        return False
    words = actors[0].lower().split()
    return len(words) <= 3 and words[-1] in _COLLECTIVE_HEADS and (
        len(words) == 1 or words[0] in ("two", "both", "the", "all", "three"))


def _coordinated(tokens, actors, doc) -> bool:
    """Whether the first two actors are one coordinated subject ("Washington and Baghdad will begin ...")."""
    if len(actors) < 2:
        return False
    by_text = {(_phrase(t, doc) or ("",))[0]: t for t in tokens}
    first, second = by_text.get(actors[0]), by_text.get(actors[1])
    return first is not None and second is not None and second.dep_ == "conj" and second.head.i == first.i \
        and bool(first.ent_type_) and bool(second.ent_type_)  # named parties, not "the militia and its groups"


def _summary_targets(targets, tokens, doc) -> tuple[str, ...]:
    """The targets with the first told as the summary tells it (:func:`_summary_target`)."""
    if not targets:
        return targets
    tok = next((t for t in tokens if (_phrase(t, doc) or ("",))[0] == targets[0]), None)
    return ((_summary_target(tok, doc, targets[0]) if tok is not None else targets[0]),) + tuple(targets[1:])


def _summary_target(tok, doc, text: str) -> str:
    """The target as the summary tells it, a little longer than the argument: an event noun with what it hit
    ("US strikes on Iran-backed groups"), a person with how they died ("fighter killed in the latest US
    strikes"), without a count of one ("funeral of one fighter" says no more than "funeral of fighter")."""
    phrase = _phrase(tok, doc)
    if phrase is None or phrase[0] != text:
        return text
    if tok.dep_ in ("nsubj", "csubj") and tok.head.lemma_.lower() in _CAUSE_VERBS:
        # what caused a statement, whole: "the US strikes on Iran-backed groups sparked condemnation"
        start = tok.left_edge.i + (tok.left_edge.pos_ == "DET")
        whole = doc[start:tok.right_edge.i + 1].text.split("\n")[-1].strip(" ,.;:")
        return whole if len(whole.split()) <= 10 else text
    end = phrase[2]
    if _trigger_type(tok) is not None and tok.pos_ in ("NOUN", "PROPN"):
        on = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("on", "against")]
        if on:
            end = max(end, on[0].right_edge.idx + len(on[0].right_edge.text))
    how = [c for c in tok.rights if c.dep_ == "acl" and c.tag_ == "VBN" and _is_casualty(c)]
    if how:
        # without when ("on Wednesday") nor articles, as a headline: "killed in latest US strikes"
        kept = [t for t in how[0].subtree if t.ent_type_ not in ("DATE", "TIME") and t.dep_ not in ("det", "punct")
                and not (t.dep_ == "prep" and all(g.ent_type_ in ("DATE", "TIME") for g in t.children))]
        return _drop_one(text) + " " + " ".join(t.text for t in kept)
    if end > phrase[2]:
        return _drop_one(text) + doc.text[phrase[2]:end].split("\n")[0].rstrip(" ,.;:")
    return _drop_one(text)


def _drop_one(text: str) -> str:
    return text[4:] if text.lower().startswith("one ") and len(text) > 4 else text


def _summary(type_id: str, trigger: str, actors, targets, place, killed, injured, *, verb: str = "",
             link: str = "", noun: bool = False, victims: str = "", passive: bool = False,
             plural: bool = False) -> str:
    """A readable line, as a headline starts: "US strikes on Iran-backed groups", "Hundreds attended funeral of
    one fighter (Baghdad)", "Attack against Tower 22 (Jordan) kills 3 US troops, wounds 34".

    The words come from the parse (:func:`_summary_parts`): ``trigger`` is the event word with the words
    that say what kind ("drone attack"), ``verb`` the light verb an event noun is the object of
    ("attended" a funeral), ``link`` the preposition that joins the noun to its target ("on", "of"),
    ``victims`` the noun the death toll counts ("US troops"); ``passive``: a verb told in the passive keeps
    its order ("Plane shot down", "Base struck by US forces"), not "shot plane"; ``plural``: the event noun is
    plural ("Clashes between rival militias kill 55").
    """
    line = _summary_line(type_id, trigger, actors, targets, place, killed, injured, verb, link, noun, victims,
                         passive, plural)
    return line[:1].upper() + line[1:] if line[:1].islower() else line


#: verbs that are a toll: their summary is the toll ("Gunmen killed 3 soldiers")
_TOLL_VERBS = frozenset("killed kill kills killing wounded wound wounds wounding injured injure injures injuring".split())


def _summary_line(type_id: str, trigger: str, actors, targets, place, killed, injured, verb: str, link: str,
                  noun: bool, victims: str, passive: bool = False, plural: bool = False) -> str:
    label = event_type(type_id).label
    who = actors[0] if actors else ""
    named = bool(who) and f" {who.lower()} " in f" {trigger.lower()} "
    if named:
        who = ""  # the trigger's words name them already: "talks between Egypt and Israel"
    whom = targets[0] if targets else ""
    if whom and f" {whom.lower()} " in f" {trigger.lower()} ":
        whom = ""  # "urges Ukraine to abolish requirement": the trigger's words name it already
        named = True
    if whom and not who and not verb and not link and trigger.endswith("ed") and " " not in trigger:
        passive = True  # no one said who: "the person who killed Beedle" is "Beedle killed", not "Killed Beedle"
    *before, last = trigger.split() or [""]
    if not noun and (not whom or link) and last.lower() in _TOLL_VERBS and (
            killed is not None or injured is not None):
        # the trigger is the toll itself: "Gunmen killed 3 soldiers (Lagos)", "3 soldiers killed (Lagos)", not
        # "Attack: killed (Lagos) - 3 soldiers killed"; "Gunmen shot and killed 3 soldiers"; where it hit them:
        # "Suicide bomber killed 9 at rally (Balochistan)"
        core = " ".join([who] + before) + " " + _tolls(killed, injured, victims, ("killed", "wounded"), True) \
            if who else _tolls(killed, injured, victims, ("killed", "injured"), False)
        core += f" {link} {whom}" if whom else ""
        return core + (f" ({place})" if place and place not in core else "")
    if passive and whom:
        core = " ".join(x for x in (whom, trigger, "by" if who else "", who) if x)
    else:
        core = " ".join(x for x in (who, verb if who else "", trigger, link if whom else "", whom) if x)
    if not who and not whom and not named:
        # "attack (Gaza)", not "attack: attacks (Gaza)": the trigger adds nothing when it is the label
        low = trigger.lower()
        if low.rstrip("s") in label or label.split()[-1] in low:
            core = trigger if " " in trigger else label
        elif noun and (killed is not None or injured is not None):
            core = trigger  # the toll says what it was: "Ambush (Lagos) kills 2 soldiers"
        else:
            core = trigger if " or " in label or "," in label else f"{label}: {trigger}"
    if place and place not in core:
        core += f" ({place})"
    if noun and verb and who:  # someone did it: "Police fired at protesters (Khartoum), wounding 30"
        tolls = _tolls(killed, injured, victims, ("killing", "wounding"), True)
        return core + (", " + tolls if tolls else "")
    if noun:  # the event is the subject of its toll: "the attack killed three and wounded 34"
        tolls = _tolls(killed, injured, victims, ("kill", "wound") if plural else ("kills", "wounds"), True)
        return core + (" " + tolls if tolls else "")
    if who and not passive and whom and any(w in _FATAL_WORDS for w in trigger.lower().split()):
        # the trigger tells the deaths already: "Officer fatally shot four men (Lagos)"
        tolls = _tolls(None, injured, victims, ("killing", "wounding"), True)
        return core + (", " + tolls if tolls else "")
    if who and not passive:  # "Armed men attacked military post (Tillaberi), killing 12 soldiers"
        tolls = _tolls(killed, injured, victims, ("killing", "wounding"), True)
        return core + (", " + tolls if tolls else "")
    tolls = _tolls(killed, injured, victims, ("killed", "injured"), False)
    return core + (" - " + tolls if tolls else "")


def _toll_clause(type_id: str, verb, who, victims_told, noun_words: str, place, killed, injured,
                 victims: str) -> str:
    """The summary of an event noun told inside its toll's clause, as that clause says it: "Suspected jihadists
    killed 14 villagers in attack on village (Burkina Faso)", "Palestinian man killed by Israeli troops during
    raid (Jenin)" (``verb`` the toll verb, ``noun_words`` the event noun with its target)."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    line = _summary_line(type_id, verb.text, who, victims_told, None, killed, injured, "", "", False, victims, passive)
    prep = next(c.lower_ for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during"))
    line = f"{line} {prep} {noun_words}" + (f" ({place})" if place else "")
    return line[:1].upper() + line[1:]


def _tolls(killed, injured, victims: str, words: tuple[str, str], verb_first: bool) -> str:
    """The toll as a summary tells it, the dead named by ``victims``: "kills 3 US troops, wounds 34"
    (``verb_first``), "3 soldiers killed, 5 injured"."""
    said = [(f"{n} {victims}" if victims and i == 0 else str(n), w)
            for i, (n, w) in enumerate(zip((killed, injured), words)) if n is not None]
    return ", ".join(f"{w} {n}" if verb_first else f"{n} {w}" for n, w in said)


def _summary_parts(anchor, target_toks) -> tuple[str, str, str, bool]:
    """(trigger words, light verb, preposition, passive) of an event for its summary: for a noun, the words
    that say what kind, the light verb it is the object of and the preposition of its target; for a verb,
    the verb with its particle ("shot down") and whether it is told in the passive ("the plane was shot down")."""
    if anchor.pos_ not in ("NOUN", "PROPN"):
        todo = _what_to_do(anchor)
        # whom a demand is made of comes before what they are to do: "urges Ukraine to abolish requirement"
        whom = next((c for c in anchor.rights if c.dep_ == "dobj"), None) if todo and todo[0] in ("to", "not") \
            else None
        told = [t.text for t in whom.subtree if t.dep_ != "det"] if whom is not None and len(list(whom.subtree)) <= 4 \
            else []
        # the verb that shares its object: "shot and wounded policeman", "shot and killed 3 soldiers"
        shared = _shared_object_verb(anchor)
        both = [anchor.doc[anchor.i + 1].text, shared.text] if shared is not None else []
        said = _what_was_said(anchor) if not todo and family_of(anchor) == "statement" else []
        if all(t.lower_ in _OBJECT_PRONOUNS for t in target_toks) and not todo and not said and not told:
            # whom, when only a pronoun says it: "Officers arrested him", not "Officers arrested" (which reads
            # as the officers' arrest)
            told = [c.text for c in anchor.rights if c.dep_ == "dobj" and c.lower_ in _OBJECT_PRONOUNS][:1]
        # how it killed: "fatally shot four men", "shot dead three soldiers"
        fatal = [c for c in anchor.children if c.lower_ in _FATAL_WORDS]
        before = [c.text for c in fatal if c.i < anchor.i]
        after = [c.text for c in fatal if c.i > anchor.i]
        words = " ".join(before + [anchor.text] + [c.text for c in anchor.rights if c.dep_ == "prt"] + after + both
                         + told + todo + said)
        # the preposition that joins the verb to its target: "met at a summit", "fired on protesters"
        link = next((t.head.text.lower() for t in target_toks[:1] if t.dep_ == "pobj" and t.head.dep_ == "prep"
                     and t.head.head.i == anchor.i and t.head.lower_ != "by"), "")
        return words, "", link, any(c.dep_ in ("auxpass", "nsubjpass") for c in anchor.children) \
            or _headline_passive(anchor)
    # what kind: "drone attack", "air bombardment"; not whose ("US strikes") nor where ("the Baghdad funeral")
    kind = [c for c in anchor.lefts if c.dep_ == "compound" and not c.ent_type_ and c.pos_ == "NOUN"]
    # with the kind word's own compounds: "nerve agent attack", not "agent attack"
    kind = sorted({g for c in kind for g in c.subtree if g.dep_ == "compound" and g.pos_ == "NOUN"} | set(kind),
                  key=lambda t: t.i)
    words = " ".join([c.text for c in kind] + [anchor.text])
    series = _series_of(anchor)
    if series is not None:  # "first round of talks": which meeting of the series
        order = [c.text for c in series.lefts if c.dep_ == "amod" and c.ent_type_ == "ORDINAL"]
        words = " ".join(order + [series.text, anchor.head.text, words])
    crowd = anchor.head.head if anchor.lemma_.lower() in _PEOPLE_TRIGGERS and anchor.dep_ == "pobj" \
        and anchor.head.lower_ == "of" and (anchor.head.head.like_num or anchor.head.head.tag_ == "NNS") else None
    if crowd is not None:  # "Thousands of protesters marched": how many, and what they did
        words = f"{crowd.text} of {words}"
        if crowd.dep_ in ("nsubj", "nsubjpass") and crowd.head.pos_ == "VERB":
            words += f" {crowd.head.text}"
    between = next((c for c in anchor.rights if c.dep_ == "prep" and c.lower_ == "between"
                    and any(p.dep_ == "pobj" for p in c.children)), None)
    if between is not None and len(list(between.subtree)) <= 8:  # "talks between Egypt and Israel"
        words += " " + " ".join(t.text for t in between.subtree)
    said = series if series is not None else anchor
    held = said.head.text if said.dep_ == "nsubjpass" and said.head.lemma_.lower() in _HELD_VERBS else ""
    verb = ""
    if anchor.dep_ == "dobj" and anchor.head.lemma_.lower() in _LIGHT_VERBS:
        # "Hundreds attended the funeral", "launched an attack", "carrying out the attacks"
        verb = " ".join([anchor.head.text] + [c.text for c in anchor.head.children
                                              if c.dep_ == "prt" and c.i < anchor.i])
    elif anchor.lemma_.lower() in _PEOPLE_TRIGGERS and anchor.head.pos_ == "VERB" and anchor.dep_ == "dobj":
        verb = anchor.head.text  # the people are what was done to them: "Police tear-gassed protesters"
    elif anchor.lemma_.lower() in _PEOPLE_TRIGGERS and anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" \
            and anchor.head.head.pos_ == "VERB":
        verb = f"{anchor.head.head.text} {anchor.head.text}"  # "Police fired on protesters"
    link = next((t.head.text.lower() for t in target_toks
                 if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i == anchor.i), "")
    if link == "against" and family_of(anchor) == "attack":
        link = "on"  # as headlines put it: "Attack on Tower 22"
    if not link and family_of(anchor) == "attack" and anchor.dep_ == "nsubj" and any(
            t.dep_ == "dobj" and t.head.i == anchor.head.i for t in target_toks):
        link = "on"  # "an air bombardment targeted the headquarters": "Air bombardment on headquarters"
    if not link and family_of(anchor) == "ceremony" and any(t.dep_ == "poss" and t.head.i == anchor.i
                                                            for t in target_toks[:1]):
        link = "of"  # whose ceremony: "her father's funeral" is "Funeral of her father"
    if held and link != "of":  # "talks were held": "Talks held with US officials", not "Summit held of leaders"
        words += f" {held}"
    return words, verb, link, False


def _series_of(anchor):
    """The series noun whose meeting an event noun is ("round" of "a first round of talks"), or None."""
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _SERIES_NOUNS:
        return head.head
    return None


def _statement_verb(anchor) -> str:
    """The verb a statement noun is made from, as a headline puts it: "condemnation" -> "condemns" (a verb
    of the same type in the trigger table that the noun begins with); "" when none."""
    if anchor.pos_ not in ("NOUN", "PROPN") or family_of(anchor) != "statement":
        return ""
    noun = anchor.lemma_.lower()
    base = TRIGGERS.get(noun)
    verbs = [v for v, t in TRIGGERS.items() if t == base and v != noun and noun.startswith(v) and len(v) >= 4]
    if not verbs:
        return ""
    verb = max(verbs, key=len)
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")


def _who_line(actors, collective: bool) -> tuple[str, ...]:
    """The actors as the summary names them: the parties a collective subject stands for, joined
    ("Washington and Baghdad agreed ..."), a name not repeated inside a longer one."""
    if not collective or len(actors) < 2:
        return actors
    kept = [a for a in actors if not any(a != b and a in b for b in actors)][:2]
    return (" and ".join(kept),) + tuple(actors[len(kept):]) if len(kept) == 2 else actors


def _what_to_do(verb) -> list[str]:
    """The words of what a verb commits to, for its summary: "agreed" -> "agreed to form working groups" (the
    verb of its infinitive, with that verb's object without its own clauses), "agreed to ceasefire"; [] when none."""
    todo = next((c for c in verb.rights if c.dep_ == "xcomp" and c.pos_ == "VERB"
                 and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.lefts)), None)
    if todo is None:  # "agreed to a ceasefire", "agreed on a timeline"
        prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in ("to", "on")
                     and any(g.dep_ == "pobj" for g in c.children)), None)
        if prep is None or verb.lemma_.lower() not in ("agree", "decide", "vote", "commit"):
            return []
        obj = next(g for g in prep.children if g.dep_ == "pobj")
        return [prep.text] + [t.text for t in obj.lefts if t.dep_ in ("amod", "compound", "nummod")] + [obj.text]
    obj = next((c for c in todo.rights if c.dep_ == "dobj"), None)
    negated = ["not"] if any(c.dep_ == "neg" for c in todo.lefts) else []  # "agreed not to conduct surveillance"
    words = negated + ["to", todo.text] + [c.text for c in todo.rights if c.dep_ == "prt"]
    if obj is not None:
        words += [t.text for t in obj.lefts if t.dep_ in ("amod", "compound", "nummod")] + [obj.text]
    return words


#: pronouns a summary may name whom by, when the text names no one else
_OBJECT_PRONOUNS = frozenset("him her them us me".split())
#: statement verbs whose "of" / "for" / "on" phrase says what they are about: "accused Russia of the poisoning"
_ABOUT_VERBS = frozenset("accuse blame criticize criticise condemn denounce".split())
#: the most words a statement's gist may add to its summary; a longer one is left out
_GIST_WORDS = 8


def _what_was_said(verb) -> list[str]:
    """The gist of what a statement verb says, as a headline tells it: "accused" -> "accused Russia of
    poisoning former officer" (whom, and the "of"/"for" phrase), "announced" -> "announced work will start"
    (the clause it reports: its subject, what it will or will not do, its verb and object, without articles);
    [] when there is none, it is cut short ("warned a storm could drop up"), or it is too long to be a gist."""
    lemma = verb.lemma_.lower()
    whom = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    # the phrase, on the verb or on whom ("blamed militant groups for the attack" parses "for" under "groups")
    about = next((c for c in list(verb.rights) + (list(whom.rights) if whom is not None else [])
                  if c.dep_ == "prep" and (c.lower_ in ("of", "for") or c.lower_ == "on" and lemma == "blame")
                  and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)), None) \
        if lemma in _ABOUT_VERBS else None
    if about is not None:
        obj = next((g for g in about.children if g.dep_ in ("pobj", "pcomp")), None)
        told = _phrase(whom, verb.doc) if whom is not None else None
        if obj is None or whom is not None and (told is None or "://" in told[0]):
            return []
        if told and about.head.i == whom.i and told[2] >= about.idx + len(about.text):
            return told[0].split()  # whom's phrase tells it already: "separatists of starting the violence"
        # whom, as the target names it (the summary does not repeat it)
        words = (told[0].split() if told else []) + [about.text] + _compact(obj, deep=True)
        return words if len(words) <= _GIST_WORDS else []
    clause = next((c for c in verb.rights if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
    if clause is None or lemma in _ABOUT_VERBS or any(c.dep_ == "dobj" for c in verb.children):
        return []  # "warning residents that deputies ...": whom first, the clause would not read
    subject = next((c for c in clause.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON":
        return []  # "warned that it would ...": who "it" is the summary cannot tell
    # what it will or will not do, as said: "would no longer fold", "will not attend"
    how = _told([g for c in clause.lefts if c.i > subject.i and (c.dep_ in ("neg", "advmod") or c.dep_ == "aux"
                 and c.lower_ in ("will", "would", "could", "may", "might", "can", "must")) for g in c.subtree])
    rest = [c.text for c in clause.rights if c.dep_ == "prt"]
    obj = next((c for c in clause.rights if c.dep_ in ("dobj", "attr", "acomp")), None)
    agent = next((c for c in clause.rights if c.dep_ == "agent"), None)
    by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if obj is not None:
        rest += _compact(obj)
    elif by is not None:
        rest += [agent.text] + _compact(by)
    elif rest or any(c.dep_ in ("prep", "dative", "xcomp", "oprd") for c in clause.rights):
        return []  # what it does is told by a phrase the gist would cut: "could drop up to six inches"
    words = _compact(subject) + how + [clause.text] + rest
    return words if len(words) <= _GIST_WORDS else []


def _compact(tok, deep: bool = False) -> list[str]:
    """A noun (or gerund) as a headline names it: its number, kind and name words and itself, with a gerund's
    object or phrase ("poisoning former officer", "participating in robbery"); ``deep``: with a noun's own
    "of"/"for" phrase ("responsibility for nerve agent attack"). No articles, no clauses."""
    if tok.pos_ == "VERB":  # "of poisoning the officer"
        obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
        if obj is not None:
            return [tok.text] + _compact(obj)
        prep = next((c for c in tok.rights if c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)), None)
        return [tok.text] + ([prep.text] + _compact(next(g for g in prep.children if g.dep_ == "pobj"))
                             if prep is not None else [])
    kept = [t for t in tok.lefts if t.dep_ in ("amod", "compound", "nummod", "poss", "nmod", "quantmod")
            and t.pos_ != "PRON" or t.tag_ == "$"]
    kept = {g for t in kept for g in t.subtree if g.dep_ not in ("det", "punct", "case") or g.tag_ == "HYPH"}
    words = _told(list(kept) + [tok])
    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "for")
                 and any(g.dep_ == "pobj" for g in c.children)), None) if deep else None
    if prep is not None:
        words += [prep.text] + _compact(next(g for g in prep.children if g.dep_ == "pobj"))
    return words


def _told(tokens) -> list[str]:
    """Tokens as the text tells them ("Iran-backed", "$110" stay whole), split into words."""
    tokens = sorted(set(tokens), key=lambda t: t.i)
    text = "".join(t.text + (t.whitespace_ if i + 1 < len(tokens) and tokens[i + 1].i == t.i + 1 else " ")
                   for i, t in enumerate(tokens))
    return [w for w in text.split() if "://" not in w]

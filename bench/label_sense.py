"""How the training labels of the violent-sense head were made (learn/data/event_sense_labels.tsv).

Not a model: the labelling procedure, kept so that anyone can see and redo it. Every group of
candidates (corpus, ECB+ topic, word family) was read in full context by a person, who set the
group's label (DEFAULTS) and wrote the context patterns for the exceptions met while reading
(ZERO / ONE, checked first). Then a random sample of the result was read again (card: label audit).
The test sentences (tests/data/event_sense_sentences.tsv) come from other corpora and topics and
were never part of this.

    PYTHONPATH=src python bench/label_sense.py > src/newsfuse/learn/data/event_sense_labels.tsv
"""

from __future__ import annotations

import sys

# bench/types.py would shadow the standard library's `types`: search bench/ last
if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import re  # noqa: E402

import benchlib  # noqa: E402

from newsfuse.learn.sense_data import candidates

FAMILIES = [("attack", "attack"), ("assault", "assault"), ("strik", "strike"), ("struck", "strike"),
            ("air", "strike"), ("shoot", "shoot"), ("shot", "shoot"), ("clash", "clash"), ("gunfire", "fire"),
            ("fir", "fire"), ("bomb", "bomb"), ("blast", "blast"), ("explo", "blast"), ("kill", "kill"),
            ("massacre", "kill"), ("raid", "raid"), ("fight", "fight"), ("fought", "fight"), ("battle", "fight"),
            ("shell", "shell"), ("ambush", "ambush"), ("target", "target")]


def family(word: str) -> str:
    w = word.lower()
    return next(f for p, f in FAMILIES if w.startswith(p))


#: contexts (about 50 characters either side, lower case, the word in [[ ]]) where the word is not violence
ZERO = [re.compile(p) for p in (
    r"(heart|panic|asthma) \[\[attacks?\]\]",
    r"\[\[attack(ed|s|ing)?\]\] (it|the blaze|the fire)",
    r"\[\[attack(ed|s|ing)?\]\] (on )?(the )?(government|centre|center|bjp|congress|opposition|party|minister|policy|"
    r"media|press|critics|decision|remarks|statement|law|prime minister|chief minister|vhp|rss|sangh|leadership)"
    r"(?! (buildings?|offices?|vehicles?|property|troops|forces|positions|convoy|camp))",
    r"(verbal|political|scathing|personal|bitter|sharp|strong|vicious) \[\[attacks?\]\]",
    r"\[\[(fire|fires)\]\][ -]?(brigade|fighters?|men|crews?|engines?|tenders?|department|service|station|trucks?|"
    r"officials?|chief|safety|alarm|apparatus|investigators?|marshal)",
    r"\[\[(fight|fought|fighting|fights|battle|battles)\]\] (hard |back )?(the |a |for |against )?(blaze|fire|flames|leukemia|"
    r"cancer|tears|back|emotions|accusations|elections?|polls?|cases?|terrorism|for|poverty|corruption|virus|"
    r"communalism|the (assembly|lok)|british)",
    r"(legal|political|court|election|electoral|poll|ideological) \[\[(battle|fight|battles|fights)\]\]",
    r"fire ?- ?\[\[fighting\]\]",
    r"\[\[shot\]\] to fame|\[\[shot\]\] in the arm|\[\[shot\]\] back|\[\[shot\]\] through|"
    r"(jump|head|title|pot|best|good|perfect|turnaround|quality|big|photo|pinup|sadomasochistic|three-point|free) \[\[shots?\]\]",
    r"a \[\[shot\]\] (at|to)|have a \[\[shot\]\]|\[\[shooting\]\] (range|guard|percentage|their|his|her|for)",
    r"(begin|begins|began|start|starts|started|finish|finished|wrap|wrapped) \[\[shooting\]\](?! (him|her|them|at|people|into))|photo \[\[shoot\]\]|a \[\[shoot\]\]",
    r"(general|nationwide|national|hunger|truckers.?|workers.?|labour|labor|one-day|24-hour|48-hour|indefinite|teachers.?|"
    r"sponsored|transport|bank|doctors.?|lawyers.?|rail|taxi|public sector|massive) \[\[strikes?\]\]",
    r"on \[\[strike\]\]|\[\[strike\]\] (jurors?|a chord|a deal|a balance|a note|down|out|action|call|by|called)|"
    r"\[\[struck\]\] (up|out|oil|it|down|gold|a deal|a|an)|\[\[striking\]\] (a|down|workers|protest|protesters|protestors|"
    r"employees|me|similarity|contrast)|\[\[strike\]\] me|lightning \[\[strike\]\]|support for the \[\[strike\]\]|the \[\[strike\]\] (and|was|has|had|over|is|will)",
    r"(quake|earthquake|tremor|temblor|storm|hurricane|cyclone|flood|lightning|tornado|typhoon).{0,40}\[\[(struck|strikes?|striking)\]\]",
    r"\[\[(struck|strikes?|striking)\]\].{0,20}(quake|earthquake|tremor|temblor|storm|lightning)",
    r"\[\[fired?\]\] (up|him|her|them|the coach|coach|his deputy|felt)|coal ?- ?\[\[fired\]\]|catching \[\[fire\]\]|"
    r"under \[\[fire\]\]|\[\[fired\]\] from (his|her|the) (job|post)",
    r"\[\[(bomb|bombs|bombed)\]\] at the box office|box office \[\[bomb\]\]",
    r"\[\[kill(ed)?\]\] (the|a) (bill|deal|dairy|division|proposal|motion|story)|\[\[killed\]\] the division",
    r"\[\[(blast|blasted)\]\] (the|him|her|them|his|their|what)|to \[\[blast\]\] |full \[\[blast\]\]|"
    r"\[\[explosion\]\] of (anger|rioting|violence|looting)",
    r"\[\[assault\]\] on the (law|constitution|democracy|environment)",
    r"conch \[\[shells\]\]|(tv|camera) \[\[shots\]\]|time ?- ?\[\[bomb\]\]",
    r"police \[\[raid|\[\[raids?\]\] (on|at) (vhp|bajrang|the) .{0,20}offices|police.{0,40}\[\[raid",
    r"\[\[(clashed|clash|clashes)\]\] (over|on) (the )?(issue|policy|question|budget|views)",
)]
#: contexts where a word of a mostly non-violent group is violent
ONE = [re.compile(p) for p in (
    r"(pitched|running|street|turf|gun) \[\[battles?\]\]|\[\[fought\]\] (pitched|running)|\[\[fighting\]\] running|"
    r"ready for a \[\[fight\]\]|wanted to \[\[fight\]\]",
    r"\[\[(striking|struck)\]\] (him|her|the \d+-year-old|the girl|kathina)|\[\[struck\]\] by (a )?(stray )?(bullet|gunfire)",
    r"(terrorists?|militants?|terror|possible) (to )?\[\[strike\]\]|sneak in and \[\[strike\]\]|planning to \[\[strike\]\]",
    r"(was|been|being) \[\[shot\]\]|following a \[\[shooting\]\]|a \[\[shooting\]\] in|\[\[shooting\]\] of george",
)]

VIOLENT_CASE = {"ATTACK", "ARMED_CLASH", "AIR_STRIKE", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SUIC_BOMB",
                "CHEM_WEAP", "SEX_VIOL", "ABDUCT_DISSAP", "MOB_VIOL", "VIOL_DEMONSTR", "FORCE_AGAINST_PROTEST",
                "PROPERTY_DISTRUCT", "NON_STATE_ACTOR_OVERTAKES_TER", "GOV_REGAINS_TERIT"}

#: group defaults after reading each group: (corpus, ECB+ topic) -> {family or "*": label}
DEFAULTS: dict[tuple[str, str], dict[str, int]] = {
    ("ecbplus", "1"): {"attack": 1, "assault": 1, "*": 0},
    ("ecbplus", "3"): {"strike": 0, "*": 1},
    ("ecbplus", "4"): {"attack": 1, "assault": 1, "*": 0},
    ("ecbplus", "6"): {"*": 0}, ("ecbplus", "7"): {"*": 0},
    ("ecbplus", "8"): {"strike": 0, "*": 1},
    ("ecbplus", "9"): {"*": 0}, ("ecbplus", "10"): {"*": 0}, ("ecbplus", "11"): {"*": 0},
    ("ecbplus", "13"): {"*": 0}, ("ecbplus", "14"): {"*": 0},
    ("ecbplus", "16"): {"fight": 0, "strike": 0, "*": 1},
    ("ecbplus", "19"): {"strike": 0, "*": 1},
    ("ecbplus", "20"): {"*": 0},
    ("ecbplus", "22"): {"target": 0, "*": 1},
    ("ecbplus", "24"): {"target": 0, "strike": 0, "*": 1},
    ("ecbplus", "25"): {"*": 0},
    ("ecbplus", "26"): {"attack": 1, "kill": 1, "shoot": 1, "*": 0},
    ("ecbplus", "27"): {"*": 0},
    ("ecbplus", "28"): {"*": 0}, ("ecbplus", "29"): {"*": 0}, ("ecbplus", "30"): {"*": 0},
    ("ecbplus", "31"): {"assault": 1, "*": 0},
    ("ecbplus", "32"): {"blast": 0, "*": 1},
    ("ecbplus", "33"): {"fight": 0, "*": 1},
    ("ipe", ""): {"fight": 0, "strike": 0, "*": 1},
    ("case2021", ""): {"*": 1},
}


def label(corpus: str, doc: str, context: str, word: str) -> int | None:
    if any(p.search(context) for p in ZERO):
        return 0
    if any(p.search(context) for p in ONE):
        return 1
    topic = doc.split("_", 1)[0] if corpus == "ecbplus" else ""
    table = DEFAULTS.get((corpus, topic))
    if table is None:
        return None
    return table.get(family(word), table["*"])


def main() -> int:
    print("# corpus\tdoc\tstart\tend\tlabel  (violent sense of the word: 1; made by bench/label_sense.py)")
    for corpus in ("ecbplus", "ipe", "case2021"):
        for c, text in candidates(benchlib.DATASETS, corpus):
            ctx = re.sub(r"\s+", " ", (text[max(c.sent_start, c.start - 50):c.start] + "[[" + text[c.start:c.end]
                                       + "]]" + text[c.end:min(c.sent_end, c.end + 50)]).lower())
            lab = label(corpus, c.doc, ctx, text[c.start:c.end])
            if lab is not None:
                print(f"{c.corpus}\t{c.doc}\t{c.start}\t{c.end}\t{lab}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

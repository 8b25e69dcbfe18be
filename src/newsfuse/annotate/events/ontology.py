"""The newsfuse event ontology and a rule typer built from the ACLED definitions.

One ontology covers conflict and politics. A type id is ``family.kind`` (for
instance ``attack.air_strike``, ``diplomacy.visit``); the family is what fusion
compares. Each type maps to one ACLED event / sub-event type (or none), to the
CASE 2021 label set (ACLED sub-events plus DIPLO, ATTRIB, ORG_CRIME,
NATURAL_DISASTER, MAN_MADE_DISASTER) and to a PLOVER event type. The table is
documented in docs/EVENTS.md.

:func:`type_text` types a free-text snippet (a sentence or a short report) by
weighted keyword rules; the event extractor uses :func:`refine_type` to type one
trigger from the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "EventType",
    "EVENT_TYPES",
    "TYPE_RULES",
    "KEYWORD_GROUPS",
    "event_type",
    "family",
    "to_case",
    "rule_scores",
    "type_text",
    "refine_type",
]


@dataclass(frozen=True, slots=True)
class EventType:
    """One type of the ontology with its mappings."""

    id: str
    label: str
    acled: str  # "Event type / Sub-event type", or "" when ACLED has none
    case: str  # CASE 2021 Task 2 label
    plover: str  # PLOVER event type, or "" when PLOVER has none
    definition: str


EVENT_TYPES: tuple[EventType, ...] = (
    # ---- attack: organised violence (ACLED Battles, Explosions/Remote violence, Violence against civilians)
    EventType("attack.armed_clash", "armed clash", "Battles / Armed clash", "ARMED_CLASH", "ASSAULT",
              "Armed, organised groups fight each other; neither side takes territory."),
    EventType("attack.air_strike", "air or drone strike", "Explosions/Remote violence / Air/drone strike",
              "AIR_STRIKE", "ASSAULT", "Bombing or missile fire from aircraft or drones, drone attacks."),
    EventType("attack.shelling", "shelling, artillery or missile attack",
              "Explosions/Remote violence / Shelling/artillery/missile attack", "ART_MISS_ATTACK", "ASSAULT",
              "Long-range ground fire: artillery, mortars, rockets, missiles."),
    EventType("attack.remote_explosive", "remote explosive, landmine or IED",
              "Explosions/Remote violence / Remote explosive/landmine/IED", "REM_EXPLOS", "ASSAULT",
              "A bomb or mine detonated without the attacker present: IED, car bomb, roadside bomb."),
    EventType("attack.suicide_bomb", "suicide bombing", "Explosions/Remote violence / Suicide bomb",
              "SUIC_BOMB", "ASSAULT", "An attacker detonates explosives on himself or a vehicle he drives."),
    EventType("attack.grenade", "grenade attack", "Explosions/Remote violence / Grenade", "GRENADE", "ASSAULT",
              "A hand grenade or similar thrown explosive."),
    EventType("attack.chemical", "chemical weapon", "Explosions/Remote violence / Chemical weapon", "CHEM_WEAP",
              "ASSAULT", "Use of chemical agents: chlorine, sarin, toxic gas."),
    EventType("attack.attack", "attack", "Violence against civilians / Attack", "ATTACK", "ASSAULT",
              "An armed attack, typically on civilians or unarmed targets (shooting, stabbing, killing)."),
    EventType("attack.abduction", "abduction", "Violence against civilians / Abduction/forced disappearance",
              "ABDUCT_DISSAP", "ASSAULT", "Kidnapping, abduction, hostage taking, forced disappearance."),
    EventType("attack.sexual_violence", "sexual violence", "Violence against civilians / Sexual violence",
              "SEX_VIOL", "ASSAULT", "Rape, sexual assault or abuse."),
    # ---- territory (ACLED Battles)
    EventType("territory.government_regains", "government regains territory",
              "Battles / Government regains territory", "GOV_REGAINS_TERIT", "ASSAULT",
              "State forces retake territory from non-state groups."),
    EventType("territory.nonstate_takes", "non-state actor takes territory",
              "Battles / Non-state actor overtakes territory", "NON_STATE_ACTOR_OVERTAKES_TER", "ASSAULT",
              "Rebels, militias or other non-state groups seize territory."),
    EventType("territory.transfer", "non-violent transfer of territory",
              "Strategic developments / Non-violent transfer of territory", "NON_VIOL_TERRIT_TRANSFER",
              "RETREAT", "A side withdraws and another enters without fighting."),
    # ---- protest and riot (ACLED Protests, Riots)
    EventType("protest.peaceful", "peaceful protest", "Protests / Peaceful protest", "PEACE_PROTEST", "PROTEST",
              "Demonstration, rally, march, sit-in without violence or intervention."),
    EventType("protest.intervention", "protest with intervention", "Protests / Protest with intervention",
              "PROTEST_WITH_INTER", "PROTEST", "A peaceful protest that authorities disrupt, arrest or block."),
    EventType("protest.excessive_force", "excessive force against protesters",
              "Protests / Excessive force against protesters", "FORCE_AGAINST_PROTEST", "ASSAULT",
              "Lethal or serious force against protesters: live fire, deaths, serious injuries."),
    EventType("riot.violent_demonstration", "violent demonstration", "Riots / Violent demonstration",
              "VIOL_DEMONSTR", "PROTEST", "Demonstrators use violence or vandalise: clashes, stone throwing."),
    EventType("riot.mob_violence", "mob violence", "Riots / Mob violence", "MOB_VIOL", "ASSAULT",
              "A mob or vigilantes attack people or property; lynching."),
    # ---- coercion and strategic developments (ACLED Strategic developments)
    EventType("coercion.arrest", "arrest", "Strategic developments / Arrests", "ARREST", "COERCE",
              "Detention or arrest by state forces."),
    EventType("coercion.weapons_seized", "disrupted weapons use",
              "Strategic developments / Disrupted weapons use", "DISR_WEAP", "COERCE",
              "Weapons or explosives seized, defused or intercepted; an attack foiled."),
    EventType("coercion.property_destruction", "looting or property destruction",
              "Strategic developments / Looting/property destruction", "PROPERTY_DISTRUCT", "COERCE",
              "Looting, burning or destruction of property without armed clash."),
    EventType("military.change_of_group", "change to group or activity",
              "Strategic developments / Change to group/activity", "CHANGE_TO_GROUP_ACT", "MOBILIZE",
              "Deployment, reinforcement, defection, military drills, troop movements."),
    EventType("military.base_established", "headquarters or base established",
              "Strategic developments / Headquarters or base established", "HQ_ESTABLISHED", "MOBILIZE",
              "A group sets up a base, headquarters or observation post."),
    EventType("military.withdrawal", "troop withdrawal", "Strategic developments / Change to group/activity",
              "CHANGE_TO_GROUP_ACT", "RETREAT", "Troops are withdrawn or reduced, a mission ends."),
    EventType("diplomacy.agreement", "agreement", "Strategic developments / Agreement", "AGREEMENT", "AGREE",
              "Ceasefire, peace deal, prisoner exchange, surrender, signed accord."),
    # ---- diplomacy and statements (not ACLED events; CASE DIPLO / ATTRIB)
    EventType("diplomacy.visit", "visit", "", "DIPLO", "CONSULT",
              "An official visits a country or city, or receives a visitor."),
    EventType("diplomacy.meeting", "meeting or talks", "", "DIPLO", "CONSULT",
              "Meetings, talks, negotiations, summits, phone calls between officials."),
    EventType("diplomacy.sanction", "sanction", "", "DIPLO", "SANCTION",
              "Sanctions, expulsions of diplomats, cutting of ties."),
    EventType("statement.condemnation", "condemnation", "", "DIPLO", "ACCUSE",
              "An actor condemns, criticises, denounces or blames."),
    EventType("statement.demand", "demand or appeal", "", "DIPLO", "REQUEST",
              "An actor calls for, urges or demands something."),
    EventType("statement.threat", "threat", "", "DIPLO", "THREATEN", "An actor threatens or warns of action."),
    EventType("statement.rejection", "rejection", "", "DIPLO", "REJECT", "An actor rejects or refuses."),
    EventType("statement.announcement", "announcement", "", "OTHER", "",
              "An actor announces a decision, plan or result."),
    EventType("statement.claim_responsibility", "claim of responsibility", "", "ATTRIB", "",
              "A group claims an attack, or an attack is attributed to it."),
    # ---- other
    EventType("ceremony.funeral", "funeral", "", "OTHER", "",
              "A funeral or mourning gathering."),
    EventType("crime.organized", "organised crime", "", "ORG_CRIME", "",
              "Smuggling, trafficking, fraud, counterfeiting, cyber crime."),
    EventType("disaster.natural", "natural disaster", "", "NATURAL_DISASTER", "",
              "Earthquake, flood, storm, landslide, wildfire, volcanic eruption."),
    EventType("disaster.man_made", "man-made disaster", "", "MAN_MADE_DISASTER", "",
              "Accident, crash, industrial explosion, fire, spill, collapse."),
    EventType("other.other", "other", "Strategic developments / Other", "OTHER", "",
              "A reported development that fits no other type."),
)


@lru_cache(maxsize=1)
def _by_id() -> dict[str, EventType]:
    return {t.id: t for t in EVENT_TYPES}


def event_type(type_id: str) -> EventType:
    """The :class:`EventType` for an id (``other.other`` for an unknown id)."""
    table = _by_id()
    return table.get(type_id, table["other.other"])


def family(type_id: str) -> str:
    """The family of a type id: ``attack`` for ``attack.air_strike``."""
    return type_id.split(".", 1)[0]


def to_case(type_id: str) -> str:
    """The CASE 2021 label of a newsfuse type."""
    return event_type(type_id).case


# --------------------------------------------------------------------------- snippet rules

#: (type id, weight, regular expression). Patterns run on lower-cased text.
TYPE_RULES: tuple[tuple[str, float, str], ...] = (
    ("attack.suicide_bomb", 4.0, r"\bkamikazes?\b|\bsuicide[- ](?:bomb|attack|car|vest|blast|truck)|\bblew (?:himself|herself|themselves) up|\bsuicide\b"),
    ("attack.chemical", 4.0, r"\bchemical (?:weapon|attack|agent|munition)|\bchlorine|\bsarin\b|\btoxic gas|\bnerve agent|\bpoison gas|\bmustard (?:gas|agent)|\bsulfur mustard|\bsulphur mustard|\bpoisonous gas|\bbreathing difficult|\basphyxia|\bsuffocat|\bblurred vision|\bchoking\b"),
    ("attack.grenade", 4.0, r"(?<!propelled )\bgrenades?\b|\bm84s?\b"),
    ("attack.remote_explosive", 3.0, r"\bied\b|\bvbieds?\b|\bbooby[- ]trap|\bexplosive-laden|\bmagnetic bomb|\bparcel bomb|\bbomb (?:exploded|detonated|ripped)|\bimprovised explosive|\broadside bomb|\bcar bomb|\blandmines?\b|\bmines? (?:blast|explo)|\bbomb (?:blast|explo)|\bexplosive device|\bdetonat|\bbomb (?:went off|placed|planted)|\bplanted (?:a |an )?(?:bomb|explosive)|\bmotorcycle bomb|\bvehicle[- ]borne|\bbomb (?:was )?hidden|\bsticky bomb|\bexplosion (?:hit|rocked|struck|targeted)"),
    ("attack.remote_explosive", 1.0, r"\bblasts?\b"),
    ("attack.air_strike", 3.0, r"\bair ?strikes?\b|\bunmanned aerial|\buavs?\b|\bdrones? (?:fired|struck|hit|bombed|targeted)|\baerial bombing|\bair raids?\b|\bairstrikes?\b|\bwarplanes?\b|\bfighter jets?\b|\bjets? (?:struck|bombed|hit|attacked|fired)|\bbombing raids?\b|\bdrone (?:strike|attack)s?\b|\bhelicopters? (?:gunship|fired|attack|struck|dropped)|\baerial (?:attack|bombardment|strike)|\bair force\b|\bbombed by (?:\w+ )?(?:jets|planes|aircraft)|\bbarrel bombs?\b|\bjets\b|\bwarplane|\baircraft (?:struck|bombed|fired)|\bby (?:\w+ )?(?:jets|aircraft|drones?)\b"),
    ("attack.shelling", 3.0, r"\bshell(?:ing|ed|s)\b|\bartillery\b|\bmortars?\b|\brockets?\b|\bmissiles?\b(?! (?:launch|test|program|defen))|\brocket-propelled|\brpgs?\b|\bkatyusha|\bprojectiles?\b|\bhowitzer|\bfired (?:\w+ )?(?:shells|rockets|missiles)|\bbombard(?:ed|ment)"),
    ("attack.armed_clash", 2.5, r"\bclash(?:es|ed)?\b|\bfire ?exchanges?\b|\bexchanges? of fire|\bfighting\b|\bgun ?battles?\b|\bexchanged? (?:of )?(?:gun)?fire|\bfirefights?\b|\bskirmish|\bambush|\battacked (?:a |an |the )?(?:\w+ ){0,3}(?:checkpoint|base|camp|post|outpost|position|convoy|troops|soldiers|forces|army)|\bbattle\b|\bcombat\b|\boffensive\b|\bfighters attacked|\bmilitants attacked|\bshoot-?out|\bcharged (?:a |the )?(?:camp|base|position)|\battacks? (?:against|on) (?:the )?(?:\w+ ){0,2}(?:security forces|soldiers|army|police|troops|military|camp|base|checkpoint)|\bkilling (?:\w+ ){0,4}(?:soldiers|troops|policemen|police officers|security personnel)|\b(?:soldiers|troops|security personnel|policemen) (?:were |have been )?killed"),
    ("attack.attack", 2.0, r"\bshot dead|\bgun attacks?\b|\bgunned down|\bshot and killed|\bgunmen\b|\bopened fire|\bstabb(?:ed|ing)|\bkilled\b|\bshooting\b|\bgunman\b|\bmassacre|\bbeheaded|\bhacked to death|\bassassinat|\bstormed\b|\battack(?:ed|s)? (?:on )?(?:\w+ ){0,2}(?:villages?|civilians|worshippers|students|passengers|church|mosque|school)|\bmurder|\bexecuted\b|\btortur|\bbeaten\b"),
    ("attack.abduction", 4.0, r"\babduct|\bkidnap|\btaken hostage|\bheld hostage|\bwent missing|\bwhereabouts (?:\w+ ){0,3}unknown|\bsnatched\b|\bhostages?\b|\btaken captive|\bcaptured sailors|\bforced disappearance|\bdisappeared\b|\bseized (?:\w+ )?(?:crew|sailors|hostages)"),
    ("attack.sexual_violence", 5.0, r"\brap(?:e|ed|es|ing|ist)\b|\bsexual(?:ly)? (?:assault|abuse|violence|harass)|\bmolest|\bsex abuse|\bgang-?rape"),
    ("territory.government_regains", 3.5, r"\b(?:army|troops|government forces|security forces|military|soldiers|police|forces) (?:have |has )?(?:\w+ ){0,4}(?:recaptured|retook|regained|recovered|liberated|reclaimed|cleared|drove|drive|expelled|freed|occupied|seized back|took full control|seized control|took control|taken control|established control|captured (?:a |an |the |two |several |\w+ )?(?:\w+ ){0,2}(?:rebel|militant|insurgent|terrorist|npa|held|camps?|villages?|towns?|neighbou?rhoods?|areas?|districts?|positions?)|pushed (?:\w+ ){0,4}out|drove (?:\w+ ){0,4}out)|\bliberat(?:ed|ion) (?:of )?|\bregain(?:ed|s)? control|\bdrove (?:\w+ ){0,3}out|\bground was regained|\bcounter-?attack"),
    ("territory.nonstate_takes", 3.5, r"\b(?:rebels?|militants?|insurgents?|fighters|taliban|al[- ]shabaa?b|islamic state|isis|isil|boko haram|houthis?|militias?|jihadists?)\b(?:\s+\S+){0,6}\s(?:seized|captured|overran|took control|taken control|retook|recaptured|advanced|overtook|took over|stormed and seized)|\bfell to (?:the )?(?:rebels?|militants?|taliban|jihadists?|insurgents?|islamic state)|\bunder (?:the )?control of (?:the )?(?:rebels?|militants?|taliban|jihadists?)|\b(?:seized|captured) by (?:the )?(?:rebels?|militants?|taliban|jihadists?|insurgents?|islamic state)"),
    ("territory.transfer", 4.0, r"\bwithdr(?:ew|awn|awal|aws) from|\bpulled out\b|\bwithout (?:a |any )?(?:fight|fighting|resistance)|\b(?:not|no|never) (?:\w+ ){0,2}(?:any )?resistance|\bhanded over (?:control|the)|\btook over (?:\w+ ){0,3}after (?:\w+ ){0,4}withdr|\bvacated\b|\bdeserted\b|\babandoned (?:\w+ ){0,2}(?:base|town|city|positions?|posts?|village)|\bretreated\b"),
    ("protest.peaceful", 2.5, r"\bprotest(?:s|ed|ers|ors)?\b|\bdemonstrat(?:ion|ions|ors|ed)\b|\brall(?:y|ies|ied)\b|\bmarch(?:ed|es)?\b|\bsit-?ins?\b|\bvigils?\b|\bstrikes? (?:by|of) (?:workers|teachers|doctors)|\bmarchers|\bpicket|\bgeneral strike|\b(?:on|went on|go on|staged? a) strike|\bwalk-?outs?\b|\bstandstill\b|\bboycott"),
    ("protest.intervention", 2.0, r"\bprotesters? (?:were )?(?:detained|arrested)|\b(?:detained|arrested) (?:\w+ ){0,4}(?:protest|demonstrat)|\bbroke[- ]up|\bdispersed\b|\bdrag(?:ged)? (?:them|protesters)|\broadblocks\b|\bblocked (?:the )?(?:march|protest)"),
    ("protest.excessive_force", 2.5, r"\b(?:opened fire|fired|shot) (?:\w+ ){0,3}(?:on|at) (?:\w+ ){0,2}(?:protesters|demonstrators|crowds?)|\b(?:protesters|demonstrators) (?:were )?(?:killed|shot|died)|\blive (?:ammunition|fire|rounds)|\brubber bullets|\bviolently dispersed|\bprotesters? died|\bkilled (?:\w+ ){0,3}protesters"),
    ("riot.violent_demonstration", 2.5, r"\briot(?:s|ers|ing)?\b|\bmolotov|\bpetrol bombs?\b|\bthrew (?:stones|rocks|bottles)|\bstone[- ]pelt|\btorched\b|\bset (?:\w+ )?(?:on )?fire|\bvandali[sz]|\bclashed with (?:police|security)|\bstormed (?:the )?(?:parliament|building|offices)|\bshut down roads|\bpull(?:ed)? down|\bbroke into"),
    ("riot.mob_violence", 4.0, r"\bmobs?\b|\blynch|\bjungle justice|\bangry (?:mob|youths)|\bvigilantes?\b|\bmob justice|\bangry (?:crowd|residents|villagers)"),
    ("coercion.arrest", 3.0, r"\bremanded\b|\bbooked\b|\bpicked up by (?:the )?(?:police|security)|\bcaptured (?:a |an |the |two |three |\d+ )?(?:\w+ ){0,2}(?:commanders?|leaders?|members?|suspects?|militants?|kingpin|chief)\b|\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|s)?\b|\bdetention\b|\bin custody\b|\btaken into custody|\bapprehended|\bhouse arrest|\bjailed\b|\bsentenced\b|\bcharged with|\bintercepted \d+ suspect|\bnabbed|\brounded up"),
    ("coercion.weapons_seized", 3.0, r"\b(?:weapons|arms|ammunitions?|explosives|firearms|pistols|rifles|grenades|mines|explosive devices?|bombs|rockets|shells|mortars|projectiles)\b(?:\s+\S+){0,8}\s(?:were |was |have been |has been )?(?:found|seized|discovered|recovered|confiscated|defused|destroyed)|\b(?:found|discovered|seized|destroyed|defused|recovered|identified)\b(?:\s+\S+){0,10}\s(?:weapons?|arms|ammunitions?|caches?|explosives?|pistols?|rifles?|guns|grenades?|explosive devices?|bombs?|rockets|shells|mortars|mines|projectiles)\b|\bdefused|\bseized (?:\w+ ){0,3}(?:weapons|arms|ammunition|explosives|rifles|guns|pistols|bullets|grenades)|\b(?:weapons|arms|ammunition|explosives|firearms|bullets|pistols) (?:were |was )?(?:found|seized|captured|recovered|confiscated)|\bcache\b|\bstash of|\b(?:packages?|parcels?|devices?|shipments?|drones?|missiles?|rockets?) (?:\w+ ){0,3}intercepted|\bintercepted (?:\w+ ){0,2}(?:packages?|parcels?|devices?|shipments? of (?:arms|weapons)|drones?|missiles?|rockets?)|\bfoiled\b|\bthwarted|\bbomb (?:squad|disposal)|\bdismantled (?:a |an )?(?:bomb|explosive)|\bdeactivat|\bunexploded|\bbomb (?:has been |was )?found|\bsuspicious package|\bbomb scare|\bshot down\b|\bintercepted (?:a |the )?(?:drone|missile|rocket)"),
    ("coercion.property_destruction", 3.0, r"\bloot(?:ed|ing|ers)?\b|\bdemolish(?:ed|es|ing)? (?:\w+ ){0,3}(?:homes?|houses?|buildings?|structures|shops|property|mosques?|churches|villages?)|\bdemolition of|\brazed\b|\bbulldoz|\bpillag|\bplunder|\bransack|\bburn(?:ed|t) (?:down )?(?:\w+ ){0,2}(?:houses|homes|shops|villages|buildings|property|cars)|\btorching\b|\bdestroyed (?:\w+ ){0,2}(?:houses|homes|shops|property)|\barson|\b(?:houses|homes|shops|stores|businesses|buildings|vehicles|cars|property) (?:\w+ ){0,3}(?:burned|burnt|torched|looted|vandali[sz]ed|destroyed|set (?:on )?fire)|\bstole\b|\bstolen\b"),
    ("military.change_of_group", 2.0, r"\b(?:formed|created|founded|launched) (?:a |an |the )?(?:new )?(?:\w+ ){0,2}(?:group|unit|brigade|force|coalition|alliance|militia|battalion)\b|\b(?:forces|units?|brigades?|battalions?|groups?) (?:were|was|have been|has been) (?:formed|created|founded)|\bdefect(?:ed|ion|ors|s)?\b|\bdispatch(?:ed|es)?\b|\bsent (?:\w+ ){0,3}(?:reinforcements|troops|forces|fighters)|\b(?:forwarded|brought|moved) (?:\w+ ){0,2}(?:fighters|troops|reinforcements|military equipment)|\bfortif(?:y|ied|ies|ying|ications?)\b|\bdeploy(?:ed|ment|s)?\b|\breinforce(?:d|ments)\b|\bmilitary (?:drills|exercises?)|\bsortie|\bair defen[cs]e identification|\bjoined (?:the )?(?:ranks|group)|\bmerged? with|\bsplinter|\bnew (?:group|commander|leader)|\brenamed|\bdisband|\bdrills?\b|\bmobili[sz]|\bconvoy\b|\bpatrol"),
    ("military.base_established", 4.0, r"\b(?:set up|established|establish|build|built|setting up|erected) (?:\w+ ){0,3}(?:base|bases|headquarters|observation posts?|points?|outposts?|camp|positions|(?:military )?posts?)|\bnew (?:military )?(?:base|outpost|observation post|post|headquarters)|\bobservation posts?\b"),
    ("military.withdrawal", 1.5, r"\bwithdraw(?:al)? of (?:\w+ ){0,3}(?:troops|forces)|\btroops? (?:reduction|withdrawal)|\bend(?:ing)? the presence"),
    ("diplomacy.agreement", 3.0, r"\bagree(?:d|ment|ments)?\b|\bcease-?fire(?! violation)|\btruce\b|\bpeace (?:deal|accord|agreement|talks|treaty)|\bprisoner (?:swap|exchange)|\bexchange (?:\w+ ){0,3}prisoners|\bprisoners? of war|\bin exchange for|\bexchange of prisoners|\bswap\b|\bsigned\b|\bsurrender(?:ed|s)?\b|\blaid down (?:their )?arms|\brelease of (?:\w+ ){0,3}prisoners|\breleased (?:\w+ ){0,3}prisoners|\bdeal\b|\baccord\b|\bamnesty|\bhanded over (?:themselves|their weapons)"),
    ("diplomacy.visit", 2.0, r"\bvisit(?:s|ed|ing)?\b|\barriv(?:ed|es) in\b|\bhosted\b|\bwelcomed\b|\breceived (?:the|a) (?:\w+ ){0,3}(?:minister|president|delegation|envoy)"),
    ("diplomacy.meeting", 2.0, r"\bmeet(?:s|ing|ings)?\b|\bbilateral\b|\bdiplomatic (?:ties|relations)|\bmet (?:with)?\b|\btalks\b|\bsummit\b|\bnegotiat|\bphone call|\bdiscuss(?:ed|ion|ions)?\b|\bconsultations?\b|\bdialogue\b|\bconference\b|\bcounterpart"),
    ("diplomacy.sanction", 3.0, r"\bsanction(?:s|ed)?\b|\bembargo|\bexpel(?:led|s)? (?:\w+ ){0,3}(?:diplomats?|ambassador)|\bsevered (?:diplomatic )?ties|\brecalled (?:its )?ambassador|\bblacklist|\bpersona non grata|\bvisa ban|\bexpulsion of|\bexpel(?:led|s)?\b|\bclos(?:e|ed|ure of|ing) (?:down )?(?:the |its )?(?:\w+ )?(?:consulate|embassy)|\bactions? targeting|\bretaliatory measures"),
    ("statement.condemnation", 2.5, r"\bcondemn(?:s|ed|ing|ation)?\b|\bcritici[sz](?:e|ed|es|ism)\b|\bdenounc|\bdeplor|\bslammed\b|\bblamed?\b|\baccus(?:ed|es|ation)|\bprotested (?:to|against) (?:the )?(?:\w+ )?(?:government|embassy)|\bsummoned (?:the )?(?:\w+ )?ambassador|\bcensure|\brebuk"),
    ("statement.demand", 1.5, r"\bcall(?:s|ed|ing)? (?:on|for)\b|\burg(?:e|ed|es|ing)\b|\bdemand(?:s|ed)?\b|\bappeal(?:s|ed)? (?:to|for)\b|\bask(?:ed|s)? (?:\w+ ){0,2}to\b"),
    ("statement.threat", 2.0, r"\bthreat(?:en|ens|ened)\b|\bwarn(?:s|ed|ing)?\b|\bultimatum|\bvow(?:s|ed)? (?:to )?(?:retaliat|revenge|respond)"),
    ("statement.rejection", 1.5, r"\breject(?:s|ed)?\b|\brefus(?:e|ed|es)\b|\bruled out\b|\bdismissed\b"),
    ("statement.claim_responsibility", 5.0, r"\bclaim(?:s|ed|ing)? (?:the )?responsibility|\bclaimed (?:the |an? )?(?:\w+ ){0,2}(?:attack|bombing|killing|blast|murder|assassination|abduction|kidnapping|beheading)|\bresponsibility for\b|\bclaim(?:ed)? by\b|\bclaimed the\b|\bblamed (?:\w+ ){0,3}for (?:the )?(?:\w+ ){0,2}(?:attack|bombing|blast)|\battribut(?:ed|ion)|\btook credit|\btakes? credit|\bsuspected (?:to be |of being )?behind|\b(?:are|is|were|was) behind (?:the )?(?:\w+ ){0,2}(?:attacks?|bombings?|blasts?|killings?)|\bdenied (?:any )?involvement|\b(?:reject|den)(?:ied|ies|y|ed|s)? (?:the |an? |any )?(?:accusations?|allegations?|claims?|charges?|responsibility)|\bdenies (?:any )?involvement|\ballegations?\b|\bevidence of (?:guilt|involvement)|\bin (?:potential )?violation of"),
    ("ceremony.funeral", 3.0, r"\bfunerals?\b|\bburial\b|\bmourners\b|\bmourning\b"),
    ("crime.organized", 3.0, r"\brob(?:bery|beries|bed|bing|bers?)?\b|\bheists?\b|\bsmuggl|\btraffick|\bcounterfeit|\bfraud|\bcartel|\bdrug (?:lord|gang|ring|haul|bust)|\bnarcotic|\bcocaine|\bheroin|\bmethamphetamine|\bmoney laundering|\bcyber ?crime|\bhack(?:ed|er|ers|ing)\b|\bpornograph|\bextortion|\bbrib|\bcontraband|\bpoach|\bgang\b|\bcrime (?:syndicate|ring|group)|\bracket|\bmafia|\bconfiscated|\bfake (?:\w+ )?(?:goods|currency|notes|products)|\bscam\b|\bseized (?:\w+ ){0,3}(?:drugs|kilograms|tons|tonnes|kg)"),
    ("disaster.natural", 4.0, r"\bearthquakes?\b|\btorrential rain|\brainfall|\bpandemic|\bepidemic|\bcovid|\bcoronavirus|\bcholera\b|\bebola\b|\boutbreak of (?:\w+ )?(?:disease|cholera|ebola|measles|flu|influenza)|\bheavy snow|\bsnowfall|\bsnowstorm|\btsunami|\bfloods?\b|\bflooding\b|\btyphoon|\bcyclone|\bhurricane|\blandslides?\b|\bmudslide|\bvolcan|\beruption|\btornado|\bdrought|\bwildfires?\b|\bbush ?fires?\b|\bmagnitude\b|\bheavy rains?|\bdownpours?\b|\bhailstorm|\blightning\b|\bmonsoon|\bstorm\b|\bavalanche|\bheat ?wave|\bforest fire|\bblizzard|\bquake\b"),
    ("disaster.man_made", 3.0, r"\bcrash(?:ed|es)?\b|\bplunged (?:\w+ ){0,3}(?:into|off)|\bbridge collapse|\bgas explosion|\bcollision|\bcollided|\bderail|\bcapsiz|\bsank\b|\bsinking|\bfire broke out|\bblaze\b|\bgas (?:leak|explosion|cylinder)|\bfactory (?:fire|explosion)|\bplant explosion|\bchemical (?:leak|spill|plant)|\boil spill|\bleaked\b|\bcollapse(?:d)?\b|\bbuilding collapse|\bstampede|\baccident|\bboiler|\bmine (?:collapse|accident|disaster)|\bcaught fire|\bburn(?:ed|t) in a fire|\bin a fire|\bfire (?:at|in) (?:a |the )?(?:factory|market|warehouse|building|hospital)|\bpoisoning|\belectrocut|\bblackout|\bshipwreck|\bexplosion at (?:a |the )?(?:\w+ ){0,2}(?:plant|factory|warehouse|mine|refinery|port)|\b(?:tank|furnace|cylinders?|containers?|pipeline|boiler|reactor|fireworks?|warehouse)s? (?:\w+ ){0,6}(?:exploded|explosion|leak)|\bleaks?\b|\bran aground|\bbroke loose|\bfirefighters|\bfire brigade|\bsmoke\b|\btoxins?\b|\bcontaminat|\bnuclear plant|\bwastewater|\bfire (?:that )?(?:destroyed|gutted|swept|raged)"),
    ("other.other", 0.5, r"\bfled\b|\bfleeing\b|\brefugees?\b|\bdisplaced\b|\breturn(?:ed)? (?:to|home)|\blaunch(?:ed)? (?:\w+ ){0,2}(?:satellite|missile test|rocket into)"),
)


# "March" and "May" as month names ("on 27 March", "a March 2018 attack") are not marches.
_MONTH = re.compile(r"\b((?:in|on|of|by|since|until|till|from|early|late|mid|last|next|this|between|\d{1,2}(?:st|nd|rd|th)?)[\s-]+)?"
                    r"\b(March|May)\b(\s+\d)?")


def _mask_month(m: re.Match[str]) -> str:
    return f"{m.group(1) or ''}<month>{m.group(3) or ''}" if m.group(1) or m.group(3) else m.group(0)


def _lower(text: str) -> str:
    """The lower-cased text the rules read, with month names masked."""
    return _MONTH.sub(_mask_month, text).lower()


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    return tuple((tid, w, re.compile(p)) for tid, w, p in TYPE_RULES)


def rule_scores(text: str) -> dict[str, float]:
    """Weighted keyword evidence per type id for ``text`` (types without evidence are absent).

    A pattern adds its weight once per match (at most three matches count), and a
    match in the first 200 characters counts 1.5 times (the lead usually names the event).
    """
    low = _lower(text)
    scores: dict[str, float] = {}
    for tid, weight, pattern in _compiled():
        total = 0.0
        for n, m in enumerate(pattern.finditer(low)):
            if n >= 3:
                break
            total += weight * (1.5 if m.start() < 200 else 1.0)
        if total:
            scores[tid] = scores.get(tid, 0.0) + total
    return scores


# A more specific attack weapon outranks the generic words it usually comes with.
_WEAPON_TYPES = ("attack.suicide_bomb", "attack.chemical", "attack.grenade", "attack.remote_explosive",
                 "attack.air_strike", "attack.shelling")


# ACLED cues that split a protest (Protests / Riots in the ACLED codebook): a demonstration whose
# participants use violence is a riot whatever the police did; otherwise lethal or serious force
# against the demonstrators is excessive force; a dispersal, arrests or a ban is an intervention.
_PROTESTER_VIOLENCE = re.compile(
    r"\briot(?:s|ers|ing|ed)?\b(?! police| gear| squad| control)|\bclash(?:es|ed|ing)?\b|\bscuffles?\b|\bpelt|"
    r"\b(?:threw|throw|throwing|throws|hurled|hurling|lobbed) (?:\w+ ){0,3}(?:stones?|rocks?|bottles|projectiles|bricks|firecrackers|"
    r"fireworks|eggs|objects|molotov)|\bstones?\b|\bmolotov|\bpetrol bombs?|\bfire ?bombs?|\btorch(?:ed|ing)\b|"
    r"\bset (?:\w+ )?(?:on )?fire|\bset ablaze|\bvandal|\bsmash(?:ed|ing)\b|\bloot(?:ed|ing|ers)?\b|\brampage|"
    r"\bstormed\b|\bbroke into|\bpull(?:ed)? down|\bblock(?:ed|ing|s)? (?:\w+ ){0,2}(?:roads?|highways?|streets?|railways?|"
    r"thoroughfares?|traffic|bridges?)|\bbarricades?\b|\bdefied\b|\bshut ?down\b")
_UNREST = re.compile(r"\bviolen(?:t|ce)\b|\bunrest\b|\bchao(?:s|tic)\b|\baggressive|\bburn(?:ed|t|ing)\b")
_UNREST_OBJECT = re.compile(r"\b(?:decry|decried|denounc\w*|condemn\w*|against|protest\w* (?:over|against)|over) "
                            r"(?:\w+ ){0,4}(?:violen(?:t|ce)|unrest)\b|\bviolent(?:ly)? (?:dispers|crackdown|repress|suppress)")
_FORCE = re.compile(r"\bexcessive force|\blive (?:ammunition|bullets|fire|rounds)|\brubber bullets|\bbrutal|"
                    r"\bcrackdown|\bopened fire|\bfired (?:\w+ )?(?:on|at|into)\b(?! \w+ (?:with )?tear)|"
                    r"\bkill(?:ed|ing) (?:\w+ ){0,3}(?:protesters?|demonstrators?)|\bviolently dispersed|"
                    r"\bserious(?:ly)? injur|\battacked and injured|\bshot (?:dead|and killed)|\bbullets\b|"
                    r"\bbeat(?:en|ing|s)? (?:\S+ ){0,3}(?:protesters?|demonstrators?|activists?|students?|marchers)|"
                    r"\b(?:protesters?|demonstrators?|activists?|students?|marchers) (?:were |was )?beaten")
_PROTESTERS_HURT = re.compile(r"\b(?:protesters?|demonstrators?)\b(?:\s+\S+){0,4}\s(?:killed|shot|died|die|injured|wounded)|"
                              r"\b(?:die|died|killed) in (?:\w+ )?(?:protest|crackdown)|"
                              r"\b(?:dozens|scores|hundreds|many|several|\d+) (?:of )?(?:people )?(?:were )?(?:injured|wounded|hurt)")
_INTERVENTION = re.compile(r"\barrest(?:ed|ing)?\b|\bdetain(?:ed|ing)?\b|\bdispers|\btear ?gas|\bwater cannon|\bbroke[- ]up|\bban(?:ned)?\b|"
                           r"\bblocked (?:the )?(?:march|protest)|\bdrag(?:g|\b)|\bsuppress|\bhalt(?:ed)?\b|\bpepper spray|\bbatons?\b")
_PROTEST_TO_COME = re.compile(r"\bin anticipation of|\bahead of (?:\w+ ){0,3}(?:protests?|demonstrations?|rall)|"
                             r"\b(?:to|will|would|plan to|planning to) (?:protest|demonstrate|rally|march)\b")
_RIOT_LEAD = re.compile(r"\briot(?:s|ers|ing|ed)?\b(?! police| gear| squad| control)|\bmobs?\b|\blynch")


def _protest_subtype(low: str, scores: dict[str, float]) -> str:
    """ACLED's split of a protest: violent demonstration, excessive force, intervention, peaceful (or mob)."""
    if scores.get("riot.mob_violence", 0) >= 4 and not re.search(r"\bprotest|\bdemonstrat|\brall", low):
        return "riot.mob_violence"
    if _PROTESTER_VIOLENCE.search(low):
        return "riot.violent_demonstration"
    if _FORCE.search(low) or _PROTESTERS_HURT.search(low):
        return "protest.excessive_force"
    peaceful = re.search(r"\bpeaceful(?:ly)?\b|\bnon-?violent", low)
    if not peaceful and _UNREST.search(low) and not _UNREST_OBJECT.search(low):
        return "riot.violent_demonstration"
    if _INTERVENTION.search(low):
        return "protest.intervention"
    if scores.get("riot.mob_violence", 0) >= 4:
        return "riot.mob_violence"
    if "military.change_of_group" in scores and _PROTEST_TO_COME.search(low):
        return "military.change_of_group"  # forces deployed ahead of a protest
    best = max(scores.items(), key=lambda kv: kv[1])[0]
    return best if scores[best] >= 2 * scores.get("protest.peaceful", 0) else "protest.peaceful"


_ARMED_TARGET = re.compile(r"\b(?:soldiers|troops|security forces|security personnel|policemen|police (?:officers?|trainees|station|post)|"
                           r"militants|terrorists|insurgents|rebels|bandits|army|military base|base|checkpoint|fighters|members)\b")
_CIVILIAN_TARGET = re.compile(r"\b(?:civilians?|villagers|women|children|worshippers|passengers|students|farmers|"
                              r"market(?:place)?|church|mosque|school|homes?|residents)\b")

# Disrupted weapons use: weapons found, seized or defused, and nothing went off.
_SEIZURE = re.compile(r"\b(?:found|discovered|seized|recovered|confiscated|defused|dismantled|deactivated|unearthed|destroyed|neutrali[sz]ed|identified|"
                      r"uncovered|intercepted|caches?|stash(?:es)?|stockpiles?|haul)\b")
_WEAPON_USE = re.compile(r"\bexplo(?:ded|sion|sions|de|des)\b|\bblasts?\b|\bdetonated\b|\battack(?:ed|s|ing)?\b|\bkill(?:ed|ing|s)\b|"
                         r"\bwound(?:ed|ing)\b|\binjur|\bdead\b|\bdied\b|\bhurled\b|\blobbed\b|\bthrew\b|\bstruck\b|\bhit\b|\bfired\b|\btargeted\b")

_CHEMICAL_TARGET = re.compile(r"\bchemical weapons? (?:facilit|site|plant|stockpile|program|depot|research)")

# An industrial leak of a toxic gas is an accident, not a chemical attack.
_INDUSTRIAL = re.compile(r"\bleak(?:s|ed|age|ing)?\b|\bfactory\b|\bplant\b|\bindustrial\b|\bspill|\breservoir|\bpipe(?:line)?s?\b|"
                         r"\btanker\b|\bwarehouse|\bderail|\btrain\b|\btruck\b")
_HOSTILE = re.compile(r"\battack|\bweapons?\b|\bbomb|\bshell|\bstrikes?\b|\bregime\b|\bforces\b|\bmilitants?\b|\brebels?\b|\bfired\b|\bdropped\b")

# Territory: who took the ground? The first armed actor named before the verb of taking, in its sentence.
_STATE_ACTOR = (r"army|armed forces|troops|troopers|soldiers|government forces|government troops|pro-government|loyalists?|"
                r"security forces|military|police|national guard|marines|forces loyal to (?:the )?(?:government|president)|"
                r"sana|regime|coalition|government")
_NONSTATE_ACTOR = (r"rebels?|militants?|insurgents?|jihadists?|terrorists?|militias?|militiamen|taliban|al[- ]shabaa?b|"
                   r"islamic state|isis|isil|daesh|is|boko haram|houthis?|huthis?|al[- ]qaeda|opposition|separatists?|"
                   r"tribesmen|gunmen|bandits|npa|new people's army|sdf|ypg|pkk|hts|nusra|fighters|hezbollah|haftar")
_ACTOR = re.compile(rf"\b(?:(?P<state>{_STATE_ACTOR})|(?P<nonstate>{_NONSTATE_ACTOR}))\b")
_TAKE = re.compile(r"\b(?:re)?captur(?:ed|es|ing)\b|\bretook\b|\bretaken\b|\bregain(?:ed|s|ing)?\b|\bseiz(?:ed|es|ing)\b|"
                   r"\btook (?:full |complete |over )?control\b|\btaken (?:full )?control\b|\b(?:established|imposed|extended) "
                   r"(?:full )?control|\bliberat(?:ed|es|ing)\b|\boverr(?:an|un)\b|\btook over\b|\bovert(?:ook|aken)\b|"
                   r"\bpushed (?:\w+ ){0,4}out\b|\bdr(?:o|i)ve (?:\w+ ){0,4}out\b|\bexpelled\b|\bcleared\b|\breclaimed\b|"
                   r"\bfell to\b|\bfallen to\b|\badvanc(?:ed|es|ing)\b")
_PLACE = re.compile(r"\b(?:villages?|towns?|cit(?:y|ies)|districts?|areas?|neighbou?rhoods?|regions?|provinces?|camps?|"
                    r"bases?|positions?|hills?|hilltops?|territor(?:y|ies)|port|airport|crossings?|strongholds?|"
                    r"outposts?|road|highway|km2|square kilomet|countryside|outskirts|parts? of|control)\b")


def _territory_side(low: str) -> str | None:
    """Government regains or non-state actor takes, from the actor of the first verb of taking a place."""
    for sentence in re.split(r"(?<=[.!?])\s+", low):
        for m in _TAKE.finditer(sentence):
            after = sentence[m.end():m.end() + 80]
            before = sentence[:m.start()]
            if not (_PLACE.search(after) or _PLACE.search(before[-60:])):
                continue
            verb = m.group(0)
            if verb.startswith(("fell", "fallen")):
                actor = _ACTOR.search(after)
                passive = True
            elif re.match(r"\s*by\b", after) or re.search(r"\b(?:was|were|been|being|is|are) $", before[-12:]):
                actor = _ACTOR.search(after[:60])
                passive = True
            else:
                actor, passive = None, False
            if actor is None:
                actor, passive = _ACTOR.search(before), False
            if actor is None:
                continue
            state = actor.group("state") is not None
            if verb.startswith("liberat") and passive is False and re.match(r"\s*(?:\w+ ){0,4}from", after):
                state = True
            return "territory.government_regains" if state else "territory.nonstate_takes"
    return None


def type_text(text: str) -> str:
    """The newsfuse type of a snippet by the keyword rules (``other.other`` when nothing fires)."""
    scores = rule_scores(text)
    low = _lower(text)
    side = _territory_side(low)
    if not scores:
        return side or "other.other"
    # claims of responsibility and condemnations talk about an attack: the speech act wins
    if scores.get("statement.claim_responsibility", 0) >= 5:
        return "statement.claim_responsibility"
    if "protest.peaceful" in scores or _RIOT_LEAD.search(low[:200]):
        return _protest_subtype(low, scores)
    best = max(scores.items(), key=lambda kv: kv[1])[0]
    if best in _WEAPON_TYPES and "coercion.weapons_seized" in scores and _SEIZURE.search(low) \
            and not _WEAPON_USE.search(low):
        return "coercion.weapons_seized"
    if best in ("attack.air_strike", "attack.shelling") and scores.get("attack.chemical", 0) >= scores[best] / 2 \
            and not _CHEMICAL_TARGET.search(low):
        return "attack.chemical"  # a chemical weapon delivered by aircraft or artillery
    if best == "attack.chemical" and _CHEMICAL_TARGET.search(low):
        means = [t for t in ("attack.air_strike", "attack.shelling") if t in scores]
        if means:  # strikes on chemical weapons sites
            return max(means, key=scores.__getitem__)
    if best == "attack.chemical" and _INDUSTRIAL.search(low) and not _HOSTILE.search(low):
        return "disaster.man_made"
    territory = max(scores.get("territory.government_regains", 0), scores.get("territory.nonstate_takes", 0))
    if (territory or side) and best in ("attack.armed_clash", "attack.attack", "territory.government_regains",
                                        "territory.nonstate_takes", "other.other") \
            or (territory and territory >= scores[best] - 1.5):
        if scores.get("territory.transfer", 0) >= territory:
            return "territory.transfer"
        return side or (best if best.startswith("territory.") else
                        max(("territory.government_regains", "territory.nonstate_takes"), key=lambda t: scores.get(t, 0)))
    if best == "attack.attack" and _ARMED_TARGET.search(low) and not _CIVILIAN_TARGET.search(low):
        return "attack.armed_clash"
    return best


# --------------------------------------------------------------------------- trigger refinement

_MODIFIER_TYPES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"suicide"}), "attack.suicide_bomb"),
    (frozenset({"chemical", "chlorine", "sarin", "gas"}), "attack.chemical"),
    (frozenset({"grenade", "grenades"}), "attack.grenade"),
    (frozenset({"ied", "roadside", "landmine", "mine", "bomb", "explosive", "car-bomb", "bombing"}),
     "attack.remote_explosive"),
    (frozenset({"drone", "drones", "air", "aerial", "airstrike", "airstrikes", "warplane", "warplanes", "jet",
                "jets", "aircraft", "helicopter", "bombardment", "uav"}), "attack.air_strike"),
    (frozenset({"rocket", "rockets", "missile", "missiles", "mortar", "mortars", "artillery", "shelling",
                "shell", "shells"}), "attack.shelling"),
)


def refine_type(base: str, words: set[str]) -> str:
    """Sharpen a generic attack type from weapon words near the trigger ("drone", "rocket" ...).

    ``words`` are lower-cased words of the trigger's phrase. Non-attack types are returned as is.
    """
    if base not in ("attack.attack", "attack.air_strike", "attack.armed_clash"):
        return base
    for keys, tid in _MODIFIER_TYPES:
        if words & keys:
            return tid
    return base


# --------------------------------------------------------------------------- keyword groups

#: Named keyword groups (regular expressions on lower-cased text) for the cues that split the
#: ACLED protest, riot and violence subtypes: who acts, with what, and what happens to whom.
#: The rule typer reads some of them; learned models may use them as features.
KEYWORD_GROUPS: dict[str, str] = {
    "protesters": r"\bprotest(?:s|ers?|ors?|ing)?\b|\bdemonstrat(?:ion|ions|ors?)\b|\brall(?:y|ies)\b|\bmarch(?:ed|es|ers)?\b",
    "crowd": r"\bcrowds?\b|\bmobs?\b|\bresidents\b|\bvillagers\b|\bangry\b",
    "police": r"\bpolice\b|\bsecurity forces\b|\briot police\b|\bauthorities\b|\bofficers\b|\bsoldiers\b|\btroops\b",
    "police_force": r"\btear ?gas\b|\bwater cannon|\brubber bullets|\bbatons?\b|\blive (?:ammunition|fire|rounds)|\bdispers",
    "detention": r"\barrest|\bdetain|\bcustody\b|\bdetention\b",
    "death": r"\bkill(?:ed|ing|s)?\b|\bdead\b|\bdied\b|\bdeaths?\b|\bfatal|\blost (?:their|his|her) lives",
    "injury": r"\binjur|\bwounded\b|\bhurt\b|\bhospitali[sz]ed",
    "protester_violence": r"\bthrew\b|\bhurl|\bstones?\b|\brocks\b|\bmolotov|\bpetrol bomb|\btorch|\bset fire|\bon fire\b|\bvandal|\bsmash|\bpelt|\bburn(?:ed|t|ing)\b|\bblock(?:ed|ing)? (?:roads?|highways?)",
    "peaceful": r"\bpeaceful(?:ly)?\b|\bsit-?in\b|\bvigil|\bcandle|\bplacards?\b|\bbanners?\b|\bslogans?\b|\bchant",
    "firearm": r"\bgun(?:s|men|man|fire)?\b|\bshot\b|\bshoot|\bopened fire|\brifles?\b|\bbullets?\b",
    "explosive": r"\bbomb|\bexplo|\bblast\b|\bdetonat|\bied\b",
    "aircraft": r"\bjets?\b|\bplanes?\b|\baircraft\b|\bdrones?\b|\bhelicopters?\b|\bair ?strikes?\b|\bair raids?\b",
    "artillery": r"\bshell|\bartillery\b|\bmortars?\b|\brockets?\b|\bmissiles?\b",
    "state_forces": r"\barmy\b|\bgovernment forces\b|\bsecurity forces\b|\bmilitary\b|\btroops\b|\bsoldiers\b",
    "nonstate": r"\brebels?\b|\bmilitants?\b|\binsurgents?\b|\bjihadists?\b|\bterrorists?\b|\bmilitias?\b|\bisis\b|\bisil\b|\btaliban\b|\bal[- ]shabaa?b\b|\bboko haram\b",
    "territory": r"\bcontrol\b|\bseiz|\bcaptur|\btook over\b|\bvillages?\b|\btowns?\b|\bdistricts?\b|\bareas?\b|\bterritor",
    "civilians": r"\bcivilians?\b|\bvillagers\b|\bwomen\b|\bchildren\b|\bfarmers\b|\bworshippers\b|\bpassengers\b",
    "speech": r"\bsaid\b|\bsays\b|\bstatement\b|\btold\b|\bannounced\b|\bspokesm[ae]n\b",
    "claim": r"\bclaim|\bresponsib",
}

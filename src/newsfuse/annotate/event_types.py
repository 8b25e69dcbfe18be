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
    ("attack.suicide_bomb", 4.0, r"\bsuicide[- ](?:bomb|attack|car|vest|blast|truck)|\bblew (?:himself|herself|themselves) up|\bsuicide\b"),
    ("attack.chemical", 4.0, r"\bchemical (?:weapon|attack|agent|munition)|\bchlorine|\bsarin\b|\btoxic gas|\bnerve agent|\bpoison gas|\bmustard gas|\bpoisonous gas|\bbreathing difficult|\basphyxia|\bsuffocat|\bblurred vision|\bchoking\b"),
    ("attack.grenade", 4.0, r"\bgrenades?\b|\bm84s?\b"),
    ("attack.remote_explosive", 3.0, r"\bied\b|\bimprovised explosive|\broadside bomb|\bcar bomb|\blandmines?\b|\bmines? (?:blast|explo)|\bbomb (?:blast|explo)|\bexplosive device|\bdetonat|\bbomb (?:went off|placed|planted)|\bplanted (?:a |an )?(?:bomb|explosive)|\bmotorcycle bomb|\bvehicle[- ]borne|\bbomb (?:was )?hidden|\bsticky bomb|\bexplosion (?:hit|rocked|struck|targeted)"),
    ("attack.air_strike", 3.0, r"\bair ?strikes?\b|\bair raids?\b|\bairstrikes?\b|\bwarplanes?\b|\bfighter jets?\b|\bjets? (?:struck|bombed|hit|attacked|fired)|\bbombing raids?\b|\bdrone (?:strike|attack)s?\b|\bhelicopters? (?:gunship|fired|attack|struck|dropped)|\baerial (?:attack|bombardment|strike)|\bair force\b|\bbombed by (?:\w+ )?(?:jets|planes|aircraft)|\bbarrel bombs?\b|\bjets\b|\bwarplane|\baircraft (?:struck|bombed|fired)|\bby (?:\w+ )?(?:jets|aircraft|drones?)\b"),
    ("attack.shelling", 3.0, r"\bshell(?:ing|ed|s)\b|\bartillery\b|\bmortars?\b|\brockets?\b|\bmissiles?\b|\bkatyusha|\bprojectiles?\b|\bhowitzer|\bfired (?:\w+ )?(?:shells|rockets|missiles)|\bbombard(?:ed|ment)"),
    ("attack.armed_clash", 2.5, r"\bclash(?:es|ed)?\b|\bfighting\b|\bgun ?battles?\b|\bexchanged? (?:of )?(?:gun)?fire|\bfirefights?\b|\bskirmish|\bambush|\battacked (?:a |an |the )?(?:\w+ ){0,3}(?:checkpoint|base|camp|post|outpost|position|convoy|troops|soldiers|forces|army)|\bbattle\b|\bcombat\b|\boffensive\b|\bfighters attacked|\bmilitants attacked|\bshoot-?out|\bcharged (?:a |the )?(?:camp|base|position)|\battacks? (?:against|on) (?:the )?(?:\w+ ){0,2}(?:security forces|soldiers|army|police|troops|military|camp|base|checkpoint)|\bkilling (?:\w+ ){0,4}(?:soldiers|troops|policemen|police officers|security personnel)|\b(?:soldiers|troops|security personnel|policemen) (?:were |have been )?killed"),
    ("attack.attack", 2.0, r"\bshot dead|\bgunmen\b|\bopened fire|\bstabb(?:ed|ing)|\bkilled\b|\bshooting\b|\bgunman\b|\bmassacre|\bbeheaded|\bhacked to death|\bassassinat|\bstormed\b|\battack(?:ed|s)? (?:on )?(?:\w+ ){0,2}(?:villages?|civilians|worshippers|students|passengers|church|mosque|school)|\bmurder|\bexecuted\b|\btortur|\bbeaten\b"),
    ("attack.abduction", 4.0, r"\babduct|\bkidnap|\bhostages?\b|\btaken captive|\bcaptured sailors|\bforced disappearance|\bdisappeared\b|\bseized (?:\w+ )?(?:crew|sailors|hostages)"),
    ("attack.sexual_violence", 5.0, r"\brap(?:e|ed|es|ing|ist)\b|\bsexual(?:ly)? (?:assault|abuse|violence|harass)|\bmolest|\bsex abuse|\bgang-?rape"),
    ("territory.government_regains", 3.5, r"\b(?:army|troops|government forces|security forces|military|soldiers|police|forces) (?:have |has )?(?:\w+ ){0,4}(?:recaptured|retook|regained|recovered|liberated|reclaimed|cleared|drove|drive|expelled|freed|occupied|seized back|took full control|seized control|took control|taken control|established control|captured (?:a |an |the |two |several |\w+ )?(?:\w+ ){0,2}(?:rebel|militant|insurgent|terrorist|npa|held|camps?|villages?|towns?|neighbou?rhoods?|areas?|districts?|positions?)|pushed (?:\w+ ){0,4}out|drove (?:\w+ ){0,4}out)|\bliberat(?:ed|ion) (?:of )?|\bregain(?:ed|s)? control|\bdrove (?:\w+ ){0,3}out|\bground was regained|\bcounter-?attack"),
    ("territory.nonstate_takes", 3.5, r"\b(?:rebels?|militants?|insurgents?|fighters|taliban|al[- ]shabaa?b|islamic state|isis|isil|boko haram|houthis?|militias?|jihadists?)\b(?:\s+\S+){0,6}\s(?:seized|captured|overran|took control|taken control|retook|recaptured|advanced|overtook|took over|stormed and seized)|\bfell to (?:the )?(?:rebels?|militants?|taliban|jihadists?|insurgents?|islamic state)|\bunder (?:the )?control of (?:the )?(?:rebels?|militants?|taliban|jihadists?)|\b(?:seized|captured) by (?:the )?(?:rebels?|militants?|taliban|jihadists?|insurgents?|islamic state)"),
    ("territory.transfer", 4.0, r"\bwithdr(?:ew|awn|awal|aws) from|\bpulled out\b|\bwithout (?:a )?(?:fight|fighting|resistance)|\bhanded over (?:control|the)|\btook over (?:\w+ ){0,3}after (?:\w+ ){0,4}withdr|\bvacated\b|\bretreated\b"),
    ("protest.peaceful", 2.5, r"\bprotest(?:s|ed|ers|ors)?\b|\bdemonstrat(?:ion|ions|ors|ed)\b|\brall(?:y|ies|ied)\b|\bmarch(?:ed|es)?\b|\bsit-?ins?\b|\bvigils?\b|\bstrikes? (?:by|of) (?:workers|teachers|doctors)|\bmarchers|\bpicket"),
    ("protest.intervention", 2.0, r"\bprotesters? (?:were )?(?:detained|arrested)|\b(?:detained|arrested) (?:\w+ ){0,4}(?:protest|demonstrat)|\bbroke[- ]up|\bdispersed\b|\bdrag(?:ged)? (?:them|protesters)|\broadblocks\b|\bblocked (?:the )?(?:march|protest)"),
    ("protest.excessive_force", 2.5, r"\b(?:opened fire|fired|shot) (?:\w+ ){0,3}(?:on|at) (?:\w+ ){0,2}(?:protesters|demonstrators|crowds?)|\b(?:protesters|demonstrators) (?:were )?(?:killed|shot|died)|\blive (?:ammunition|fire|rounds)|\brubber bullets|\bviolently dispersed|\bprotesters? died|\bkilled (?:\w+ ){0,3}protesters"),
    ("riot.violent_demonstration", 2.5, r"\briot(?:s|ers|ing)?\b|\bmolotov|\bpetrol bombs?\b|\bthrew (?:stones|rocks|bottles)|\bstone[- ]pelt|\btorched\b|\bset (?:\w+ )?(?:on )?fire|\bvandali[sz]|\bclashed with (?:police|security)|\bstormed (?:the )?(?:parliament|building|offices)|\bshut down roads|\bpull(?:ed)? down|\bbroke into"),
    ("riot.mob_violence", 4.0, r"\bmobs?\b|\blynch|\bvigilantes?\b|\bmob justice|\bangry (?:crowd|residents|villagers)"),
    ("coercion.arrest", 3.0, r"\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|s)?\b|\bdetention\b|\bin custody\b|\btaken into custody|\bapprehended|\bhouse arrest|\bjailed\b|\bsentenced\b|\bcharged with|\bintercepted \d+ suspect|\bnabbed|\brounded up"),
    ("coercion.weapons_seized", 3.0, r"\b(?:weapons|arms|ammunitions?|explosives|firearms|pistols|rifles|grenades|mines|explosive devices?)\b(?:\s+\S+){0,8}\s(?:were |was |have been |has been )?(?:found|seized|discovered|recovered|confiscated|defused|destroyed)|\b(?:found|discovered|seized|destroyed|defused|recovered)\b(?:\s+\S+){0,6}\s(?:weapons|arms|ammunitions?|caches?|explosives|pistols|rifles|explosive devices?)|\bdefused|\bseized (?:\w+ ){0,3}(?:weapons|arms|ammunition|explosives|rifles|guns|pistols|bullets|grenades)|\b(?:weapons|arms|ammunition|explosives|firearms|bullets|pistols) (?:were |was )?(?:found|seized|captured|recovered|confiscated)|\bcache\b|\bstash of|\bintercepted\b|\bfoiled\b|\bthwarted|\bbomb (?:squad|disposal)|\bdismantled (?:a |an )?(?:bomb|explosive)|\bdeactivat|\bunexploded|\bbomb (?:has been |was )?found|\bsuspicious package|\bbomb scare|\bshot down\b|\bintercepted (?:a |the )?(?:drone|missile|rocket)"),
    ("coercion.property_destruction", 3.0, r"\bloot(?:ed|ing|ers)?\b|\bransack|\bburn(?:ed|t) (?:down )?(?:\w+ ){0,2}(?:houses|homes|shops|villages|buildings|property|cars)|\btorching\b|\bdestroyed (?:\w+ ){0,2}(?:houses|homes|shops|property)|\barson"),
    ("military.change_of_group", 2.0, r"\bdefect(?:ed|ion|ors|s)?\b|\bdeploy(?:ed|ment|s)?\b|\breinforce(?:d|ments)\b|\bmilitary (?:drills|exercises?)|\bsortie|\bair defen[cs]e identification|\bjoined (?:the )?(?:ranks|group)|\bmerged? with|\bsplinter|\bnew (?:group|commander|leader)|\brenamed|\bdisband|\bdrills?\b|\bmobili[sz]|\bconvoy\b|\bpatrol"),
    ("military.base_established", 4.0, r"\b(?:set up|established|establish|build|built|setting up|erected) (?:\w+ ){0,3}(?:base|bases|headquarters|observation posts?|points?|outposts?|camp|positions)|\bnew (?:military )?(?:base|outpost|observation post)|\bobservation posts?\b"),
    ("military.withdrawal", 1.5, r"\bwithdraw(?:al)? of (?:\w+ ){0,3}(?:troops|forces)|\btroops? (?:reduction|withdrawal)|\bend(?:ing)? the presence"),
    ("diplomacy.agreement", 3.0, r"\bagree(?:d|ment|ments)?\b|\bceasefire|\bcease-fire|\btruce\b|\bpeace (?:deal|accord|agreement|talks|treaty)|\bprisoner (?:swap|exchange)|\bexchange of prisoners|\bswap\b|\bsigned\b|\bsurrender(?:ed|s)?\b|\blaid down (?:their )?arms|\brelease of (?:\w+ ){0,3}prisoners|\breleased (?:\w+ ){0,3}prisoners|\bdeal\b|\baccord\b|\bamnesty|\bhanded over (?:themselves|their weapons)"),
    ("diplomacy.visit", 2.0, r"\bvisit(?:s|ed|ing)?\b|\barriv(?:ed|es) in\b|\bhosted\b|\bwelcomed\b|\breceived (?:the|a) (?:\w+ ){0,3}(?:minister|president|delegation|envoy)"),
    ("diplomacy.meeting", 2.0, r"\bmeet(?:s|ing|ings)?\b|\bmet (?:with)?\b|\btalks\b|\bsummit\b|\bnegotiat|\bphone call|\bdiscuss(?:ed|ion|ions)?\b|\bconsultations?\b|\bdialogue\b|\bconference\b|\bcounterpart"),
    ("diplomacy.sanction", 3.0, r"\bsanction(?:s|ed)?\b|\bembargo|\bexpel(?:led|s)? (?:\w+ ){0,3}(?:diplomats?|ambassador)|\bsevered (?:diplomatic )?ties|\brecalled (?:its )?ambassador|\bblacklist|\bpersona non grata|\bvisa ban|\bexpulsion of|\bexpel(?:led|s)?\b|\bclos(?:e|ed|ure of|ing) (?:down )?(?:the |its )?(?:\w+ )?(?:consulate|embassy)|\bactions? targeting|\bretaliatory measures"),
    ("statement.condemnation", 2.5, r"\bcondemn(?:s|ed|ing|ation)?\b|\bcritici[sz](?:e|ed|es|ism)\b|\bdenounc|\bdeplor|\bslammed\b|\bblamed?\b|\baccus(?:ed|es|ation)|\bprotested (?:to|against) (?:the )?(?:\w+ )?(?:government|embassy)|\bsummoned (?:the )?(?:\w+ )?ambassador|\bcensure|\brebuk"),
    ("statement.demand", 1.5, r"\bcall(?:s|ed|ing)? (?:on|for)\b|\burg(?:e|ed|es|ing)\b|\bdemand(?:s|ed)?\b|\bappeal(?:s|ed)? (?:to|for)\b|\bask(?:ed|s)? (?:\w+ ){0,2}to\b"),
    ("statement.threat", 2.0, r"\bthreat(?:en|ens|ened)\b|\bwarn(?:s|ed|ing)?\b|\bultimatum|\bvow(?:s|ed)? (?:to )?(?:retaliat|revenge|respond)"),
    ("statement.rejection", 1.5, r"\breject(?:s|ed)?\b|\brefus(?:e|ed|es)\b|\bruled out\b|\bdismissed\b"),
    ("statement.claim_responsibility", 5.0, r"\bclaim(?:s|ed|ing)? (?:the )?responsibility|\bclaimed (?:the |an? )?(?:\w+ ){0,2}(?:attack|bombing|killing|blast)|\bresponsibility for\b|\bclaim(?:ed)? by\b|\bclaimed the\b|\bblamed (?:\w+ ){0,3}for (?:the )?(?:\w+ ){0,2}(?:attack|bombing|blast)|\battribut(?:ed|ion)|\btook credit|\btakes? credit|\bsuspected (?:to be |of being )?behind|\b(?:are|is|were|was) behind (?:the )?(?:\w+ ){0,2}(?:attacks?|bombings?|blasts?|killings?)|\bdenied (?:any )?involvement|\bdenies (?:any )?involvement|\ballegations?\b|\bevidence of (?:guilt|involvement)|\bin (?:potential )?violation of"),
    ("ceremony.funeral", 3.0, r"\bfunerals?\b|\bburial\b|\bmourners\b|\bmourning\b"),
    ("crime.organized", 3.0, r"\bsmuggl|\btraffick|\bcounterfeit|\bfraud|\bcartel|\bdrug (?:lord|gang|ring|haul|bust)|\bnarcotic|\bcocaine|\bheroin|\bmethamphetamine|\bmoney laundering|\bcyber ?crime|\bhack(?:ed|er|ers|ing)\b|\bpornograph|\bextortion|\bbrib|\bcontraband|\bpoach|\bgang\b|\bcrime (?:syndicate|ring|group)|\bracket|\bmafia|\bconfiscated|\bfake (?:\w+ )?(?:goods|currency|notes|products)|\bscam\b|\bseized (?:\w+ ){0,3}(?:drugs|kilograms|tons|tonnes|kg)"),
    ("disaster.natural", 4.0, r"\bearthquakes?\b|\btsunami|\bfloods?\b|\bflooding\b|\btyphoon|\bcyclone|\bhurricane|\blandslides?\b|\bmudslide|\bvolcan|\beruption|\btornado|\bdrought|\bwildfires?\b|\bbush ?fires?\b|\bmagnitude\b|\bheavy rain|\bmonsoon|\bstorm\b|\bavalanche|\bheat ?wave|\bforest fire|\bblizzard|\bquake\b"),
    ("disaster.man_made", 3.0, r"\bcrash(?:ed|es)?\b|\bcollision|\bcollided|\bderail|\bcapsiz|\bsank\b|\bsinking|\bfire broke out|\bblaze\b|\bgas (?:leak|explosion|cylinder)|\bfactory (?:fire|explosion)|\bplant explosion|\bchemical (?:leak|spill|plant)|\boil spill|\bleaked\b|\bcollapse(?:d)?\b|\bbuilding collapse|\bstampede|\baccident|\bboiler|\bmine (?:collapse|accident|disaster)|\bcaught fire|\bburn(?:ed|t) in a fire|\bin a fire|\bfire (?:at|in) (?:a |the )?(?:factory|market|warehouse|building|hospital)|\bpoisoning|\belectrocut|\bblackout|\bshipwreck|\bexplosion at (?:a |the )?(?:\w+ ){0,2}(?:plant|factory|warehouse|mine|refinery|port)|\b(?:tank|furnace|cylinders?|containers?|pipeline|boiler|reactor)s? (?:\w+ ){0,4}(?:exploded|explosion|leak)|\bleaks?\b|\bran aground|\bbroke loose|\bfirefighters|\bfire brigade|\bsmoke\b|\btoxins?\b|\bcontaminat|\bnuclear plant|\bwastewater|\bfire (?:that )?(?:destroyed|gutted|swept|raged)"),
    ("other.other", 0.5, r"\bfled\b|\bfleeing\b|\brefugees?\b|\bdisplaced\b|\breturn(?:ed)? (?:to|home)|\blaunch(?:ed)? (?:\w+ ){0,2}(?:satellite|missile test|rocket into)"),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    return tuple((tid, w, re.compile(p)) for tid, w, p in TYPE_RULES)


def rule_scores(text: str) -> dict[str, float]:
    """Weighted keyword evidence per type id for ``text`` (types without evidence are absent).

    A pattern adds its weight once per match (at most three matches count), and a
    match in the first 200 characters counts 1.5 times (the lead usually names the event).
    """
    low = text.lower()
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


# ACLED cues that split a protest: what the authorities did, and what the demonstrators did.
_FORCE = re.compile(r"\bexcessive force|\blive (?:ammunition|bullets|fire|rounds)|\brubber bullets|\bbrutal|"
                    r"\bcrackdown|\bsuppress|\bbeat(?:en|ing|s)?\b|\bopened fire|\bfired (?:\w+ )?(?:on|at|into)\b|"
                    r"\bkill(?:ed|ing) (?:\w+ ){0,3}(?:protesters?|demonstrators?)|\bviolently dispersed|"
                    r"\bserious injur|\battacked and injured|\bshot (?:dead|and killed)|\bbullets\b")
_PROTESTERS_HURT = re.compile(r"\b(?:protesters?|demonstrators?)\b(?:\s+\S+){0,4}\s(?:killed|shot|died|die|injured|wounded)|"
                              r"\b(?:die|died|killed) in (?:\w+ )?(?:protest|crackdown)")
_RIOT = re.compile(r"\bclash(?:es|ed)?\b|\bviolen(?:t|ce)\b|\bscuffles?\b|\bpelt|\bstones?\b|\brocks\b|\bmolotov|"
                   r"\bpetrol bombs?|\btorch|\bset (?:\w+ )?(?:on )?fire|\bvandal|\bsmash|\bblock(?:ed|ing)\b|\baggressive|"
                   r"\bloot|\briot(?:s|ers|ing|ed)?\b(?! police)|\brampage|\bdefied|\bstormed|\bunrest\b|\bbroke into|"
                   r"\bshut ?down\b|\bchaos|\bchaotic|\bburn(?:ed|t|ing)\b")
_INTERVENTION = re.compile(r"\barrest|\bdetain|\bdispers|\btear ?gas|\bwater cannon|\bbroke up|\bban(?:ned)?\b|"
                           r"\bblocked (?:the )?(?:march|protest)|\bdragg")


_ARMED_TARGET = re.compile(r"\b(?:soldiers|troops|security forces|security personnel|policemen|police (?:officers?|trainees|station|post)|"
                           r"militants|terrorists|insurgents|rebels|bandits|army|military base|base|checkpoint|fighters|members)\b")
_CIVILIAN_TARGET = re.compile(r"\b(?:civilians?|villagers|women|children|worshippers|passengers|students|farmers|"
                              r"market(?:place)?|church|mosque|school|homes?|residents)\b")


def _protest_subtype(low: str, scores: dict[str, float]) -> str:
    """ACLED's split of a protest: force against protesters, violent demonstration, intervention, peaceful."""
    peaceful = "peaceful" in low or "non-violent" in low
    if _FORCE.search(low) or (peaceful and _PROTESTERS_HURT.search(low)):
        return "protest.excessive_force"
    if not peaceful and (_RIOT.search(low) or scores.get("riot.violent_demonstration", 0) >= 2.5):
        return "riot.violent_demonstration"
    if _PROTESTERS_HURT.search(low):
        return "protest.excessive_force"
    if _INTERVENTION.search(low):
        return "protest.intervention"
    if scores.get("riot.mob_violence", 0) >= 4:
        return "riot.mob_violence"
    best = max(scores.items(), key=lambda kv: kv[1])[0]
    return best if scores[best] >= 2 * scores["protest.peaceful"] else "protest.peaceful"


def type_text(text: str) -> str:
    """The newsfuse type of a snippet by the keyword rules (``other.other`` when nothing fires)."""
    scores = rule_scores(text)
    if not scores:
        return "other.other"
    # claims of responsibility and condemnations talk about an attack: the speech act wins
    if scores.get("statement.claim_responsibility", 0) >= 5:
        return "statement.claim_responsibility"
    if "protest.peaceful" in scores:
        return _protest_subtype(text.lower(), scores)
    best = max(scores.items(), key=lambda kv: kv[1])[0]
    if best == "attack.attack" and _ARMED_TARGET.search(text.lower()) and not _CIVILIAN_TARGET.search(text.lower()):
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

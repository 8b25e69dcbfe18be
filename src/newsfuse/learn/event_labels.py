"""The CASE 2021 / ACLED event labels, each described in a few plain sentences.

The descriptions paraphrase the ACLED codebook's sub-event definitions (and, for the five labels
CASE adds, the shared task's own wording); none is taken from a labelled snippet. The event head
embeds them once and uses a snippet's cosine to each label's descriptions as features (a
prototype per label), which lends the rare labels some evidence beyond their few training snippets.
"""

from __future__ import annotations

__all__ = ["CASE_LABELS", "DESCRIPTIONS"]

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "ABDUCT_DISSAP": (
        "Armed men kidnapped civilians and took them to an unknown location.",
        "A group abducted people, who are still missing; a forced disappearance.",
        "Gunmen seized hostages and demanded a ransom.",
    ),
    "AGREEMENT": (
        "The warring parties signed a ceasefire and a peace agreement.",
        "The two sides agreed to a prisoner exchange.",
        "Rebels surrendered and agreed to lay down their arms under a deal with the government.",
    ),
    "AIR_STRIKE": (
        "Warplanes bombed positions of the militants in an air strike.",
        "A drone strike hit a vehicle, killing the fighters inside.",
        "Fighter jets and helicopters carried out air raids on the town.",
    ),
    "ARMED_CLASH": (
        "Soldiers and rebels exchanged fire in heavy fighting.",
        "Armed clashes broke out between two militias over control of the area.",
        "Government troops fought insurgents; several fighters were killed on both sides.",
    ),
    "ARREST": (
        "Police arrested the opposition leader at his home.",
        "Security forces detained several suspects in a raid.",
        "Authorities took the activist into custody.",
    ),
    "ART_MISS_ATTACK": (
        "Artillery shelled the village, destroying several houses.",
        "Rockets and mortar rounds were fired at the city.",
        "A missile attack struck the base from a long range.",
    ),
    "ATTACK": (
        "Gunmen opened fire on civilians, killing several villagers.",
        "An armed group attacked unarmed people in the market.",
        "A man was shot dead by unknown attackers.",
    ),
    "CHANGE_TO_GROUP_ACT": (
        "The army deployed additional troops and reinforcements to the region.",
        "Troops withdrew from the border area; the group changed its activity.",
        "Forces held military exercises; fighters defected to the other side.",
    ),
    "CHEM_WEAP": (
        "A chemical weapons attack with chlorine gas hit the town.",
        "Residents suffered from suffocation after toxic gas was used.",
        "Sarin nerve agent was used in the attack.",
    ),
    "DISR_WEAP": (
        "Police found and defused a bomb before it exploded.",
        "Security forces seized a cache of weapons and explosives.",
        "An improvised explosive device was discovered and safely detonated by the bomb squad.",
    ),
    "FORCE_AGAINST_PROTEST": (
        "Security forces fired live ammunition at protesters, killing several.",
        "Police used excessive force against peaceful demonstrators, injuring many.",
        "Troops opened fire on the crowd of protesters.",
    ),
    "GOV_REGAINS_TERIT": (
        "Government forces recaptured the town from the rebels.",
        "The army retook control of the area after driving out the militants.",
        "Troops regained the territory held by the insurgents.",
    ),
    "GRENADE": (
        "An attacker threw a hand grenade at the police station.",
        "A grenade attack wounded several people in the market.",
        "A grenade was hurled at the house.",
    ),
    "HQ_ESTABLISHED": (
        "The rebels established a new headquarters in the town.",
        "The group set up a base and a command post in the area.",
        "Forces established a new military base.",
    ),
    "MOB_VIOL": (
        "A mob attacked and lynched a man accused of theft.",
        "Villagers beat a suspect to death in a mob attack.",
        "An angry crowd set upon a group of people.",
    ),
    "NON_STATE_ACTOR_OVERTAKES_TER": (
        "Militants captured the town after government forces fled.",
        "Rebels seized control of the district.",
        "Insurgents took over the military base and the surrounding villages.",
    ),
    "NON_VIOL_TERRIT_TRANSFER": (
        "Troops withdrew from the area and handed it over without a fight.",
        "The rebels took control of the town peacefully after the army pulled out.",
        "Control of the territory was transferred under the agreement without fighting.",
    ),
    "OTHER": (
        "Officials announced new measures and a political decision.",
        "A report describes a development that is neither violence nor protest.",
    ),
    "PEACE_PROTEST": (
        "Thousands of demonstrators marched peacefully to demand reforms.",
        "Protesters held a peaceful rally and a sit-in outside the ministry.",
        "Workers staged a strike and a demonstration over wages.",
    ),
    "PROPERTY_DISTRUCT": (
        "Looters ransacked and burned shops in the town.",
        "Houses and property were destroyed and set on fire.",
        "Attackers vandalised and demolished buildings.",
    ),
    "PROTEST_WITH_INTER": (
        "Police dispersed the protest and arrested several demonstrators.",
        "Authorities broke up the rally with tear gas and detained protesters.",
        "Security forces blocked the march and the protest was stopped.",
    ),
    "REM_EXPLOS": (
        "A roadside bomb exploded as a military convoy passed.",
        "A car bomb went off in the market.",
        "A landmine blast killed soldiers; an improvised explosive device detonated.",
    ),
    "SEX_VIOL": (
        "A woman was raped by armed men.",
        "Soldiers were accused of sexual violence against girls.",
        "The victims suffered sexual assault.",
    ),
    "SUIC_BOMB": (
        "A suicide bomber blew himself up at a checkpoint.",
        "A suicide car bombing hit the army base.",
        "An attacker wearing an explosive vest detonated it among worshippers.",
    ),
    "VIOL_DEMONSTR": (
        "Rioters threw stones at police and burned tyres.",
        "Violent demonstrators clashed with security forces and vandalised property.",
        "Protesters set fire to vehicles during the riot.",
    ),
    "ORG_CRIME": (
        "Police seized drugs smuggled by a trafficking gang.",
        "A criminal network was charged with fraud and money laundering.",
        "Smugglers and a drug cartel were caught by customs.",
    ),
    "NATURAL_DISASTER": (
        "An earthquake struck the region, killing dozens.",
        "Floods and heavy rains destroyed homes; a landslide buried a village.",
        "A cyclone and storms hit the coast; a wildfire burned forests.",
    ),
    "MAN_MADE_DISASTER": (
        "A traffic accident between a bus and a truck killed several passengers.",
        "An explosion at a factory caused a fire; a building collapsed.",
        "A train derailed and a plane crashed.",
    ),
    "DIPLO": (
        "The president met his counterpart for talks on bilateral relations.",
        "The foreign minister visited the capital and held negotiations.",
        "The government condemned the attack and called for restraint.",
    ),
    "ATTRIB": (
        "The militant group claimed responsibility for the attack.",
        "Officials blamed the rebels for the bombing.",
        "The attack was attributed to the terrorist organisation.",
    ),
}

CASE_LABELS: tuple[str, ...] = tuple(sorted(DESCRIPTIONS))

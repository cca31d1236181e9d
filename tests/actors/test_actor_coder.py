"""Actor coding of real-looking sentences (our own, not the example article's)."""

from __future__ import annotations

import pytest

from newsevents.actors import ActorCoder, ActorMention


@pytest.fixture(scope="module")
def coder():
    return ActorCoder.default()


def coded(nlp, coder, text, focus="FRA"):
    doc = nlp(text)
    return {doc[m.start:m.end].text: m.actor for m in coder.mentions(doc, focus_country=focus)}


def span_actor(nlp, coder, text, phrase, focus=None):
    doc = nlp(text)
    start = text.index(phrase)
    return coder.code_span(doc.char_span(start, start + len(phrase), alignment_mode="expand"), focus_country=focus)


def test_default_is_cached(coder):
    assert ActorCoder.default() is coder


@pytest.mark.parametrize("text,phrase,country,name", [
    ("Starmer told reporters the plan would go ahead.", "Starmer", "GBR", "Keir Starmer"),
    ("Takaichi met business leaders in Osaka on Monday.", "Takaichi", "JPN", "Sanae Takaichi"),
    ("Putin signed the decree late on Friday.", "Putin", "RUS", "Vladimir Putin"),
    ("Tokayev dismissed the cabinet on Wednesday.", "Tokayev", "KAZ", "Kassym-Jomart Tokayev"),
    ("Chancellor Friedrich Merz visited Warsaw.", "Chancellor Friedrich Merz", "DEU", "Friedrich Merz"),
])
def test_leaders_by_surname_and_full_name(nlp, coder, text, phrase, country, name):
    actor = span_actor(nlp, coder, text, phrase)
    assert (actor.country, actor.sector, actor.name) == (country, "GOV", name)
    assert actor.acled_type == "State forces"


def test_former_leader_keeps_government_sector(nlp, coder):
    actor = span_actor(nlp, coder, "Crowds marched against former President Nursultan Nazarbayev in Shymkent.",
                       "former President Nursultan Nazarbayev")
    assert (actor.country, actor.sector, actor.name) == ("KAZ", "GOV", "Nursultan Nazarbayev")


def test_surname_of_another_person_is_not_the_leader(nlp, coder):
    actor = span_actor(nlp, coder, "Hunter Biden testified before the committee.", "Hunter Biden")
    assert actor is None or actor.name != "Joe Biden"


@pytest.mark.parametrize("text,phrase,country,sector", [
    ("Turkish commandos raided a village near the border.", "Turkish commandos", "TUR", "MIL"),
    ("Ukrainian soldiers repelled an assault near the town.", "Ukrainian soldiers", "UKR", "MIL"),
    ("Israeli police detained two men overnight.", "Israeli police", "ISR", "COP"),
    ("Nigerian troops freed 40 hostages on Sunday.", "Nigerian troops", "NGA", "MIL"),
    ("Georgian lawmakers approved the bill.", "Georgian lawmakers", "GEO", "LEG"),
    ("Iraqi Kurds voted in the referendum.", "Iraqi Kurds", "IRQ", None),
])
def test_demonym_plus_role_noun(nlp, coder, text, phrase, country, sector):
    actor = span_actor(nlp, coder, text, phrase)
    assert actor.country == country
    assert actor.sector == sector


def test_demonym_plus_role_gets_canonical_name(nlp, coder):
    actor = span_actor(nlp, coder, "Ukrainian soldiers repelled an assault.", "Ukrainian soldiers")
    assert actor.name == "Ukrainian military"


@pytest.mark.parametrize("text,phrase,country", [
    ("Beijing warned Manila against further provocations.", "Beijing", "CHN"),
    ("The Kremlin denied the report on Tuesday.", "The Kremlin", "RUS"),
    ("The White House said talks would resume.", "The White House", "USA"),
    ("Washington imposed new sanctions on the company.", "Washington", "USA"),
])
def test_capitals_and_seats_of_government_are_governments(nlp, coder, text, phrase, country):
    actor = span_actor(nlp, coder, text, phrase)
    assert (actor.country, actor.sector) == (country, "GOV")


@pytest.mark.parametrize("text,phrase,name", [
    ("NATO said it would reinforce its eastern flank.", "NATO", "North Atlantic Treaty Organization"),
    ("The North Atlantic Treaty Organization held a summit.", "The North Atlantic Treaty Organization",
     "North Atlantic Treaty Organization"),
    ("The CSTO agreed to send a contingent.", "The CSTO", "Collective Security Treaty Organization"),
    ("The African Union suspended Gabon.", "The African Union", "African Union"),
    ("ASEAN leaders met in Jakarta.", "ASEAN leaders", "Association of Southeast Asian Nations"),
])
def test_igos_by_acronym_and_full_name(nlp, coder, text, phrase, name):
    actor = span_actor(nlp, coder, text, phrase)
    assert (actor.name, actor.sector, actor.country) == (name, "IGO", None)
    assert actor.acled_type == "External/Other forces"


def test_led_alliance_takes_the_leading_country(nlp, coder):
    actor = span_actor(nlp, coder, "The government asked a Saudi-led coalition for air support.",
                       "a Saudi-led coalition")
    assert (actor.country, actor.sector) == ("SAU", "IGO")


@pytest.mark.parametrize("phrase,sector,acled", [
    ("Protesters", "OPP", "Protesters"),
    ("police", "COP", "State forces"),
    ("rioters", "OPP", "Rioters"),
])
def test_unnamed_domestic_actors_take_the_focus_country(nlp, coder, phrase, sector, acled):
    found = coded(nlp, coder, "Protesters threw stones at police, and rioters burned two cars.", focus="CHL")
    actor = found[phrase]
    assert (actor.country, actor.sector, actor.acled_type) == ("CHL", sector, acled)


def test_possessive_office_and_state_media(nlp, coder):
    found = coded(nlp, coder, "Demonstrators stormed the governor's office, state television reported.",
                  focus="PER")
    assert (found["the governor's office"].country, found["the governor's office"].sector) == ("PER", "GOV")
    assert (found["state television"].country, found["state television"].sector) == ("PER", "MED")


def test_title_gives_sector_for_unknown_people(nlp, coder):
    found = coded(nlp, coder, "Opposition leader Mariam Okonjo called for a boycott.", focus="KEN")
    actor = next(a for t, a in found.items() if "Okonjo" in t)
    assert (actor.country, actor.sector, actor.name) == ("KEN", "OPP", "Mariam Okonjo")


def test_police_spokesman_takes_police_sector(nlp, coder):
    found = coded(nlp, coder, "Lagos police spokesman Adewale Bello said three suspects fled.", focus="NGA")
    actor = next(a for t, a in found.items() if "Bello" in t)
    assert (actor.country, actor.sector) == ("NGA", "COP")


def test_gunmen_and_militia_acled_types(nlp, coder):
    found = coded(nlp, coder, "Gunmen killed six villagers before a tribal militia arrived.", focus="NGA")
    assert found["Gunmen"].acled_type == "Political militia"
    assert found["six villagers"].acled_type == "Civilians"
    assert found["a tribal militia"].acled_type == "Identity militia"


def test_news_agencies_are_media(nlp, coder):
    found = coded(nlp, coder, "Xinhua and Reuters reported the blast.", focus="PAK")
    assert (found["Xinhua"].country, found["Xinhua"].sector) == ("CHN", "MED")


def test_credit_lines_are_not_actors(nlp, coder):
    text = ("Soldiers patrol the square in Bamako.\nJane Doe/AFP via Getty Images\n"
            "Mali's junta extended the curfew.\nAP Photo/John Smith\n")
    doc = nlp(text)
    mentions = coder.mentions(doc, focus_country="MLI")
    texts = [doc[m.start:m.end].text for m in mentions]
    assert not any("Doe" in t or "Smith" in t or "AFP" in t for t in texts)
    assert any("junta" in t for t in texts)
    credit = text.index("Jane Doe")
    assert coder.code_span(doc.char_span(credit, credit + 8), focus_country="MLI") is None


def test_places_after_locative_prepositions_are_not_mentions(nlp, coder):
    found = coded(nlp, coder, "Police clashed with students in Nairobi on Friday.", focus="KEN")
    assert "Nairobi" not in found
    assert found["students"].sector == "EDU"


def test_mentions_are_ordered_and_non_overlapping(nlp, coder):
    doc = nlp("Egyptian police arrested activists as President Abdel Fattah el-Sisi met the EU envoy in Cairo.")
    mentions = coder.mentions(doc, focus_country="EGY")
    assert all(isinstance(m, ActorMention) for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
    assert len(mentions) >= 3


def test_not_an_actor(nlp, coder):
    assert span_actor(nlp, coder, "Government buildings were set ablaze.", "Government buildings") is None
    assert span_actor(nlp, coder, "Fuel prices rose sharply in January.", "Fuel prices") is None


@pytest.mark.parametrize("text,expected", [
    ("Chilean police fired tear gas at students in Santiago. Chile's president called for calm. "
     "The United States urged restraint.", "CHL"),
    ("Thousands marched in Tbilisi against the new law. Georgian police detained dozens. "
     "Russia dismissed the protests as staged. Moscow said Brussels was meddling.", "GEO"),
    ("Kenyan lawmakers passed the finance bill. Protesters in Nairobi clashed with police. "
     "Ruto said he would not sign it.", "KEN"),
])
def test_focus_country(nlp, coder, text, expected):
    assert coder.focus_country(nlp(text)) == expected


def test_a_leaders_bare_surname_sets_the_focus_only_beside_the_leaders_country(nlp, coder):
    # in a local story a leader's surname is more often another person's
    local = nlp("Hernandez was taken to a hospital in stable condition, police said. Officers searched the block.")
    assert coder.focus_country(local) is None
    assert coder.focus_country(nlp("Hernandez said Honduras would tighten its borders.")) == "HND"
    assert coder.focus_country(nlp("President Hernandez signed the decree.")) == "HND"


def test_a_given_name_is_not_a_leaders_surname(nlp, coder):
    doc = nlp("Lt. John Jenkins said the pharmacist was unhurt.")
    jenkins = [m.actor.country for m in coder.mentions(doc, focus_country=None) if m.actor.name == "John Jenkins"]
    assert jenkins == [None]
    assert coder.focus_country(doc) is None


def test_a_country_naming_a_street_or_a_county_is_no_country(nlp, coder):
    doc = nlp("Officers found shell casings outside an apartment on Cyprus Street, deputies in Washington County said.")
    assert coder.focus_country(doc) is None
    assert all(m.actor.country is None for m in coder.mentions(doc, focus_country=None))
    # an institution named after a city is in that city's country
    actor = span_actor(nlp, coder, "Doctors at Baghdad University Medical School treated the wounded.",
                       "Baghdad University Medical School")
    assert actor.country == "IRQ"


def test_focus_country_none_without_places(nlp, coder):
    assert coder.focus_country(nlp("The committee met again on Tuesday to discuss the budget.")) is None


@pytest.mark.parametrize("text,phrase,focus,country", [
    ("Ethnic Hungarians marched through Cluj on Sunday.", "Ethnic Hungarians", "ROU", "ROU"),
    ("Bosnian Serbs voted against the plan.", "Bosnian Serbs", None, "BIH"),
    ("Hungarians queued at the border.", "Hungarians", "ROU", "HUN"),
])
def test_a_people_named_by_ethnicity_lives_where_the_story_or_its_adjective_says(nlp, coder, text, phrase, focus,
                                                                                 country):
    actor = coded(nlp, coder, text, focus=focus)[phrase]
    assert (actor.country, actor.sector) == (country, "CVL")


def test_a_former_soviet_republic_is_not_russia(nlp, coder):
    doc = nlp("Moldova, a former Soviet republic, held elections. The former Soviet republic has 2.5 million voters.")
    assert coder.focus_country(doc) == "MDA"
    assert all(m.actor.country != "RUS" for m in coder.mentions(doc, focus_country=None))
    assert span_actor(nlp, coder, "Soviet troops entered the city.", "Soviet troops").country == "RUS"


def test_a_generic_group_head_takes_its_role_modifier(nlp, coder):
    actor = span_actor(nlp, coder, "Opposition groups marched in Harare.", "Opposition groups", focus="ZWE")
    assert (actor.country, actor.sector) == ("ZWE", "OPP")


def test_an_organisation_named_before_a_non_actor_head_is_a_mention(nlp, coder):
    found = coded(nlp, coder, "Lebanon rejected a NATO proposal on Monday.", focus="LBN")
    assert (found["NATO"].sector, found["NATO"].country) == ("IGO", None)


def test_belgrade_is_the_serbian_government(nlp, coder):
    actor = span_actor(nlp, coder, "Belgrade recalled its ambassador.", "Belgrade")
    assert (actor.country, actor.sector) == ("SRB", "GOV")


def test_a_national_named_with_an_international_body_acts_for_it(nlp, coder):
    actor = span_actor(nlp, coder, "Rebel leaders met UN mediator Ellen Johnson Sirleaf on Monday.",
                       "UN mediator Ellen Johnson Sirleaf")
    assert (actor.country, actor.sector, actor.name) == (None, "IGO", "Ellen Johnson Sirleaf")


@pytest.mark.parametrize("phrase", ["The US", "The UK"])
def test_the_country_nickname_is_the_country_not_its_civilians(nlp, coder, phrase):
    actor = span_actor(nlp, coder, f"{phrase} condemned the attack.", phrase)
    assert actor.sector is None and actor.country in ("USA", "GBR")


@pytest.mark.parametrize("phrase", ["the former Soviet republic", "the Central Asian nation", "the country"])
def test_a_definite_country_noun_is_the_story_country(nlp, coder, phrase):
    actor = span_actor(nlp, coder, f"Russia sent troops into {phrase} on Thursday.", phrase, focus="KAZ")
    assert actor.country == "KAZ" and actor.sector is None
    assert span_actor(nlp, coder, f"Russia sent troops into {phrase} on Thursday.", phrase) is None


def test_a_country_noun_with_a_country_of_its_own_keeps_it(nlp, coder):
    actor = span_actor(nlp, coder, "Troops entered the Ukrainian republic.", "the Ukrainian republic", focus="KAZ")
    assert actor.country == "UKR"


def test_an_unknown_organisation_named_as_international_has_no_country(nlp, coder):
    actor = span_actor(nlp, coder, "The Global Water Council urged action on Monday.", "The Global Water Council",
                       focus="FRA")
    assert (actor.country, actor.sector) == (None, "NGO")


def test_northern_ireland_is_part_of_the_united_kingdom(nlp, coder):
    actor = span_actor(nlp, coder, "Police in Northern Ireland arrested two men.", "Northern Ireland")
    assert actor.country == "GBR"


def test_the_staff_of_a_body_of_no_country_act_for_it(nlp, coder):
    actor = span_actor(nlp, coder, "Red Cross officials suspended aid deliveries.", "Red Cross officials", focus="IRQ")
    assert (actor.country, actor.sector) == (None, "NGO")


def test_kampuchean_is_cambodian(nlp, coder):
    actor = span_actor(nlp, coder, "Troops shelled Kampuchean guerrilla camps.", "Kampuchean guerrilla camps")
    assert actor.country == "KHM"


def test_an_unnamed_role_placed_in_another_country_takes_its_name(coder):
    from newsevents.records import Actor

    civilians = Actor(text="five people", name="Israeli civilians", country="ISR", sector="CVL", acled_type="Civilians")
    assert coder.placed_in(civilians, "PSE").name == "Palestinian civilians"
    unplaced = Actor(text="troops", name="military", country=None, sector="MIL", acled_type="State forces")
    assert (coder.placed_in(unplaced, "MLI").name, coder.placed_in(unplaced, "MLI").country) == ("Malian military", "MLI")
    named = Actor(text="Islamic State", name="Islamic State", country=None, sector="UAF", acled_type=None)
    assert coder.placed_in(named, "SYR").name == "Islamic State"


def test_a_stance_towards_a_country_is_no_nationality(nlp, coder):
    doc = nlp("A prominent anti-Syria journalist was killed in Beirut.")
    (journalist,) = [m.actor for m in coder.mentions(doc, focus_country="LBN") if m.actor.sector == "MED"]
    assert journalist.country == "LBN"


@pytest.mark.parametrize("phrase", ["A 15-year-old boy", "a teenager", "a bystander", "one family", "two pedestrians"])
def test_victims_named_by_age_family_or_circumstance_are_civilians(nlp, coder, phrase):
    actor = coded(nlp, coder, f"{phrase} was hurt in Karachi on Friday.", focus="PAK")[phrase]
    assert (actor.country, actor.sector) == ("PAK", "CVL")


@pytest.mark.parametrize(("phrase", "sector"), [
    ("a police patrol", "COP"), ("an army convoy", "MIL"), ("a military checkpoint", "MIL"), ("a police station", "COP")])
def test_a_unit_post_or_vehicle_of_a_role_stands_for_the_role(nlp, coder, phrase, sector):
    actor = coded(nlp, coder, f"Gunmen attacked {phrase} near Kirkuk on Friday.", focus="IRQ")[phrase]
    assert (actor.country, actor.sector) == ("IRQ", sector)

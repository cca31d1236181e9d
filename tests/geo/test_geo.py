"""Gazetteer, place resolution and event location on sentences written for these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from newsevents.geo import Gazetteer, find_places, locate_event, locate_mention, normalize, resolve_name
from newsevents.geo.gazetteer import ADMIN1


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def places_of(nlp, text: str, gazetteer: Gazetteer, focus: str | None = None):
    doc = nlp(text)
    return doc, find_places(doc, focus_country=focus, gazetteer=gazetteer)


def near(place, lat: float, lon: float, tolerance: float = 1.0) -> bool:
    return abs(place.lat - lat) < tolerance and abs(place.lon - lon) < tolerance


# -- gazetteer -------------------------------------------------------------------------------
def test_normalize_folds_abbreviations_and_accents():
    assert normalize("St. Louis") == normalize("Saint Louis")
    assert normalize("the U.S.") == normalize("US") == "us"
    assert normalize("Bogotá") == "bogota"
    assert normalize("Winston-Salem") == "winston salem"


def test_gazetteer_has_countries_subdivisions_cities(gazetteer):
    kazakhstan = gazetteer.place(gazetteer.country("KAZ"), text="Kazakhstan")
    assert kazakhstan.precision == "country" and kazakhstan.geonameid == 1522867
    texas = resolve_name("Texas", gazetteer=gazetteer)
    assert texas.precision == "admin1" and texas.country == "USA" and near(texas, 31.2, -99.3, 2.0)
    lagos = resolve_name("Lagos", gazetteer=gazetteer)
    assert lagos.precision == "city" and lagos.country == "NGA" and lagos.geonameid == 2332459


def test_gazetteer_warm_load_is_fast(gazetteer, tmp_path):
    """A fresh process with the disk cache warm loads the gazetteer in well under 5 s."""
    env = dict(os.environ)
    code = ("import time; t = time.perf_counter(); from newsevents.geo.gazetteer import Gazetteer; "
            "Gazetteer.default(); print(time.perf_counter() - t)")
    seconds = float(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                                   text=True).stdout)
    assert seconds < 5.0


def test_cache_directory_is_overridable(tmp_path, monkeypatch):
    from newsevents.geo import gazetteer as module

    monkeypatch.setenv("NEWSEVENTS_CACHE", str(tmp_path))
    assert module.cache_dir() == tmp_path


def test_cache_keeps_the_most_recently_used_indexes(tmp_path):
    """Installs of different versions sharing one cache directory keep each other's index."""
    from newsevents.geo import gazetteer as module

    for age, stamp in enumerate(["newest", "second", "third", "oldest", "older_still"]):
        cache = tmp_path / f"gazetteer-{stamp}.pickle"
        cache.write_bytes(b"index")
        os.utime(cache, (time.time() - 60 * age, time.time() - 60 * age))
    (tmp_path / "events.sqlite").write_bytes(b"not an index")
    module._mark_used(tmp_path / "gazetteer-oldest.pickle")
    module._drop_least_used(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "events.sqlite", "gazetteer-newest.pickle", "gazetteer-oldest.pickle", "gazetteer-second.pickle"]


# -- resolution --------------------------------------------------------------------------------
def test_paris_texas_vs_paris_france(nlp, gazetteer):
    _, texas = places_of(nlp, "A tornado damaged homes in Paris, Texas, late on Sunday.", gazetteer)
    assert (texas[0].place.name, texas[0].place.country, texas[0].place.admin1) == ("Paris", "USA", "Texas")
    _, france = places_of(nlp, "Thousands marched through Paris on Saturday against the pension reform.", gazetteer)
    assert france[0].place.country == "FRA" and near(france[0].place, 48.85, 2.35)


def test_paris_follows_focus_and_nearby_state(nlp, gazetteer):
    text = ("The Lamar County sheriff said a man was arrested in Paris after a chase. "
            "Deputies from across northeast Texas joined the search.")
    _, places = places_of(nlp, text, gazetteer, focus="USA")
    paris = next(m.place for m in places if m.place.text == "Paris")
    assert paris.country == "USA" and paris.admin1 == "Texas"


def test_springfield_qualified_by_state(gazetteer):
    assert resolve_name("Springfield, Illinois", gazetteer=gazetteer).admin1 == "Illinois"
    assert resolve_name("Springfield, Massachusetts", gazetteer=gazetteer).admin1 == "Massachusetts"


def test_georgia_country_or_state_by_context(nlp, gazetteer):
    _, caucasus = places_of(nlp, "Protesters gathered in Tbilisi as Georgia prepared for a vote on the bill.",
                            gazetteer)
    georgia = next(m.place for m in caucasus if m.place.text == "Georgia")
    assert georgia.precision == "country" and georgia.country == "GEO"
    _, south = places_of(nlp, "Storms knocked out power in Atlanta and Savannah, and Georgia officials "
                              "asked residents to stay home.", gazetteer)
    georgia = next(m.place for m in south if m.place.text == "Georgia")
    assert georgia.precision == "admin1" and georgia.country == "USA"


def test_possessive_city_and_demonym(nlp, gazetteer):
    doc, places = places_of(nlp, "Soldiers guarded Bishkek’s central square while Syrian refugees waited.",
                            gazetteer)
    by_text = {m.place.text: m.place for m in places}
    assert by_text["Bishkek"].precision == "city" and by_text["Bishkek"].country == "KGZ"
    assert by_text["Syrian"].precision == "country" and by_text["Syrian"].country == "SYR"
    bishkek = next(m for m in places if m.place.text == "Bishkek")
    assert doc.text[bishkek.start:bishkek.end] == "Bishkek"


def test_alternate_forms(gazetteer):
    assert resolve_name("the U.S.", gazetteer=gazetteer).country == "USA"
    assert resolve_name("U.K.", gazetteer=gazetteer).country == "GBR"
    assert resolve_name("St. Petersburg", gazetteer=gazetteer).country == "RUS"
    assert resolve_name("Saint Louis", focus_country="USA", gazetteer=gazetteer).admin1 == "Missouri"


def test_unknown_and_empty_input(nlp, gazetteer):
    assert resolve_name("Qwxzplorvania", gazetteer=gazetteer) is None
    assert resolve_name("", gazetteer=gazetteer) is None
    empty = nlp("")
    assert find_places(empty, focus_country=None, gazetteer=gazetteer) == []
    assert locate_event(empty, 0, [], focus_country=None, gazetteer=gazetteer) is None


# -- event location --------------------------------------------------------------------------
def trigger(doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_location_preposition_beats_origin(nlp, gazetteer):
    doc, places = places_of(nlp, "Militants from Somalia attacked a police post in Mandera on Tuesday.", gazetteer)
    place = locate_event(doc, trigger(doc, "attacked"), places, focus_country=None, gazetteer=gazetteer)
    assert place.name == "Mandera" and place.precision == "city"


def test_motion_destination_not_sender(nlp, gazetteer):
    doc, places = places_of(nlp, "France deployed soldiers into Mali last week.", gazetteer)
    place = locate_event(doc, trigger(doc, "deployed"), places, focus_country=None, gazetteer=gazetteer)
    assert place.country == "MLI" and place.precision == "country"


def test_city_inside_phrase_wins(nlp, gazetteer):
    doc, places = places_of(nlp, "Police fired tear gas at crowds in Nairobi’s business district, Kenyan media said.",
                            gazetteer)
    place = locate_event(doc, trigger(doc, "fired"), places, focus_country=None, gazetteer=gazetteer)
    assert place.name == "Nairobi"


@pytest.mark.parametrize("text,names", [
    ("FLINT, MI -- A man was shot and killed on the city's north side Tuesday night.", ["Flint", "Michigan"]),
    ("OAKLAND — Two men were wounded in a shooting on Sunday, police said.", ["Oakland"]),
    ("JERSEY CITY, N.J. (AP) — Four people were shot early Saturday in Jersey City.",
     ["Jersey City", "New Jersey", "Jersey City"]),
    ("Man held after threat in dorm MILWAUKEE (WITI) — A man was arrested late Friday.", ["Milwaukee"]),
])
def test_the_dateline_names_a_place_whatever_label_the_model_gives_it(nlp, gazetteer, text, names):
    doc, places = places_of(nlp, text, gazetteer)
    assert [m.place.name for m in places] == names
    assert places[0].place.country == "USA"


def test_mentions_stay_in_text_order_around_a_dateline_after_a_headline(nlp, gazetteer):
    # the locator bisects the mentions by offset
    text = "Chicago man held after threat in Detroit dorm MILWAUKEE (WITI) — A man was arrested Friday in Wauwatosa."
    doc, places = places_of(nlp, text, gazetteer)
    assert [m.place.name for m in places] == ["Chicago", "Detroit", "Milwaukee", "Wauwatosa"]


def test_a_minor_place_abroad_nothing_else_points_to_is_no_mention(nlp, gazetteer):
    # "East Side" is also a suburb of Alice Springs; in a Syracuse story it is a part of the city
    doc, places = places_of(nlp, "SYRACUSE, N.Y. -- A 22-year-old man was shot in the leg on the city's East Side "
                                 "on Wednesday night, Syracuse police said.", gazetteer)
    assert {m.place.country for m in places} == {"USA"}
    # one other place suffices when it lies in the story's focus country; the locator then places the name there
    text = "YOUNGSTOWN — A person was wounded in the hip by a gunshot on Monday at an East Side home on Lilburne Avenue."
    doc, places = places_of(nlp, text, gazetteer, focus="USA")
    assert [m.place.name for m in places] == ["Youngstown"]
    where = locate_event(doc, trigger(doc, "wounded"), places, focus_country="USA", gazetteer=gazetteer)
    assert (where.name, where.country, where.lat) == ("East Side", "USA", places[0].place.lat)
    # a place read inside an unknown name, in another state than all the story's other places, strays too
    doc, places = places_of(nlp, "ORTING, WA - Police found a body along the Carbon River early Monday. Pierce County "
                                 "deputies responded to a home in Orting.", gazetteer, focus="USA")
    assert {m.place.admin1 for m in places} == {"Washington"}  # not Carbon County, Pennsylvania
    # a place abroad the story names its country for stays
    doc, places = places_of(nlp, "The film premiered in Cannes, France, before opening in New York and Los Angeles.",
                            gazetteer)
    assert [m.place.name for m in places][:2] == ["Cannes", "France"]


def test_a_place_inside_a_name_abroad_is_no_mention_in_a_story_about_another_country(nlp, gazetteer):
    text = "Three men approached a delivery driver outside Southland Mall, Memphis police said."
    _, places = places_of(nlp, text, gazetteer, focus="USA")
    assert [m.place.name for m in places] == ["Memphis"]  # not New Zealand's Southland region
    text = "A man said his car was stolen at gunpoint at the Big Dog Car Wash in Gypsum."
    _, places = places_of(nlp, text, gazetteer, focus="USA")
    assert [m.place.country for m in places] == ["USA"]  # "Car" is no Central African Republic
    _, places = places_of(nlp, "Police sealed off the Catawba River on Monday.", gazetteer, focus="USA")
    assert [m.place.country for m in places] == ["USA"]  # at home the place inside the name still counts


def test_a_thing_with_an_indefinite_article_is_no_place(nlp, gazetteer):
    _, places = places_of(nlp, "The suspects drove away in a dark-colored Toyota, police said.", gazetteer)
    assert places == []  # not the Japanese city
    _, places = places_of(nlp, "Eritrea captured Badme in May.", gazetteer)
    assert [m.place.name for m in places] == ["Eritrea", "Badme"]


def test_a_word_in_lower_case_is_no_name(nlp, gazetteer):
    # the small model tags "metro" a facility; the gazetteer knows an airport by that core name
    doc, places = places_of(nlp, "A woman was arrested south of Tuscaloosa on Friday, a spokesman for the county's "
                                 "metro homicide unit said.", gazetteer)
    assert [m.place.name for m in places] == ["Tuscaloosa"]


def test_a_street_names_no_place_and_takes_the_point_of_its_paragraph(nlp, gazetteer):
    # a street is in a town, not in the place it is named after
    doc, places = places_of(nlp, "Protesters marched down Michigan Avenue in Chicago.", gazetteer)
    assert [m.place.name for m in places] == ["Chicago"]
    doc, places = places_of(nlp, "BAKERSFIELD, Calif. - Officers responded to a shooting at Lake and Brown Streets.",
                            gazetteer)
    assert {m.place.admin1 for m in places} == {"California"}  # not Brown County, Wisconsin
    doc, places = places_of(nlp, "A man was shot in Fillmore on Saturday night. Deputies later found a second "
                                 "victim at a home on Grand Avenue.", gazetteer)
    assert [m.place.name for m in places] == ["Fillmore"]
    found = locate_event(doc, trigger(doc, "found"), places, focus_country=None, gazetteer=gazetteer)
    fillmore = places[0].place
    assert (found.name, found.geonameid) == ("Grand Avenue", None)
    assert (found.country, found.admin1, found.lat, found.lon) == (fillmore.country, fillmore.admin1, fillmore.lat,
                                                                   fillmore.lon)


def test_a_named_part_of_a_town_lies_in_that_town(nlp, gazetteer):
    doc, places = places_of(nlp, "A woman was stabbed in the Society Hill section of Philadelphia.", gazetteer)
    hill, town = (m.place for m in places)
    assert (hill.name, hill.admin1, hill.lat, hill.lon) == ("Society Hill", "Pennsylvania", town.lat, town.lon)
    doc, places = places_of(nlp, "A man was shot in the Mission district of San Francisco on Saturday.", gazetteer)
    where = locate_event(doc, trigger(doc, "shot"), places, focus_country=None, gazetteer=gazetteer)
    assert (where.name, where.admin1) == ("Mission", "California")  # not Mission, Texas
    # the town first: "the Cincinnati suburb of West Chester" keeps Cincinnati
    doc, places = places_of(nlp, "He grew up in the Cincinnati suburb of West Chester.", gazetteer)
    assert places[0].place.name == "Cincinnati" and places[0].place.admin1 == "Ohio"


def test_who_the_subject_is_yields_to_the_paragraphs_place(nlp, gazetteer):
    text = ("Gunmen attacked a bus station in Mexicali on Friday. Maria Lopez, a nurse who works at a clinic in Tijuana, "
            "was shot.")
    doc, places = places_of(nlp, text, gazetteer)
    assert locate_event(doc, trigger(doc, "shot"), places, focus_country=None, gazetteer=gazetteer).name == "Mexicali"


def test_a_place_named_by_a_place_noun_is_read_beside_the_paragraphs_places(nlp, gazetteer):
    text = ("Police in Burnham and Cook County are searching for a gunman. A teenage girl was shot on Wednesday in the "
            "Woodlawn neighborhood.")
    doc, places = places_of(nlp, text, gazetteer, focus="USA")
    where = locate_event(doc, trigger(doc, "shot"), places, focus_country="USA", gazetteer=gazetteer)
    assert (where.name, where.admin1) == ("Woodlawn", "Illinois")  # not Woodlawn, Maryland


def test_fallback_to_paragraph_then_region_then_country(nlp, gazetteer):
    text = ("Flooding swept through Peshawar on Monday.\n\n"
            "Rescue workers said two bridges collapsed. Residents were evacuated overnight.\n\n"
            "Officials promised aid.")
    doc, places = places_of(nlp, text, gazetteer)
    assert [m.place.name for m in places] == ["Peshawar"]
    collapsed = trigger(doc, "collapsed")
    region = locate_event(doc, collapsed, places, focus_country="PAK", gazetteer=gazetteer)
    assert (region.name, region.country, region.precision) == ("Khyber Pakhtunkhwa", "PAK", "admin1")
    # places in two provinces, or a story naming its country as often as its towns: the country
    for story in ("Flooding swept through Peshawar on Monday and hit Karachi and Lahore a day later.",
                  "Flooding swept through Pakistan on Monday, from Peshawar to the north of Pakistan."):
        doc3, places3 = places_of(nlp, story + text[text.index("\n\n"):], gazetteer)
        country = locate_event(doc3, trigger(doc3, "collapsed"), places3, focus_country="PAK", gazetteer=gazetteer)
        assert (country.country, country.precision) == ("PAK", "country"), story
    text2 = text.replace("\n\nRescue", " Rescue")
    doc2, places2 = places_of(nlp, text2, gazetteer)
    assert locate_event(doc2, trigger(doc2, "collapsed"), places2, focus_country="PAK",
                        gazetteer=gazetteer).name == "Peshawar"
    promised = trigger(doc, "promised")
    assert locate_event(doc, promised, [], focus_country=None, gazetteer=gazetteer) is None


def test_the_fallback_country_is_where_the_storys_places_lie(nlp, gazetteer):
    text = ("A teacher at Lyon Elementary School was arrested on Friday in Covington, Louisiana.\n\n"
            "Deputies said a handgun was seized.")
    doc, places = places_of(nlp, text, gazetteer, focus="FRA")  # the actors' focus, misled by "Lyon"
    assert {m.place.country for m in places} == {"USA"}
    seized = locate_event(doc, trigger(doc, "seized"), places, focus_country="FRA", gazetteer=gazetteer)
    assert (seized.country, seized.admin1, seized.precision) == ("USA", "Louisiana", "admin1")
    # with no focus, the places' country too; a focus among the places stands
    assert locate_event(doc, trigger(doc, "seized"), places, focus_country=None, gazetteer=gazetteer).country == "USA"
    text = "Flooding swept through Peshawar and Kabul on Monday.\n\nRescue workers said two bridges collapsed."
    doc, places = places_of(nlp, text, gazetteer)
    collapsed = locate_event(doc, trigger(doc, "collapsed"), places, focus_country="AFG", gazetteer=gazetteer)
    assert collapsed.country == "AFG"


def test_a_local_storys_events_fall_back_to_its_state(nlp, gazetteer):
    text = ("DAYTON, Ohio — Police in Springfield arrested two men on Tuesday.\n\n"
            "A 19-year-old man was shot twice and taken to a hospital, police said.")
    doc, places = places_of(nlp, text, gazetteer, focus="USA")
    shot = locate_event(doc, trigger(doc, "shot"), places, focus_country="USA", gazetteer=gazetteer)
    assert (shot.name, shot.country, shot.precision) == ("Ohio", "USA", "admin1")
    assert near(shot, 40.2, -82.7, 1.0)


def test_a_name_the_gazetteer_cannot_place_lies_in_the_storys_region(nlp, gazetteer):
    text = ("Colorado lawmakers debated the gun bill for a second day.\n\n"
            "On Tuesday, hundreds of protesters marched to the Capitol.")
    doc, places = places_of(nlp, text, gazetteer, focus="USA")
    marched = locate_event(doc, trigger(doc, "marched"), places, focus_country="USA", gazetteer=gazetteer)
    assert (marched.name, marched.country, marched.admin1, marched.precision) == ("Capitol", "USA", "Colorado", "admin1")
    assert marched.geonameid is None and near(marched, 38.9, -105.5, 1.0)


def test_bad_trigger_index_falls_back_to_focus(nlp, gazetteer):
    doc, places = places_of(nlp, "Protests spread.", gazetteer)
    place = locate_event(doc, 99, places, focus_country="CHL", gazetteer=gazetteer)
    assert place.country == "CHL" and place.precision == "country"


def test_example_article(nlp, gazetteer, example_path):
    """The arson is in Almaty (city); the deployment in Kazakhstan (country)."""
    body = example_path.read_text(encoding="utf-8").split("\n\n", 2)[2]
    doc = nlp(body)
    places = find_places(doc, focus_country="KAZ", gazetteer=gazetteer)
    arson = next(t for t in doc if t.text == "set" and "fire in" in t.sent.text)
    almaty = locate_event(doc, arson.i, places, focus_country="KAZ", gazetteer=gazetteer)
    assert almaty.name == "Almaty" and near(almaty, 43.25, 76.9, 0.2)
    sent = next(t for t in doc if t.text == "sent")
    kazakhstan = locate_event(doc, sent.i, places, focus_country="KAZ", gazetteer=gazetteer)
    assert kazakhstan.country == "KAZ" and kazakhstan.precision == "country"


def test_resolution_beats_most_populous_on_sample(shared_eval, gazetteer):
    """On 60 LGL documents (local US news) context beats the most-populous baseline."""
    from newsevents.geo.resolve import NameSpan, candidates, resolve_spans

    ours = base = total = 0
    with (shared_eval / "geoparsing" / "lgl.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for _, line in zip(range(60), handle)]
    for record in records:
        gold = sorted((t for t in record["gold"]["toponyms"] if t.get("lat")), key=lambda t: t["start"])
        spans = [NameSpan(t["start"], t["end"], t["phrase"]) for t in gold]
        for toponym, span, place in zip(gold, spans, resolve_spans(record["text"], spans, focus_country=None,
                                                                     gazetteer=gazetteer)):
            lat, lon = float(toponym["lat"]), float(toponym["lon"])
            total += 1
            ours += place is not None and near(place, lat, lon, 1.5)
            options = candidates(span, gazetteer)
            if options:
                fid = max(options, key=lambda o: gazetteer.population(o[0]))[0]
                glat, glon = gazetteer.coordinates(fid)
                base += abs(glat - lat) < 1.5 and abs(glon - lon) < 1.5
    assert total > 200
    assert ours / total > base / total + 0.05


def test_resolution_is_cheap(nlp, gazetteer):
    text = " ".join(["Officials in Springfield, Paris, Georgia, Lagos and Almaty met in London."] * 40)
    doc = nlp(text)
    started = time.perf_counter()
    found = find_places(doc, focus_country=None, gazetteer=gazetteer)
    assert len(found) >= 200
    assert time.perf_counter() - started < 1.0


def test_noun_trigger_in_verbless_headline(nlp, gazetteer):
    doc, places = places_of(nlp, "Fresh clashes in Homs overnight", gazetteer)
    place = locate_event(doc, trigger(doc, "clashes"), places, focus_country=None, gazetteer=gazetteer)
    assert place is not None and place.country == "SYR"


# -- regions, former names, abbreviations ------------------------------------------------------
def test_seas_and_world_regions_are_not_small_towns(gazetteer):
    darfur = resolve_name("Darfur", gazetteer=gazetteer)
    assert darfur.country == "SDN" and darfur.precision == "admin1" and darfur.geonameid is None
    for name in ("Middle East", "Mediterranean", "Atlantic"):
        region = resolve_name(name, gazetteer=gazetteer)
        assert region.country is None and region.precision == "country", name


def test_landmarks_stand_for_their_city(gazetteer):
    white_house = resolve_name("White House", gazetteer=gazetteer)
    assert (white_house.name, white_house.admin1) == ("Washington", "District of Columbia")
    assert resolve_name("Tahrir Square", gazetteer=gazetteer).name == "Cairo"
    assert resolve_name("Downing Street", gazetteer=gazetteer).country == "GBR"


def test_a_protest_outside_a_landmark_is_in_its_city():
    import newsevents

    (event,) = newsevents.extract("Hundreds of protesters rallied outside the White House on Saturday.",
                                  published="2022-01-06").events
    assert event.location.name == "Washington" and near(event.location, 38.9, -77.0, 0.2)


def test_former_names_and_press_abbreviations(gazetteer):
    assert resolve_name("Bombay", gazetteer=gazetteer).name == "Mumbai"
    assert resolve_name("Kiev", gazetteer=gazetteer).country == "UKR"
    assert resolve_name("Sask.", gazetteer=gazetteer).name == "Saskatchewan"
    assert resolve_name("W. Va.", gazetteer=gazetteer).name == "West Virginia"
    assert resolve_name("Dagestan", gazetteer=gazetteer).country == "RUS"
    quebec = resolve_name("Quebec City", gazetteer=gazetteer)
    assert quebec.precision == "city" and near(quebec, 46.8, -71.2, 0.3)
    assert resolve_name("Ghouta", gazetteer=gazetteer).country == "SYR"


def test_wide_province_point_is_not_pulled_to_its_towns(gazetteer):
    """Ontario's towns crowd its southern edge (the percentile box centre is at 46.6 N); the full
    extent of its towns puts the point further into the province."""
    ontario = resolve_name("Ontario", focus_country="CAN", gazetteer=gazetteer)
    assert ontario.precision == "admin1" and ontario.lat > 47.0


# -- event location: precision, objects, modifiers ---------------------------------------------
def test_most_precise_place_wins_and_unknown_village_keeps_its_name(nlp, gazetteer):
    doc, places = places_of(nlp, "A roadside bomb killed three soldiers near the village of Tal Zahab in "
                                 "northern Iraq on Sunday.", gazetteer)
    place = locate_event(doc, trigger(doc, "killed"), places, focus_country=None, gazetteer=gazetteer)
    assert place.name == "Tal Zahab" and place.geonameid is None
    assert place.country == "IRQ" and place.precision == "country"


def test_a_bloc_named_by_a_direction_is_not_where_the_event_happened(nlp, gazetteer):
    doc, places = places_of(nlp, "Speaking in Minsk, the president demanded that the West lift its sanctions on "
                                 "Belarus.", gazetteer)
    assert any(e.text == "West" for e in doc.ents)
    place = locate_event(doc, trigger(doc, "demanded"), places, focus_country="BLR", gazetteer=gazetteer)
    assert place.name == "Minsk"
    doc, places = places_of(nlp, "The minister accused the West of meddling.", gazetteer)
    place = locate_event(doc, trigger(doc, "accused"), places, focus_country="BLR", gazetteer=gazetteer)
    assert place.name != "West" and place.country == "BLR"


def test_province_of_country_beats_country(nlp, gazetteer):
    doc, places = places_of(nlp, "Two aid workers were killed in Kenya's Garissa county on Friday.", gazetteer)
    place = locate_event(doc, trigger(doc, "killed"), places, focus_country=None, gazetteer=gazetteer)
    assert place.text.startswith("Garissa") and place.country == "KEN" and place.precision == "admin1"


def test_place_as_object_of_the_trigger(nlp, gazetteer):
    doc, places = places_of(nlp, "Rebels seized the town of Bunia in the east of Congo on Tuesday.", gazetteer)
    place = locate_event(doc, trigger(doc, "seized"), places, focus_country=None, gazetteer=gazetteer)
    assert place.name == "Bunia"


def test_country_modifying_a_unit_is_not_the_location(nlp, gazetteer):
    doc, places = places_of(nlp, "A bomb exploded near a U.S. patrol in Kirkuk on Monday.", gazetteer)
    place = locate_event(doc, trigger(doc, "exploded"), places, focus_country=None, gazetteer=gazetteer)
    assert place.name == "Kirkuk"


# -- agreement with the other names' possible readings, derived demonyms, names inside names ----------
def resolve_in_text(text: str, names: list[str], gazetteer: Gazetteer):
    from newsevents.geo.resolve import NameSpan, resolve_spans

    spans = [NameSpan(text.index(name), text.index(name) + len(name), name) for name in names]
    return resolve_spans(text, spans, focus_country=None, gazetteer=gazetteer)


def test_town_and_county_agree_though_neither_is_most_populous(gazetteer):
    text = "Deputies in Henry County said the fire began in a warehouse in Paris before dawn."
    county, town = resolve_in_text(text, ["Henry County", "Paris"], gazetteer)
    assert (county.admin1, town.admin1) == ("Tennessee", "Tennessee") and town.country == "USA"


def test_suburb_follows_county_and_state_capital(gazetteer):
    text = "The Dublin school board met on Tuesday; Franklin County officials and the mayor of Columbus attended."
    places = resolve_in_text(text, ["Dublin", "Franklin County", "Columbus"], gazetteer)
    assert [p.admin1 for p in places] == ["Ohio", "Ohio", "Ohio"]


def test_list_of_states_stays_states(gazetteer):
    text = "Cases were reported in Oregon, Texas, Kansas, Mississippi, Nevada and Ohio."
    places = resolve_in_text(text, ["Oregon", "Texas", "Kansas", "Mississippi", "Nevada", "Ohio"], gazetteer)
    assert all(p.precision == "admin1" and p.country == "USA" for p in places)


def test_demonyms_of_regions(gazetteer):
    assert resolve_name("Ohioans", gazetteer=gazetteer).name == "Ohio"
    assert resolve_name("Minnesotans", gazetteer=gazetteer).name == "Minnesota"
    assert resolve_name("Tasmanians", gazetteer=gazetteer).name == "Tasmania"
    dagestan = resolve_name("Dagestani", gazetteer=gazetteer)
    assert dagestan.country == "RUS" and dagestan.precision == "admin1"
    assert resolve_name("Syrians", gazetteer=gazetteer).precision == "country"  # the country table first


def test_known_place_inside_an_unknown_name(gazetteer):
    port = resolve_name("Port of Los Angeles", gazetteer=gazetteer)
    assert port.name == "Los Angeles" and port.country == "USA"
    assert resolve_name("Dubai World Cup", gazetteer=gazetteer).country == "ARE"
    assert resolve_name("Western Kansas", gazetteer=gazetteer).name == "Kansas"
    assert resolve_name("Trump Tower", gazetteer=gazetteer) is None  # the head noun is never the place
    assert resolve_name("St. Xyzzy Hall", gazetteer=gazetteer) is None  # "St." is no state code here


def test_a_feature_noun_or_a_small_town_is_no_place_inside_a_name(gazetteer):
    # "Lake" would be Lake County, Illinois; "Side" a Turkish town; "Wing" an English village
    assert resolve_name("Lake Lanier", gazetteer=gazetteer) is None
    assert resolve_name("South Side", gazetteer=gazetteer) is None
    assert resolve_name("West Wing", gazetteer=gazetteer) is None
    assert resolve_name("Northern Rakhine", gazetteer=gazetteer).precision == "admin1"


def test_place_inside_a_name_only_for_place_entities(nlp, gazetteer):
    _, places = places_of(nlp, "Crews repaired a bridge over the Catawba River near Charlotte on Monday.", gazetteer)
    river = next(m.place for m in places if m.place.text == "Catawba River")
    assert river.country == "USA"
    _, places = places_of(nlp, "Protesters gathered outside Vladimir Putin's residence on Sunday.", gazetteer)
    assert all(m.place.name != "Vladimir" for m in places)  # a person's first name is no town


@pytest.mark.parametrize("name", ["Germany Township", "Lebanon Township", "Poland Twp.", "Peru Township",
                                  "Mexico County", "Jordan Parish"])
def test_a_local_unit_named_after_a_country_is_not_that_country(gazetteer, name):
    place = resolve_name(name, gazetteer=gazetteer)
    assert place is None or place.precision != "country"


def test_city_naming_its_region_keeps_the_region_standing(gazetteer):
    gaza = resolve_name("Gaza", gazetteer=gazetteer)
    assert gaza.country == "PSE" and gaza.precision == "city"  # not the province of Mozambique


def test_comma_list_of_regions_is_not_a_town_and_its_state(gazetteer):
    text = "Storm damage was reported in Georgia, Oklahoma, Pennsylvania and Wisconsin."
    places = resolve_in_text(text, ["Georgia", "Oklahoma", "Pennsylvania", "Wisconsin"], gazetteer)
    assert places[1].name == "Oklahoma" and places[1].precision == "admin1"


def test_town_state_pairs_in_a_list_keep_their_states(gazetteer):
    text = "The chain has stores in Cordova, Tennessee, Richmond, Virginia, and Orlando, Florida."
    places = resolve_in_text(text, ["Cordova", "Tennessee", "Richmond", "Virginia", "Orlando", "Florida"], gazetteer)
    assert (places[0].admin1, places[2].admin1) == ("Tennessee", "Virginia")


def test_country_after_a_comma_does_not_make_a_country_a_town(gazetteer):
    text = "Reporters looked into his business in Russia, U.S. officials said on Friday."
    russia, _ = resolve_in_text(text, ["Russia", "U.S."], gazetteer)
    assert russia.precision == "country" and russia.country == "RUS"


def test_unknown_name_placed_by_the_text_in_a_known_place(gazetteer):
    hall, city = resolve_in_text("Delegates met at the Zorbla Conference Hall in Geneva.",
                                 ["Zorbla Conference Hall", "Geneva"], gazetteer)
    assert hall.name == "Zorbla Conference Hall" and hall.country == "CHE" and near(hall, city.lat, city.lon, 0.01)
    assert hall.geonameid is None and hall.precision == city.precision
    city, quarter = resolve_in_text("Police sealed off Cairo's Qwertabad district.", ["Cairo", "Qwertabad"], gazetteer)
    assert quarter.country == "EGY"
    park, _ = resolve_in_text("Fans drove to Plimbly Park, Saskatchewan, for the race.",
                              ["Plimbly Park", "Saskatchewan"], gazetteer)
    assert park.country == "CAN" and park.admin1 == "Saskatchewan"


def test_unknown_name_without_such_evidence_stays_unresolved(gazetteer):
    text = "The academy moved from Qwertabad, Liverpool and Manchester to new grounds."
    places = resolve_in_text(text, ["Qwertabad", "Liverpool", "Manchester"], gazetteer)
    assert places[0] is None  # a list, not "Qwertabad in Liverpool"
    assert resolve_in_text("Qwertabad was quiet.", ["Qwertabad"], gazetteer) == [None]


def test_plural_type_noun_after_a_list_picks_the_counties(gazetteer):
    text = "Water covered roads in Becker, Clay and Grant counties on Sunday."
    places = resolve_in_text(text, ["Becker", "Clay", "Grant"], gazetteer)
    assert all(p.name.endswith("County") and p.admin1 == "Minnesota" for p in places)
    text = "Shoppers drive to outlet malls in Geauga and Medina counties."
    assert [p.name for p in resolve_in_text(text, ["Geauga", "Medina"], gazetteer)] == ["Geauga County", "Medina County"]


def test_one_name_before_a_plural_type_noun_is_the_area(gazetteer):
    state, = resolve_in_text("Several Ohio counties closed schools.", ["Ohio"], gazetteer)
    assert state.name == "Ohio" and state.precision == "admin1"
    country, = resolve_in_text("Governors of several U.S. states met.", ["U.S."], gazetteer)
    assert country.country == "USA" and country.precision == "country"


def test_more_demonyms_and_codes(gazetteer):
    assert resolve_name("Ontarians", gazetteer=gazetteer).name == "Ontario"
    assert resolve_name("Quebecers", gazetteer=gazetteer).precision == "admin1"
    assert resolve_name("Bosnian", gazetteer=gazetteer).country == "BIH"  # "Bosnian,Herzegovinian" in the table
    assert resolve_name("Serb", gazetteer=gazetteer).country == "SRB"
    usa = resolve_name("USA", gazetteer=gazetteer)
    assert usa.country == "USA" and usa.precision == "country"


def test_subdivision_codes_are_names_only_where_news_write_them(gazetteer):
    assert gazetteer.candidates("TX") and gazetteer.name(gazetteer.candidates("TX")[0]) == "Texas"
    assert "Ontario" in {gazetteer.name(fid) for fid in gazetteer.candidates("ON")}  # "Toronto, ON"
    assert "New South Wales" in {gazetteer.name(fid) for fid in gazetteer.candidates("NSW")}
    for abbreviation in ("BB", "B.A.", "NW", "C.E."):  # "a BB gun", "NW Miami-Dade": no German or Brazilian state
        assert ADMIN1 not in {gazetteer.kind(fid) for fid in gazetteer.candidates(abbreviation)}, abbreviation


def test_no_alias_is_a_function_or_number_word(gazetteer):
    assert gazetteer.candidates("First") == []  # "First Governorate", another name of Aden
    assert gazetteer.candidates("Will") == []  # "Will County"
    assert gazetteer.name(gazetteer.candidates("Aden")[0]) == "Aden"
    assert resolve_name("Will County", gazetteer=gazetteer).country == "USA"


def test_a_base_is_no_place_under_the_word_army(gazetteer):
    assert gazetteer.candidates("Army") == []
    assert gazetteer.candidates("Wiesbaden Army Airfield")


def test_a_court_is_no_place(nlp, gazetteer):
    _, places = places_of(nlp, "Kennedy is due back in Court on Friday, April 12, in Norwich.", gazetteer)
    assert [m.place.name for m in places] == ["Norwich"]  # not the Swiss village of Court


def test_a_persons_surname_is_no_place(nlp, gazetteer):
    doc, places = places_of(nlp, "Police arrested Ryan Rivera on Monday. Police said Rivera was one of several men "
                                 "engaged in what was described as a gunbattle.", gazetteer)
    assert places == []  # not the Uruguayan department
    trigger = next(t.i for t in doc if t.text == "gunbattle")
    assert locate_mention(doc, trigger, places, gazetteer=gazetteer) is None  # nor a place the gazetteer does not know
    # after a locative preposition a place stays a place, and a country is no one's surname
    _, places = places_of(nlp, "Jose Santiago said his brother was shot in Santiago on Monday.", gazetteer)
    assert [m.place.country for m in places] == ["CHL"]
    _, places = places_of(nlp, "Rethinking Egypt, a new book, argues that Egypt must change.", gazetteer)
    assert [m.place.name for m in places] == ["Egypt"]


def test_a_sea_agrees_with_the_country_of_the_article(gazetteer):
    text = "Storms over the Atlantic flooded streets in Miami and Tampa, Florida officials said."
    ocean, *_ = resolve_in_text(text, ["Atlantic", "Miami", "Tampa", "Florida"], gazetteer)
    assert ocean.name == "Atlantic Ocean"


def test_compact_province_point_ignores_a_stray_town(gazetteer):
    jiangsu = resolve_name("Jiangsu", gazetteer=gazetteer)
    assert 116.0 < jiangsu.lon < 122.0 and 30.5 < jiangsu.lat < 35.5


def test_place_after_of_must_be_prominent_unless_a_feature_noun_precedes(gazetteer):
    assert resolve_name("Manitoba Chambers of Commerce", gazetteer=gazetteer).name == "Manitoba"  # not "Commerce"
    assert resolve_name("Town of Groton", gazetteer=gazetteer).country == "USA"  # "town of": any Groton


def test_airports_by_name_and_by_context(nlp, gazetteer):
    _, places = places_of(nlp, "Flights at Heathrow were suspended on Sunday after drones were seen near the "
                          "runway, London police said.", gazetteer)
    heathrow = places[0].place
    assert heathrow.name == "London Heathrow Airport" and near(heathrow, 51.47, -0.46, 0.1)
    _, places = places_of(nlp, "A man from Heathrow, Florida, was arrested in Orlando.", gazetteer)
    assert places[0].place.country == "USA"  # the town, not the airport
    assert near(resolve_name("Ben Gurion Airport", gazetteer=gazetteer), 32.01, 34.89, 0.1)
    kabul = resolve_name("Kabul International Airport", gazetteer=gazetteer)
    assert kabul.country == "AFG" and near(kabul, 34.57, 69.21, 0.1)
    assert resolve_name("Almaty", gazetteer=gazetteer).name == "Almaty"  # no airport under its city's name


def test_a_long_document_is_resolved_in_runs_of_names(nlp, gazetteer, monkeypatch):
    from newsevents.geo import resolve

    doc = nlp("Flooding hit Paris, Texas, on Monday. Officials in Dallas and Houston sent boats and crews.")
    whole = find_places(doc, focus_country=None, gazetteer=gazetteer)
    monkeypatch.setattr(resolve, "CONTEXT_SPANS", 2)
    runs = find_places(doc, focus_country=None, gazetteer=gazetteer)
    assert [(m.start, m.end) for m in runs] == [(m.start, m.end) for m in whole]
    assert runs[0].place.admin1 == "Texas" and runs[2].place.admin1 == "Texas"


@pytest.mark.parametrize(("text", "verb", "where"), [
    # the small model labels these names ORG and PERSON: a place noun says what they are
    ("A lawyer was shot dead and left in a field on the outskirts of Karachi on Monday.", "shot", "Karachi"),
    ("A policeman was shot dead outside the regional capital, Grozny, on Friday.", "shot", "Grozny"),
    # one place phrase is one place, its most precise name
    ("A commander was killed when a quarrel among his fighters turned violent in Syria's Raqqa.", "killed",
     "Ar Raqqah"),
    # after a compass bearing a name is a landmark: the place only when nothing else is named
    ("Four soldiers were killed on Sunday when a bomb exploded in the restive Diyala province, north of Baghdad.",
     "killed", "Diyālá"),
    ("In Baquba, north of Baghdad, hundreds of students protested on Monday.", "protested", "Baqubah"),
    ("Fighting raged on Monday about 30 kilometers north of Baghdad.", "Fighting", "Baghdad"),
    # the object of a verb that takes places ("captured", "bombed"), whatever label the model gives the name
    ("The army earlier last month captured Jaffna, the capital of the north.", "captured", "Jaffna"),
    ("Israeli jets bombed Khan Younis overnight.", "bombed", "Khān Yūnis"),
    ("Army units patrolled coastal Bireuen, where mobs burned shops earlier this week.", "patrolled", "Bireun"),
    # a share of a place stands where the place would ("captured much of Liberia"), whatever label the name gets
    ("By early 2003, the insurgents had captured much of Liberia, Africa's oldest republic.", "captured", "Liberia"),
    ("Government troops shelled much of Homs on Sunday.", "shelled", "Homs"),
    # a place in an apposition to the subject says who the subject is: only where nothing else is named
    ("Jan Novak, a sergeant with a tank battalion in the port of Gdansk, was wounded in an ambush north of Kirkuk "
     "on Monday.", "wounded", "Kirkuk"),
    ("Maria Lopez, a nurse at a clinic in Tijuana, was shot on Friday.", "shot", "Tijuana"),
    # the passive subject of a verb done to places is the place; a person captured is not
    ("Since the crisis in Yemen began, the Red Sea has been patrolled by warships of six navies.", "patrolled",
     "Red Sea"),
    ("Santacruz was captured by police on July 4 in Bogota.", "captured", "Bogotá"),
    # nested place phrases outside the trigger's clause are one place, its most precise
    ("Two guards were killed in a raid that caused heavy damage at Libya's main oil port in the eastern city of "
     "Benghazi.", "killed", "Benghazi"),
    # a town's police act in that town, when nothing else is named
    ("Columbus police found a man shot in his wrecked car on Thursday morning.", "found", "Columbus"),
    # a country modifying who acts (missiles, sailors) is not where
    ("U.S. missiles destroyed the house of the man believed to be the top rebel commander in Somalia.", "destroyed",
     "Somalia"),
    # nor is the country of whoever reports it
    ("North Korea fired two ballistic missiles into the sea on Thursday, South Korea's military said.", "fired",
     "North Korea"),
])
def test_where_the_event_happened_by_construction(nlp, gazetteer, text, verb, where):
    doc = nlp(text)
    trigger = next(t.i for t in doc if t.text == verb)
    place = locate_event(doc, trigger, find_places(doc, focus_country=None, gazetteer=gazetteer), focus_country=None,
                         gazetteer=gazetteer)
    assert place is not None and place.name == where


def test_a_count_of_a_places_people_is_not_where(nlp, gazetteer):
    # "one of" counts members of a group the place only owns; the event is not located there
    doc = nlp("The last commander of one of Latin America's most violent rebel movements was captured Wednesday.")
    places = find_places(doc, focus_country=None, gazetteer=gazetteer)
    assert [m.place.name for m in places] == ["Latin America"]
    assert locate_mention(doc, trigger(doc, "captured"), places, gazetteer=gazetteer) is None

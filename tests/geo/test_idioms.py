from __future__ import annotations

import newsevents
from newsevents.geo import idiom_country


def test_idioms_of_one_countrys_institutions_name_it():
    assert idiom_country("He was charged with a felony after deputies found a gun in the 300 block of Elm Street.") \
        == "USA"
    assert idiom_country("The county sheriff's office said the suspect fled.") == "USA"
    assert idiom_country("Police in Birmingham said a man was stabbed on Monday.") is None
    assert idiom_country("A 1,500 block of flats was evacuated.") is None  # no hundred-block address


def test_a_storys_idioms_choose_its_country_over_a_towns_namesake():
    text = "A man was shot in Santa Ana on Monday night. Officers found him in the 2100 block of McFadden Avenue."
    (shooting,) = newsevents.extract(text, published="2024-03-05").events
    assert shooting.location.name == "Santa Ana" and shooting.location.country == "USA"  # not El Salvador's


def test_a_country_named_outright_outweighs_the_idioms():
    text = ("Salvadoran police said gang members shot a man in Santa Ana on Monday. A suspect was charged with a "
            "felony.")
    shooting = next(e for e in newsevents.extract(text, published="2024-03-05").events if e.type == "ASSAULT")
    assert shooting.location.country == "SLV"

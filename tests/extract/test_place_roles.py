"""Which role a place plays in its sentence (places.place_spans), with the real gazetteer."""
import pytest

from eventsift import nlp
from eventsift.extract.lexicon import load_lexicon
from eventsift.extract.places import place_spans

LEX = load_lexicon()


@pytest.fixture(scope="module")
def finder():
    from eventsift.pipeline import Pipeline
    return Pipeline().places


def roles(sentence, finder):
    sent = next(nlp.parse(sentence).sents)
    return {span.text: span.role for span in place_spans(sent, finder, LEX)}


@pytest.mark.parametrize("sentence, place, role", [
    # the people hit, and where they were: the place of the attack
    ("Worshippers at a mosque in Maiduguri stopped the bombers from attacking them.", "Maiduguri", "target"),
    ("A car bomb killed five people in Mogadishu.", "Mogadishu", "target"),
    # the thing the attack hit, and where it stood
    ("A drone targeted a civilian gathering in El Fasher on Thursday.", "El Fasher", "target"),
    # people described by a place that is not where they were: not the event's place
    ("The rebels armed in Iran launched a drone attack.", "Iran", "background"),
    ("The rebels supported by Iran launched a drone attack.", "Iran", "modifier"),  # who backs them
    # where the people or goods hit were going is not where they were hit
    ("Insurgents fired grenades into a convoy carrying goods to Kabul, killing three drivers.", "Kabul", "background"),
    # a place the sentence says the attack happened in, whatever else it is in the clause
    ("The trucks burned, said a spokesman for Laghman province, where the attack took place.", "Laghman", "target"),
    # a country that acts is the actor ("The United States carried out the strikes")
    ("The United States carried out the strikes on Friday.", "United States", "modifier"),
    ("Syria came under attack on Friday.", "Syria", "target"),
    # a capital that speaks is a government, not a place
    ("Washington attributed the drone attack to Iran-backed militias.", "Washington", "source"),
    # a launch phrase ends where the weapon struck: the place it hit is the target's
    ("Two soldiers were killed when a drone launched from Lebanon struck a military post near the border "
     "community of Shlomi.", "Shlomi", "target"),
    # two countries naming one border are neither of them the place
    ("The attack took place near Moreh town close to the India-Myanmar border.", "Myanmar", "modifier"),
    # a country after "by" is who did it: "drones launched by Russia" were shot down over Ukraine
    ("Air defences shot down 31 of 38 drones launched by Russia overnight.", "Russia", "modifier"),
    ("Attacks by Israel killed two people on Friday.", "Israel", "modifier"),
    # a country on one side of "between X and Y" is a party, not where
    ("Two civilians were killed in a strike as fighting between Israel and Hezbollah intensified.", "Israel",
     "modifier"),
])
def test_place_roles(sentence, place, role, finder):
    assert roles(sentence, finder).get(place) == role


def test_a_bare_name_shared_by_province_and_town_is_the_town(finder):
    """Even when the document named the province first and placed it ("Kherson region", then "in Kherson")."""
    from eventsift.geo.resolve import ResolveContext

    resolver = finder.resolver
    region = resolver.resolve("Kherson region", ResolveContext(countries=("UA",)))
    assert region is not None and region.feature == "admin1" and region.lat is not None
    context = ResolveContext(countries=("UA",), places=(region,), areas=(("UA", "08"),))
    town = resolver.resolve("Kherson", context)
    assert town is not None and town.feature != "admin1"
    assert abs(town.lat - 46.64) < 0.1 and abs(town.lon - 32.61) < 0.1


def test_a_town_no_other_place_is_named_after_stands_far_from_the_storys_country(finder):
    """'Eilat' in a story about an Iraqi militia: the only Eilat there is, though far from Iraq."""
    from eventsift.geo.resolve import ResolveContext

    place = finder.resolver.resolve("Eilat", ResolveContext(countries=("IQ",)))
    assert place is not None and place.country == "IL" and place.precision == 1


def test_a_town_named_like_an_outlet_is_a_place_when_the_text_says_town(finder):
    """'Al Mayadeen' is a TV channel and a town; 'the city of al-Mayadeen' is the town."""
    found = roles("The airstrikes targeted bases in the desert of the city of al-Mayadeen.", finder)
    assert found["al-Mayadeen"] != "source"


def test_a_place_the_tagger_takes_for_a_person_is_still_a_place(finder):
    """spaCy tags 'Al-Shareka' as a person; the name starts where the 'person' does, so it is
    the place itself, not a place inside someone's name."""
    found = roles("The missile hit the airport, Al-Shareka and Rawdha neighborhoods.", finder)
    assert found.get("Al-Shareka") not in (None, "source")

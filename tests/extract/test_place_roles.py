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
    ("The rebels supported by Iran launched a drone attack.", "Iran", "background"),
])
def test_place_roles(sentence, place, role, finder):
    assert roles(sentence, finder).get(place) == role

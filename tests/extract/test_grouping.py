"""When two places are one event's place (events.places_compatible)."""
from eventsift.extract.events import places_compatible
from eventsift.records import Place


def village(name, lat, lon, precision):
    return Place(name=name, lat=lat, lon=lon, country="SY", admin1="Hama", precision=precision, feature="village")


def test_two_villages_placed_at_their_provinces_point_are_two_places():
    """Villages the gazetteer lacks borrow the province's point; their names still tell them apart."""
    a, b = village("Khirbat al-Naqus", 35.13, 36.76, 2), village("Hmeimat", 35.13, 36.76, 2)
    assert not places_compatible(a, b)
    assert places_compatible(a, village("Khirbat al-Naqus", 35.13, 36.76, 2))


def test_points_found_in_the_gazetteer_compare_by_distance():
    assert places_compatible(village("Kafr Nabl", 35.61, 36.56, 1), village("Kafranbel", 35.612, 36.561, 1))
    assert not places_compatible(village("Kafr Nabl", 35.61, 36.56, 1), village("Hama", 35.13, 36.76, 1))


def test_a_province_holds_its_villages():
    province = Place(name="Hama", lat=35.1, lon=36.7, country="SY", admin1="Hama", precision=3, feature="admin1")
    assert places_compatible(province, village("Hmeimat", 35.13, 36.76, 2))

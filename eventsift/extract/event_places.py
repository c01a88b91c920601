"""Where an event happened: when two places are one event's place, which of two
places is the more precise, and the places grouping leaves empty or wide filled in
afterwards (a placeless event from the sentences right after it, a country-, region-
or sea-wide one from a point inside it, the dateline as the last resort).
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from eventsift.extract.detect import ANCHOR, BACKGROUND, DATELINE, EVENT_NAME, TARGET
from eventsift import geometry
from eventsift.records import Place

if TYPE_CHECKING:
    from eventsift.extract.events import DraftEvent, EventBuilder

SAME_PLACE_KM = 8.0
DISTRICT_KM = 75.0  # how far from a district's middle a town in it may lie
POPULATED = frozenset({"city", "town", "village"})
FEATURE_RANK = {"country": 0, "admin1": 1, "admin2": 2, "district": 2, "region": 2}  # everything else is a point: 3
NEARBY_SENTENCES = 2  # how far after a placeless event's first sentence its place may be named


def place_rank(place: Place | None) -> int:
    """How precise a place is by its kind: -1 none, 0 country, 1 province, 2 district or
    region, 3 a point (town, base, field, ...)."""
    if place is None:
        return -1
    return FEATURE_RANK.get(place.feature or "", 3)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places (inf when one has no point)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    return geometry.distance_km(a.lat, a.lon, b.lat, b.lon)


def compact_name(name: str) -> str:
    """A place name to compare with another: lower case, letters and digits only, no
    leading "the" ("the al-Omar field" -> "alomarfield"). Not `incidents.place_key`."""
    return re.sub(r"[^a-z0-9]+", "", name.lower().removeprefix("the "))


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Same place, or one contains the other (a country and a town in it)."""
    if a is None or b is None:
        return True
    ra, rb = place_rank(a), place_rank(b)
    if ra == 3 and rb == 3:
        if _borrowed_from(a, b) or _borrowed_from(b, a):
            return True
        if "sea" in (a.feature, b.feature) and compact_name(a.name) == compact_name(b.name):
            return True  # a sea, and the same sea placed more precisely ("65 nautical miles west of X")
        if max(a.precision, b.precision) >= 2 and compact_name(a.name) != compact_name(b.name):
            # a village the gazetteer lacks borrows its province's point: two such names are two places
            return compact_name(a.name) in compact_name(b.name) or compact_name(b.name) in compact_name(a.name)
        if a.lat is not None and b.lat is not None:
            return distance_km(a, b) <= SAME_PLACE_KM
        return compact_name(a.name) == compact_name(b.name)
    if ra == rb == 2 and a.feature == b.feature and compact_name(a.name) != compact_name(b.name):
        return False  # two districts of one province are two places
    wide, narrow = (a, b) if ra <= rb else (b, a)
    if wide.feature == "country" or place_rank(wide) == 0:
        if narrow.country is None and narrow.feature in ("region", "sea"):
            return False  # "the occupied Golan Heights", "the Red Sea": no part of the country named
        return narrow.country is None or wide.country == narrow.country
    if place_rank(wide) in (1, 2):
        if placed_nowhere(narrow) or placed_nowhere(wide):
            # "bombed a village in Sagaing ... dropped bombs on Let Yet Kone village", "the tribal district
            # of Mohmand": a name placed nowhere may lie in the area, or hold the town
            return True
        if wide.feature == "district" and wide.lat is not None and narrow.lat is not None \
                and distance_km(wide, narrow) > DISTRICT_KM:
            return False  # "Bijapur district of Chhattisgarh" holds no town 300 km away in the same state
        if narrow.admin1 and wide.admin1:
            return compact_name(narrow.admin1) == compact_name(wide.admin1) or compact_name(wide.name) in compact_name(narrow.admin1 or "")
        return wide.country == narrow.country
    return False


def placed_nowhere(place: Place) -> bool:
    """A name neither the gazetteer nor the text places: no point and no country."""
    return place.lat is None and place.country is None


def _borrowed(place: Place) -> bool:
    """A name the gazetteer lacks, placed at the point of a place around it (precision 2)."""
    return place.geonameid is None and place.precision >= 2 and (place.source or "").startswith(("in ", "near ", "at "))


def found_beats_borrowed(found: Place, borrowed: Place) -> bool:
    """ "the al-Hizam area and the industrial neighbourhood in the city of al-Bukamal": a
    town the gazetteer knows beats a name placed at some other town's point (not at its
    own: "Hmeimat in Hama countryside" stays Hmeimat)."""
    return _borrowed(borrowed) and not _borrowed(found) and found.precision == 1 and place_rank(found) == 3 \
        and distance_km(found, borrowed) > SAME_PLACE_KM


def _borrowed_from(part: Place, town: Place) -> bool:
    """A place the gazetteer lacks that stands at a town's own point ("the al-Mashtal
    neighborhood" of a Baghdad story) is in or near that town."""
    return part.precision >= 2 and part.geonameid is None and town.precision == 1 \
        and town.feature in POPULATED and part.lat == town.lat and part.lon == town.lon


def more_specific(a: Place, b: Place) -> bool:
    """A town beats its province, a province its country; a resolved point beats a bare name."""
    if (a.lat is None) != (b.lat is None):
        return a.lat is not None
    if b.feature == "sea" and a.feature != "sea" and compact_name(a.name) == compact_name(b.name):
        return True  # the sea's point placed by an offset from a town beats the sea's centre
    return place_rank(a) > place_rank(b)


def dateline_place(builder: EventBuilder) -> Place | None:
    """Where the report was filed: the location of last resort (precision 2)."""
    if not builder.drafts:
        return None
    # every sentence's places, not only the events': a dateline is a sentence of its own
    # (nlp.mark_line_breaks) and has no attack word in it
    first = builder.drafts[0].mentions[0]
    story = {p.country for p in builder.known_places() if p.lat is not None}
    for index in sorted(builder.sentence_places):
        for span in builder.sentence_places[index]:
            if span.role == DATELINE:
                place = builder.resolve(span, first, builder.known_places())
                if place is not None and place.lat is not None and place.country in story:
                    return replace(place, precision=max(2, place.precision))
    return None


def nearby_place(builder: EventBuilder, draft: DraftEvent) -> Place | None:
    """A placeless event's place from the sentences right after it ("... shot down a drone.
    The drone flew toward Mission Support Site Conoco"): a point in the story's countries,
    at precision 2 at best, since no sentence says the attack was there."""
    first = draft.mentions[0]
    story = {p.country for p in builder.known_places() if p.lat is not None}
    for index in range(first.sentence_index, first.sentence_index + NEARBY_SENTENCES + 1):
        for span in builder.sentence_places.get(index, []):
            if span.role not in (TARGET, ANCHOR, BACKGROUND, EVENT_NAME):
                continue
            place = builder.resolve(span, first, builder.known_places())
            if place is not None and place.lat is not None and place_rank(place) == 3 \
                    and (not story or place.country in story):
                return replace(place, precision=max(2, place.precision))
    return None


def area_told_with(builder: EventBuilder, draft: DraftEvent) -> Place | None:
    """A name the gazetteer cannot place, put in the area its own sentence names ("bombarded
    the surrounding areas of al-Ruwayha village ... in the northern countryside of Idlib"):
    the name at the area's point (or its part's), precision 2 at best, as a village placed
    by its container is."""
    named = draft.place
    assert named is not None
    areas = []
    for mention in draft.mentions:
        for span in builder.sentence_places.get(mention.sentence_index, []):
            if span.role not in (TARGET, ANCHOR, BACKGROUND) or compact_name(span.text) == compact_name(named.name):
                continue
            area = builder.resolve(span, mention, builder.known_places())
            if area is not None and area.lat is not None and 0 < place_rank(area) < 3 \
                    and (named.country is None or named.country == area.country):
                areas.append(area)
    if not areas:
        return None
    area = next((a for a in areas if (a.source or "").startswith("part of ")), areas[0])  # "the northern countryside"
    return replace(area, name=named.name, precision=max(2, area.precision), geonameid=None,
                   feature=named.feature or area.feature, source=f"in {area.name}")


def narrower_place(builder: EventBuilder, draft: DraftEvent) -> Place | None:
    """A country-, region- or sea-wide place made precise by the event's own sentences
    or the next ones ("... in northern Iraq. The troops were stationed in Erbil"): the
    first point inside the area (for a sea: the same sea placed by an offset from a
    town) that no other event of the report is placed at, at precision 2 at best (no
    sentence says the attack was there)."""
    area = draft.place
    assert area is not None
    told = {m.sentence_index for m in draft.mentions}
    elsewhere = [d.place for d in builder.drafts if d is not draft and d.place is not None and not d.prior
                 and place_rank(d.place) == 3 and d.place.feature != "sea"]
    others_told = {m.sentence_index for d in builder.drafts if d is not draft for m in d.mentions}
    for index in range(min(told), max(told) + NEARBY_SENTENCES + 1):
        if index not in told and index in others_told:
            continue  # a sentence telling another event
        for span in builder.sentence_places.get(index, []):
            if span.role not in (TARGET, ANCHOR, BACKGROUND):
                continue
            place = builder.resolve(span, draft.mentions[0], builder.known_places())
            if place is None or place.lat is None or place_rank(place) != 3 or place.feature == "sea" \
                    or any(places_compatible(other, place) for other in elsewhere):
                continue
            if area.feature == "sea":
                if not more_specific(place, area):
                    continue  # only the same sea placed more precisely ("the Red Sea 65 nautical miles west of X")
            elif not places_compatible(area, place) or place.country != area.country:
                continue
            return replace(place, precision=max(2, place.precision))
    return None


__all__ = ["FEATURE_RANK", "NEARBY_SENTENCES", "compact_name", "dateline_place", "distance_km", "found_beats_borrowed",
           "more_specific", "narrower_place", "nearby_place", "place_rank", "places_compatible"]

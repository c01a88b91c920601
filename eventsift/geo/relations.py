"""Relations between the mentions of one sentence: containers, anchors, offsets.

"Syria's X", "X, eastern Syria", "X village, Y", "X in Y in Z" (container Y,
outer Z), "X near Y", "X off Y", "X, about 175 km northwest of Y" (anchor Y, 175 km at
315 degrees); a list shares its last item's container.
"""
from __future__ import annotations

import re
from dataclasses import replace

from eventsift.geo.mentions import LIST_GAP, PlaceMention

_DIRECTION = r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_COMMA_REGION = re.compile(
    rf"^\s*(?:(?:village|town|area|district|county|territory|LGA|local government area|tehsil|neighbou?rhood|camp)\s*)?"
    rf",\s*(?:in\s+)?(?:the\s+)?(?:{_DIRECTION}\s+)?$",
    re.IGNORECASE)
_POSSESSIVE = re.compile(
    r"^['’]s\s+(?:(?:\w+ern|the|northern|southern|eastern|western|central)\s+)*"
    r"(?:(?:neighbou?rhood|district|suburb|quarter|area|town|village)\s+of\s+)?$", re.IGNORECASE)
_CONTAINER_WORDS = (
    r"(?:neighbou?rhoods?|districts?|count(?:y|ies)|territory|LGA|tehsil|areas?|villages?|towns?|townships?|city|camps?|"
    r"bases?|fields?|countryside|outskirts|local government areas?|"
    r"regions?|provinces?|governorates?|desert|vicinity|surroundings|environs|farmlands?|orchards|"
    r"suburbs?|side|part|"
    r"parts|edge|centre|center|the|on|of|in|at|"
    + _DIRECTION + r")"
)
_IN_CONTAINER = re.compile(
    rf"^\s+(?:{_CONTAINER_WORDS}\s+)*?(?:in|of|inside|within)\s+(?:the\s+)?(?:{_CONTAINER_WORDS}\s+)*$",
    re.IGNORECASE,
)
_NEAR_ANCHOR = re.compile(
    r"^\s*,?\s*(?:\w+\s+)?(?:near|close to|next to|outside|nearby|by|around|in the vicinity of|on the outskirts of|"
    r"off(?:\s+the\s+(?:coast|shores?)\s+of)?|"
    r"not far from|\d+\s*(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:of|from)|"
    + _DIRECTION + r"\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_UNIT_KM = {"km": 1.0, "kms": 1.0, "kilometers": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometre": 1.0,
            "miles": 1.609, "mile": 1.609, "mi": 1.609, "nautical miles": 1.852, "nautical mile": 1.852, "nm": 1.852}
# "about 175 kilometres (110 miles) northwest of (the town of) ": the distance, its unit and direction
_OFFSET_PHRASE = (
    r"(?:about|some|around|nearly|roughly|approximately|almost|over|more than|less than)?\s*"
    r"(?P<num>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>nautical miles?|nm|km|kms|kilomet(?:er|re)s?|miles?|mi)\b"
    r"(?:\s*\([^)]*\))?\s+(?:to\s+the\s+)?(?:(?P<dir>" + _DIRECTION + r")\s+(?:of|from)|(?:away\s+)?from|outside(?:\s+of)?)"
    r"\s+(?:the\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s\s+)?(?:(?:city|town|village|port|capital)\s+of\s+)?$"
)  # ... "southwest of Yemen's " (the town's country first)
# the whole gap between two names ("X village, about 20 km from Y": the area word stays in the gap)
_OFFSET = re.compile(r"^\s*(?:(?:village|town|area|district|camp|city|base)\s*)?,?\s*(?:\w+\s+){0,2}?" + _OFFSET_PHRASE,
                     re.IGNORECASE)
# "X village, which has 230 houses, is about 75 miles west of ": the place told where it lies
_LIES_OFFSET = re.compile(
    r"^\s*(?:village|town|camp|area|district|township|base)?\s*(?:,\s*(?:which|that|whose|where)\b[^;:.()]{0,140}?,)?"
    r"\s*(?:is|lies|sits|was)\s+(?:(?:located|situated|some)\s+)?" + _OFFSET_PHRASE, re.IGNORECASE)
OFFSET_GAP_CHARS = 80  # a longer gap tells no relation, unless it says where the place lies
LIES_GAP_CHARS = 220
_OFFSET_BEFORE = re.compile(r"\b" + _OFFSET_PHRASE, re.IGNORECASE)  # the end of a text before a name


def offset_before(text: str) -> tuple[float, float | None] | None:
    """The offset that ends `text` ("... the main highway about 60 kilometers (37 miles) east of "),
    when the place it measures from comes next: (km, bearing)."""
    match = _OFFSET_BEFORE.search(text[-120:])
    return _offset_of(match) if match else None


def _in_list(text: str, mentions: list[PlaceMention], i: int) -> bool:
    """True when mention i is followed by ', Y' or 'and Y' (a list, not 'X, Syria')."""
    if i + 1 >= len(mentions):
        return False
    return bool(LIST_GAP.match(text[mentions[i].end:mentions[i + 1].start]))


def _offset(gap: str) -> tuple[float, float | None] | None:
    """'about 175 kilometres (110 miles) northwest of ' -> (175.0, 315.0)."""
    match = _OFFSET.match(gap) if len(gap) <= OFFSET_GAP_CHARS else None
    match = match or _LIES_OFFSET.match(gap)
    return _offset_of(match) if match else None


def _offset_of(match: re.Match[str]) -> tuple[float, float | None]:
    from eventsift.geo.context import bearing_of

    km = float(match.group("num").replace(",", ".")) * _UNIT_KM[match.group("unit").lower()]
    return km, bearing_of(match.group("dir")) if match.group("dir") else None


# "the southern countryside of ", "the south of ", "north-western ", ", eastern ": the part of
# the area named next
_PART_BEFORE = re.compile(
    r"\b(?P<dir>" + _DIRECTION + r")(?:\s+(?:part|parts|countryside|outskirts|suburbs|region|regions|areas?"
    r"|reaches|edge|side))?(?:\s+of)?\s+(?:the\s+)?(?:nearby\s+)?$", re.IGNORECASE)


def _named_part(before: str, mention: PlaceMention) -> tuple[str, float] | None:
    """The part of an area named right before it, as (area, bearing): "in the south of " ->
    (..., 180). The area is named as a container, or "Idlib countryside" for "the southern
    countryside of Idlib" (the province, not the town)."""
    from eventsift.geo.context import bearing_of

    match = _PART_BEFORE.search(before)
    bearing = bearing_of(match.group("dir")) if match else None
    if match is None or bearing is None:
        return None
    name = _as_container(mention)
    if "countryside" in match.group(0).lower() and name == mention.name:
        name = f"{name} countryside"
    return name, bearing


def _chain(mention: PlaceMention) -> tuple[str, ...]:
    return tuple(c for c in (mention.container, *mention.outer) if c)


def _as_container(mention: PlaceMention) -> str:
    """How a container is named for resolving: 'Idlib province' keeps the province
    reading that 'Idlib countryside' gave ('Idlib' alone is the city)."""
    return f"{mention.name} province" if mention.hint == "admin1" else mention.name


def _link_pair(text: str, linked: list[PlaceMention], i: int) -> None:
    first, second = linked[i], linked[i + 1]
    gap = text[first.end:second.start]
    if len(gap) > LIES_GAP_CHARS:
        return
    offset = _offset(gap)
    if offset is None and len(gap) > OFFSET_GAP_CHARS:
        return
    if _POSSESSIVE.match(gap):
        linked[i + 1] = replace(second, container=second.container or first.name)
    elif offset is not None and first.anchor is None:
        linked[i] = replace(first, anchor=second.name, offset_km=offset[0], bearing=offset[1],
                            outer=first.outer or _chain(second))
    elif _NEAR_ANCHOR.match(gap):
        # "X in the vicinity of Y in Idlib": Y's containers hold X too
        linked[i] = replace(first, anchor=first.anchor or second.name, outer=first.outer or _chain(second))
    elif (_COMMA_REGION.match(gap) and not _in_list(text, linked, i + 1)) or _IN_CONTAINER.match(gap):
        owned = linked[i + 2] if i + 2 < len(linked) else None
        if first.container is None and owned is not None and _POSSESSIVE.match(text[second.end:owned.start]):
            # "Mansila, in northern Burkina Faso's Yagha province": in Yagha, which is in Burkina Faso
            linked[i] = replace(first, container=_as_container(owned), outer=(second.name, *_chain(second)))
            return
        if first.container is None:
            linked[i] = replace(first, container=_as_container(second), outer=_chain(second),
                                parts=(*first.parts, *second.parts))
            return
    if (linked[i].anchor or linked[i].outer) and not linked[i].parts:
        linked[i] = replace(linked[i], parts=second.parts)  # "X near Y in southern Idlib"


def link_relations(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Set container/anchor from the words between consecutive mentions.

    Read right to left, so that in "X in Y in Z" the container Y already
    knows its own container Z when X takes Y: X gets container Y, outer (Z,).
    """
    linked = list(mentions)
    for i, mention in enumerate(linked):
        part = _named_part(text[max(0, mention.start - 60):mention.start], mention)
        if part is not None:
            linked[i] = replace(mention, parts=(part,))
    for i in range(len(linked) - 2, -1, -1):
        _link_pair(text, linked, i)
    _share_list_containers(text, linked)
    for i in range(len(linked) - 1):
        if linked[i].container and linked[i].container == _as_container(linked[i + 1]):
            # "Oskarshamn, southeast Sweden": the part places what it contains; the container
            # mention itself names the whole country
            linked[i + 1] = replace(linked[i + 1], parts=())
    return linked


def _share_list_containers(text: str, linked: list[PlaceMention]) -> None:
    """'Nyaung Kone and Kyarsi villages in Pale township': a list shares its last item's container."""
    for i in range(len(linked) - 2, -1, -1):
        first, second = linked[i], linked[i + 1]
        if first.container is None and second.container and LIST_GAP.match(text[first.end:second.start]):
            linked[i] = replace(first, container=second.container, outer=second.outer, parts=second.parts)

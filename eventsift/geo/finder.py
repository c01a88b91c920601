"""Finding toponym mentions with the gazetteer's help (the first half of PlaceResolver).

`MentionFinder.find_mentions(sentence, ents)` merges the sentence's facility and
area patterns, spaCy entities and gazetteer names (eventsift/geo/mentions.py),
drops what is no place, adds unknown names the sentence places, and links
containers and anchors. docs/gazetteer.md lists the rules.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from eventsift.geo import mentions as M
from eventsift.geo.gazetteer import Gazetteer, PlaceRow
from eventsift.geo.mentions import PlaceMention
from eventsift.geo.normalize import name_key
from eventsift.geo.relations import link_relations
from eventsift.geo.scoring import FACILITY_HINTS, STRONG_KINDS, WELL_KNOWN_POPULATION
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

UNKNOWN_CUES = M.CUE_WORDS | {"on"}


# words that make a name a body of people, however the tagger labels it
INSTITUTION = re.compile(
    r"\b(?:observatory|ministry|agency|council|committee|commission|organi[sz]ation|institute|foundation|association|"
    r"network|parliament|assembly|forces|army|brigades?|movement|party|corps|command|authority|coalition|"
    r"for\s+human\s+rights)\b", re.IGNORECASE)


class MentionFinder:
    """Toponym mentions in sentences, judged against one gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._stop = M.not_places()

    # -- look-ups ------------------------------------------------------------------

    def lookup(self, name: str) -> tuple[PlaceRow, ...]:
        """Gazetteer rows called `name`, most populous first."""
        return self.gazetteer.lookup(name)

    def is_name(self, text: str) -> bool:
        key = name_key(text)
        return bool(key) and key not in self._stop and self.gazetteer.has_key(key)

    # -- mentions ------------------------------------------------------------------

    def find_mentions(
        self, text: str, ents: Sequence[tuple[int, int, str]] | None = None
    ) -> list[PlaceMention]:
        """Toponym mentions in one sentence (char offsets into `text`)."""
        pattern = [m for m in M.pattern_mentions(text) if self._pattern_ok(m)]
        pattern += [m for m in M.state_mentions(text) if any(r.kind == "admin1" for r in self.lookup(m.name))]
        entities = M.entity_mentions(text, ents or ())
        names, tails = self._split_tails(text, M.gazetteer_mentions(text, self.is_name))
        # 'Ain' of the PERSON 'Ain Ali', 'Federal' of the ORG 'Federal High': not places
        names = [n for n in names if not any(e.label not in M.PLACE_LABELS and e.start <= n.start and n.end <= e.end
                                             and (e.end - e.start) > (n.end - n.start) for e in entities)]
        entities = [e for e in entities if self.is_name(e.name) or not any(M._overlaps(e, n) for n in names)
                    or self._names_inside(e, names)]
        # judged once per entity, not once per (name, entity) pair: that was cubic in a document's names
        whole = [e for e in entities if self._names_inside(e, names)]
        names = [n for n in names if not any(M._overlaps(n, e) for e in whole)]
        merged = M.merge(pattern, entities, names)
        kept = [m for m in merged if self._keep(m) and (m.hint or not M.names_an_outlet(text, m))]
        tail_spans = {(t.start, t.end) for t in tails}
        kept = [m for m in kept if m.hint or (m.start, m.end) not in tail_spans]
        # a name spaCy calls ORG/PERSON ('Krasnodar, Russia') is a place when the sentence places it
        kept_set = set(kept)
        labelled = [m for m in merged if m not in kept_set and m.label and m.label not in M.PLACE_LABELS
                    and not m.hint and self.is_name(m.name) and not M.names_an_outlet(text, m)]
        unknown = self._unknown_names(text, kept + labelled) + labelled
        linked = link_relations(text, sorted(kept + unknown, key=lambda m: m.start))
        spans = {(m.start, m.end) for m in unknown}
        named = {(m.start, m.end) for m in labelled}
        # an unknown name is a place only when the sentence places it ("X in Idlib", "X near Y");
        # a name spaCy labels ORG/PERSON only when its container holds a place so called
        kept_spans = {(m.start, m.end) for m in linked if (m.start, m.end) not in spans
                      or ((m.start, m.end) in named and self._contained_namesake(m))
                      or ((m.start, m.end) not in named and (m.container or m.anchor))}
        for before, mention in zip(linked, linked[1:]):  # 'Cairo, Giza, and Al-Minya': a list of places
            if (before.start, before.end) in kept_spans and (mention.start, mention.end) in named \
                    and M.LIST_GAP.match(text[before.end:mention.start]):
                kept_spans.add((mention.start, mention.end))
        return [m for m in linked if (m.start, m.end) in kept_spans]

    def _contained_namesake(self, mention: PlaceMention) -> bool:
        """'Krasnodar, Russia': the gazetteer has a Krasnodar in the container's country."""
        container = self.gazetteer.lookup(mention.container or "")
        if not container or container[0].country is None:
            return False
        return any(r.country == container[0].country for r in self.gazetteer.lookup(mention.name))

    def mention_at(self, text: str, start: int, end: int,
                   ents: Sequence[tuple[int, int, str]] | None = None) -> PlaceMention:
        """The mention of text[start:end] with its container and anchor read from the sentence."""
        found = [m for m in self.find_mentions(text, ents) if not (m.start < end and start < m.end)]
        own = PlaceMention(start, end, text[start:end], cue=M.has_cue(text, start, end))
        linked = link_relations(text, sorted([*found, own], key=lambda m: m.start))
        return next(m for m in linked if (m.start, m.end) == (start, end))

    def _split_tails(self, text: str, names: list[PlaceMention]) -> tuple[list[PlaceMention], list[PlaceMention]]:
        """Gazetteer names that end a longer capitalised name ('al-Zawiyah' of 'Jabal
        al-Zawiyah', not 'Iraqi Kurdistan') or that are a small place opening one
        ('Karan' of 'Karan Nagar') are set aside: the whole is some unknown place."""
        tails = [n for n in names if (M.inside_longer_name(text, n) and not self._after_listed_word(text, n))
                 or (self._before_name_word(text, n) and not self._well_known(n.name))]
        tail_set = set(tails)
        return [n for n in names if n not in tail_set], tails

    def _before_name_word(self, text: str, mention: PlaceMention) -> bool:
        """'Federal' of 'Federal High Court': a small place's name opening a longer name
        (a following day or month name, 'Magarya Thursday', does not count)."""
        match = re.match(r" ([A-Z][\w'’-]*)", text[mention.end:mention.end + 40])
        return match is not None and name_key(match.group(1)) not in self._stop

    def _after_listed_word(self, text: str, mention: PlaceMention) -> bool:
        words = text[:mention.start].split()
        return bool(words) and name_key(words[-1]) in self._stop

    def _names_inside(self, entity: PlaceMention, names: list[PlaceMention]) -> bool:
        """A GPE/LOC entity ('Karan Nagar') around gazetteer names that are no well-known
        place ('Karan'): the entity is the name, the gazetteer only knows a part."""
        inside = [n for n in names if M._overlaps(entity, n)]
        return entity.label in M.PLACE_LABELS and bool(inside) and all(
            entity.start <= n.start and n.end <= entity.end and (n.end - n.start) < (entity.end - entity.start)
            and not self._well_known(n.name) for n in inside)

    def _well_known(self, name: str) -> bool:
        rows = self.gazetteer.lookup(name)
        return bool(rows) and (rows[0].kind in STRONG_KINDS or rows[0].population >= WELL_KNOWN_POPULATION
                               or rows[0].source.startswith("facilities"))

    def _unknown_names(self, text: str, kept: list[PlaceMention]) -> list[PlaceMention]:
        """Capitalised names after a locative word that the gazetteer does not know."""
        found: list[PlaceMention] = []
        for run in M.capitalised_runs(text):
            start, end = run[0].start, run[-1].end
            name = text[start:end]
            if any(m.start < end and start < m.end for m in kept) or M._preceding_word(text, start) not in UNKNOWN_CUES:
                continue
            key = name_key(name)
            if len(key) >= 3 and key not in self._stop and name.lower() not in ENGLISH_STOP_WORDS:
                found.append(PlaceMention(start, end, name, cue=True))
        return found

    def _pattern_ok(self, mention: PlaceMention) -> bool:
        key = name_key(mention.name)
        bare = name_key(M.FACILITY_AFTER.sub(lambda m: m.group("name"), mention.name))
        if bare in self._stop or key in self._stop:
            return False
        # "US base", "Syrian base": a country's base, not a place called so
        rows = self.gazetteer.by_key(bare)
        return not (mention.hint in FACILITY_HINTS and rows and rows[0].kind == "country")

    def _keep(self, mention: PlaceMention) -> bool:
        key = name_key(mention.name)
        if not key:
            return False
        if mention.name.lower() in ENGLISH_STOP_WORDS and not mention.hint:
            return False  # "An", "The", "It" opening a sentence
        if mention.hint:
            return mention.hint != "field" or self.gazetteer.has_key(key) or self.is_name(
                M.FACILITY_AFTER.sub(lambda m: m.group("name"), mention.name))
        if key in self._stop:
            return False  # a listed common word ("May", "Strip") without a feature word
        if INSTITUTION.search(mention.name):
            return False  # "the Syrian Observatory for Human Rights", tagged GPE: a body, not a place
        if mention.label in M.PLACE_LABELS:
            return True
        rows = self.gazetteer.by_key(key)
        curated = any(r.source.startswith("facilities") and name_key(r.name) == key for r in rows)
        if mention.label is not None and not (mention.cue and self.is_name(mention.name)) and not curated:
            return False  # PERSON/ORG/... without a cue word (a curated facility's full name stays)
        if not rows:
            return False
        top = rows[0]
        known = top.kind in STRONG_KINDS or top.source.startswith("facilities") or top.population >= WELL_KNOWN_POPULATION
        return known or mention.cue

"""How many were killed and injured, read off one sentence's text.

The largest stated count of each kind; 0 for a stated zero ("no casualties");
None when not stated. Words: data/lexicon.toml [casualties].
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from eventsift.extract.dates import MONTHS
from eventsift.extract.lexicon import Lexicon, lexicon_data
from eventsift.extract.phrases import alternation, argument_words

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a": 1, "an": 1, "single": 1,
}
# "three others died of their wounds later": dead, not wounded
DIED_OF_WOUNDS = re.compile(r"\s+(?:died|succumbed)\s+(?:of|from|to)\s+(?:their|his|her|the)?\s*(?:wounds|injuries)\b",
                            re.IGNORECASE)
UNKNOWN_NUMBER = re.compile(r"\b(?:unknown|undisclosed|unspecified|unconfirmed|undetermined)\s+number\b", re.IGNORECASE)
MAX_PLAUSIBLE_COUNT = 100_000  # larger stated counts are treated as not stated
_WORD_NUMBER = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an", "single")), key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD_NUMBER})(?:[- ](?:{_WORD_NUMBER}))?)"
# "at least 12 people were killed", "killing 5 civilians", "5 dead", "death toll rose to 30"
_MODIFIERS = r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|a total of|roughly)?\s*"
_NOT_PEOPLE = (r"(?!\s*(?:%|percent|km|miles|kilometres|kilometers|metres|meters|years|days|hours|minutes"
               r"|missiles|rockets|drones|shells))")
_GAP = r"(?:(?!who\b|that\b|which\b|and\b)[\w'-]+\s+)"  # a word inside a clause, not opening another
_AUX = r"(?:has|have|had)\b"
_WORD = r"(?:[\w'’-]+|[A-Z](?:\.[A-Z])+\.?)"  # a word ("People's") or an abbreviation ("U.S.", "U.N.")
_BE = r"(?:(?:were|are|have\s+been|had\s+been)\s+)"


def parse_count(text: str, lexicon: Lexicon) -> int | None:
    """A stated count ("12", "twelve", "twenty-one", "dozens", "1,200") or None."""
    value = text.strip().lower()
    if value in lexicon.vague_counts:
        return lexicon.vague_counts[value]
    value = value.replace(",", "")
    if (dozens := re.fullmatch(r"(.+?)\s+dozen", value)) and (times := parse_count(dozens.group(1), lexicon)):
        return times * 12
    if value.isdigit():
        count = int(value)
        return count if count <= MAX_PLAUSIBLE_COUNT else None
    parts = re.split(r"[- ]", value)
    if all(p in NUMBER_WORDS for p in parts) and parts:
        if len(parts) == 2 and parts[1] == "hundred":
            return NUMBER_WORDS[parts[0]] * 100
        return sum(NUMBER_WORDS[p] for p in parts) if parts[0] not in ("a", "an") or len(parts) == 1 else None
    return None


def casualty_counts(sentence: str, lexicon: Lexicon) -> tuple[int | None, int | None]:
    """(fatalities, injuries) stated in one sentence: the largest count of each
    kind, 0 for a stated zero ("no casualties"), None when not stated. Counts
    that mix the kinds ("killed or wounded") or belong to a running total
    ("a war that has killed 20,000") are not counts of this attack."""
    patterns = _patterns_for(lexicon)
    text = patterns.mixed.sub(" harmed ", DIED_OF_WOUNDS.sub(" died", sentence))
    fatalities = _counts_for(text, patterns.fatalities, lexicon, bool(patterns.killed_word.search(text)),
                             patterns.injured_next)
    injuries = _counts_for(text, patterns.injuries, lexicon, bool(patterns.injured_word.search(text)),
                           patterns.killed_next)
    if " and " in text:  # the list patterns are costly: only a sentence with a list can match them
        if patterns.killed_word.search(text):
            fatalities += _listed_counts(text, patterns.killed_lists, lexicon)
        if patterns.injured_word.search(text):
            injuries += _listed_counts(text, patterns.injured_lists, lexicon)
    dead = max(fatalities) if fatalities else None
    hurt = max(injuries) if injuries else None
    unknown = UNKNOWN_NUMBER.search(text)
    if unknown is not None:  # "an unknown number of U.S. service members and at least one Iraqi ... suffered injuries"
        after = text[unknown.end():]  # the count of the kind told first after it is unknown
        hurt_at, dead_at = patterns.injured_word.search(after), patterns.killed_word.search(after)
        if hurt_at is not None and (dead_at is None or hurt_at.start() < dead_at.start()):
            hurt = None
        elif dead_at is not None:
            dead = None
    none_dead, none_hurt = _stated_zero(text, patterns)
    if hurt is None and none_hurt:
        hurt = 0
    if dead is None and (none_dead or (none_hurt and hurt == 0)):
        dead = 0
    return dead, hurt


class _CountPattern(NamedTuple):
    pattern: re.Pattern[str]  # its group "n" is the count
    single: bool  # counts one person ("a man was killed")
    needs_verb: bool  # holds a casualty verb ("killed"), not only a toll ("death toll rose to 30")


@dataclass(frozen=True)
class _CasualtyPatterns:
    """The compiled patterns of one lexicon's casualty words."""

    mixed: re.Pattern[str]  # "killed or wounded": counts of neither kind
    fatalities: tuple[_CountPattern, ...]
    injuries: tuple[_CountPattern, ...]
    killed_word: re.Pattern[str]  # a sentence without one needs no pattern that has one
    injured_word: re.Pattern[str]
    killed_next: re.Pattern[str]  # "25 killed" right after a count: "injured 25 killed" counts the dead
    injured_next: re.Pattern[str]  # "killed 3, 25 injured": the 25 are the injured
    zero_both: re.Pattern[str]  # "no casualties"
    zero_killed: re.Pattern[str]  # "nobody was killed"
    zero_injured: re.Pattern[str]
    killed_lists: tuple[re.Pattern[str], ...]  # "three soldiers and two civilians were killed": 5
    injured_lists: tuple[re.Pattern[str], ...]


def _patterns_for(lexicon: Lexicon) -> _CasualtyPatterns:
    return _compile_patterns(lexicon.killed, lexicon.injured, lexicon.people, frozenset(lexicon.vague_counts))


@lru_cache(maxsize=8)
def _compile_patterns(killed_words: frozenset[str], injured_words: frozenset[str], people_words: frozenset[str],
                      vague_words: frozenset[str]) -> _CasualtyPatterns:
    """Built once per lexicon: building the alternations took a tenth of the pipeline's time."""
    words = argument_words()
    killed, injured = alternation(killed_words), alternation(injured_words)
    joiners = alternation(words.mixed_joiners)
    mixed = re.compile(rf"\b(?:{killed})\s+(?:{joiners})\s+(?:{injured})\b"
                       rf"|\b(?:{injured})\s+(?:{joiners})\s+(?:{killed})\b", re.IGNORECASE)
    demonym = rf"(?-i:[A-Z][a-z]+(?:{'|'.join(words.demonym_endings)}))"
    people = rf"(?:{alternation(people_words | set(words.more_people))}|{demonym})"
    vague = alternation(vague_words)

    def compiled(verbs: str, toll: bool) -> tuple[_CountPattern, ...]:
        return tuple(_CountPattern(re.compile(pattern, re.IGNORECASE), single, f"(?:{verbs})" in pattern)
                     for pattern, single in _count_patterns(verbs, people, vague, toll))

    nobody = alternation(words.zero_words)
    unknown = alternation(words.unknown_nouns)  # "no immediate word on casualties" states no zero
    lead = rf"\b(?:{nobody})\s+(?:(?!(?:{unknown})\b)[\w-]+\s+){{0,3}}?"
    return _CasualtyPatterns(
        mixed=mixed,
        fatalities=compiled(killed, toll=True),
        injuries=compiled(injured, toll=False),
        killed_word=re.compile(killed, re.IGNORECASE),
        injured_word=re.compile(injured, re.IGNORECASE),
        killed_next=re.compile(rf"\s+(?:more\s+)?{_BE}?(?:{killed})\b", re.IGNORECASE),
        injured_next=re.compile(rf"\s+(?:more\s+)?{_BE}?(?:{injured})\b", re.IGNORECASE),
        zero_both=re.compile(
            rf"{lead}(?:{alternation(words.both_nouns)})\b"
            # "did not cause casualties", "failed to inflict any losses"
            rf"|\b(?:did\s+not|didn['’]t|does\s+not|doesn['’]t|failed\s+to)\s+(?:cause|result\s+in|leave|inflict)\s+"
            rf"(?:any\s+)?(?:{alternation(words.both_nouns)})\b"
            # "the ship's crew members were safe", "everyone on board is unharmed": all of them
            rf"|\b(?:crew(?:\s+members)?|everyone|everybody|all\s+(?:the\s+)?[\w-]+|all)(?:\s+on\s+board)?\s+"
            rf"(?:were|are|was|is|remained)\s+(?:all\s+)?(?:safe|unharmed|unhurt|uninjured)\b", re.IGNORECASE),
        zero_killed=re.compile(rf"{lead}(?:{killed})\b", re.IGNORECASE),
        zero_injured=re.compile(rf"{lead}(?:{injured})\b", re.IGNORECASE),
        killed_lists=_list_patterns(killed, people),
        injured_lists=_list_patterns(injured, people),
    )


def _list_patterns(verbs: str, people: str) -> tuple[re.Pattern[str], ...]:
    """Counts of several kinds of people joined by "and", before or after the verb: their sum."""
    group = rf"{_MODIFIERS}(?:{_NUMBER}|an?)\s+(?:{_WORD}\s+){{0,3}}?(?:{people}|{alternation(argument_words().one_person)})"
    listed = rf"(?P<list>{group}(?:\s*,\s*{group})*\s*,?\s+and\s+{group})"
    return (re.compile(rf"\b{listed}\s+{_GAP}{{0,3}}?(?:{verbs})\b", re.IGNORECASE),
            re.compile(rf"\b(?:{verbs})\s+{listed}", re.IGNORECASE))


def _listed_counts(sentence: str, patterns: tuple[re.Pattern[str], ...], lexicon: Lexicon) -> list[int]:
    sums = []
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            if _is_tally(sentence, match.start(), match.end()):
                continue
            numbers = [parse_count(n.group(0), lexicon)
                       for n in re.finditer(rf"\b(?:{_NUMBER}|an?)\b", match.group("list"), re.IGNORECASE)]
            if len(numbers) >= 2 and all(numbers):
                sums.append(sum(n for n in numbers if n))
    return sums


def _count_patterns(verbs: str, people: str, vague: str, toll: bool) -> list[tuple[str, bool]]:
    """(pattern, counts one person) pairs; a pattern's group "n" is the count."""
    number = rf"(?P<n>{_NUMBER}\s+dozen|{vague}|{_NUMBER})"  # "two dozen" = 24
    qualifier = rf"(?:{_WORD}\s+){{0,3}}?"
    # "five civilians, including a child, were killed"; "12 persons, including seven policemen, a member
    # of the guards, CPG, and four residents, were killed"
    aside = r"(?:,\s*including\b[^.;:!?]{0,160}?,\s*)?"
    # "officers traveling in the convoy were wounded", "7 fighters led by Kurds were slain"
    participle = r"(?:\s+[a-z]+(?:ing|ed)\b(?:\s+[\w'-]+){0,4}?(?=\s+(?:were|was|had|have|are)\b))?"
    # "two jawans of the District Reserve Guard (DRG) were killed": the unit the people belong to
    unit = (r"(?:\s+(?:of|from)\s+(?:the\s+)?(?:[A-Z0-9][\w'’-]*\s+){1,5}?(?:\([A-Z]{2,}\)\s*)?"
            r"(?=(?:were|was|had|have|are)\b))?")
    one = alternation(argument_words().one_person)
    patterns = [
        # 5 people were killed / 5 civilians killed / five dead
        (rf"\b{_MODIFIERS}{number}\s+{qualifier}(?:{people}){unit}{aside}{participle}\s*{_GAP}{{0,3}}?(?:{verbs})\b",
         False),
        (rf"\b{_MODIFIERS}{number}\s+(?:more\s+)?{_BE}?(?:{verbs})\b", False),  # "34 more were injured"
        # killing 5 people / killed at least 12 / wounding five others
        (rf"\b(?:{verbs})\s+{_MODIFIERS}{number}\b{_NOT_PEOPLE}", False),
        # a man was killed / one person has been wounded / killed a passenger / wounding a second
        (rf"\b(?P<n>a|an|one|another)\s+{qualifier}(?:{one})\b{aside}\s+{_GAP}{{0,3}}?(?:{verbs})\b", True),
        (rf"\b(?:{verbs})\s+(?P<n>a|an|one|another)\s+{qualifier}(?:{one})\b", True),
        (rf"\b(?:{verbs})\s+(?P<n>a\s+second|a\s+third|another)\b(?=\s*(?:[,.;]|and\b|$))", True),
        # "two jawans were killed and another injured", "..., another was wounded"
        (rf"(?:,|\band)\s+(?P<n>another|one\s+other)\s+(?:(?:was|has\s+been|had\s+been)\s+|{_BE})?(?:{verbs})\b",
         True),
    ]
    if toll:  # death toll rose to 30 / toll of 12 / the death of three civilians
        patterns.append((rf"\btoll\s+(?:\w+\s+){{0,3}}?(?:to|of|at)\s+{_MODIFIERS}{number}\b", False))
        # "the death toll from a suicide bombing at a railway station ... rose to 32"
        patterns.append((rf"\btoll\s+from\b[^.;:]{{0,100}}?\b(?:rose|risen|rises|climbed|climbs|jumped|reached|"
                         rf"increased|stood|stands)\s+(?:to|at)\s+{_MODIFIERS}{number}\b", False))
        patterns.append((rf"\b(?:death|deaths|killing|killings)\s+of\s+{_MODIFIERS}{number}\s+{qualifier}[“\"']?(?:{people})",
                         False))
    else:  # "the injuries of eighteen others", "injuries to five others"
        patterns.append((rf"\b(?:injuries|injury|wounding|injuring)\s+(?:of|to)\s+{_MODIFIERS}{number}\s+{qualifier}"
                         rf"[“\"']?(?:{people}|others)\b", False))
    return patterns


def _counts_for(sentence: str, patterns: tuple[_CountPattern, ...], lexicon: Lexicon, has_verb: bool,
                other_kind: re.Pattern[str]) -> list[int]:
    counts: list[int] = []
    for pattern, single, needs_verb in patterns:
        if needs_verb and not has_verb:
            continue
        for match in pattern.finditer(sentence):
            if _is_tally(sentence, match.start(), match.end()):
                continue
            if _other_cause(sentence, match.start(), match.end()):
                continue  # "an earthquake ... killing thousands": no attack's count
            if not single and other_kind.match(sentence, match.end("n")):
                continue  # "three troops killed 25 injured": the 25 after "killed" are the injured
            if not single and _is_day_of_month(sentence, match.start("n"), match.end("n")):
                continue
            count = 1 if single else parse_count(match.group("n"), lexicon)
            if count is not None and count > 0 and not _is_year(match.group("n")):
                counts.append(count)
    return counts


@lru_cache(maxsize=1)
def _tally_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(an aggregate subject before an auxiliary, an aggregate opener)."""
    words = argument_words()
    subjects = alternation(words.aggregate_subjects)
    return (re.compile(rf"\b(?:{subjects})\b(?:\s+\S+){{0,4}}?\s+{_AUX}", re.IGNORECASE),
            re.compile(rf"\b(?:{alternation(words.aggregate_openers)})\b", re.IGNORECASE))


@lru_cache(maxsize=1)
def _other_cause_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a cause named in the clause before a count, a cause the count is said to be "due to")."""
    causes = alternation(lexicon_data()["casualties"]["other_causes"])
    return (re.compile(rf"\b(?:{causes})\b", re.IGNORECASE),
            re.compile(rf"\s*(?:due\s+to|because\s+of|of|from|in|after)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?"
                       rf"(?:{causes})\b", re.IGNORECASE))


def _other_cause(sentence: str, start: int, end: int) -> bool:
    """The count's harm has a cause that is no attack: "a deadly earthquake which rocked the
    region, killing tens of thousands", "a contractor died due to a cardiac incident"."""
    before, after = _other_cause_patterns()
    return bool(before.search(_CLAUSE_BREAK.split(sentence[:start])[-1]) or after.match(sentence, end))


@lru_cache(maxsize=1)
def _several_places_pattern() -> re.Pattern[str]:
    words = lexicon_data()["casualties"]
    return re.compile(rf"\b(?:{alternation(words['several_words'])})\s+(?:[\w-]+\s+)?(?:{alternation(words['place_nouns'])})\b",
                      re.IGNORECASE)


def names_several_places(text: str) -> bool:
    """The text places what it tells in several places: "in different areas of Kherson
    region", "some communities in Zamfara", "on two villages"; a count there is a total."""
    return bool(_several_places_pattern().search(text))


_TALLY_AUX = re.compile(rf"\b{_AUX}", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]")


def _is_tally(sentence: str, start: int, end: int) -> bool:
    """The count belongs to a running total: "a war that has killed", "since
    October ... have been killed", "so far this year"."""
    subject_aux, opener = _tally_patterns()
    before = _CLAUSE_BREAK.split(sentence[:start])[-1]
    if subject_aux.search(before):
        return True
    opened = opener.search(before)
    return bool(opened) and bool(_TALLY_AUX.search(before + sentence[start:end]))


def _stated_zero(text: str, patterns: _CasualtyPatterns) -> tuple[bool, bool]:
    """(no one killed, no one hurt) stated: "no casualties", "nobody was injured"."""
    if patterns.zero_both.search(text):
        return True, True
    return bool(patterns.zero_killed.search(text)), bool(patterns.zero_injured.search(text))


# a capitalised month name ("February", "Feb.", "FEB"): lower-case "may" or "march" is no month
_MONTH = "|".join(sorted({form for name in MONTHS for form in (name.capitalize(), name.upper())},
                         key=len, reverse=True))
_MONTH_BEFORE = re.compile(rf"(?<![\w-])(?:{_MONTH})\.?\s+$")
_MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?(?:{_MONTH})\b")


def _is_day_of_month(sentence: str, start: int, end: int) -> bool:
    """The number is a date's day: "February 20", "on 20 February"."""
    value = sentence[start:end]
    if not (value.isdigit() and 1 <= int(value) <= 31):
        return False
    return bool(_MONTH_BEFORE.search(sentence, max(0, start - 24), start) or _MONTH_AFTER.match(sentence, end))


def _is_year(value: str) -> bool:
    return value.isdigit() and len(value) == 4 and value.startswith(("19", "20"))

"""When did it happen: date expressions resolved against the publication date.

Rules (ACLED's date precision: 1 day, 2 week, 3 month):
- absolute dates ("12 March 2024", "March 12", "2024-03-12") -> that day;
  without a year, the latest such day not after publication.
- weekdays ("on Sunday", "early hours of Sunday", "late Monday into Tuesday")
  -> the latest such weekday on or before publication; the first one named wins,
  except that a weekday on which a source spoke ("officials said on Saturday",
  "a toll given by the Observatory on Saturday") gives way to any other weekday
  in the text ("... were killed on Friday night"); alone, it is kept and marked
  `spoken` (the event happened on or before it). "Today" or "yesterday" inside a
  quotation is marked `spoken` too: it counts from the day the speaker spoke.
- feasts on fixed dates ("on Christmas Day") -> the latest such day on or before publication.
- "today", "this morning", "tonight" -> publication day; "yesterday",
  "last night" -> the day before.
- "last week", "this week", a part of a week ("early this week", "late last week") ->
  precision 2; a bare month or a part of one ("in March", "last month", "last January",
  "late July", "at the end of last January", "late last month", "at the start of the
  month") -> precision 3, never one not yet begun on publication; a year alone ("last year",
  "earlier this year", "in 2019") -> 4 (coarser than ACLED's scale: no day).
- vague ("days ago", "recently") or future expressions resolve to nothing, nor do
  dates that bound a period ("since October 7", "before 12 March", "since late April").
Without a publication date only absolute dates with a year resolve.
Impossible days ("32 October", year 0 or 99999, a day number of 10**20) and
arithmetic past the calendar's ends (a publication day of 0001-01-01 or
9999-12-31) resolve to nothing; nothing here raises on odd input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
ABSOLUTE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
)
MONTH_ONLY = re.compile(rf"\b(?:in|during|early|late|mid-?)\s+{_MONTH}(?:\s+{_YEAR})?\b", re.IGNORECASE)
WEEKDAY = re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.IGNORECASE)
FUTURE_WEEKDAY = re.compile(r"\b(?:next|coming|this coming)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
# Days of the year named by their feast (the same date every year): the latest such day
# on or before publication, as for "March 12".
HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
            "new year's day": (1, 1), "new year’s day": (1, 1), "new year's eve": (12, 31), "new year’s eve": (12, 31)}
HOLIDAY = re.compile(r"\b(?:on\s+)?(?P<name>" + "|".join(re.escape(h) for h in HOLIDAYS) + r")\b", re.IGNORECASE)
# words right before a date that make it a period's bound ("since October 7", "before 12 March")
PERIOD_BOUND = re.compile(r"\b(?:since|from|until|till|before)\s+(?:the\s+)?$", re.IGNORECASE)
SAME_DAY = re.compile(r"\b(?:today|this (?:morning|afternoon|evening)|tonight|earlier today)\b", re.IGNORECASE)
DAY_BEFORE = re.compile(r"\b(?:yesterday|last night)\b", re.IGNORECASE)
LAST_WEEK = re.compile(r"\b(?:last week|a week ago|earlier this week)\b", re.IGNORECASE)
LAST_MONTH = re.compile(r"\b(?:last month|a month ago|earlier this month)\b", re.IGNORECASE)
YEAR_ONLY = re.compile(r"\b(?:last year|a year ago|earlier (?:this|in the) year|(?:in|early|late|mid-?)\s*(?:19|20)\d\d)\b",
                       re.IGNORECASE)
THIS_WEEK = re.compile(r"\bthis week\b", re.IGNORECASE)
# "over the weekend", "last weekend": the latest Saturday and Sunday (precision 2, from the Saturday)
WEEKEND = re.compile(r"\b(?:(?:over|at|during|on)\s+the|this|last|past)\s+weekend\b", re.IGNORECASE)
# a part of a month or week: "late July", "in mid-December 2023", "at the end of last January",
# "late last month", "at the start of the month", "early last week"
_PART = r"(?P<part>mid-|(?:early|late|mid|middle of|end of|start of|beginning of|close of)\s+)"
PERIOD_PART = re.compile(
    rf"\b{_PART}(?:(?P<this>the|this)\s+)?(?P<last>last\s+)?(?:(?P<unit>month|week)\b|{_MONTH}(?:,?\s+{_YEAR})?\b)",
    re.IGNORECASE)
# "last January": the latest such month before the publication's own month
LAST_NAMED_MONTH = re.compile(rf"\blast\s+{_MONTH}(?!\s+\d)\b", re.IGNORECASE)
# a month named alone, perhaps with its year ("March", "December 2023"): what opens "In March, ..."
MONTH_NAME_OPENER = re.compile(rf"\b{_MONTH}(?:\s+{_YEAR})?\b", re.IGNORECASE)
# the first day of each part of a month ("early" the 1st, "mid-" the 11th, "late" the 21st)
PART_START = {"early": 1, "start of": 1, "beginning of": 1, "mid": 11, "mid-": 11, "middle of": 11,
              "late": 21, "end of": 21, "close of": 21}


@dataclass(frozen=True)
class ResolvedDate:
    day: date
    precision: int  # 1 day, 2 week, 3 month
    expression: str
    spoken: bool = False  # the day a source spoke, not a day the text gives the event

    @property
    def quoted(self) -> bool:
        """A quoted "today" or "last night": counted from a day the speaker spoke, which
        the report does not give; it may be the publication day or one before."""
        return self.spoken and WEEKDAY.search(self.expression) is None


def _build(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None  # "32 October", "February 30", year 99999999, a day of 10**20


def _shift(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None past the calendar's ends (date.min, date.max)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def parse_absolute_date(text: str, reference: date | None, whole: bool = False) -> date | None:
    """The first absolute calendar date in `text`, or None.

    With `whole`, the text must be only the date (and perhaps a clock time),
    as in a dateline. A date without a year needs `reference` (the
    publication date) and takes the latest such day not after it.
    """
    found = find_absolute(text, reference)
    if found is None:
        return None
    if whole:
        rest = text.replace(found.expression, " ")
        if re.sub(r"[\s,.|:/\-–]|\d{1,2}:\d{2}|\b(?:am|pm|gmt|utc)\b|\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\b", "",
                  rest, flags=re.IGNORECASE):
            return None
    return found.day


def find_absolute(text: str, reference: date | None) -> ResolvedDate | None:
    for pattern in ABSOLUTE_PATTERNS:
        for match in pattern.finditer(text):
            if _bounds_period(text, match.start()):
                continue  # "attacks since October 7": where a period starts, not an event's day
            day = _absolute_from_match(match, reference)
            if day is not None:
                return ResolvedDate(day, 1, match.group(0))
    return None


def _absolute_from_match(match: re.Match[str], reference: date | None) -> date | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower().rstrip(".")]
    day = int(groups["day"])
    if groups.get("year"):
        return _build(int(groups["year"]), month, day)
    if reference is None:
        return None
    candidate = _build(reference.year, month, day)
    if candidate is not None and candidate > reference:
        candidate = _build(reference.year - 1, month, day)
    return candidate


NUMERIC_DATES = (
    # 06.08.2024 (day.month.year, the European dotted form)
    (re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})\b"), False),
    # 2013/06/17
    (re.compile(r"\b(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b"), False),
    # 08/29/2013 (month first, as US sites write it; day first when the first number exceeds 12)
    (re.compile(r"\b(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d{2})\b"), True),
)


def find_numeric_date(text: str) -> date | None:
    """A numeric calendar date with a four-digit year (page headers, bylines)."""
    for pattern, slashed in NUMERIC_DATES:
        match = pattern.search(text)
        if not match:
            continue
        year = int(match.group("year"))
        if slashed:
            first, second = int(match.group("first")), int(match.group("second"))
            month, day = (second, first) if first > 12 else (first, second)
        else:
            month, day = int(match.group("month")), int(match.group("day"))
        found = _build(year, month, day)
        if found is not None:
            return found
    return None


def latest_weekday(reference: date, weekday: int) -> date | None:
    """The latest day with this weekday on or before `reference` (None before date.min)."""
    return _shift(reference, -((reference.weekday() - weekday) % 7))


def resolve_date(text: str, published: date | None) -> ResolvedDate | None:
    """Resolve the date an event sentence states, or None when it states none."""
    absolute = find_absolute(text, published)
    if absolute is not None and (published is None or absolute.day <= (_shift(published, 1) or date.max)):
        return absolute
    if published is None:
        return None
    relative = _relative(text, published)
    if relative is None:
        return None
    day, precision, expression, spoken = relative
    return ResolvedDate(day, precision, expression, spoken) if day is not None else None


# a reporting word, then no clause break (nor "that" or an attack verb, which open what
# was said), then the weekday: "said on Saturday", "told AFP on Monday", "a new toll provided by the
# Observatory on Saturday", "the death toll ... rose to 32 on Sunday"
SPOKEN_BEFORE = re.compile(
    r"\b(?:said|says|say|told|tells|reported|reports|announced|stated|added|confirmed|denied|wrote|posted|"
    r"statement|toll|provided|according to|(?:rose|risen|climbed)\s+to\s+[\d,]+)\b"
    r"(?:\s*,\s*here\s*,)?"  # "said, here, yesterday" (a wire's style)
    r"(?:(?!\b(?:that|killed|wounded|injured|hit|struck|attacked|fired|launched|targeted)\b)[^.;,:\"“”]){0,60}$"
    # "claimed responsibility on Wednesday for a blast on Tuesday": the claim's day, not the blast's
    r"|\bclaimed\s+responsibility\b(?:(?!\bfor\b)[^.;,:\"“”]){0,30}$",
    re.IGNORECASE)


# a weekday opening the sentence, then the speaker and a reporting verb: "On Saturday,
# Hashd Shaabi said ..." (not "Rockets hit the base on Saturday, officials said")
OPENING = re.compile(r"(?:^|[.;:]\s+)(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE)
SPOKEN_AFTER = re.compile(
    r"^\s*,?\s*(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:said|says|told|announced|stated|reported|confirmed|claimed)\b",
    re.IGNORECASE)


# the weekday right before a reporting verb: "The Iraqi government on Thursday denounced ..."
SPOKEN_RIGHT_AFTER = re.compile(
    r"^\s+(?:said|says|told|announced|stated|reported|confirmed|denied|denounced|condemned|accused|blamed|"
    r"vowed|warned|claimed)\b", re.IGNORECASE)


def quoted_at(text: str, at: int) -> bool:
    """Inside a quotation: "today" is the day the speaker spoke, which may not be the
    day the report was published."""
    before = text[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _spoken_on(text: str, weekday: re.Match[str]) -> bool:
    after = text[weekday.end():weekday.end() + 80]
    return SPOKEN_BEFORE.search(text[max(0, weekday.start() - 80):weekday.start()]) is not None \
        or SPOKEN_RIGHT_AFTER.match(after) is not None \
        or (OPENING.search(text[:weekday.start()]) is not None and SPOKEN_AFTER.match(after) is not None)


def _relative(text: str, published: date) -> tuple[date | None, int, str, bool] | None:
    """(day, precision, expression, spoken) of a date stated relative to publication
    ("on Sunday", "last week"); the day is None where it falls off the calendar."""
    if FUTURE_WEEKDAY.search(text):
        return None
    holiday = HOLIDAY.search(text)
    if holiday:
        month, day_of_month = HOLIDAYS[holiday.group("name").lower()]
        this_year = _build(published.year, month, day_of_month)
        day = this_year if this_year and this_year <= published else _build(published.year - 1, month, day_of_month)
        return (day, 1, holiday.group(0), False)
    weekdays = list(WEEKDAY.finditer(text))
    if weekdays:
        told = [_spoken_on(text, w) for w in weekdays]
        weekday = next((w for w, spoken in zip(weekdays, told) if not spoken), weekdays[0])
        day = latest_weekday(published, WEEKDAYS[weekday.group("wd").lower()])
        if not all(told):
            return (day, 1, weekday.group(0), False)
        # "... last week, the Pentagon said on Friday": the event's own time beats the day it was told
        other = _other_relative(text, published)
        return other if other is not None and not other[3] else (day, 1, weekday.group(0), True)
    return _other_relative(text, published)


def _other_relative(text: str, published: date) -> tuple[date | None, int, str, bool] | None:
    """_relative for a text without a weekday of the event's own."""
    same = SAME_DAY.search(text)
    if same:
        return (published, 1, same.group(0), quoted_at(text, same.start()))
    before = DAY_BEFORE.search(text)
    if before:
        # "said, here, yesterday": the day the source spoke, as "said on Saturday" is
        return (_shift(published, -1), 1, before.group(0), quoted_at(text, before.start()) or _spoken_on(text, before))
    period = _part_of_period(text, published)
    if period is not None:
        return (*period, False)
    weekend = WEEKEND.search(text)
    if weekend and not _bounds_period(text, weekend.start()):
        saturday = latest_weekday(published, WEEKDAYS["saturday"])
        if saturday is not None and weekend.group(0).lower().startswith("last") and published.weekday() >= 5:
            saturday = _shift(saturday, -7)  # "last weekend", said on a weekend: the one before
        return (saturday, 2, weekend.group(0), False)
    if LAST_WEEK.search(text):
        monday = _shift(published, -(published.weekday() + 7))
        return (monday, 2, "last week", False)
    this_week = THIS_WEEK.search(text)
    if this_week and not _bounds_period(text, this_week.start()):
        return (_shift(published, -published.weekday()), 2, this_week.group(0), False)
    last_month = LAST_MONTH.search(text)
    if last_month:
        first: date | None = published.replace(day=1)
        if last_month.group(0).lower() != "earlier this month":
            before_first = _shift(published.replace(day=1), -1)
            first = before_first.replace(day=1) if before_first else None
        return (first, 3, last_month.group(0), False)
    year_only = YEAR_ONLY.search(text)
    if year_only:
        digits = re.search(r"(?:19|20)\d\d", year_only.group(0))
        this_year = "year" in year_only.group(0).lower() and "last" not in year_only.group(0).lower() \
            and "ago" not in year_only.group(0).lower()
        year = int(digits.group(0)) if digits else published.year - (0 if this_year else 1)
        return (_build(year, 1, 1), 4, year_only.group(0), False)
    named = LAST_NAMED_MONTH.search(text)
    if named:
        number = MONTHS[named.group("month").lower().rstrip(".")]
        year = published.year - 1 if number >= published.month else published.year
        return (_build(year, number, 1), 3, named.group(0), False)
    month = next((m for m in MONTH_ONLY.finditer(text) if not _bounds_period(text, m.start())), None)
    if month:
        number = MONTHS[month.group("month").lower().rstrip(".")]
        year = int(month.group("year")) if month.group("year") else published.year
        if not month.group("year") and number > published.month:
            year -= 1
        return (_build(year, number, 1), 3, month.group(0), False)
    return None


def _bounds_period(text: str, at: int) -> bool:
    """ "since late April", "from early this week": where a period starts or ends."""
    return PERIOD_BOUND.search(text[max(0, at - 12):at]) is not None


def _part_of_period(text: str, published: date) -> tuple[date | None, int, str] | None:
    """(first day, precision, expression) of a part of a month or week told relative to
    publication: "late July", "at the end of last January", "late last month", "early this
    week". A part of a week has the week's precision (2); a part of a month claims no day or
    week either, so it keeps the month's (3), and the event gets no day. A part that has not
    yet begun on publication ("late this month" in a report of the 5th) resolves to nothing,
    and a named month without a year is the latest one whose part had begun."""
    for match in PERIOD_PART.finditer(text):
        if _bounds_period(text, match.start()):
            continue  # "since late April": a period's bound
        part = re.sub(r"\s+", " ", match.group("part").strip().lower())
        first = _period_start(match, part, published)
        if first is None or first > published:
            return None  # not yet begun: never a day in the future
        week = (match.group("unit") or "").lower() == "week"
        return (first, 2 if week else 3, match.group(0))
    return None


def _period_start(match: re.Match[str], part: str, published: date) -> date | None:
    last = match.group("last") is not None
    if match.group("unit") and match.group("unit").lower() == "week":
        return _shift(published, -(published.weekday() + (7 if last else 0)))
    day_of_month = PART_START[part]
    if match.group("unit"):  # "the month", "last month"
        month_start: date | None = published.replace(day=1)
        if last:
            before_first = _shift(published.replace(day=1), -1)
            month_start = before_first.replace(day=1) if before_first else None
        return month_start.replace(day=day_of_month) if month_start else None
    number = MONTHS[match.group("month").lower().rstrip(".")]
    if match.group("year"):
        return _build(int(match.group("year")), number, day_of_month)
    if last:  # "the end of last January": before the publication's own month
        return _build(published.year - (1 if number >= published.month else 0), number, day_of_month)
    candidate = _build(published.year, number, day_of_month)
    if candidate is not None and candidate > published:
        candidate = _build(published.year - 1, number, day_of_month)
    return candidate

"""Datelines: "KABUL, Afghanistan (AP) —", "Srinagar, Oct 26:", "BANGKOK --".

A dateline says where (and sometimes on which day) a report was filed, not
where the event happened: its place is context for the country prior and
a last-resort location, never the target's place by itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from eventsift.extract.dates import MONTHS

_AGENCIES = ("AP|AFP|Reuters|IANS|PTI|UNI|ANI|dpa|Xinhua|Anadolu|AA|IRNA|SANA|TASS|UPI|APP|NNN|PNA|WAM|SPA|KUNA|QNA"
             "|BNA|MENA|Antara|Bernama|Yonhap|Kyodo|EFE|ANSA|Interfax|Ukrinform|UNB|BSS|PPI|NNI|INP|Tasnim|Mehr|ISNA"
             "|Fars|Petra|NAN|KNA|APA|Trend|RIA|CNA")
# "(AP)", "(NNN-PNA)": an agency, or a distributor and its source agency
_AGENCY = r"(?:\((?:" + _AGENCIES + r")(?:[-/](?:" + _AGENCIES + r"))*\))"
# a syndicator's tag before the dateline: "(MENAFN- Nam News Network) MANILA, Jan 18 (NNN-PNA) –"
_SYNDICATOR = r"(?:\([A-Z][A-Za-z]{1,15}\s*-\s*[^()\n]{1,60}\)\s*)?"
_MONTH_DAY = (r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(?P<day>\d{1,2})"
              r"(?:,?\s+(?:19|20)\d\d)?")  # "Dec 8, 2010"
DATELINE = re.compile(
    r"^\s*" + _SYNDICATOR + r"(?P<place>[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){0,3})"
    r"(?:,\s*(?:" + _MONTH_DAY + r"|(?P<region>[A-Z][A-Za-z.\- ]{1,30}?)))?"
    r"\.?\s*(?:/[A-Z]+/\.?\s+|" + _AGENCY + r"\s*(?:--|—|–|-)\s*"  # "MOSCOW (Reuters) -An oil refinery"
    r"|(?:" + _AGENCY + r")?\s*(?::|--|—|–|-(?=\s))(?:\s+|$))",  # "IMPHAL:" alone: a sentence of its own
    re.IGNORECASE,
)


# a page's labels end in a colon too: "By: Chandrashekar Bhat", "Photo: AFP", "Updated: 2 hours ago"
_PAGE_LABEL = re.compile(
    r"^(?:by|photo|photos|image|images|picture|source|sources|credit|credits|update|updated|posted|published|"
    r"editor|note|read|watch|video|also|more|related|tags?|share|reporting|written|file|caption|listen)$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    place: str
    end: int  # characters the dateline takes at the start of the paragraph
    month_day: tuple[int, int] | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens a paragraph, if any."""
    match = DATELINE.match(text)
    if not match:
        return None
    place = match.group("place")
    upper = place.isupper() and len(place) > 2
    separator_only = match.group(0).rstrip().endswith((":", "—", "--", "–", "-"))
    agency = re.search(_AGENCY + r"|/[A-Z]+/", match.group(0))
    if not (upper or match.group("month") or agency or
            (separator_only and len(place.split()) <= 2 and len(match.group(0)) < 40
             and not _PAGE_LABEL.match(place))):
        return None
    month_day = None
    if match.group("month"):
        month_day = (MONTHS[match.group("month").lower().rstrip(".")], int(match.group("day")))
    return Dateline(place=place, end=match.end(), month_day=month_day)


def dateline_day(month_day: tuple[int, int], around: date, slack_days: int = 3) -> date | None:
    """The dateline's day in the year of `around`, if it lies within a few days of it."""
    for year in (around.year, around.year - 1, around.year + 1):
        try:
            candidate = date(year, *month_day)
        except ValueError:
            continue
        if abs(candidate - around) <= timedelta(days=slack_days):
            return candidate
    return None

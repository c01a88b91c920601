"""Plain-text cleaning: page furniture out, header metadata (date, byline) read.

Scraped text arrives with the same furniture as HTML pages — comment forms,
"You May Also Like" teasers, share prompts — but with no class names to
tell them apart. The markers live in `data/furniture.toml`.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from eventsift.extract.dateline import dateline_day, find_dateline
from eventsift.extract.dates import WEEKDAYS, find_absolute, find_numeric_date
from eventsift.ingest.controls import strip_controls

HEADER_DATE = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
BYLINE = re.compile(r"^\s*(?:by|written by|posted by)\s+(.{2,80})$", re.IGNORECASE)


@dataclass(frozen=True)
class CleanText:
    text: str
    title: str | None
    published: date | None
    byline: str | None


@dataclass(frozen=True)
class FurnitureRules:
    cut_markers: tuple[re.Pattern[str], ...]
    drop_lines: tuple[re.Pattern[str], ...]
    teaser_max_chars: int


@lru_cache(maxsize=1)
def furniture_rules() -> FurnitureRules:
    raw = resources.files("eventsift.ingest").joinpath("data/furniture.toml").read_text("utf-8")
    data = tomllib.loads(raw)

    def compile_all(items: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(rf"^\W*(?:{p})\W*$", re.IGNORECASE) for p in items)

    return FurnitureRules(
        cut_markers=compile_all(data["cut"]["markers"]),
        drop_lines=tuple(re.compile(p, re.IGNORECASE) for p in data["drop"]["patterns"]),
        teaser_max_chars=int(data["teaser"]["max_chars"]),
    )


def clean_text(raw: str) -> CleanText:
    """Clean a plain-text report; the body keeps the input's own wording."""
    text = strip_controls(raw.replace("\r\n", "\n").replace("\r", "\n"))
    published = None
    match = HEADER_DATE.match(text)
    if match:
        published = date.fromisoformat(match.group(1)) if _valid_iso(match.group(1)) else None
        text = text[match.end():]
    lines = _strip_furniture(text.split("\n"))
    title, byline, body_start = _read_header(lines)
    if published is None:
        published = header_date(lines[:HEADER_LINES])
    if published is None:
        published = footer_date(lines)
    published = _wire_dateline_day(lines[:12], published)
    body = "\n".join(lines[body_start:]).strip()
    return CleanText(text=body, title=title, published=published, byline=byline)


def _valid_iso(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _strip_furniture(lines: list[str]) -> list[str]:
    rules = furniture_rules()
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        # a cut marker past the body's first third ends the article
        if index > 2 and index >= len(lines) * 0.3 and any(p.match(stripped) for p in rules.cut_markers):
            break
        if any(p.search(stripped) for p in rules.drop_lines):
            continue
        kept.append(line)
    return _drop_trailing_teasers(kept, rules.teaser_max_chars)


def _drop_trailing_teasers(lines: list[str], max_chars: int) -> list[str]:
    """Teasers are short lines cut off with an ellipsis; drop them and their headlines."""
    out = list(lines)
    for index, line in enumerate(out):
        stripped = line.strip()
        if stripped.endswith(("…", "...")) and len(stripped) <= max_chars * 2 and index > 0:
            out[index] = ""
            prev = _previous_nonblank(out, index)
            if prev is not None and _is_headline(out[prev], max_chars):
                out[prev] = ""
    return out


def _previous_nonblank(lines: list[str], index: int) -> int | None:
    for j in range(index - 1, -1, -1):
        if lines[j].strip():
            return j
    return None


def _is_headline(line: str, max_chars: int) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= max_chars and not stripped.endswith((".", "!", "?", '"'))


def _read_header(lines: list[str]) -> tuple[str | None, str | None, int]:
    """Title = first non-blank line when it reads as a headline and text follows it;
    a byline may follow."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines):
        return None, None, index
    first = lines[index].strip()
    title = None
    if _is_headline(first, 200) and any(line.strip() for line in lines[index + 1:]):
        title = first
        index += 1
    byline = None
    for j in range(index, min(index + 3, len(lines))):
        match = BYLINE.match(lines[j].strip())
        if match:
            byline = match.group(1).strip()
            index = j + 1
            break
    return title, byline, 0 if title is None else index


def _wire_dateline_day(lines: list[str], published: date | None) -> date | None:
    """A wire dateline ("MANILA, Jan 18 (Reuters) -") within days of the page date
    is the report's own day."""
    if published is None:
        return None
    for line in lines:
        found = find_dateline(line)
        if found is not None and found.month_day is not None:
            return dateline_day(found.month_day, published) or published
    return published


HEADER_LINES = 14  # page headers, bylines and datelines live in the first lines
HEADER_LINE_CHARS = 100


def header_date(lines: list[str]) -> date | None:
    """The first full date (with its year) on a short line near the top:
    "1 Oct 2024 23:31", "Posted: Jun 17, 2013 4:36 AM", "By: X | 06.08.2024".

    A line that holds nothing but a weekday and a date is often the site's clock ("Monday, September 23,
    2024" above every page, the day it was fetched): a later header date that is earlier
    is the report's own ("IED goes off in western Baghdad [08/29/2013]"). A report is never
    published after it was fetched, and an "Updated" date never comes before "Published".
    """
    found = [(day, bare) for day, bare in (_line_date(line) for line in lines) if day is not None]
    if not found:
        return None
    first, bare = found[0]
    if bare:
        return min((day for day, _ in found[1:] if day < first), default=first)
    return first


FOOTER_LINES = 4  # a byline may close the report: "Authored by X via Y January 28th 2024"
FOOTER_BYLINE = re.compile(r"^\s*(?:authored|written|posted|published|first published|by)\b", re.IGNORECASE)


def footer_date(lines: list[str]) -> date | None:
    """The full date of a byline among the last lines, when the top gives none."""
    tail = [line.strip() for line in lines if line.strip()][-FOOTER_LINES:]
    for line in reversed(tail):
        if len(line) <= HEADER_LINE_CHARS + 50 and FOOTER_BYLINE.match(line):
            found = find_absolute(line, None)
            if found is not None:
                return found.day
    return None


def _line_date(line: str) -> tuple[date | None, bool]:
    """A short line's first full date, and whether the line holds nothing but it and its
    weekday (a site's clock: "Monday, September 23, 2024")."""
    stripped = line.strip()
    if not stripped or len(stripped) > HEADER_LINE_CHARS:
        return None, False
    found = find_absolute(stripped, None)
    if found is not None:
        rest = stripped.replace(found.expression, " ", 1).lower()
        words = re.findall(r"[^\W\d_]+", rest)
        return found.day, bool(words) and all(word in WEEKDAYS for word in words)
    return find_numeric_date(stripped), False

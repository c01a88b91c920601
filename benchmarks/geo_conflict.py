"""A conflict-news geoparsing sample derived from the in-repo event gold sets.

Every gold event of tests/data/dev/gold.jsonl and tests/data/incidents/gold.jsonl
has a `location` (and sometimes `launch_locations`) with a name, a point and a
radius, and the document text lies beside the gold file. The place name as the
text gives it is in the event's evidence sentences; this module finds that span
and turns each gold place into a toponym in the GeoVirus sample's shape:

    {"id", "source", "text", "toponyms": [{"name", "start", "end", "lat", "lon", "radius_km"}]}

How the span is found (no resolver involved, so the sample does not lean on
the system it measures): the gold name's comma-separated parts are tried in
order (the first part is the most specific place: "Sui, Dera Bugti"); inside a
part, its longest run of words that occurs in an evidence sentence wins, where
a run must hold a capitalised word and must not be only generic words
("U.S. base", "northern", "news channel office"). A place whose name is not in
its evidence is left out and counted. Repeats of one span in one document
(several events at the same place) count once.

    python benchmarks/geo_conflict.py [--dump FILE]   # summary (and the sample as JSONL)
"""
from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventsift.geo.normalize import loose_key

DATA = Path(__file__).parent.parent / "tests" / "data"
GOLD_SETS: dict[str, tuple[Path, Path]] = {
    "dev": (DATA / "dev" / "gold.jsonl", DATA / "dev"),
    "incidents": (DATA / "incidents" / "gold.jsonl", DATA / "incidents" / "docs"),
}
# Words that describe a place without naming it; a run made only of these
# (and of demonyms / organisation words) is not the toponym.
GENERIC = frozenset("""
a an the of on in at off near opposite and to from by west east north south
northern southern eastern western central north-eastern north-western south-eastern south-western
upper lower left right bank edge side outskirts countryside area areas
base air airport international military camp refugee field oil gas refinery port dam station railway
road highway market bazaar mosque office embassy consular annex channel news kurdish iranian
neighbourhood neighborhood district province governorate region territory township village town city
garrison forces popular mobilization african union u.s. us american held government-held
government occupied nautical miles lga
""".split())
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"[^\s,()]+")
_TEXT_WORD = re.compile(r"[\w'-]+")


@dataclass
class Toponym:
    name: str
    start: int
    end: int
    lat: float
    lon: float
    radius_km: float
    gold_name: str
    role: str  # "location" or "launch"


@dataclass
class Article:
    id: str
    source: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "source": self.source, "text": self.text,
                "toponyms": [vars(t) for t in self.toponyms]}


@dataclass
class Derivation:
    articles: list[Article]
    missing: list[tuple[str, str]]  # (doc, gold name) whose name is not in its evidence


def plain(text: str) -> str:
    """Apostrophes and quotes folded one for one, so offsets stay valid."""
    return text.translate(_APOSTROPHES)


def evidence_spans(text: str, evidence: list[str]) -> list[tuple[int, int]]:
    """Where each evidence string lies in the text (whitespace-tolerant)."""
    spans = []
    for sentence in evidence:
        words = plain(sentence).split()
        if not words:
            continue
        pattern = r"\s+".join(re.escape(w) for w in words)
        match = re.search(pattern, plain(text))
        if match:
            spans.append(match.span())
    return spans


def _is_name_word(word: str) -> bool:
    return word.lower() not in GENERIC and not word.isdigit() and (
        word[0].isupper() or bool(re.match(r"(?:al|el|ad|as|ar|az)-", word)) or word[0].isdigit())


def name_runs(part: str) -> Iterator[str]:
    """Ways the text may write one part of a gold name, most complete first.

    The core runs from the part's first to its last name word ("Ain al-Asad"
    of "Ain al-Asad air base"); it is tried with the generic words after it
    ("air base"), then bare, then each unbroken chunk of name words alone
    ("Mediterranean", "Haifa" of "Mediterranean off Haifa").
    """
    words = _WORD.findall(plain(part))
    named = [i for i, w in enumerate(words) if _is_name_word(w)]
    if not named:
        return
    first, last = named[0], named[-1]
    for end in range(len(words), last, -1):
        yield " ".join(words[first:end])
    chunks: list[list[str]] = [[]]
    for i in range(first, last + 1):
        if i in named or (words[i][0].isupper() and not words[i].isupper()):
            chunks[-1].append(words[i])
        elif chunks[-1]:
            chunks.append([])
    if len(chunks) > 1:
        for chunk in chunks:
            if chunk and any(_is_name_word(w) for w in chunk):
                yield " ".join(chunk)


def _windows(text: str, start: int, end: int, size: int) -> Iterator[tuple[int, int]]:
    words = [m.span() for m in _TEXT_WORD.finditer(text, start, end)]
    for n in dict.fromkeys((size, size + 1, max(1, size - 1), size + 2)):
        for i in range(len(words) - n + 1):
            yield words[i][0], words[i + n - 1][1]


def find_span(text: str, spans: list[tuple[int, int]], gold_name: str) -> tuple[int, int] | None:
    """The first span of the gold name's most specific findable part inside the evidence.

    Spellings are compared by loose_key, so "Deir Ezzor" in the text meets
    "Deir ez-Zor" in the gold and "Ain Al-Asad" meets "Ain al-Asad".
    """
    body = plain(text)
    parts = [p.strip() for p in re.split(r",|\(|\)", gold_name) if p.strip()]
    for part in parts:
        for run in name_runs(part):
            want = loose_key(run)
            for start, end in spans:
                for s, e in _windows(body, start, end, len(run.split())):
                    if loose_key(body[s:e]) == want:
                        return s, e
    return None


def _places(event: dict[str, object]) -> Iterator[tuple[str, dict[str, object]]]:
    if event.get("location"):
        yield "location", event["location"]  # type: ignore[misc]
    for launch in event.get("launch_locations") or []:  # type: ignore[attr-defined]
        yield "launch", launch


def derive_article(gold: dict[str, object], folder: Path, set_name: str) -> tuple[Article, list[tuple[str, str]]]:
    text = (folder / str(gold["doc"])).read_text(encoding="utf-8")
    article = Article(id=f"{set_name}/{gold['doc']}", source=str(folder / str(gold["doc"])), text=text)
    missing: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()
    for event in gold["events"]:  # type: ignore[attr-defined]
        spans = evidence_spans(text, list(event.get("evidence") or []))
        for role, place in _places(event):
            if place.get("lat") is None:
                continue
            span = find_span(text, spans, str(place["name"]))
            if span is None:
                missing.append((str(gold["doc"]), str(place["name"])))
                continue
            if span in seen:
                continue
            seen.add(span)
            article.toponyms.append(Toponym(
                name=text[span[0]:span[1]], start=span[0], end=span[1], lat=float(place["lat"]),
                lon=float(place["lon"]), radius_km=float(place.get("radius_km") or 25),
                gold_name=str(place["name"]), role=role))
    return article, missing


def derive(set_names: tuple[str, ...] = tuple(GOLD_SETS)) -> Derivation:
    """The conflict-news sample from the named gold sets."""
    articles: list[Article] = []
    missing: list[tuple[str, str]] = []
    for set_name in set_names:
        gold_path, folder = GOLD_SETS[set_name]
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            article, lost = derive_article(json.loads(line), folder, set_name)
            missing.extend(lost)
            if article.toponyms:
                articles.append(article)
    return Derivation(articles, missing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", type=Path, help="write the sample as JSONL here")
    parser.add_argument("--list", action="store_true", help="print every toponym and its gold name")
    args = parser.parse_args()
    derived = derive()
    count = sum(len(a.toponyms) for a in derived.articles)
    print(f"{len(derived.articles)} articles, {count} toponyms; {len(derived.missing)} gold places not named in their evidence")
    for doc, name in derived.missing:
        print(f"  not in evidence: {doc}: {name}")
    if args.list:
        for article in derived.articles:
            for t in article.toponyms:
                print(f"  {article.id[:48]:48} {t.name!r:36} <- {t.gold_name}")
    if args.dump:
        args.dump.write_text("".join(json.dumps(a.as_json()) + "\n" for a in derived.articles), encoding="utf-8")


if __name__ == "__main__":
    main()

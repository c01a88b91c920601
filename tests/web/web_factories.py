"""Hand-made reports for the web tests, stored through the real Store.

Three outlets report one drone strike on the Al-Omar oil field (they
disagree on the death toll), one report tells of a rocket attack in Iraq
launched from Syria, and one hostile page carries script payloads in every
field a page can fill.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from eventsift.records import Document, Event, Place
from eventsift.store import Store

OMAR = Place(name="Al-Omar oil field", lat=35.08, lon=40.55, country="SY", admin1="Deir ez-Zor",
             precision=1, feature="facility")
ASAD = Place(name="Ain al-Asad air base", lat=33.80, lon=42.44, country="IQ", admin1="Al Anbar",
             precision=1, feature="facility")
QAIM = Place(name="Al-Qaim", lat=34.37, lon=41.09, country="IQ", admin1="Al Anbar", precision=1,
             feature="city")
BUKAMAL = Place(name="Abu Kamal", lat=34.45, lon=40.92, country="SY", admin1="Deir ez-Zor",
                precision=1, feature="city")

STRIKE = "A drone strike hit US forces at the Al-Omar oil field on Tuesday, killing {n} people."
ROCKETS = "Rockets fired from Abu Kamal struck Ain al-Asad air base on Monday, an Iraqi official said."

# Payloads that would run if any of them reached the page as markup or as a URL.
SCRIPT = "<script>window.__xss = 'script';</script>"
IMG = "<img src=x onerror=\"window.__xss='img'\">"
SVG = "\"><svg onload=\"window.__xss='svg'\">"
JS_URL = "javascript:window.__xss='href'"
HOSTILE_PLACE = f"Mosul{IMG}"
HOSTILE_ACTOR = f"Brigade {SCRIPT}"
HOSTILE_SENTENCE = (f"A drone strike by {HOSTILE_ACTOR} hit {HOSTILE_PLACE} on Monday {SVG}, "
                    f"officials said.")
HOSTILE_TEXT = (f"Breaking {SCRIPT}\n\n{HOSTILE_SENTENCE}\n\nMore at {JS_URL} and "
                f"<a href=\"{JS_URL}\">here</a>. {{{{ 7*7 }}}}")
PAYLOAD_MARKERS = ("<script>", "onerror=", "onload=", "javascript:")


def fixed_clock() -> datetime:
    return datetime(2024, 10, 5, 12, 0, tzinfo=timezone.utc)


def strike_report(outlet: str, url: str, killed: int, certainty: str = "reported") -> tuple[Document, Event]:
    sentence = STRIKE.format(n=killed)
    doc = Document(doc_id=f"{outlet}.txt", title=f"{outlet}: drone strike on Al-Omar",
                   text=f"Damascus, {outlet}.\n\n{sentence} The base was evacuated.",
                   published=date(2024, 10, 2), url=url, outlet=outlet)
    event = Event(doc=doc.doc_id, event_id=f"{outlet}-1", event_type="Explosions/Remote violence",
                  sub_event_type="Air/drone strike", date="2024-10-01", weapons=("drone",),
                  location=OMAR, target="US forces", fatalities=killed, certainty=certainty,
                  attribution=(f"{outlet} correspondent",), evidence=(sentence,), url=url)
    return doc, event


def rocket_report() -> tuple[Document, Event]:
    doc = Document(doc_id="iraq.txt", title="Rockets on Ain al-Asad",
                   text=f"Baghdad.\n\n{ROCKETS} No casualties were reported.",
                   published=date(2024, 9, 24), url="https://delta.example.iq/rockets",
                   outlet="Delta")
    event = Event(doc=doc.doc_id, event_id="iraq-1", event_type="Explosions/Remote violence",
                  sub_event_type="Shelling/artillery/missile attack", date="2024-09-23",
                  weapons=("rocket",), location=ASAD, launch_locations=(BUKAMAL,),
                  actor="Islamic Resistance in Iraq", target="US forces", certainty="reported",
                  attribution=("an Iraqi official",), evidence=(ROCKETS,),
                  url="https://delta.example.iq/rockets")
    return doc, event


def hostile_report() -> tuple[Document, Event]:
    doc = Document(doc_id=f"hostile{SCRIPT}.html", title=f"Hostile {SCRIPT}{IMG}",
                   text=HOSTILE_TEXT, published=date(2024, 9, 20), url=JS_URL,
                   outlet=f"Outlet {IMG}")
    event = Event(doc=doc.doc_id, event_id="hostile-1", event_type="Explosions/Remote violence",
                  sub_event_type=f"Air/drone strike{IMG}", date="2024-09-16", weapons=("drone",),
                  location=Place(name=HOSTILE_PLACE, lat=36.34, lon=43.13, country="IQ",
                                 admin1=f"Nineveh{SVG}", precision=1),
                  launch_locations=(Place(name=f"Launch {SCRIPT}", lat=36.9, lon=42.9, country="IQ"),),
                  actor=HOSTILE_ACTOR, target=f"Target {SVG}", certainty="claimed",
                  attribution=(f"a source {IMG}",), evidence=(HOSTILE_SENTENCE,), url=JS_URL)
    return doc, event


def fill_database(path: Path) -> dict[str, int]:
    """Store the reports; returns the incident ids by name ('strike', 'rockets', 'hostile')."""
    with Store(path, clock=fixed_clock) as store:
        for outlet, url, killed, certainty in (
            ("Alpha", "https://www.alpha.example.com/strike", 3, "reported"),
            ("Beta", "https://beta.example.org/news/1", 5, "confirmed"),
            ("Gamma", "https://gamma.example.net/a", 3, "reported"),
        ):
            doc, event = strike_report(outlet, url, killed, certainty)
            store.add_document(doc, [event])
        for doc, event in (rocket_report(), hostile_report()):
            store.add_document(doc, [event])
        ids = {stored.event.event_id: stored.incident for stored in store.events().items}
        strike = {ids["Alpha-1"], ids["Beta-1"], ids["Gamma-1"]}
        while len(strike) > 1:  # the analyst's merge, in case the rules kept them apart
            first, second = sorted(strike)[:2]
            store.merge_incidents(first, second, by="test")
            ids = {stored.event.event_id: stored.incident for stored in store.events().items}
            strike = {ids["Alpha-1"], ids["Beta-1"], ids["Gamma-1"]}
    return {"strike": strike.pop(), "rockets": ids["iraq-1"], "hostile": ids["hostile-1"]}

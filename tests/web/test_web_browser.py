"""End to end in headless Chromium: the seeds through `eventsift run`, then the app.

Load the incidents view, see the map and timeline drawn offline, apply a
filter through the form, open an incident, see its evidence highlighted in
its document, and save screenshots under test-artifacts/.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ARTIFACTS, SEEDS, LiveServer, PageWatch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seeds_server(seeds_db: Path) -> Any:
    with LiveServer(seeds_db) as server:
        yield server


def assert_clean(watch: PageWatch) -> None:
    """Nothing left the machine, nothing failed, nothing was refused by the CSP."""
    assert watch.outside == [], f"requests outside the app: {watch.outside}"
    assert watch.errors == [], f"script errors: {watch.errors}"
    assert watch.csp_refusals() == [], watch.csp_refusals()
    assert [line for line in watch.console if line.startswith("error")] == []


def open_incidents_view(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#map[data-ready=true]")
    page.wait_for_selector("#timeline[data-ready=true]")


def test_browse_filter_and_read_the_evidence(seeds_server: LiveServer, page_factory: Any) -> None:
    page, watch = page_factory(seeds_server.url)
    open_incidents_view(page, seeds_server.url + "/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-incidents.png"), full_page=True)

    rows = page.locator("#incidents tbody tr")
    total = rows.count()
    assert total >= 2, "the seeds should give several incidents"
    assert page.locator("path.incident-marker").count() >= 1, "no incident drawn on the map"
    assert page.locator(".leaflet-overlay-pane canvas").count() >= 1, "no offline basemap drawn"
    assert page.locator("#timeline svg a rect.bar").count() >= 1, "no bar in the timeline"

    countries = [value for value in page.locator("select[name=country] option").evaluate_all(
        "options => options.map(o => o.value)") if value]
    country = countries[0]
    page.select_option("select[name=country]", country)
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#map[data-ready=true]")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"country": [country]}, "the filter is not in the URL, or empty fields are"
    filtered = page.locator("#incidents tbody tr")
    assert 1 <= filtered.count() <= total
    assert all(text.strip().endswith(country) for text in
               filtered.locator("td:nth-child(3) .muted").all_inner_texts())
    assert f"country={country}" in page.get_attribute("#export-csv", "href")

    filtered.first.locator("td:first-child a").click()
    page.wait_for_url(re.compile(r"/incidents/\d+$"))
    marks = page.locator("mark.evidence")
    assert marks.count() >= 1
    assert marks.first.is_visible()
    background = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in {"rgba(0, 0, 0, 0)", "transparent"}, "evidence is not highlighted"
    seed_text = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in SEEDS.glob("*.txt"))
    for sentence in marks.all_inner_texts():
        assert " ".join(sentence.split()) in seed_text, f"not verbatim from a seed: {sentence!r}"
    page.screenshot(path=str(ARTIFACTS / "web-incident.png"), full_page=True)
    assert_clean(watch)


def test_timeline_bar_and_map_popup_lead_to_filtered_views(seeds_server: LiveServer,
                                                          page_factory: Any) -> None:
    page, watch = page_factory(seeds_server.url)
    open_incidents_view(page, seeds_server.url + "/")
    page.locator("path.incident-marker").first.click(force=True)
    popup_link = page.locator(".leaflet-popup-content a")
    assert re.fullmatch(r"/incidents/\d+", popup_link.get_attribute("href"))

    bar = page.locator("#timeline svg a").filter(has=page.locator("rect.bar")).first
    bar.click()
    page.wait_for_selector("#timeline[data-ready=true]")
    query = parse_qs(urlsplit(page.url).query)
    assert set(query) == {"date_from", "date_to"}
    days = page.locator("#incidents tbody tr td:first-child a").all_inner_texts()
    assert days and all(query["date_from"][0] <= day <= query["date_to"][0] for day in days)

    page.select_option("select[name=size]", "fatalities")
    assert parse_qs(urlsplit(page.url).query)["size"] == ["fatalities"]
    assert_clean(watch)


def test_a_shared_link_restores_the_view(seeds_server: LiveServer, page_factory: Any) -> None:
    page, watch = page_factory(seeds_server.url)
    open_incidents_view(page, seeds_server.url + "/?weapon=missile&q=missile")
    assert page.locator("select[name=weapon]").input_value() == "missile"
    assert page.locator("input[name=q]").input_value() == "missile"
    shown = page.locator("#incidents tbody tr td:first-child a").count()
    total = int(page.locator("#match-count").inner_text().split()[0])
    assert shown == total
    assert_clean(watch)

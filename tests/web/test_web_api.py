"""The JSON API on a database of hand-made reports (FastAPI's TestClient)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventsift.store import Store
from eventsift.web.filters import ViewFilter
from eventsift.web.database import open_readonly
from eventsift.web import queries
from conftest import TOKEN, make_client
from web_factories import STRIKE


def test_lists_incidents_newest_first_with_paging(client: TestClient) -> None:
    body = client.get("/api/incidents", params={"per_page": 2}).json()
    assert body["total"] == 3 and body["page"] == 1 and len(body["items"]) == 2
    dates = [item["date"] for item in body["items"]]
    assert dates == sorted(dates, reverse=True)
    second = client.get("/api/incidents", params={"per_page": 2, "page": 2}).json()
    assert len(second["items"]) == 1
    assert {i["id"] for i in body["items"]}.isdisjoint({i["id"] for i in second["items"]})


@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "IQ"}, {"rockets", "hostile"}),
    ({"country": "sy"}, {"strike"}),
    ({"admin1": "al anbar"}, {"rockets"}),
    ({"date_from": "2024-09-20", "date_to": "2024-09-30"}, {"rockets"}),
    ({"date_from": "2024-10-01"}, {"strike"}),
    ({"weapon": "rocket"}, {"rockets"}),
    ({"weapon": "drone", "country": "SY"}, {"strike"}),
    ({"actor": "islamic resistance"}, {"rockets"}),
    ({"certainty": "claimed"}, {"hostile"}),
    ({"event_type": "Battles"}, set()),
    ({"q": "evacuated"}, set()),  # not in an evidence sentence
    ({"q": "Ain al-Asad"}, {"rockets"}),
    ({"q": "killing people"}, {"strike"}),
    ({"country": "", "admin1": "", "q": ""}, {"strike", "rockets", "hostile"}),  # empty form fields
])
def test_filters_select_incidents(client: TestClient, incident_ids: dict[str, int],
                                  params: dict[str, str], expected: set[str]) -> None:
    body = client.get("/api/incidents", params=params).json()
    names = {name for name, number in incident_ids.items() if number in {i["id"] for i in body["items"]}}
    assert names == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize("params", [
    {"date_from": "yesterday"}, {"page": "0"}, {"per_page": "501"}, {"q": "!!!"}, {"country": "SYR"},
])
def test_bad_filters_are_refused_with_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/incidents", params=params)
    assert response.status_code == 422
    assert "detail" in response.json()


def test_web_filters_count_what_the_store_counts(web_db: tuple[Path, dict[str, int]]) -> None:
    """The web's faster SQL means the same as the store's Query (which exports use)."""
    path = web_db[0]
    views = [ViewFilter(country="IQ"), ViewFilter(weapon="drone"), ViewFilter(actor="resistance"),
             ViewFilter(q="drone strike"), ViewFilter(admin1="DEIR EZ-ZOR"),
             ViewFilter(certainty="reported", country="SY")]
    conn = open_readonly(path)
    with Store(path, readonly=True) as store:
        for view in views:
            assert queries.count_incidents(conn, view) == store.incidents(view.store_query()).total, view
            assert queries.count_events(conn, view) == store.events(view.store_query()).total, view
    conn.close()


def test_incident_detail_shows_agreement_conflicts_and_sources(
        client: TestClient, incident_ids: dict[str, int]) -> None:
    body = client.get(f"/api/incidents/{incident_ids['strike']}").json()
    assert body["incident"]["n_sources"] == 3
    assert body["agreed"]["location"] == "Al-Omar oil field"
    toll = body["conflicts"]["fatalities"]
    assert [(v["value"], len(v["sources"])) for v in toll] == [(3, 2), (5, 1)]
    assert body["incident"]["fatalities"] == 3  # the most corroborated figure
    assert {s["document"]["outlet"] for s in body["sources"]} == {"Alpha", "Beta", "Gamma"}
    evidence = {sentence for s in body["sources"] for sentence in s["record"]["evidence"]}
    assert STRIKE.format(n=5) in evidence


def test_event_detail_is_the_format_record(client: TestClient, incident_ids: dict[str, int]) -> None:
    events = client.get("/api/events", params={"weapon": "rocket"}).json()["items"]
    assert len(events) == 1
    body = client.get(f"/api/events/{events[0]['id']}").json()
    record = body["record"]
    assert record["launch_locations"][0]["name"] == "Abu Kamal"
    assert record["attribution"] == ["an Iraqi official"]
    assert body["incident"] == incident_ids["rockets"]
    assert body["document"]["url"] == "https://delta.example.iq/rockets"


def test_only_http_urls_are_given_out(client: TestClient, incident_ids: dict[str, int]) -> None:
    body = client.get(f"/api/incidents/{incident_ids['hostile']}").json()
    assert body["sources"][0]["document"]["url"] is None
    assert body["sources"][0]["record"]["url"] is None


@pytest.mark.parametrize("path", ["/api/incidents/999999", "/api/events/999999"])
def test_missing_records_are_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_map_gives_points_and_launch_lines(client: TestClient, incident_ids: dict[str, int]) -> None:
    body = client.get("/api/map").json()
    assert body["shown"] == 3 and body["more"] is False
    rockets = next(p for p in body["incidents"] if p["id"] == incident_ids["rockets"])
    assert rockets["launches"] == [{"name": "Abu Kamal", "lat": 34.45, "lon": 40.92}]
    strike = next(p for p in body["incidents"] if p["id"] == incident_ids["strike"])
    assert strike["sources"] == 3 and strike["fatalities"] == 3
    limited = client.get("/api/map", params={"limit": 1}).json()
    assert limited["shown"] == 1 and limited["more"] is True


def test_timeline_counts_per_day_by_type(client: TestClient) -> None:
    body = client.get("/api/timeline").json()
    assert body["bucket"] == "day" and body["total"] == 3
    assert body["buckets"][0]["start"] == "2024-09-16"
    assert body["buckets"][-1]["start"] == "2024-10-01"
    assert len(body["buckets"]) == 16  # empty days are filled in
    assert sum(b["total"] for b in body["buckets"]) == 3
    assert client.get("/api/timeline", params={"country": "SY"}).json()["total"] == 1


def test_filter_choices(client: TestClient) -> None:
    body = client.get("/api/filters").json()
    assert body["countries"] == ["IQ", "SY"]
    assert "rocket" in body["weapons"] and "drone" in body["weapons"]
    assert client.get("/api/filters", params={"country": "SY"}).json()["admin1"] == ["Deir ez-Zor"]


def test_export_csv_has_acled_columns_for_the_filter(client: TestClient) -> None:
    response = client.get("/api/export/csv", params={"country": "IQ"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="eventsift-incidents-IQ.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 2
    assert {"event_date", "event_type", "sub_event_type", "latitude", "longitude", "fatalities"} <= set(rows[0])
    assert {row["iso"] for row in rows} == {"368"}


def test_export_geojson_for_the_filter(client: TestClient) -> None:
    response = client.get("/api/export/geojson", params={"weapon": "drone"})
    collection = json.loads(response.text)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 2
    assert all(f["geometry"]["type"] == "Point" for f in collection["features"])
    events = client.get("/api/export/jsonl", params={"what": "events", "country": "SY"})
    assert len(events.text.splitlines()) == 3


def test_export_format_is_a_closed_list(client: TestClient) -> None:
    assert client.get("/api/export/..%2f..%2fetc%2fpasswd").status_code == 404
    assert client.get("/api/export/parquet").status_code == 422


def test_ingest_stores_and_merges_documents(fresh_db: Path) -> None:
    document = {"doc_id": "new.txt", "published": "2024-10-02",
                "text": "Missiles struck Erbil airport overnight, officials said.\n\nNo one was hurt."}
    with make_client(fresh_db) as client:
        before = client.get("/api/events").json()["total"]
        response = client.post("/api/documents", json={"documents": [document]},
                               headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        assert response.json()["documents"] == [
            {"doc_id": "new.txt", "events": 1, "status": "new", "reason": None}]
        assert client.get("/api/events").json()["total"] == before + 1
        again = client.post("/api/documents", json={"documents": [document]},
                            headers={"Authorization": f"Bearer {TOKEN}"})
        assert again.json()["documents"][0]["status"] == "unchanged"


def test_ingest_reports_unreadable_documents_and_goes_on(fresh_db: Path) -> None:
    documents = [{"doc_id": "empty.txt", "text": "  "},
                 {"doc_id": "ok.txt", "text": "A drone hit a depot near Kharkiv on Monday, police said."}]
    with make_client(fresh_db) as client:
        response = client.post("/api/documents", json={"documents": documents},
                               headers={"Authorization": f"Bearer {TOKEN}"})
    results = response.json()["documents"]
    assert results[0]["status"] == "skipped" and "no article text" in results[0]["reason"]
    assert results[1]["status"] == "new"


@pytest.mark.parametrize("body", [
    {}, {"documents": []}, {"documents": [{"doc_id": "x"}]},
    {"documents": [{"doc_id": "x", "text": "a", "html": "<p>a</p>"}]},
])
def test_ingest_validates_its_body(fresh_db: Path, body: dict[str, object]) -> None:
    with make_client(fresh_db) as client:
        response = client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422


def test_openapi_spec_lists_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/incidents", "/api/incidents/{incident_id}", "/api/events", "/api/events/{event_id}",
            "/api/map", "/api/timeline", "/api/filters", "/api/export/{fmt}", "/api/documents"} == set(spec["paths"])
    assert "post" in spec["paths"]["/api/documents"]


def test_reads_go_on_while_an_ingest_writes(fresh_db: Path) -> None:
    """WAL: the pooled read-only connections serve while POSTs write, and see the new rows."""
    import threading

    import httpx

    from conftest import LiveServer

    reports = [{"doc_id": f"r{n}.txt", "text": f"Report {n}: a drone hit a depot near Kharkiv on Monday."}
               for n in range(20)]
    statuses: list[int] = []
    with LiveServer(fresh_db) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        before = http.get("/api/events").json()["total"]

        def write() -> None:
            for report in reports:
                answer = http.post("/api/documents", json={"documents": [report]},
                                   headers={"Authorization": f"Bearer {TOKEN}"})
                statuses.append(answer.status_code)

        writer = threading.Thread(target=write)
        writer.start()
        seen = []
        while writer.is_alive():
            response = http.get("/api/incidents", params={"q": "drone"})
            assert response.status_code == 200
            seen.append(response.json()["total"])
        writer.join()
        after = http.get("/api/events").json()["total"]
    assert statuses == [200] * len(reports)
    assert after == before + len(reports)
    assert seen == sorted(seen), "a reader saw rows disappear"

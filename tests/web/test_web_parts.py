"""Unit tests of the web layer's parts: evidence in context, URLs, timeline buckets,
filters, the basemap converter and the serve command."""
from __future__ import annotations

from datetime import date

from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from eventsift.cli import main
from eventsift.cli.serve_cmd import allowed_hosts, is_loopback
from eventsift.web.basemap import simplify_arc, stitch_ring, topology_to_geojson
from eventsift.web.evidence import FULL_TEXT_LIMIT, evidence_in_context, find_sentence, safe_http_url
from eventsift.web.filters import ViewFilter
from eventsift.web.queries import TIMELINE_MAX_BUCKETS, bucket_counts


def test_evidence_is_marked_where_it_stands() -> None:
    text = "Intro line.\nA drone hit the base.  Later, rockets  fell on the town.\nOutro."
    context = evidence_in_context(text, ["A drone hit the base.", "rockets fell on the town."])
    assert "".join(s.text for s in context.segments) == text
    assert [s.text for s in context.segments if s.evidence] == [
        "A drone hit the base.", "rockets  fell on the town."]
    assert context.unplaced == ()


def test_evidence_not_in_the_text_is_listed_apart() -> None:
    context = evidence_in_context("Nothing here.", ["A sentence from elsewhere."])
    assert context.unplaced == ("A sentence from elsewhere.",)
    assert not any(s.evidence for s in context.segments)


def test_long_documents_show_windows_around_the_evidence() -> None:
    filler = "Background sentence. " * (FULL_TEXT_LIMIT // 10)
    text = filler + "The strike killed four." + filler
    context = evidence_in_context(text, ["The strike killed four."])
    shown = "".join(s.text for s in context.segments)
    assert len(shown) < 1_000 and "The strike killed four." in shown
    assert context.segments[0].gap_before


@given(st.text(max_size=300), st.lists(st.text(min_size=1, max_size=40), max_size=4))
@settings(max_examples=200, deadline=None)
def test_context_segments_are_pieces_of_the_text(text: str, sentences: list[str]) -> None:
    context = evidence_in_context(text, sentences)
    if len(text) <= FULL_TEXT_LIMIT:
        assert "".join(s.text for s in context.segments) == text
    for segment in context.segments:
        assert segment.text in text
    for sentence in context.unplaced:
        assert find_sentence(text, sentence) is None


def test_only_http_urls_are_kept() -> None:
    assert safe_http_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert safe_http_url("http://example.org") == "http://example.org"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,x",
                "//example.org/x", "/relative", "https://", "https://exa mple.org", "vbscript:x",
                "https://example.org/\nx", None, ""):
        assert safe_http_url(bad) is None, bad


def test_timeline_buckets_by_day_week_or_month() -> None:
    day = bucket_counts([(date(2024, 1, 1), "A", 1), (date(2024, 1, 3), "B", 2)])
    assert day["bucket"] == "day" and [b["total"] for b in day["buckets"]] == [1, 0, 2]
    week = bucket_counts([(date(2024, 1, 3), "A", 1), (date(2024, 6, 30), "A", 1)])
    assert week["bucket"] == "week" and week["buckets"][0]["start"] == "2024-01-01"
    month = bucket_counts([(date(2010, 5, 9), "A", 1), (date(2024, 6, 30), "A", 1)])
    assert month["bucket"] == "month" and month["buckets"][0] == {
        "start": "2010-05-01", "end": "2010-05-31", "counts": {"A": 1}, "total": 1}


@given(st.lists(st.tuples(st.dates(), st.sampled_from(["A", "B", "C"]), st.integers(1, 5)),
                min_size=1, max_size=30))
@settings(max_examples=200, deadline=None)
def test_timeline_buckets_keep_every_count(counts: list[tuple[date, str, int]]) -> None:
    counts.sort()
    result = bucket_counts(counts)
    assert result["total"] == sum(n for _, _, n in counts) == sum(b["total"] for b in result["buckets"])
    starts = [date.fromisoformat(b["start"]) for b in result["buckets"]]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert len(result["buckets"]) <= max(TIMELINE_MAX_BUCKETS + 1, len(counts))
    for bucket in result["buckets"]:
        assert date.fromisoformat(bucket["start"]) <= date.fromisoformat(bucket["end"])


def test_view_filter_round_trips_through_the_url() -> None:
    view = ViewFilter(date_from=date(2024, 1, 1), country="SY", q="drone & rocket")
    assert view.query_string() == "date_from=2024-01-01&country=SY&q=drone+%26+rocket"
    assert view.query_string(page=2).endswith("&page=2")
    assert ViewFilter().is_empty() and not view.is_empty()
    query = view.store_query()
    assert (query.date_from, query.country, query.text) == ("2024-01-01", "SY", "drone & rocket")


def test_topojson_arcs_become_closed_rings() -> None:
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Square"}},
            {"type": "Polygon", "arcs": [[~1, ~0]], "properties": {"name": "Reversed"}},
            {"type": "Point", "coordinates": [0, 0]},
        ]}},
    }
    collection = topology_to_geojson(topology)
    assert [f["properties"]["name"] for f in collection["features"]] == ["Square", "Reversed"]
    square = collection["features"][0]["geometry"]["coordinates"][0][0]
    assert square == [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    reversed_ring = collection["features"][1]["geometry"]["coordinates"][0][0]
    assert reversed_ring == square[::-1]
    assert stitch_ring([0], [[[0.0, 0.0], [1.0, 1.0]]]) == [[0.0, 0.0], [1.0, 1.0]]


def test_simplified_arcs_keep_their_ends_and_corners() -> None:
    wiggly = [[0.0, 0.0], [1.0, 0.001], [2.0, -0.001], [3.0, 0.0], [3.0, 3.0]]
    assert simplify_arc(wiggly, 0.01) == [[0.0, 0.0], [3.0, 0.0], [3.0, 3.0]]
    assert simplify_arc(wiggly, 0.0) == wiggly


def test_serve_binds_loopback_by_default_and_documents_its_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "EVENTSIFT_TOKEN", "--max-body", "--tiles"):
        assert option in result.output
    assert "127.0.0.1" in result.output


def test_serve_refuses_weak_tokens_and_plain_http_tiles(tmp_path: object) -> None:
    runner = CliRunner()
    short = runner.invoke(main, ["serve", "--token", "abc"])
    assert short.exit_code == 2 and "16 characters" in short.output
    tiles = runner.invoke(main, ["serve", "--tiles", "http://tiles.example/{z}/{x}/{y}.png"])
    assert tiles.exit_code == 2 and "https" in tiles.output


def test_loopback_binds_answer_only_loopback_host_names() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert "evil.example.com" not in allowed_hosts("127.0.0.1")
    assert "192.168.1.5" in allowed_hosts("192.168.1.5")



def test_docs_name_every_endpoint_and_serve_option() -> None:
    """docs/api.md is the reference: a route or option missing there fails here."""
    from pathlib import Path

    from eventsift.cli.serve_cmd import serve
    from eventsift.web.app import WebSettings, create_app

    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    app = create_app(WebSettings(db_path=Path("unused.db")))
    for path, methods in app.openapi()["paths"].items():
        for method in methods:
            assert f"`{method.upper()} {path}" in docs, f"{method.upper()} {path} is not in docs/api.md"
    for option in serve.params:
        assert f"`{option.opts[0]}" in docs, f"{option.opts[0]} is not in docs/api.md"
    for parameter in ("date_from", "date_to", "country", "admin1", "event_type", "weapon", "actor",
                      "certainty", "q", "page", "per_page"):
        assert f"`{parameter}`" in docs, parameter

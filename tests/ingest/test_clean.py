from datetime import date

from eventsift.ingest.clean import clean_text
from tests.conftest import SEEDS


def test_header_date_line_is_the_publication_date_and_leaves_the_text():
    cleaned = clean_text("date 2024-10-01 Two Bases Hit by Missiles\nBy Some Outlet\nThe base was hit.\n")
    assert cleaned.published == date(2024, 10, 1)
    assert cleaned.title == "Two Bases Hit by Missiles"
    assert cleaned.byline == "Some Outlet"
    assert "date 2024" not in cleaned.text
    assert cleaned.text.startswith("The base was hit.")


def test_comment_form_and_teasers_are_cut():
    raw = (SEEDS / "000_5f01672286aa1091.txt").read_text()
    cleaned = clean_text(raw)
    for furniture in ("Leave a Reply", "You May Also Like", "Linkerd", "MOBA", "Ubisoft", "TikTok",
                      "email address will not be published"):
        assert furniture not in cleaned.text
    assert "Al-Omar oil field" in cleaned.text
    assert cleaned.published is None


def test_dateline_near_the_top_gives_a_date_when_no_header_does():
    cleaned = clean_text("Strike on depot\nBy Desk\n1 Oct 2024 23:31\nA depot was struck on Monday.")
    assert cleaned.published == date(2024, 10, 1)


def test_a_sites_clock_above_the_report_gives_way_to_the_reports_earlier_date():
    """'Monday, September 23, 2024' alone on a line is the day the page was fetched."""
    cleaned = clean_text("Monday, September 23, 2024\n\nIED goes off in western Baghdad [08/29/2013]\n"
                         "An IED exploded targeting a bus on Thursday.")
    assert cleaned.published == date(2013, 8, 29)
    # a stamp with a time, or a later date below it, is the report's own
    assert clean_text("September 23, 2024 10:31\nTitle [08/29/2013]\nBody text.").published == date(2024, 9, 23)
    assert clean_text("Monday, September 23, 2024\nTitle\nUpdated Sep 25, 2024\nBody.").published \
        == date(2024, 9, 23)


def test_an_impossible_header_date_is_not_a_date():
    assert clean_text("date 2024-02-31 Title\nBody text here.").published is None


def test_body_text_is_kept_verbatim():
    body = "Rockets hit   the town of Zummar on Sunday, killing 3 people."
    assert body in clean_text("Headline\n" + body).text


def test_a_syndicated_wire_dateline_gives_the_reports_own_day():
    """'(MENAFN- ...) MANILA, Jan 18 (NNN-PNA) –': the writer's 'yesterday' is the 17th, not the
    page date's day before."""
    cleaned = clean_text("date 2024-01-17 (MENAFN- Nam News Network) MANILA, Jan 18 (NNN-PNA) – Troops, "
                         "yesterday, killed two rebels in clashes, a military report said.\n\nMore text here.")
    assert cleaned.published == date(2024, 1, 18)


def test_a_closing_byline_dates_a_report_whose_top_gives_no_date():
    body = "An overnight drone attack killed three troops.\n\n" + "More text follows here.\n\n" * 10
    assert clean_text(body + "Authored by Tyler Durden via ZeroHedge January 28th 2024").published == date(2024, 1, 28)
    # a date in the last lines that no byline introduces is not the report's
    assert clean_text(body + "The war began on January 28th 2024.").published is None
    # the top wins when it has one
    assert clean_text("date 2024-02-01 Title\n" + body + "Authored by X January 28th 2024").published \
        == date(2024, 2, 1)


def test_a_page_label_before_a_colon_is_no_dateline():
    from eventsift.extract.dateline import find_dateline

    assert find_dateline("By: Chandrashekar Bhat") is None
    assert find_dateline("Photo: AFP via Getty Images") is None
    assert find_dateline("Gaza: Israeli strikes kill 20") is not None
    assert find_dateline("IMPHAL:") is not None  # a dateline parsed as a sentence of its own

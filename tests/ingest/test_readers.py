import gzip
import json
from datetime import date

import pytest

from eventsift.errors import InputError, SkippedInput
from eventsift.ingest import read_inputs
from eventsift.records import Document

ENGLISH = "A missile struck a military base near the city on Sunday, officials said, killing two soldiers."


def read_all(*paths):
    return list(read_inputs(paths))


def test_plain_text_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Base hit\n" + ENGLISH)
    [doc] = read_all(path)
    assert isinstance(doc, Document)
    assert doc.doc_id == "report.txt" and doc.title == "Base hit" and doc.language == "en"


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
])
def test_unreadable_files_are_named_errors(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = read_all(path)
    assert isinstance(error, InputError)
    assert reason in str(error) and str(path) in str(error)


def test_latin1_text_is_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(("Attack near Sa\u00efda\n" + ENGLISH).encode("latin-1"))
    [doc] = read_all(path)
    assert "Sa\u00efda" in doc.title


def test_too_large_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(ENGLISH * 10)
    [error] = list(read_inputs([path], max_bytes=100))
    assert isinstance(error, InputError) and "too large" in str(error)


def test_non_english_is_skipped_not_coded(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("Un missile a frappé une base militaire près de la ville dimanche, ont déclaré les "
                    "responsables, tuant deux soldats et blessant plusieurs civils dans le quartier.")
    [skipped] = read_all(path)
    assert isinstance(skipped, SkippedInput) and "not English" in str(skipped)


def test_jsonl_lines_each_a_document_and_bad_lines_named(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "published": "2024-10-01", "url": "https://example.org/a"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "b", "title": "x"}),
        json.dumps({"id": "c", "html": f"<html><body><article><p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>"}),
    ]
    with gzip.open(path, "wt") as handle:
        handle.write("\n".join(lines) + "\n")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError", "InputError", "Document"]
    assert items[0].published == date(2024, 10, 1) and items[0].outlet == "example.org"
    assert f"{path}:2" in str(items[1]) and "malformed JSON" in str(items[1])
    assert "no 'text' or 'html'" in str(items[3])
    assert "missile struck" in items[4].text


def test_folders_are_walked_in_order_and_missing_paths_named(tmp_path):
    (tmp_path / "b.txt").write_text(ENGLISH)
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / ".hidden.txt").write_text(ENGLISH)
    items = read_all(tmp_path, tmp_path / "nope.txt")
    assert [getattr(i, "doc_id", None) for i in items[:2]] == ["a.txt", "b.txt"]
    assert isinstance(items[2], InputError) and "no such file" in str(items[2])


def test_broken_html_still_reads_or_is_named(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><div><p>" + ENGLISH + "<p>" + ENGLISH + "<div><span>")
    [item] = read_all(path)
    assert isinstance(item, (Document, InputError))
    if isinstance(item, Document):
        assert "missile" in item.text


ENGLISH_REPORT = ("The government said on Tuesday that its forces had carried out an operation in the north of the "
                  "country, where several attacks were reported over the past weeks. At least ten people were killed "
                  "and twenty wounded in the clashes, which lasted for hours in the town and its outskirts, according "
                  "to a local official who spoke on condition of anonymity because he was not authorised to speak.")
FRENCH_REPORT = ("Le gouvernement a annoncé mardi que les forces de sécurité avaient mené une opération dans la région "
                 "du nord, où plusieurs attaques ont été signalées ces dernières semaines. Selon les autorités "
                 "locales, au moins dix personnes ont été tuées et une vingtaine blessées lors des affrontements qui "
                 "ont duré plusieurs heures dans la ville et ses environs, a indiqué un responsable.")


def test_plain_english_is_settled_without_the_model_and_other_languages_go_to_it(monkeypatch):
    from eventsift.ingest import language

    calls = []
    real = language._identifier

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(language, "_identifier", counting)
    assert language.is_english(ENGLISH_REPORT) == (True, "en") and calls == []
    assert language.is_english(FRENCH_REPORT) == (False, "fr") and calls


def test_the_day_in_an_article_url_is_the_publication_day_of_last_resort(tmp_path):
    from eventsift.ingest.readers import date_in_url
    assert date_in_url("https://news.example.com/2023/02/15/drone-shot-down/") == date(2023, 2, 15)
    assert date_in_url("https://example.com/news/2024-01-04-strike-on-base") == date(2024, 1, 4)
    assert date_in_url("https://example.com/2023/13/45/x") is None  # no such day
    assert date_in_url("https://example.com/article/20231") is None
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": ENGLISH, "url": "https://example.org/2023/10/19/strike/"}),
        json.dumps({"id": "b", "text": ENGLISH, "published": "2024-10-01", "url": "https://example.org/2023/10/19/x/"}),
    ]) + "\n")
    first, second = read_all(path)
    assert first.published == date(2023, 10, 19)
    assert second.published == date(2024, 10, 1)  # a stated day wins over the URL's

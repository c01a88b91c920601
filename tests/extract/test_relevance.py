"""The relevance filter: recall on the dev set, rejection of non-attack news.

Pinned minimums (measured when set; never lowered without saying so):
- dev set: 65 of 65 gold events are in documents that pass (minimum 0.99);
- synthetic non-attack news (eventsift.batch.corpus, seed 11, 400
  articles of 400-800 words): 97.6% rejected (minimum 0.95; 91.5% before spaceflight words).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsift.batch.corpus import non_attack_articles
from eventsift.errors import InputError
from eventsift.extract.relevance import explain, is_relevant, sentence_classes
from eventsift.ingest import read_inputs

DEV = Path(__file__).resolve().parent.parent / "data" / "dev"
MIN_GOLD_RECALL = 0.99
MIN_REJECTION = 0.95


def _dev_documents() -> dict[str, str]:
    docs = [d for d in read_inputs([DEV]) if not isinstance(d, InputError)]
    return {d.doc_id: (d.title or "") + "\n" + d.text for d in docs}


def _gold() -> list[dict]:
    return [json.loads(line) for name in ("gold_a.jsonl", "gold_b.jsonl")
            for line in (DEV / name).read_text("utf-8").splitlines() if line.strip()]


def test_dev_set_gold_events_are_kept() -> None:
    texts = _dev_documents()
    gold = _gold()
    total = sum(len(g["events"]) for g in gold)
    kept = sum(len(g["events"]) for g in gold if is_relevant(texts[g["doc"]]))
    assert total >= 60, "the dev set shrank; re-measure the pinned figures"
    assert kept / total >= MIN_GOLD_RECALL, [g["doc"] for g in gold if g["events"] and not is_relevant(texts[g["doc"]])]


def test_dev_set_documents_without_events_are_mostly_rejected() -> None:
    texts = _dev_documents()
    empty = [g["doc"] for g in _gold() if not g["events"]]
    rejected = [doc for doc in empty if not is_relevant(texts[doc])]
    assert len(empty) >= 3
    assert len(rejected) / len(empty) >= 0.66, empty


def test_synthetic_non_attack_news_is_rejected() -> None:
    articles = non_attack_articles(400, seed=11)
    assert all(400 <= a.words <= 820 for a in articles)
    assert len({a.topic for a in articles}) >= 12
    rejected = sum(not is_relevant(a.title + "\n" + a.text) for a in articles)
    assert rejected / len(articles) >= MIN_REJECTION


@pytest.mark.parametrize("text", [
    "An airstrike on the town killed four people.",
    "Two mortar shells hit the airport compound on Saturday.",
    "Gunmen opened fire on a bus near the border.",
    "A car bomb went off outside the ministry.",
    "An explosion ripped through the market, killing six people.",
    "Troops came under fire near the village.",
    "Drones were shot down over the region overnight.",
    "Rebels attacked a police post, wounding three officers.",
    "The AIR-STRIKE destroyed a bridge.",
    "A Russian missile hit a satellite ground station, killing two.",
])
def test_attack_sentences_pass(text: str) -> None:
    assert is_relevant(text)


@pytest.mark.parametrize("text", [
    "The former mayor died of a heart attack at the age of 81.",
    "Dock workers went on strike for a second week over pay.",
    "The storm hit the coast on Sunday night, killing three people.",
    "A train hit a lorry at a level crossing, injuring five people.",
    "The start-up raised $20 million to expand its drone delivery service.",
    "The opposition attacked the budget as unrealistic.",
    "The striker hit the post twice in the first half.",
    "A ransomware attack disrupted deliveries for a week; nobody was hurt.",
    "A rocket carrying a new weather satellite was launched from the space centre on Wednesday.",
    "",
])
def test_everyday_news_is_rejected(text: str) -> None:
    assert not is_relevant(text)


def test_co_occurrence_is_per_sentence() -> None:
    text = "The defence ministry bought new missiles.\nAn earthquake killed two people in the north."
    assert not is_relevant(text)
    assert is_relevant("The defence ministry said missiles killed two people in the north.")


def test_explain_names_the_rule_and_the_sentence() -> None:
    verdict = explain("Markets rose.\nA missile hit a depot in the city.\nMore later.")
    assert verdict.relevant
    assert verdict.rule == "weapon+impact"
    assert verdict.sentence == "A missile hit a depot in the city."


def test_everyday_sense_is_consumed_before_its_parts() -> None:
    assert "act" not in sentence_classes("He suffered a heart attack")
    assert "act" in sentence_classes("He survived an attack")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "missile", "hit", "killed", "attack", "heart", "storm", "troops", "on", "strike", "the", "a",
    "explosion", "drone", "delivery", ".", "\n", "gunmen", "-", "Air", "STRIKE",
]), max_size=25))
def test_explain_agrees_with_is_relevant(words: list[str]) -> None:
    text = " ".join(words)
    verdict = explain(text)
    assert verdict.relevant == is_relevant(text)
    if verdict.sentence is not None:
        assert verdict.sentence in text

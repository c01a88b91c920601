"""A report's lines as the parse sees them: its whole text (built once) and which of its
sentences are headlines (a line of its own with no closing stop, or in title case).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

_DOC_TEXT = "eventsift.doc_text"  # the key of doc_text's copy in Doc.user_data


def doc_text(doc: Doc) -> str:
    """The parse's whole text, built once: `Doc.text` joins every token on each
    call, and asking it per sentence made long reports quadratic."""
    text = doc.user_data.get(_DOC_TEXT)
    if text is None:
        text = doc.user_data[_DOC_TEXT] = doc.text
    return text


def is_headline(sent: Span) -> bool:
    """A line of its own with no closing punctuation, or in title case: a headline."""
    text = sent.text.strip()
    whole = doc_text(sent.doc)
    own_line = (sent.start_char == 0 or whole[sent.start_char - 1] == "\n") and (
        sent.end_char >= len(whole) or "\n" in whole[sent.end_char - 1:sent.end_char + 1] or sent.text.endswith("\n"))
    if not own_line or len(text) > 200 or _cut_off_at_the_end(sent, text):
        return False
    words = [w for w in text.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper()) / max(1, len(words))
    return not text.endswith((".", "!", "?", '"', "”", "’")) or capitalised > 0.6


def _cut_off_at_the_end(sent: Span, text: str) -> bool:
    """The report's last line, a long sentence-case line with no stop ("On Tuesday a suicide
    bomber tried to kill ..., damaging hi"): a sentence the copy cut off, not a title."""
    words = text.split()
    at_end = not doc_text(sent.doc)[sent.end_char:].strip()
    return at_end and len(words) > 12 and words[0][:1].isupper() and sum(
        1 for w in words[1:] if w[:1].isupper()) / len(words) <= 0.5

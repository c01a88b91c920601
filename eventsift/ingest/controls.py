"""Control characters out of scraped text, and out of the names printed in messages.

Scraped pages carry bytes no reader sees: terminal escape sequences (ESC,
CSI), stray C0/C1 controls, and bidirectional overrides that make a line
display in another order than it reads ("Trojan Source"). None of them
is news; all of them can fool a terminal or a page that shows the text.
Tabs and line breaks stay in the body; names (file names, ids, titles)
are kept on one line, with anything unprintable written as an escape.
"""
from __future__ import annotations

import re

# C0 controls other than tab/newline/carriage return, DEL and the C1 block
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# explicit bidi embeddings/overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI);
# the plain direction marks (LRM, RLM, ALM) are harmless and kept
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# in a one-line name, line breaks and tabs are unprintable too
NAME_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Body text without control characters (a space where one stood) or bidi overrides."""
    return BIDI_CONTROLS.sub("", CONTROLS.sub(" ", text))


def printable_name(name: str) -> str:
    """A name for one line of output: unprintable characters as escapes (\\n, \\x1b, \\u202e)."""
    return NAME_UNSAFE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), name)


def clean_field(value: str | None) -> str | None:
    """A metadata field (title, outlet, URL, id) on one line, without controls."""
    if value is None:
        return None
    return BIDI_CONTROLS.sub("", NAME_UNSAFE.sub(" ", value)).strip() or None

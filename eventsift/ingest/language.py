"""Which language a report is in (py3langid: a small model shipped in its wheel).

Scripts are counted first: a report written mostly in another script
(Arabic, Cyrillic, Chinese...) is not English however short it is, and in
a report written mostly in Latin letters, quotes in other scripts (an
Arabic name, a Russian slogan) do not decide its language: only its Latin
part is classified.
"""
from __future__ import annotations

import re
from functools import lru_cache

SAMPLE_CHARS = 3000
MIN_CLASSIFIED_CHARS = 40  # shorter Latin texts get the benefit of the doubt
# English when the model gives English at least this probability, first or not: English
# news is sometimes ranked just behind an English-based creole (Nigerian Pidgin 'pcm'),
# while French, German, Spanish, Dutch or Indonesian reports give English about 1e-7.
ENGLISH_MIN_PROB = 0.05
# Latin letters: Basic Latin, Latin-1, Extended-A/B, IPA, Extended Additional
NOT_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u02af\u1e00-\u1eff]")


# Words that are frequent in English and rare in other languages' running text; a
# tenth or more of English news prose is made of them, other languages' prose almost none.
ENGLISH_WORDS = frozenset(
    "the of and to that was were with for said is are by from has have it its this which would their".split())
WORD = re.compile(r"[^\W\d_]+")
PLAIN_ENGLISH_SHARE = 0.1  # measured: English reports 0.12-0.3, French/Spanish/German/Dutch/Indonesian 0.0
PLAIN_ENGLISH_MIN_WORDS = 50


def _plainly_english(sample: str) -> bool:
    words = WORD.findall(sample.lower())
    if len(words) < PLAIN_ENGLISH_MIN_WORDS:
        return False
    return sum(w in ENGLISH_WORDS for w in words) >= PLAIN_ENGLISH_SHARE * len(words)


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability, from the first few thousand characters."""
    code, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code), float(prob)


def latin_share(text: str) -> float:
    """The share of letters that are Latin (1.0 for a text without letters)."""
    letters = sum(1 for char in text if char.isalpha())
    if not letters:
        return 1.0
    return max(0.0, 1 - len(NOT_LATIN_LETTER.findall(text)) / letters)


def is_english(text: str, min_prob: float = 0.5) -> tuple[bool, str]:
    """True (and 'en') when the text reads as English, else False and the detected code.

    Latin-script texts too short to classify, or whose top language has
    less than `min_prob`, get the benefit of the doubt.
    """
    sample = text[:SAMPLE_CHARS]
    if _plainly_english(sample):
        return True, "en"  # the cheap test settles most English news without the model
    if latin_share(sample) < 0.5:
        code = detect_language(sample)[0]
        return False, code if code != "en" else "und"  # 'und': undetermined, but not Latin
    latin_part = NOT_LATIN_LETTER.sub(" ", sample)
    if len(latin_part.strip()) < MIN_CLASSIFIED_CHARS:
        return True, "en"
    ranked = _identifier().rank(latin_part)
    code, prob = str(ranked[0][0]), float(ranked[0][1])
    english = dict(ranked).get("en", 0.0) >= ENGLISH_MIN_PROB
    return (english or prob < min_prob), "en" if english else code

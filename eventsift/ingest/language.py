"""Which language a report is in (py3langid: a small model shipped in its wheel)."""
from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability, from the first few thousand characters."""
    code, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code), float(prob)


def is_english(text: str, min_prob: float = 0.5) -> tuple[bool, str]:
    """True when the text reads as English; short texts get the benefit of the doubt."""
    if len(text.strip()) < 40:
        return True, "en"
    code, prob = detect_language(text)
    return (code == "en" or prob < min_prob), code

"""Name keys that let transliterated spellings of one place meet.

Two keys per name, both computed the same way for gazetteer names and for
text mentions, so over-folding only merges, never misses:

- `name_key`: case, diacritics, apostrophes/ayn/hamza, hyphens and
  punctuation folded; Arabic definite articles (al-, el-, ad-, ar-, as-,
  ash-, az-, ez-, ...) dropped, also when glued to the next word with the
  doubled sun letter ("Ezzor" -> "zor", "Ad-Dawr" -> "dawr").
  "Deir ez-Zor", "Deir Ezzor", "Dair al-Zour" -> "deir zor"/"dair zour".
- `skeleton_key`: the consonants of `loose_key` (a word's first letter
  kept): "Abu Ghareeb" and "Abu Ghraib" both give "abgrb". Very coarse: the
  resolver takes a skeleton match only where the document's countries or
  the sentence's container back it.
- `loose_key`: `name_key` with spelling variants of one sound folded
  (ay/ei/ey -> e, aw/ou/oo/u -> o, q/c/ck -> k, dh/th -> d/t, doubled
  letters single, final -ah/-eh -> a). "Dayr az Zawr" and "Deir ez-Zor"
  both give "der zor"; "Hasakah" and "Hassakeh" both give "hasaka".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "o", "ß": "ss", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ħ": "h",
    "ə": "e", "Ə": "e", "ŀ": "l",
})
# Apostrophes, ayn/hamza marks and the like vanish (they join, not separate).
_JOINERS = re.compile(r"[\u2018\u2019\u201b\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u0060\u00b4'ʿʾ‘’`]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")

# Arabic definite-article spellings that stand as their own token
# ("al Mawsil", "Deir ez Zor" after hyphens become spaces).
ARTICLES = frozenset({
    "al", "el", "il", "ul", "ad", "ed", "ud", "ar", "er", "ur", "as", "es", "us",
    "ash", "esh", "az", "ez", "uz", "at", "et", "ut", "ath", "adh", "an", "en", "un",
    "ez", "ezz",
})
_GLUED = re.compile(r"^(?:a|e|u)(th|dh|sh|t|d|r|z|s|n)\1(?=[a-z]{2})")


def fold(text: str) -> str:
    """Lower case ASCII with diacritics removed; punctuation kept."""
    text = _JOINERS.sub("", text.translate(_SPECIAL))
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def is_latin(text: str) -> bool:
    """True when the folded name is plain ASCII (Latin script)."""
    return fold(text).isascii()


def _tokens(text: str) -> list[str]:
    return [tok for tok in _SEPARATORS.split(fold(text)) if tok]


def _strip_glued_article(token: str) -> str:
    """'ezzor' -> 'zor', 'ashsham' -> 'sham'; 'assad' stays (too short after)."""
    match = _GLUED.match(token)
    if match is None:
        return token
    rest = token[match.end() - len(match.group(1)):]
    return rest if len(rest) >= 3 else token


def _drop_articles(tokens: list[str]) -> list[str]:
    """Drop article tokens, and glued articles after a non-article word."""
    if len(tokens) < 2:
        return tokens
    kept: list[str] = []
    for index, token in enumerate(tokens):
        is_last = index == len(tokens) - 1
        if token in ARTICLES and not is_last:
            continue
        if index > 0 and tokens[index - 1] not in ARTICLES:
            token = _strip_glued_article(token)
        kept.append(token)
    return kept or tokens


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The exact look-up key of a place name ('' when nothing is left)."""
    return " ".join(_drop_articles(_tokens(text)))


_LOOSE_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"ck", "k"),
        (r"q", "k"),
        (r"c(?=[aou]|$)", "k"),
        (r"ph", "f"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"gh", "g"),
        (r"kh", "k"),
        (r"dj", "j"),
        (r"w", "u"),
        (r"iy(?=[aeo])", "i"),
        (r"(?<=[aeiou])y(?=[^aeiou]|$)", "i"),
        (r"(?<=[^aeiou])y(?=[^aeiou]|$)", "i"),
        (r"(?:ai|ay|ei|ey|ae)", "e"),
        (r"(?:au|ou|oo|ao|u)", "o"),
        (r"ee", "i"),
        (r"ie(?=[^aeiou]|$)", "i"),
        (r"(.)\1+", r"\1"),
        (r"(?<=[a-z])(?:ah|eh|e)$", "a"),
        (r"(?<=[aeio])h$", ""),
    )
)


def _loose_token(token: str) -> str:
    if token.isdigit():
        return token
    for pattern, repl in _LOOSE_RULES:
        token = pattern.sub(repl, token)
    return token


@lru_cache(maxsize=200_000)
def loose_key(text: str) -> str:
    """A coarser key: spelling variants of the same sounds fold together."""
    key = name_key(text)
    return " ".join(_loose_token(tok) for tok in key.split())


_VOWELS = re.compile(r"(?<=\w)[aeiouy]")
MIN_SKELETON = 4  # consonants; shorter skeletons match too much


@lru_cache(maxsize=200_000)
def skeleton_key(text: str) -> str:
    """The consonant skeleton of a name ('' when too short to be telling)."""
    key = "".join(_VOWELS.sub("", tok) for tok in loose_key(text).split() if not tok.isdigit())
    return key if len(key) >= MIN_SKELETON else ""

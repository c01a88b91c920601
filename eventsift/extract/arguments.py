"""Who did it, who was hit, how many killed and injured, on whose word.

Everything here reads one spaCy sentence (a Span) and its dependency parse;
the words it looks for come from data/lexicon.toml.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from eventsift.extract.lexicon import Lexicon

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a": 1, "an": 1, "single": 1,
}
MAX_PLAUSIBLE_COUNT = 100_000  # larger stated counts are treated as not stated
_WORD_NUMBER = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an", "single")), key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD_NUMBER})(?:[- ](?:{_WORD_NUMBER}))?)"
# "at least 12 people were killed", "killing 5 civilians", "5 dead", "death toll rose to 30"
_MODIFIERS = r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|a total of|roughly)?\s*"


def parse_count(text: str, lexicon: Lexicon) -> int | None:
    """A stated count ("12", "twelve", "twenty-one", "dozens", "1,200") or None."""
    value = text.strip().lower()
    if value in lexicon.vague_counts:
        return lexicon.vague_counts[value]
    value = value.replace(",", "")
    if value.isdigit():
        count = int(value)
        return count if count <= MAX_PLAUSIBLE_COUNT else None
    parts = re.split(r"[- ]", value)
    if all(p in NUMBER_WORDS for p in parts) and parts:
        if len(parts) == 2 and parts[1] == "hundred":
            return NUMBER_WORDS[parts[0]] * 100
        return sum(NUMBER_WORDS[p] for p in parts) if parts[0] not in ("a", "an") or len(parts) == 1 else None
    return None


def casualty_counts(sentence: str, lexicon: Lexicon) -> tuple[int | None, int | None]:
    """(fatalities, injuries) stated in one sentence; the largest of each kind."""
    people = "|".join(sorted((re.escape(p) for p in lexicon.people), key=len, reverse=True))
    killed = "|".join(sorted((re.escape(w) for w in lexicon.killed), key=len, reverse=True))
    injured = "|".join(sorted((re.escape(w) for w in lexicon.injured), key=len, reverse=True))
    fatalities = _counts_for(sentence, killed, people, lexicon, toll=True)
    injuries = _counts_for(sentence, injured, people, lexicon, toll=False)
    return (max(fatalities) if fatalities else None, max(injuries) if injuries else None)


def _counts_for(sentence: str, verbs: str, people: str, lexicon: Lexicon, toll: bool) -> list[int]:
    vague = "|".join(re.escape(v) for v in sorted(lexicon.vague_counts, key=len, reverse=True))
    number = rf"(?P<n>{vague}|{_NUMBER})"
    qualifier = r"(?:[\w-]+\s+){0,3}?"
    patterns = (
        # 5 people were killed / 5 civilians killed / five dead
        rf"\b{_MODIFIERS}{number}\s+{qualifier}(?:{people})\s+(?:\w+\s+){{0,3}}?(?:{verbs})\b",
        rf"\b{_MODIFIERS}{number}\s+(?:{verbs})\b",
        # killing 5 people / killed at least 12 / wounding five others
        rf"\b(?:{verbs})\s+{_MODIFIERS}{number}\b(?!\s*(?:%|percent|km|miles|kilometres|kilometers|metres|meters|years|days|hours|minutes|missiles|rockets|drones|shells))",
    )
    if toll:  # death toll rose to 30 / toll of 12
        patterns += (rf"\btoll\s+(?:\w+\s+){{0,3}}?(?:to|of|at)\s+{_MODIFIERS}{number}\b",)
    counts: list[int] = []
    for pattern in patterns:
        for match in re.finditer(pattern, sentence, re.IGNORECASE):
            count = parse_count(match.group("n"), lexicon)
            if count is not None and count > 0 and not _is_year(match.group("n")):
                counts.append(count)
    return counts


def _is_year(value: str) -> bool:
    return value.isdigit() and len(value) == 4 and value.startswith(("19", "20"))


def noun_phrase(token: Token, lexicon: Lexicon) -> str | None:
    """The words naming an actor or target: the token with its modifiers and
    "of" phrases, without clauses, other prepositions or leading articles."""
    keep: list[Token] = []

    def walk(node: Token) -> None:
        keep.append(node)
        for child in node.children:
            if child.ent_type_ in ("DATE", "TIME") or child.dep_ in ("npadvmod", "tmod"):
                continue
            if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advmod", "prep") and not (
                child.dep_ == "prep" and child.lower_ == "of" and node.i == token.i
            ):
                continue
            walk(child)

    walk(token)
    words = sorted(keep, key=lambda t: t.i)
    while words and words[0].dep_ in ("det", "predet") and words[0].lower_ in ("a", "an", "the", "this", "that", "these", "those", "some"):
        words = words[1:]
    text = _join(words)
    if not text or text.lower() in lexicon.not_names or token.pos_ == "PRON":
        return None
    return text


def _join(tokens: Iterable[Token]) -> str:
    out = ""
    for tok in tokens:
        out += tok.text + tok.whitespace_
    return out.strip()


def is_trigger(token: Token, lexicon: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN"):
        return lemma in lexicon.trigger_nouns or token.lower_ in lexicon.trigger_nouns
    if token.pos_ == "VERB":
        # the small model tags some plural nouns as verbs ("the US airstrikes on ...")
        return lemma in lexicon.trigger_verbs or (lemma in lexicon.trigger_nouns and token.tag_ == "VBZ")
    return False


def find_actor(sent: Span, triggers: list[Token], lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """The perpetrator named by the parse: the subject of an attack verb,
    the agent of a passive one, a nationality/group modifying an attack
    noun ("US airstrikes", "Houthi drone"), or the subject of a claim of
    responsibility. None when nobody is named."""
    for trig in triggers:
        if trig.pos_ == "VERB":
            for child in trig.children:
                if child.dep_ == "nsubj" and _is_agent_word(child, lexicon, weapon_words):
                    return noun_phrase(child, lexicon)
                if child.dep_ == "agent":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and _is_agent_word(pobj, lexicon, weapon_words):
                            return noun_phrase(pobj, lexicon)
        else:
            for child in trig.children:
                if child.dep_ in ("compound", "amod", "poss") and child.ent_type_ in ("NORP", "GPE", "ORG") \
                        and child.lower_ not in weapon_words:
                    return child.text.removesuffix("'s")
                if child.dep_ == "prep" and child.lower_ == "by":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and _is_agent_word(pobj, lexicon, weapon_words):
                            return noun_phrase(pobj, lexicon)
            # "attack carried out by X", "strike launched by X"
            head = trig.head
            if head.dep_ in ("acl", "relcl") or head.pos_ == "VERB":
                for child in head.children:
                    if child.dep_ == "agent":
                        for pobj in child.children:
                            if _is_agent_word(pobj, lexicon, weapon_words):
                                return noun_phrase(pobj, lexicon)
        named = _named_modifier(trig, weapon_words)
        if named:
            return named
    return claimant(sent, lexicon)


def _named_modifier(trig: Token, weapon_words: set[str]) -> str | None:
    """A nationality or group just before an attack word ("US airstrikes",
    "Russian missile strike", "Houthi drone attack"), read off the words
    themselves when the parse went astray."""
    doc = trig.doc
    for i in range(trig.i - 1, max(trig.sent.start, trig.i - 4) - 1, -1):
        tok = doc[i]
        if tok.ent_type_ in ("NORP", "GPE", "ORG") and tok.lower_ not in weapon_words:
            start = i
            while start - 1 >= trig.sent.start and doc[start - 1].ent_type_ == tok.ent_type_ \
                    and doc[start - 1].ent_iob_ != "O":
                start -= 1
            return doc[start:i + 1].text.removesuffix("'s")
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "PUNCT") or tok.lower_ in ("the", "a", "an"):
            return None
    return None


def claimant(sent: Span, lexicon: Lexicon) -> str | None:
    """The subject of "claimed responsibility" (not negated, not for an aggregate)."""
    for tok in sent:
        if tok.lemma_.lower() == "claim" and tok.pos_ == "VERB":
            objects = [c for c in tok.children if c.dep_ == "dobj"]
            if not any(o.lemma_.lower() == "responsibility" for o in objects):
                continue
            if any(c.dep_ == "neg" for c in tok.children):
                return None
            if any(w.lemma_.lower() in lexicon.aggregate for w in tok.subtree):
                return None
            for child in tok.children:
                if child.dep_ == "nsubj":
                    if any(c.lower_ in ("no", "none") for c in child.subtree):
                        return None
                    return noun_phrase(child, lexicon)
    return None


def _is_agent_word(token: Token, lexicon: Lexicon, weapon_words: set[str]) -> bool:
    lower = token.lower_
    if token.pos_ == "PRON" or lower in lexicon.not_names or lower in weapon_words:
        return False
    if token.lemma_.lower() in lexicon.trigger_nouns or token.lemma_.lower() in lexicon.source_nouns:
        return False
    if any(lower.startswith(w) for w in ("missile", "rocket", "drone", "shell", "bomb", "explosi", "blast", "fire")):
        return False
    return token.pos_ in ("NOUN", "PROPN")


def find_target(triggers: list[Token], lexicon: Lexicon, place_words: set[int]) -> str | None:
    """Who or what was hit: the object of an attack verb, the subject of a
    passive one ("bases ... have been targeted"), the subject of "came
    under", or the object of "on"/"against"/"targeting" after an attack
    noun. A bare place name is a location, not a target."""
    for trig in triggers:
        candidates: list[Token] = []
        if trig.pos_ == "VERB":
            for child in trig.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    candidates.append(child)
        else:
            for child in trig.children:
                if child.dep_ == "prep" and child.lower_ in ("on", "against", "targeting", "at"):
                    candidates.extend(c for c in child.children if c.dep_ == "pobj")
                if child.dep_ in ("acl",) and child.lemma_.lower() in ("target", "hit", "strike"):
                    candidates.extend(c for c in child.children if c.dep_ == "dobj")
            # "X came under attack": the subject of the verb governing "under"
            head = trig.head
            if head.dep_ == "prep" and head.lower_ == "under":
                candidates.extend(c for c in head.head.children if c.dep_ == "nsubj")
        for candidate in candidates:
            if candidate.i in place_words or candidate.ent_type_ in ("GPE", "LOC"):
                if not _owned_place(candidate, place_words):
                    continue
            phrase = noun_phrase(candidate, lexicon)
            if phrase and not _only_place_words(candidate):
                return phrase
    return None


def _owned_place(token: Token, place_words: set[int]) -> bool:
    """ "the US military's Victoria base": a named place with its owner is a target."""
    for tok in token.subtree:
        if tok.i in place_words or tok.dep_ in ("det", "punct", "case", "prep", "pobj") or tok.is_punct:
            continue
        if tok.ent_type_ in ("NORP", "GPE", "ORG") or tok.dep_ == "poss":
            return True
    return False


_PLACE_NOUNS = {"neighborhood", "neighbourhood", "village", "town", "city", "district", "area", "region",
                "province", "governorate", "street", "road", "outskirts", "suburb", "quarter", "camp"}


def _only_place_words(token: Token) -> bool:
    return token.lemma_.lower() in _PLACE_NOUNS


def attribution(sent: Span, lexicon: Lexicon) -> list[str]:
    """Who the sentence cites: "according to X", "X said/reported/told/confirmed"."""
    found: list[str] = []
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            for child in tok.nbor().children:
                if child.dep_ == "pobj":
                    found.append(_source_phrase(child))
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.report_verbs:
            for child in tok.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON" and _is_source(child, lexicon):
                    found.append(_source_phrase(child))
    unique: dict[str, str] = {}
    for phrase in found:
        key = re.sub(r"^(?:the|a|an)\s+", "", phrase.lower())
        if phrase and key not in unique:
            unique[key] = phrase
    return list(unique.values())


def _is_source(token: Token, lexicon: Lexicon) -> bool:
    if token.lemma_.lower() in lexicon.source_nouns or token.lower_ in lexicon.source_nouns:
        return True
    return token.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") or token.pos_ == "PROPN"


def _source_phrase(token: Token) -> str:
    words = sorted((t for t in token.subtree if t.dep_ not in ("relcl", "punct")), key=lambda t: t.i)
    # stop at a time expression ("a Syrian field source on Tuesday")
    cut: list[Token] = []
    for tok in words:
        if tok.dep_ == "prep" and tok.lower_ in ("on", "at", "during") and tok.i > token.i:
            break
        cut.append(tok)
    return _join(cut)


def sources_are_official(phrases: list[str], lexicon: Lexicon) -> bool:
    words = {w.lower().strip("'s") for p in phrases for w in re.findall(r"[\w']+", p)}
    return bool(words & lexicon.officials)

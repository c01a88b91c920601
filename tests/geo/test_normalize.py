from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventsift.geo.normalize import fold, loose_key, name_key

DEIR_EZ_ZOR = ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Dair al-Zour", "Deir al-Zor", "DEIR EZ-ZOR", "Dayr az-Zawr"]


@pytest.mark.parametrize("variant", DEIR_EZ_ZOR)
def test_deir_ez_zor_spellings_share_a_loose_key(variant: str) -> None:
    assert loose_key(variant) == loose_key("Deir ez-Zor") == "der zor"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Al-Omar", "al Omar"),
        ("Ar-Raqqah", "Raqqah"),
        ("Sana'a", "Sanaa"),
        ("Ṣanʿāʾ", "Sana"),
        ("Al Mawsil", "Mawsil"),
        ("Ad-Dawr", "Dawr"),
        ("As Suwayda", "Suwayda"),
        ("Dēir–Ezzór", "Deir ez Zor"),
    ],
)
def test_name_key_folds_articles_diacritics_and_apostrophes(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hasakah", "Hassakeh"), ("Fallujah", "Falluja"), ("Qamishli", "Kamishli"), ("Khan Yunis", "Khan Younis"),
     ("Nabatieh", "Nabatiyeh"), ("Sweida", "Suwayda"), ("Hodeidah", "Hudaydah")],
)
def test_loose_key_folds_transliteration_variants(a: str, b: str) -> None:
    assert loose_key(a) == loose_key(b)


@pytest.mark.parametrize(("a", "b"), [("Assad", "Sad"), ("Homs", "Hims"), ("Mosul", "Mousl"), ("Baghdad", "Bagdad City")])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_article_after_article_is_kept() -> None:
    # "Ain al-Assad": the glued-article rule must not eat "Assad" after "al"
    assert name_key("Ain Al-Assad") == "ain assad"


def test_a_lone_article_is_a_name() -> None:
    assert name_key("As") == "as"
    assert name_key("") == ""


_WORDS = st.text(alphabet=string.ascii_letters + " -'", min_size=1, max_size=30)


@given(_WORDS)
def test_keys_are_case_insensitive_and_plain(text: str) -> None:
    key = name_key(text)
    assert key == name_key(text.upper()) == name_key(text.lower())
    assert set(key) <= set(string.ascii_lowercase + string.digits + " ")
    assert set(loose_key(text)) <= set(string.ascii_lowercase + string.digits + " ")


@given(st.text(max_size=40))
def test_fold_never_fails_and_is_lower_case(text: str) -> None:
    assert fold(text) == fold(text).lower()

"""Certainty and attribution on small hand-made sentences."""
import pytest

from eventsift import nlp
from eventsift.extract.certainty import (
    CLAIMANT, MEDIA, OFFICIAL, UNNAMED, anonymous, attribution, certainty_of, role_by_words,
)
from eventsift.extract.detect import Mention
from eventsift.extract.lexicon import load_lexicon

LEX = load_lexicon()


def mention(sentence, *, unverified=False):
    sent = next(nlp.parse(sentence).sents)
    return Mention(
        sentence_index=0, sentence=sentence, triggers=[], weapons=set(), weak_weapons=set(), places=[],
        date=None, actor=None, target=None, fatalities=None, injuries=None,
        attribution=attribution(sent, LEX), unverified=unverified, new_event=False, definite=False, prior=False,
    )


def certainty(*sentences, document_text=""):
    mentions = [mention(s) for s in sentences]
    cited = list(dict.fromkeys(a for m in mentions for a in m.attribution))
    return certainty_of(mentions, cited, LEX, document_text)[0]


@pytest.mark.parametrize("sentence, expected", [
    # officials and state parties confirm
    ("Police said two suicide bombers attacked a meeting of elders.", "confirmed"),
    ("A Somali police spokesman said the bomber struck a convoy.", "confirmed"),
    ("Local police spokesman Fazal Naeem said the bomber detonated his explosives.", "confirmed"),
    ("The Israeli military said its jets struck a compound used by the group.", "confirmed"),
    ("Two rebels were killed in clashes, a military report said.", "confirmed"),
    # only the perpetrator's word: claimed
    ("The Islamic Resistance in Iraq claimed responsibility for the drone attack.", "claimed"),
    ("Hezbollah said it launched drones at an Israeli position.", "claimed"),
    ("Tens of soldiers died in the battle, JNIM claimed.", "claimed"),
    ("A Houthi military spokesman claimed to have launched missiles at the carrier.", "claimed"),
    # unnamed sources, monitors and media report
    ("A security source said a bomb exploded near shops.", "reported"),
    ("Local media reported that a drone hit the market.", "reported"),
    ("The Syrian Observatory for Human Rights said five civilians were killed.", "reported"),
    ("The report said two soldiers were wounded in a clash.", "reported"),
    ("A drone hit the market.", "reported"),
])
def test_certainty_follows_who_is_cited(sentence, expected):
    assert certainty(sentence) == expected


def test_an_official_beats_a_claim():
    assert certainty(
        "Police said two bombers attacked a meeting of elders.",
        "A purported spokesman for the Pakistani Taliban claimed responsibility for that attack.",
    ) == "confirmed"


def test_a_claim_reported_by_others_is_reported():
    assert certainty(
        "Witnesses said a drone hit the port.",
        "The Houthis claimed responsibility for the attack.",
    ) == "reported"


def test_the_text_calling_it_unverified_wins():
    assert certainty_of([mention("Police said a drone hit the port.", unverified=True)], [], LEX)[0] == "unverified"
    text = "Police said a drone hit the port. Reuters could not independently confirm the reports."
    assert certainty("Police said a drone hit the port.", document_text=text) == "unverified"


def test_a_hedge_about_another_claim_stays_in_its_sentence():
    """'unverified reports of a second attack' hedges that attack, not the report's confirmed one."""
    text = "Police said a drone hit the port. There are also unverified reports of a second attack."
    assert certainty("Police said a drone hit the port.", document_text=text) == "confirmed"


def test_attribution_gives_each_source_its_role():
    sent = next(nlp.parse("The Houthis claimed the attack, a security source said, according to Al Jazeera.").sents)
    roles = {str(s): s.role for s in attribution(sent, LEX)}
    assert roles["The Houthis"] == CLAIMANT
    assert roles["a security source"] == UNNAMED
    assert roles["Al Jazeera"] == MEDIA


@pytest.mark.parametrize("phrase, role", [
    ("Kurdish and U.S. officials", UNNAMED),
    ("Regional governor Oleksandr Prokudin", OFFICIAL),
    ("The Zamfara State Commissioner of Police, Muhammad Dalijan", OFFICIAL),
    ("Palestinian security and medical sources", UNNAMED),
    ("Lebanon's state media", MEDIA),
])
def test_roles_by_words_for_plain_strings(phrase, role):
    assert role_by_words(phrase, LEX) == role


def test_certainty_returns_plain_strings():
    sent = next(nlp.parse("Police said a drone hit the port.").sents)
    _, cited = certainty_of([mention("Police said a drone hit the port.")], attribution(sent, LEX), LEX)
    assert cited == ["Police"] and type(cited[0]) is str


def test_a_message_without_its_author_neither_confirms_nor_reports():
    assert certainty(
        "The Islamic Resistance in Iraq claimed responsibility for the drone attack.",
        "The statement said the attack was conducted in solidarity with Gaza.",
    ) == "claimed"


def test_the_attack_claimed_is_not_the_claimant():
    sent = next(nlp.parse("Rockets were fired at the base, an attack also claimed by the Islamic Resistance.").sents)
    sources = attribution(sent, LEX)
    assert [str(s) for s in sources] == ["the Islamic Resistance"]


def test_an_attack_the_writer_states_and_a_group_also_claims_is_reported():
    assert certainty("Rockets were fired at the base, an attack also claimed by the same group.") == "reported"


@pytest.mark.parametrize("sentence, expected", [
    # nameless officials and any "source" report, even of a party or a ministry
    ("Three people were killed in a drone attack, an Interior Ministry source said.", "reported"),
    ("Two officials with Iran-backed militias said a drone strike hit their car.", "reported"),
    ("A drone hit the base on Thursday, two U.S. officials told The Associated Press.", "reported"),
    ("US officials, who requested anonymity, said one of the wounded was seriously injured.", "reported"),
    ("An Iraqi military official said defense systems downed one drone near the base.", "reported"),
    ("Police sources and eyewitnesses said two rockets hit a building.", "reported"),
    # officials of a body speak for it; a party's spokesman tells its own deed
    ("The grenade explosion caused panic in the area, said police officials.", "confirmed"),
    ("A Houthi military spokesman said their forces used drones to strike four ships.", "claimed"),
    # a nameless official who confirms it confirms it
    ("A US defense official confirmed the rocket attack to Fox News.", "confirmed"),
    ("Kurdish and U.S. officials confirmed that there were no casualties in the attack.", "confirmed"),
])
def test_parties_and_their_anonymous_officials(sentence, expected):
    assert certainty(sentence) == expected


@pytest.mark.parametrize("phrase, nameless", [
    ("two U.S. officials", True),
    ("US officials", True),
    ("A senior security official in Baghdad", True),
    ("an Interior Ministry source", True),
    ("police officials", False),
    ("an officer, Ravi Kumar", False),
    ("Station House Officer of the Civil Lines Police Station, Naseebullah", False),
])
def test_anonymous_sources(phrase, nameless):
    assert anonymous(phrase) is nameless


def test_the_report_speaks_as_the_report_it_refers_back_to():
    text = ("Troops killed two rebels in clashes, a military report said. "
            "The report said two soldiers were wounded in a clash.")
    assert certainty("The report said two soldiers were wounded in a clash.", document_text=text) == "confirmed"
    media = "Troops killed two rebels, a newspaper report said. The report said two soldiers were wounded in a clash."
    assert certainty("The report said two soldiers were wounded in a clash.", document_text=media) == "reported"


def test_a_headline_that_calls_its_story_unverified():
    body = "The group said it launched a drone at a site in Eilat."
    assert certainty(body, document_text="Militants launch drone at Israel – unverified\n" + body) == "unverified"
    assert certainty(body, document_text="Militants launch drone at Israel\n" + body) == "claimed"
    # a sentence (closing punctuation) is no headline: its hedge stays with its own claim
    other = "There are also unverified reports of a second attack."
    assert certainty(body, document_text=body + "\n" + other) == "claimed"


def test_no_official_confirmation_is_a_hedge():
    sentence = "A second drone attack reportedly targeted the gas field, although there has been no official confirmation."
    assert LEX.unverified_pattern.search(sentence)


def test_source_phrases_keep_hyphens_and_drop_relative_clauses():
    sent = next(nlp.parse("US officials, who requested anonymity, said Iran-backed militias fired rockets.").sents)
    assert [str(s) for s in attribution(sent, LEX)] == ["US officials"]


def test_a_person_named_by_surname_speaks_in_the_role_they_were_introduced_with():
    lead = "US strikes killed 16 people, Iraqi government spokesman Bassem al-Awadi said on Saturday."
    later = "The strikes hit locations in the Akashat and Al-Qaim regions, Awadi said."
    assert certainty(later, document_text=lead + "\n" + later) == "confirmed"
    assert certainty(later, document_text=later) == "reported"
    # the perpetrator's spokesman who claims stays a claimant
    claim = "Sarea claimed the five ships were targeted."
    assert certainty(claim, document_text="Houthi military spokesman Yahya Sarea said so.\n" + claim) == "claimed"

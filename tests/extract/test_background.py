"""Background and summary wording: earlier, habitual and counted attacks are no new event
(detect.py). Small hand-made reports, fake gazetteer."""
from datetime import date

from eventsift import nlp
from eventsift.extract.detect import detect_mentions
from eventsift.extract.lexicon import load_lexicon
from eventsift.pipeline import Pipeline
from eventsift.records import Document


def events_of(text, fake_places, published=date(2024, 10, 1)):
    return Pipeline(places=fake_places).extract(Document(doc_id="t.txt", text=text, published=published))


def mentions_of(sentence, published=date(2024, 10, 1)):
    """The mentions of a one-sentence text that names no place."""
    [sent] = list(nlp.parse(sentence).sents)
    return detect_mentions(sent, 0, [], published, load_lexicon())


def test_an_attack_that_dates_a_period_is_no_event(fake_places):
    """'since the October 7 attack on X' tells when a period began, not an attack of the report."""
    assert events_of("Militants have traded cross-border fire with the army since the October 7 attack "
                     "on Kharkiv.", fake_places) == []
    events = events_of("Rockets hit Hama on Sunday, the heaviest barrage since the missile attack on Mosul.",
                       fake_places)
    assert [e.location.name for e in events] == ["Hama"]
    assert events[0].date == "2024-09-29"


def test_a_habit_is_no_event(fake_places):
    assert events_of("Russian troops abandoned the river bank last year, but now regularly shell villages "
                     "in Kharkiv from the east bank.", fake_places) == []
    assert events_of("Militants have kept up regular rocket fire on Kharkiv.", fake_places) == []
    assert len(events_of("Russian troops shelled villages in Kharkiv from the east bank on Sunday.",
                         fake_places)) == 1


def test_the_nth_time_clause_is_a_tally_not_an_attack():
    [mention] = mentions_of("Monday's attack marks the third time in recent weeks that the base has come "
                            "under attack.")
    assert mention.triggers == ["attack"]
    assert mention.refers_back  # "Monday's attack": the report's event, told again
    assert mentions_of("It was the fourth time that gunmen attacked the village.") == []
    assert mentions_of("This is the fourth time bandits are attacking the village.") == []
    [mention] = mentions_of("Gunmen attacked the village for the fourth time on Monday.")
    assert mention.triggers == ["attacked"]  # the attack itself, counted: still told


def test_casualty_totals_over_a_period_are_no_event(fake_places):
    assert events_of("The ministry said 257 militants and 91 soldiers were killed in Kharkiv last year, the "
                     "highest number in the last five years.", fake_places) == []
    assert mentions_of("Thirty-nine civilians were also killed during this period, it said.") == []
    assert len(events_of("The ministry said 257 militants and 91 soldiers were killed in Kharkiv on Sunday.",
                         fake_places)) == 1


def test_unnamed_earlier_attacks_in_a_response_phrase_are_no_event(fake_places):
    events = events_of("Militias fired rockets at a base in Hama on Sunday in response to recent attacks by "
                       "terrorist groups in Kharkiv.", fake_places)
    assert [e.location.name for e in events] == ["Hama"]


def test_an_attack_told_as_earlier_is_its_own_event_with_no_borrowed_day(fake_places):
    events = events_of("Rockets hit the base in Hama on Sunday, wounding two soldiers. The base in Hama had "
                       "come under attack by two drones the previous week as well.", fake_places)
    assert [(e.location.name, e.date) for e in events] == [("Hama", "2024-09-29"), ("Hama", None)]
    assert events[1].weapons == ("drone",)
    [mention] = mentions_of("Last month, three soldiers were wounded in a drone attack on their base.")
    assert mention.prior


def test_earlier_words_of_another_clause_do_not_make_the_attack_earlier(fake_places):
    events = events_of("Rockets hit the base in Hama on Sunday. The army confirmed the rocket attack, but the "
                       "toll had not been previously disclosed.", fake_places)
    assert len(events) == 1
    [mention] = mentions_of("Three soldiers were wounded in a drone attack on their base last month.")
    assert not mention.prior  # no sentence-opening "Last month,": may be the report's own attack


def test_an_attack_named_after_an_interval_is_earlier_and_only_that_clause(fake_places):
    events = events_of("Rockets hit the base in Hama on Sunday. The attack comes just a week after drones struck "
                       "Kharkiv, killing four people.", fake_places)
    assert [(e.location.name, e.date, e.fatalities) for e in events] == [("Hama", "2024-09-29", None),
                                                                         ("Kharkiv", None, 4)]
    [earlier, own] = sorted(mentions_of("Days after a drone strike killed four people, gunmen attacked a "
                                        "checkpoint on Sunday."), key=lambda m: m.prior)[::-1]
    assert earlier.prior and earlier.fatalities == 4 and earlier.date is None
    assert not own.prior and own.date is not None and own.fatalities is None


def test_a_sentence_opening_on_a_month_tells_an_earlier_attack():
    [mention] = mentions_of("In late July, multiple rockets were launched at the air base.")
    assert mention.prior
    [mention] = mentions_of("At the end of last January, a drone attack killed three soldiers.")
    assert mention.prior
    [mention] = mentions_of("Multiple rockets were launched at the air base in late July.")
    assert not mention.prior  # no sentence-opening month: may be the report's own attack


def test_unnamed_targets_across_named_areas_sum_up_attacks(fake_places):
    """'attacked some communities in X and Y' sums up several attacks; one named village is told."""
    assert events_of("Armed bandits have attacked some communities in Kharkiv and Odesa, killing more than "
                     "40 people.", fake_places) == []
    assert len(events_of("Armed bandits have attacked a community in Kharkiv, killing 40 people.", fake_places)) == 1
    # a plural weapon is no target, and a plural of one area is still one attack
    assert len(events_of("Militants launched several drones at a base in Kharkiv and Odesa on Sunday.",
                         fake_places)) >= 1
    assert len(events_of("Gunmen attacked several houses in Kharkiv on Sunday, killing 4.", fake_places)) == 1


def test_a_quoted_description_with_attack_words_does_not_block_the_attack():
    """'killing a commander "responsible for planning attacks"' is still a strike; the
    parser may leave the closing quotation mark to the next sentence."""
    [mention] = mentions_of('US forces conducted a strike at 9:30 p.m., killing a commander "responsible for '
                            'directly planning and participating in attacks on U.S. forces in the region.')
    assert "strike" in mention.triggers
    assert mentions_of("Militants would carry out attacks on the base if the talks failed.") == []


def test_a_battle_or_a_takeover_is_told_with_harm_or_a_weapon():
    [battle] = mentions_of("Tens of soldiers were killed or wounded in the battle, the group claimed.")
    assert "battle" in battle.triggers
    assert mentions_of("The bill faces a political battle in parliament.") == []
    [takeover] = mentions_of("JNIM took control of the camp on Friday with the help of a suicide-bomb vehicle.")
    assert "control" in takeover.triggers
    assert mentions_of("The investor took control of the company on Friday.") == []
    assert mentions_of("Militants seized the town after heavy fighting with rockets and mortars.")


def test_a_dashed_aside_does_not_end_the_earlier_events_clause(fake_places):
    """'... one day after 80 people died in a double explosion – not yet claimed – in Mosul':
    Mosul is the earlier explosion's place."""
    events = events_of("Rockets hit Hama on Sunday. This attack occurs just one day after more than 80 people "
                       "died in a double explosion – not yet claimed – in the city of Mosul.", fake_places)
    earlier = [e for e in events if e.location and e.location.name == "Mosul"]
    assert earlier and earlier[0].date is None


def test_fighting_told_as_a_trend_is_no_clash():
    """'as fighting between Israel and Hezbollah intensified' is background, not a battle."""
    [strike] = mentions_of("Two civilians were killed in an Israeli strike as fighting between Israel and "
                           "Hezbollah intensified.")
    assert not strike.clash
    [battle] = mentions_of("Two soldiers were killed in fighting with rebels in the village.")
    assert battle.clash


def test_an_earlier_event_named_in_passing_is_stated_by_its_own_phrase(fake_places):
    """Its evidence is the phrase that names it, and a phrase naming one earlier event inside
    another's ends where the inner one begins."""
    events = events_of("Rockets hit Hama on Sunday, days after the army launched an air assault on dozens of "
                       "sites in retaliation for a drone strike that killed three troops in Mosul.", fake_places)
    by_place = {e.location.name if e.location else None: e for e in events}
    assert by_place["Hama"].evidence[0].startswith("Rockets hit Hama on Sunday")
    assert by_place["Mosul"].evidence == ("in retaliation for a drone strike that killed three troops in Mosul.",)
    assert by_place[None].evidence == ("days after the army launched an air assault on dozens of sites",)


def test_an_event_after_amid_is_earlier_background(fake_places):
    """'amid anger in the region after an explosion at a hospital in Mosul killed hundreds': the
    explosion is an earlier event, never the report's, and it takes no day of the report."""
    events = events_of("Drones attacked a base in Hama on Sunday amid anger in the region after an explosion at a "
                       "hospital in Mosul killed hundreds of people.", fake_places)
    hama = [e for e in events if e.location and e.location.name == "Hama"]
    assert len(hama) == 1 and hama[0].date == "2024-09-29"
    earlier = [e for e in events if e.evidence[0].startswith("after an explosion")]
    assert len(earlier) == 1 and earlier[0].date is None


def test_the_reports_own_attack_named_again_earlier_today_is_not_an_earlier_event(fake_places):
    """'... a response to attacks, including an attack on Mosul earlier today': the event told
    first, named as the reason for the strikes, is no event of its own."""
    events = events_of('Rockets hit Mosul on Tuesday, injuring three soldiers. "These strikes are a response to '
                       'a series of attacks, including an attack by the militia on Mosul earlier today," the '
                       'minister said.', fake_places, published=date(2024, 10, 1))
    assert len(events) == 1 and events[0].location.name == "Mosul"
    assert len(events[0].evidence) == 2


def test_a_sentence_summing_up_tells_no_new_attack(fake_places):
    events = events_of("US airstrikes hit Hama on Friday night. Overall, the war jets destroyed 17 sites in Mosul in "
                       "three rounds of airstrikes.", fake_places)
    assert [e.location.name for e in events] == ["Hama"]
    assert len(events_of("US airstrikes hit Hama on Friday night. The war jets destroyed 17 sites in Mosul in three "
                         "rounds of airstrikes.", fake_places)) == 2


def test_an_earlier_word_on_the_clause_an_attack_hangs_from_makes_it_earlier():
    [mention] = mentions_of("The US had previously promised to retaliate against the militia after it blamed "
                            "the group for an attack on its base in Jordan that killed three soldiers.")
    assert mention.prior


def test_attacks_told_in_the_perfect_since_a_month_are_a_running_tally(fake_places):
    assert events_of("Houthi militants have been attacking shipping in the Red Sea since November.",
                     fake_places) == []
    assert events_of("Militants have fired more than 50 rockets at Kharkiv since October.", fake_places) == []
    assert len(events_of("Militants have fired rockets at Kharkiv, killing two people.", fake_places)) == 1


def test_attacks_like_it_told_in_the_perfect_are_a_record_not_an_event(fake_places):
    events = events_of("A suicide car bomber killed 12 soldiers at a checkpoint in Hama on Monday. No group claimed "
                       "responsibility, but militants have carried out similar attacks in Kharkiv.", fake_places)
    assert [e.location.name for e in events] == ["Hama"]
    assert events_of("Militants have carried out similar attacks in Kharkiv.", fake_places) == []

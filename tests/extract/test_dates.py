from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from eventsift.extract.dates import WEEKDAYS, parse_absolute_date, resolve_date

TUESDAY = date(2024, 10, 1)


def day(text, published=TUESDAY):
    found = resolve_date(text, published)
    return None if found is None else found.day


def test_weekdays_resolve_to_the_latest_such_day_on_or_before_publication():
    assert day("during the early hours of Sunday") == date(2024, 9, 29)
    assert day("according to a source on Tuesday") == date(2024, 10, 1)
    assert day("late Monday into Tuesday") == date(2024, 9, 30)


def test_relative_words():
    assert day("yesterday") == date(2024, 9, 30)
    assert day("earlier today") == TUESDAY
    assert resolve_date("last week", TUESDAY).precision == 2
    assert resolve_date("in March", TUESDAY).precision == 3


def test_vague_and_future_expressions_resolve_to_nothing():
    assert day("only days ago") is None
    assert day("recently") is None
    assert day("next Monday") is None


def test_no_publication_date_means_only_full_absolute_dates():
    assert day("on Sunday", None) is None
    assert day("on 12 March", None) is None
    assert day("on 12 March 2023", None) == date(2023, 3, 12)


def test_absolute_dates_without_year_take_the_latest_year_not_after_publication():
    assert day("on 12 March") == date(2024, 3, 12)
    assert day("on December 3") == date(2023, 12, 3)


def test_impossible_dates_are_not_dates():
    assert day("32 October") is None
    assert parse_absolute_date("February 30, 2024", None) is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)), st.sampled_from(sorted(WEEKDAYS)))
def test_weekday_resolution_is_within_the_past_week(published, weekday):
    resolved = day(f"on {weekday.capitalize()}", published)
    assert resolved is not None
    assert published - timedelta(days=6) <= resolved <= published
    assert resolved.weekday() == WEEKDAYS[weekday]


@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_any_text_resolves_or_returns_none_without_raising(text, published):
    resolve_date(text, published)


def test_feasts_on_fixed_dates_are_their_day():
    assert day("a drone attack in northern Iraq on Christmas Day", date(2023, 12, 26)) == date(2023, 12, 25)
    assert day("gunmen attacked on New Year's Eve", date(2024, 1, 2)) == date(2023, 12, 31)
    assert day("on Christmas Day", date(2024, 3, 1)) == date(2023, 12, 25)
    assert day("on Christmas Day", None) is None


def test_the_day_a_source_spoke_gives_way_to_the_events_own_day():
    """'said on Saturday' is when a source spoke; '... killed on Friday night' is the event's day."""
    saturday = date(2024, 2, 3)
    both = resolve_date("A new toll provided by the Observatory on Saturday said 23 fighters were killed "
                        "in the strikes on Friday night.", saturday)
    assert (both.day, both.spoken) == (date(2024, 2, 2), False)
    before = resolve_date("On Saturday, the militia said in a statement that the strikes on Friday night "
                          "were an aggression.", saturday)
    assert (before.day, before.spoken) == (date(2024, 2, 2), False)
    alone = resolve_date("The strikes killed 16 people, a spokesman said on Saturday.", saturday)
    assert (alone.day, alone.spoken) == (saturday, True)  # kept, but marked as the day a source spoke
    assert not resolve_date("On Saturday, gunmen killed five people.", saturday).spoken
    assert not resolve_date("Rockets hit the base on Saturday, officials said.", saturday).spoken
    # "yesterday" too, also in a wire's "said, here, yesterday"
    spoke = resolve_date("One person has been killed in a grenade attack in Quetta, police said, here, yesterday.",
                         saturday)
    assert (spoke.day, spoke.spoken) == (date(2024, 2, 2), True)
    assert not resolve_date("Gunmen killed five people yesterday, police said.", saturday).spoken


def test_a_date_that_starts_or_ends_a_period_is_no_events_day():
    assert resolve_date("Attacks since October 7 have wounded dozens.", TUESDAY) is None
    assert day("Attacks since October 7: the Monday attack was the second.") == date(2024, 9, 30)


def test_today_inside_a_quotation_counts_from_when_the_speaker_spoke():
    assert resolve_date("“Early this morning, troops were targeted by a drone,” the spokeswoman said.",
                        TUESDAY).spoken
    assert not resolve_date("Troops were targeted by a drone early this morning.", TUESDAY).spoken


def test_a_weekday_right_before_a_reporting_verb_is_when_a_source_spoke():
    found = resolve_date("The government on Thursday denounced a drone strike that killed two leaders late on "
                         "Wednesday.", date(2024, 2, 8))
    assert (found.day, found.spoken) == (date(2024, 2, 7), False)
    assert resolve_date("The government on Thursday condemned the strike.", date(2024, 2, 8)).spoken


def test_parts_of_months_and_weeks_resolve_to_their_precision_never_into_the_future():
    august_6 = date(2024, 8, 6)
    late_july = resolve_date("In late July, rockets were launched at the base.", august_6)
    assert (late_july.day, late_july.precision) == (date(2024, 7, 21), 3)
    assert resolve_date("At the end of last January, a drone attack killed 3 soldiers.", august_6).day \
        == date(2024, 1, 21)
    assert resolve_date("at the end of last August", august_6).day == date(2023, 8, 21)
    assert (resolve_date("late last month", august_6).day, resolve_date("late last month", august_6).precision) \
        == (date(2024, 7, 21), 3)
    assert resolve_date("at the start of the month", august_6).day == date(2024, 8, 1)
    assert resolve_date("at the end of the month", august_6) is None  # not yet begun
    assert resolve_date("in mid-December 2023", august_6).day == date(2023, 12, 11)
    assert (resolve_date("late last week", august_6).day, resolve_date("late last week", august_6).precision) \
        == (date(2024, 7, 29), 2)
    assert (resolve_date("this week", august_6).day, resolve_date("this week", august_6).precision) \
        == (date(2024, 8, 5), 2)
    assert (resolve_date("earlier this year", august_6).day, resolve_date("earlier this year", august_6).precision) \
        == (date(2024, 1, 1), 4)
    assert resolve_date("last January", august_6).day == date(2024, 1, 1)


def test_a_part_of_a_month_that_bounds_a_period_is_no_events_day():
    assert resolve_date("Strikes have killed 600 civilians since late April.", TUESDAY) is None
    assert resolve_date("the first attack since early February", TUESDAY) is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
       st.sampled_from(["early", "mid-", "late", "at the end of", "at the start of"]),
       st.sampled_from(["last month", "the month", "this week", "last week", "last January", "July"]))
def test_parts_of_periods_never_resolve_into_the_future(published, part, period):
    found = resolve_date(f"{part} {period}", published)
    assert found is None or found.day <= published


def test_the_event_s_own_period_beats_the_day_a_source_spoke():
    """'... last week, the Pentagon said on Friday': the attack was last week, the statement on Friday."""
    found = resolve_date("A rocket attack targeted the base last week, the Pentagon said on Friday.", TUESDAY)
    assert (found.day, found.precision, found.spoken) == (date(2024, 9, 23), 2, False)
    alone = resolve_date("Rockets hit the base, the Pentagon said on Friday.", TUESDAY)
    assert (alone.day, alone.precision, alone.spoken) == (date(2024, 9, 27), 1, True)


def test_a_night_across_midnight_leaves_the_next_or_the_day_before_open():
    from eventsift.extract.event_dates import date_alternatives

    def open_days(sentence):
        return date_alternatives(resolve_date(sentence, TUESDAY), sentence)

    sunday, saturday, monday = date(2024, 9, 29), date(2024, 9, 28), date(2024, 9, 30)
    assert open_days("Drones hit the base in the early hours of Sunday.") == (saturday,)
    assert open_days("Rockets struck the camp before dawn on Sunday.") == (saturday,)
    assert open_days("Rockets struck the camp late Sunday.") == (monday,)
    assert open_days("Rockets struck the camp on Sunday night.") == (monday,)
    assert open_days("An overnight drone attack hit the outpost on Sunday.") == (saturday, monday)
    assert open_days("State media reported the strikes on Sunday.") == (saturday,)  # the day a source spoke
    assert open_days("Rockets struck the camp on Sunday.") == ()
    assert open_days("Rockets struck the camp last week overnight.") == ()  # no day: nothing to widen


def test_the_record_carries_the_days_its_text_leaves_open(fake_places):
    from eventsift.pipeline import Pipeline
    from eventsift.records import Document

    doc = Document(doc_id="night", text="A drone struck the base in Hama in the early hours of Sunday, "
                   "wounding two soldiers.", published=TUESDAY)
    [event] = Pipeline(places=fake_places).extract(doc)
    assert event.date == "2024-09-29"
    assert event.to_contract()["date_alternatives"] == ["2024-09-28"]
    doc = Document(doc_id="day", text="A drone struck the base in Hama on Sunday, wounding two soldiers.",
                   published=TUESDAY)
    [event] = Pipeline(places=fake_places).extract(doc)
    assert "date_alternatives" not in event.to_contract()


def test_the_weekend_and_the_day_a_claim_was_made():
    monday = date(2024, 2, 12)
    weekend = resolve_date("Insurgents killed five civilians over the weekend, an official said on Monday.", monday)
    assert (weekend.day, weekend.precision) == (date(2024, 2, 10), 2)  # the Saturday, the week's precision
    assert resolve_date("Shells hit the town last weekend.", date(2024, 2, 11)).day == date(2024, 2, 3)
    claim = resolve_date("IS claimed responsibility on Monday for a blast on Sunday evening.", monday)
    assert (claim.day, claim.spoken) == (date(2024, 2, 11), False)
    own = resolve_date("IS claimed responsibility for a drone attack early Sunday.", monday)
    assert (own.day, own.spoken) == (date(2024, 2, 11), False)

"""What holds on a date: steps, zone versions, rounds."""

import datetime as dt

import pytest

from astana.timeline import build_steps, round_on, state_at_step, state_on, step_on


def test_steps_are_in_date_order_and_unique(atlas):
    steps = build_steps(atlas)
    assert [s.date for s in steps] == sorted(s.date for s in steps)
    assert len({s.id for s in steps}) == len(steps)
    assert len(steps) == len(atlas.rounds) + len(atlas.events)


def test_timeline_starts_with_the_december_2016_ceasefire(atlas):
    first = build_steps(atlas)[0]
    assert (first.id, first.date) == ("ceasefire-2016-12-30", dt.date(2016, 12, 30))


def test_no_zones_before_the_memorandum_took_effect(atlas):
    assert state_on(atlas, dt.date(2017, 5, 5)).zones == ()
    assert state_on(atlas, dt.date(2017, 1, 1)).zones == ()


def test_four_declared_zones_on_10_may_2017(atlas):
    zones = state_on(atlas, dt.date(2017, 5, 10)).zones
    assert [z.zone_id for z in zones] == [1, 2, 3, 4]
    assert {z.status for z in zones} == {"declared"}
    assert {z.basis for z in zones} == {"memorandum-signed-2017-05-04"}


def test_four_refined_zones_on_20_september_2017(atlas):
    zones = state_on(atlas, dt.date(2017, 9, 20)).zones
    assert [z.zone_id for z in zones] == [1, 2, 3, 4]
    assert {z.status for z in zones} == {"in_force"}
    assert {z.zone_id: z.basis for z in zones} == {
        1: "idlib-agreement-2017-09-15",
        2: "northern-homs-2017-08-03",
        3: "southwest-ceasefire-2017-07-09",
        4: "eastern-ghouta-2017-07-22",
    }


@pytest.mark.parametrize(
    ("day", "refined"),
    [
        ("2017-07-08", set()),
        ("2017-07-09", {3}),
        ("2017-07-22", {3, 4}),
        ("2017-08-03", {2, 3, 4}),
        ("2017-09-14", {2, 3, 4}),
        ("2017-09-15", {1, 2, 3, 4}),
    ],
)
def test_each_zone_is_refined_on_its_agreement_date(atlas, day, refined):
    zones = state_on(atlas, dt.date.fromisoformat(day)).zones
    assert {z.zone_id for z in zones if z.status == "in_force"} == refined
    assert len(zones) == 4


def test_a_date_between_steps_selects_the_step_in_force(atlas):
    steps = build_steps(atlas)
    assert step_on(steps, dt.date(2017, 6, 1)).id == "memorandum-in-force-2017-05-06"
    assert step_on(steps, dt.date(2016, 1, 1)) is None


def test_round_on_a_date_is_the_latest_started(atlas):
    assert round_on(atlas, dt.date(2017, 9, 20)).number == 6
    assert round_on(atlas, dt.date(2017, 1, 1)) is None


def test_state_at_a_round_step_keeps_that_step(atlas):
    state = state_at_step(atlas, "astana-4")
    assert state.step.id == "astana-4"
    assert state.round.number == 4
    assert state.zones == ()  # the memorandum was signed on 4 May, in force from 6 May


def test_state_at_unknown_step_raises_key_error(atlas):
    with pytest.raises(KeyError):
        state_at_step(atlas, "no-such-step")

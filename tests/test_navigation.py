"""Which step a page shows: the default, deep links, previous and next."""

from __future__ import annotations

import datetime as dt

import pytest

from astana.timeline import build_steps
from astana.views import navigation


@pytest.fixture(scope="module")
def steps(atlas):
    return build_steps(atlas)


def test_the_page_opens_on_the_memorandum_in_force(atlas, steps):
    assert navigation.default_step(atlas, steps).id == "memorandum-in-force-2017-05-06"


def test_no_link_gives_the_default(steps):
    choice = navigation.step_from_link(steps, None, steps[5])
    assert (choice.step, choice.notice) == (steps[5], None)
    assert navigation.step_from_link(steps, "", steps[5]).step == steps[5]


def test_a_step_date_restores_that_step(steps):
    for step in steps:
        value = navigation.link_value(step)
        choice = navigation.step_from_link(steps, value, steps[0])
        assert (choice.step, choice.notice) == (step, None)


def test_a_date_between_steps_selects_the_step_in_force(steps):
    choice = navigation.step_from_link(steps, "2017-09-20", steps[0])
    assert choice.step.id == "idlib-agreement-2017-09-15"
    assert choice.notice is None


@pytest.mark.parametrize(
    "value",
    [
        "2017-02-30",
        "2017-13-01",
        "20-09-2017",
        "2017-9-15",
        "yesterday",
        "<script>alert(1)</script>",
        "2017-09-15T00:00",
        "9" * 5000,
    ],
)
def test_a_malformed_date_falls_back_to_the_first_step_with_a_notice(steps, value):
    choice = navigation.step_from_link(steps, value, steps[6])
    assert choice.step == steps[0]
    assert choice.notice == navigation.NOT_A_DATE
    assert value not in choice.notice


@pytest.mark.parametrize("value", ["2016-12-29", "1900-01-01", "2030-01-01"])
def test_a_date_outside_the_atlas_falls_back_to_the_first_step_with_a_notice(steps, value):
    choice = navigation.step_from_link(steps, value, steps[6])
    assert choice.step == steps[0]
    assert "outside the atlas (2016-12-30 to 2024-12-08)" in choice.notice


def test_parse_date_is_strict():
    assert navigation.parse_date(" 2017-05-06 ") == dt.date(2017, 5, 6)
    assert navigation.parse_date("2017-05-06x") is None
    assert navigation.parse_date("\uff12\uff10\uff11\uff17-05-06") is None  # full-width digits


def test_previous_and_next_stop_at_the_ends(steps):
    assert navigation.neighbour(steps, steps[0].id, -1) is None
    assert navigation.neighbour(steps, steps[0].id, 1) == steps[1]
    assert navigation.neighbour(steps, steps[-1].id, 1) is None
    assert navigation.neighbour(steps, steps[-1].id, -1) == steps[-2]
    assert navigation.neighbour(steps, "no-such-step", 1) is None


def test_play_shows_the_next_step_at_once_and_from_the_last_starts_again(steps):
    assert navigation.play_first(steps, steps[3].id) == steps[4]
    assert navigation.play_first(steps, steps[-1].id) == steps[0]
    assert navigation.DEFAULT_PACE_S in navigation.PLAY_PACES_S

"""The panel beside the map, and the method notes."""

from __future__ import annotations

import datetime as dt

from astana.data.models import EVENT_KINDS, Source
from astana.timeline import state_at_step
from astana.views import summary
from astana.views.display import DASH

HOSTILE = "<script>alert(1)</script>"


def test_round_panel_has_dates_venue_participants_outcomes_and_sources(atlas):
    panel = summary.step_panel_html(atlas, state_at_step(atlas, "astana-6"))
    assert f"Round 6 · 14{DASH}15 September 2017 · Astana, Kazakhstan" in panel
    assert "<h3>Astana 6: Idlib zone and control forces agreed</h3>" in panel
    assert "Guarantors: Russia, Turkey, Iran" in panel
    assert "<h4>Outcomes</h4>" in panel
    round_six = atlas.round("astana-6")
    assert panel.count('target="_blank"') == len(round_six.sources)


def test_agreement_panel_folds_its_round_as_context(atlas):
    panel = summary.step_panel_html(atlas, state_at_step(atlas, "idlib-agreement-2017-09-15"))
    assert "Agreement · 15 September 2017" in panel
    assert "<b>Zones concerned:</b> Zone 1" in panel
    assert "<details><summary>Context: Astana 6: Idlib zone and control forces agreed" in panel


def test_the_doha_meeting_reads_as_a_ministerial_meeting(atlas):
    panel = summary.step_panel_html(atlas, state_at_step(atlas, "doha-meetings-2024-12-07"))
    assert "Ministerial meeting · 7 December 2024" in panel


def test_every_event_kind_has_words_for_the_panel():
    # a kind without words would show its raw identifier ("meeting") to the reader
    assert set(summary._KIND_WORDS) == set(EVENT_KINDS)


def test_a_step_before_any_round_has_no_context(atlas):
    panel = summary.step_panel_html(atlas, state_at_step(atlas, "ceasefire-2016-12-30"))
    assert "Nationwide ceasefire takes effect" in panel
    assert "Context:" not in panel


def test_panel_escapes_text_and_drops_non_http_links(atlas):
    source = Source(title=HOSTILE, publisher=HOSTILE, date="2017-01-01", url="https://x.org")
    event = atlas.event("ceasefire-2016-12-30").model_copy(
        update={
            "title": HOSTILE,
            "summary": HOSTILE,
            "notes": HOSTILE,
            "sources": (source.model_copy(update={"url": "javascript:alert(2)"}),),
        }
    )
    panel = summary.event_html(event)
    assert "<script>" not in panel and "javascript:" not in panel
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel


def test_date_span():
    assert summary.date_span(dt.date(2017, 1, 23), dt.date(2017, 1, 23)) == "23 January 2017"
    assert summary.date_span(dt.date(2017, 12, 30), dt.date(2018, 1, 2)) == (
        f"30 December 2017 {DASH} 2 January 2018"
    )


def test_method_notes_cover_every_zone_version(atlas):
    notes = summary.method_html(atlas)
    assert notes.count("<details>") == len(atlas.zones)
    assert "geodata/README.md" in notes
    assert "Precision:" in notes


def test_the_panel_lists_every_place_a_step_took_with_the_km2(atlas):
    panel = summary.step_panel_html(atlas, state_at_step(atlas, "nasib-2018-07-06"))
    assert "<h4>What changed on the map</h4>" in panel
    assert "<b>Since 26 June 2018:</b> -1,330 km² (1,228 km² left)" in panel
    places = "Bosra al-Sham, Dael, Ghasam, Ibta, Maaraba, Nasib, Nasib border crossing"
    assert places in panel and "Umm al-Mayadhin</p>" in panel  # all 13, uncapped
    # the change's sources the panel does not cite already: the version's own, folded
    folded = panel.split("Sources for this change")[1].split("</details>")[0]
    event_urls = {source.url for source in atlas.event("nasib-2018-07-06").sources}
    version = next(v for v in atlas.zones if v.id == "zone-3-2018-07-06")
    assert folded.count("<a href=") == len({s.url for s in version.sources} - event_urls)


def test_the_panel_shows_only_the_zones_that_changed_at_the_step(atlas):
    changed = summary.changes_at(atlas, state_at_step(atlas, "quneitra-deal-2018-07-19"))
    assert [c.version.id for c in changed] == ["zone-1-2018-07", "zone-3-2018-07-19"]
    # a round between two redraws changes nothing on the map
    panel = summary.step_panel_html(atlas, state_at_step(atlas, "astana-6"))
    assert "What changed on the map" not in panel


def test_a_zone_that_ended_at_the_step_reads_as_no_longer_covered(atlas):
    panel = summary.step_panel_html(atlas, state_at_step(atlas, "hts-offensive-2024-11-27"))
    assert "the zone ended; the 3,292 km² it held are no longer covered" in panel
    assert "Places no longer covered (27 November 2024):</b> Al-Atarib, " in panel
    assert "Places taken" not in panel

"""The comparison of two dates and the place search in Chromium: the map draws both dates
(outlines, fills, hatched lost and gained ground) and the place's marker, in the same
iframe and window as before, and the URL follows."""

from __future__ import annotations

from pages import APPLIED_GROUP_JS, IDLE, open_app, press_on_slider
from playwright.sync_api import Frame, Page, expect

# What the comparison drew in the zones' pane: outlines (the earlier date, dashed), fills
# (the later date) and the lost and gained ground (filled with the hatching patterns).
DRAWN_JS = """() => {
    const paths = [...document.querySelectorAll('.leaflet-zones-pane path')];
    const count = test => paths.filter(test).length;
    return {
        outlines: count(p => p.getAttribute('stroke-dasharray') === '6 4'),
        fills: count(p => p.getAttribute('fill-opacity') === '0.3'),
        lost: count(p => p.getAttribute('fill') === 'url(#astana-hatch-lost)'),
        gained: count(p => p.getAttribute('fill') === 'url(#astana-hatch-gained)'),
        hatching: !!document.getElementById('astana-hatch-lost'),
        all: paths.length,
    };
}"""
MARKER_JS = "() => document.querySelectorAll('path.astana-place-marker').length"


def _wait_for_new_group(page: Page, frame: Frame, before: str) -> None:
    frame.wait_for_function(f"(before) => ({APPLIED_GROUP_JS})() !== before", arg=before)
    page.wait_for_selector(IDLE)


def _url(page: Page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(new URLSearchParams(location.search))")


def test_compare_and_a_place_draw_in_the_same_map_and_back_restores_it(page, server):
    frame = open_app(page, server.url, "2017-09-14")  # astana-6, the day before Idlib's
    page.locator("iframe[title*='st_folium']").evaluate("iframe => iframe.dataset.probe = 'kept'")
    frame.evaluate("() => { window.__probe = 'kept'; }")
    press_on_slider(page, frame, "ArrowRight")  # a step: the Idlib agreement, 2017-09-15
    plain = frame.evaluate(DRAWN_JS)

    before = frame.evaluate(APPLIED_GROUP_JS)
    page.get_by_label("Compare with…").click()
    page.keyboard.type("2018-07-31")
    page.get_by_role("option").filter(has_text="2018-07-31").first.click()
    _wait_for_new_group(page, frame, before)
    drawn = frame.evaluate(DRAWN_JS)
    assert drawn["outlines"] == 4 and drawn["fills"] >= 1, drawn  # four zones, then zone 1
    assert drawn["lost"] >= 4 and drawn["gained"] >= 1 and drawn["hatching"], drawn
    assert _url(page) == {"date": "2017-09-15", "compare": "2018-07-31"}
    expect(page.locator(".astana-compare")).to_contain_text("What changed from")

    before = frame.evaluate(APPLIED_GROUP_JS)
    page.get_by_label("Find a place").fill("إدلب")
    page.keyboard.press("Enter")
    _wait_for_new_group(page, frame, before)
    assert frame.evaluate(MARKER_JS) == 1
    frame.wait_for_function("() => Math.abs(window.map.getCenter().lat - 35.93) < 0.05")
    assert _url(page)["place"] == "idlib"
    expect(page.locator(".astana-place")).to_contain_text("Idlib")

    before = frame.evaluate(APPLIED_GROUP_JS)
    page.get_by_role("button", name="Back to the single date").click()
    _wait_for_new_group(page, frame, before)
    assert frame.evaluate(DRAWN_JS) == plain | {"hatching": True}  # patterns stay, unused
    assert frame.evaluate(MARKER_JS) == 1  # the place stays chosen
    assert _url(page) == {"date": "2017-09-15", "place": "idlib"}
    # The same iframe and the same window throughout: never recreated.
    assert page.locator("iframe[data-probe='kept']").count() == 1
    assert frame.evaluate("() => window.__probe") == "kept"

"""The offline routing itself: CDN files come from the npm cache at folium's versions, and
anything else that would leave the machine is refused and reported."""

from __future__ import annotations

import folium
from conftest import DESKTOP
from e2e_support import cdn_file, route_offline

from astana.views import mapview


def test_the_cache_holds_the_leaflet_folium_asks_for(cdn_cache):
    folium_urls = [url for _name, url in folium.Map().default_js + folium.Map().default_css]
    leaflet_urls = [url for url in folium_urls if "/npm/leaflet@" in url]
    assert leaflet_urls, "folium no longer loads Leaflet from jsDelivr: update route_offline"
    assert all(url.startswith(mapview.LEAFLET_CDN) for url in leaflet_urls)
    for url in leaflet_urls:
        assert cdn_file(cdn_cache, url).is_file(), f"{url}: not in {cdn_cache} (see .ci/run)"


def test_an_unknown_external_request_is_refused_and_logged(browser, cdn_cache):
    context = browser.new_context(viewport=DESKTOP)
    log = route_offline(context, cdn_cache)
    page = context.new_page()
    page.set_content("<p>offline</p>")
    fetched = page.evaluate(
        """async () => {
            const leaflet = await fetch(%r).then(answer => answer.ok, () => false);
            const other = await fetch("https://example.org/x.js").then(() => true, () => false);
            return [leaflet, other];
        }"""
        % (mapview.LEAFLET_CDN + "leaflet.js")
    )
    context.close()
    assert fetched == [True, False]
    assert log.refused == ["https://example.org/x.js"]

"""Snapshot files: ``snapshot`` makes every format (GeoJSON, GeoPackage, CSV, and through
the other modules PNG and SVG (``staticmap``, drawn in the app's styles by ``mplstyle``,
laid out by ``layout``, labelled by ``mapmarks`` and ``labels``), standalone HTML
(``htmlmap``) and the citable ZIP (``bundle``)); ``layerexport`` and ``attribution`` are
shared pieces. Used by both faces: the page's download menu and ``python -m astana
snapshot``.
"""

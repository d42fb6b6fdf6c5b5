"""Snapshot files: ``snapshot`` makes every format (GeoJSON, GeoPackage, CSV, and through
the other modules PNG and SVG (``staticmap``, ``mplstyle``), standalone HTML (``htmlmap``)
and the citable ZIP (``bundle``)); ``layerexport`` and ``attribution`` are shared pieces.
Used by both faces: the page's download menu and ``python -m astana snapshot``.
"""

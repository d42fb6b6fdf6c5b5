"""Build geodata/layers.geojson: features that are not one of the four zones.

Two kinds, read from ``data/layer_rules.yaml``: the demilitarised zone of the Sochi
memorandum (``dmz``) and the M4 security corridor of the Moscow protocol (``corridor``).
Each is a band around a polyline through named places (or noted points): the line grown by
``buffer_km`` in a local equal-area projection (:func:`astana.geometry.buffer_km`), cut to
a zone outline when ``within`` names one, and clipped to Syria's border. Imported by
``build_geodata.py``; not run on its own.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field
from rules import RuleModel, Vertex, read_rules, vertex_coords
from shapely.geometry import LineString, MultiPolygon, Polygon, mapping

from astana import geometry
from astana.data.models import IsoDate, Slug, Source, Text

LAYER_RULES = "data/layer_rules.yaml"


class LayerRule(RuleModel):
    id: Slug
    kind: Literal["dmz", "corridor"]
    name: Text
    valid_from: IsoDate
    valid_to: IsoDate | None
    basis: Slug
    line: Annotated[tuple[Vertex, ...], Field(min_length=2)]
    buffer_km: Annotated[float, Field(gt=0, le=30)]
    within: Slug | None = None  # an outline id of data/zone_rules.yaml
    description: Text
    notes: Text | None = None
    precision: Text
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]


class LayerRulesFile(RuleModel):
    sources: tuple[Source, ...]  # defined once, referred to by YAML anchors
    layers: tuple[LayerRule, ...]


def read_layer_rules(root: Path) -> LayerRulesFile:
    """The layer rules, or exit with the file's problem."""
    return read_rules(root / LAYER_RULES, LayerRulesFile, root)


def _line(rule: LayerRule, places: dict[str, dict]) -> LineString:
    where = f"{LAYER_RULES}: {rule.id}: line"
    return LineString([vertex_coords(vertex, places, where) for vertex in rule.line])


def build_layer(rule: LayerRule, places: dict[str, dict], outlines: dict, border):
    """The band of ``rule``: its line grown by ``buffer_km``, cut to ``within``, clipped to
    the border; parts under 0.5 km2 dropped."""
    shape = geometry.buffer_km(_line(rule, places), rule.buffer_km)
    if rule.within is not None:
        if rule.within not in outlines:
            sys.exit(f"{LAYER_RULES}: {rule.id}: within: unknown outline {rule.within!r}")
        shape = shape.intersection(outlines[rule.within])
    shape = shape.intersection(border)
    parts = [p for p in getattr(shape, "geoms", [shape]) if isinstance(p, Polygon)]
    kept = [p for p in parts if geometry.area_km2(p) >= 0.5]
    return MultiPolygon(sorted(kept, key=lambda p: p.bounds))


def describe_layer(rule: LayerRule, places: dict[str, dict]) -> str:
    """The ``method`` text of a layer: the line it follows and how the band was drawn."""
    named = [places[v.place]["name"] for v in rule.line if v.place]
    text = (
        f"Approximate band ({rule.description.rstrip('.')}): a line through "
        f"{len(rule.line)} points, {len(named)} of them named places ({', '.join(named)}), "
        f"grown by {rule.buffer_km:g} km on each side in a local equal-area projection"
    )
    if rule.within:
        text += f", kept only inside the zone outline {rule.within!r}"
    return text + ", clipped to Syria's border (Natural Earth 1:10m)."


def layer_features(root: Path, places: dict[str, dict], outlines: dict, border) -> list[dict]:
    """Every layer as a GeoJSON Feature (coordinates to 5 decimals), in file order."""
    features = []
    for rule in read_layer_rules(root).layers:
        shape = geometry.to_rfc7946(build_layer(rule, places, outlines, border), decimals=5)
        properties = {
            "id": rule.id, "kind": rule.kind, "name": rule.name,
            "valid_from": rule.valid_from.isoformat(),
            "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
            "basis": rule.basis, "method": describe_layer(rule, places),
            "precision": rule.precision, "notes": rule.notes,
            "sources": list({s.url: s.model_dump(mode="json") for s in rule.sources}.values()),
        }  # fmt: skip
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(shape)})
    return features

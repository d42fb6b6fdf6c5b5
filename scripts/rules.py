"""Pieces shared by the geodata build scripts: strict rule records, vertices (a named place
or a noted point) and reading a rules file. Not run on its own."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from astana.data.files import Problem, item_label, parse_yaml
from astana.data.models import Slug, Text


class RuleModel(BaseModel):
    """Base of every rule record: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Vertex(RuleModel):
    """A named place (an id from data/places.yaml) or a point with a note saying what it is."""

    place: Slug | None = None
    point: tuple[float, float] | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Vertex:
        if (self.place is None) == (self.point is None):
            raise ValueError("give exactly one of place or point")
        if self.point is not None and self.note is None:
            raise ValueError("a point needs a note saying what it marks")
        return self


def vertex_coords(vertex: Vertex, places: dict[str, dict], where: str) -> tuple[float, float]:
    """Longitude and latitude of a vertex; exit with a message naming ``where`` if its place
    is unknown."""
    if vertex.point is not None:
        return vertex.point
    if vertex.place not in places:
        sys.exit(f"{where}: unknown place {vertex.place!r}")
    return places[vertex.place]["lon"], places[vertex.place]["lat"]


def read_rules(path: Path, model: type[BaseModel], root: Path):
    """Read and validate a YAML rules file, or exit with one line per problem, each naming
    the file, the item (its ``id``) and the field."""
    name = str(path.relative_to(root))
    try:
        document = parse_yaml(path.read_text("utf-8"))
        return model.model_validate(document)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        sys.exit(f"{name}: {err}")
    except ValidationError as err:
        sys.exit("\n".join(str(p) for p in rule_problems(err, document, name)))


def rule_problems(err: ValidationError, document, name: str) -> list[Problem]:
    """One :class:`Problem` per failing field: the item is named by its ``id`` (``#N`` when
    it has none), the field by its path inside the item (``ring.3.point``)."""
    problems = []
    for detail in err.errors(include_url=False):
        loc = list(detail["loc"])
        item, field = "-", ".".join(str(part) for part in loc) or "-"
        if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(document, dict):
            listed = document.get(loc[0])
            raw = listed[loc[1]] if isinstance(listed, list) and loc[1] < len(listed) else None
            label = item_label(raw, loc[1])
            item = label if not label.startswith("#") else f"{loc[0]} {label}"
            field = ".".join(str(part) for part in loc[2:]) or "-"
        message = detail["msg"].removeprefix("Value error, ")
        problems.append(Problem(name, item, field, message))
    return problems

"""The world map the ``/map`` page draws on the server: country outlines and event markers as
SVG, with no tile server, no CDN and no script.

The outlines are Natural Earth's 1:110m countries as the npm package ``world-atlas`` ships
them in TopoJSON (``make atlas`` fetches it at set-up, pinned by hash; see
:func:`newsgraph.settings.atlas_path`). TopoJSON stores each border once, as an arc of
delta-encoded integer points that the countries on both sides share; :func:`decode` turns
it back into rings of longitude and latitude. Without the file the map still shows every
event, on a graticule, and says how to get the outlines.

The projection is equirectangular (longitude and latitude as x and y), cut at 60°S where no
news is placed: a place's point is where a reader looks for it, and the page's markers and
an export's coordinates agree at a glance.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.describe import event_kind, event_parties
from newsgraph.events.ontology import quad

WIDTH = 960.0  # SVG units across 360° of longitude
NORTH, SOUTH = 84.0, -60.0  # the latitudes the map shows
SCALE = WIDTH / 360.0
HEIGHT = (NORTH - SOUTH) * SCALE
GRATICULE_DEGREES = 30


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """A point's place on the map, in SVG units from its top left corner."""
    return ((longitude + 180.0) * SCALE, (NORTH - max(SOUTH, min(NORTH, latitude))) * SCALE)


@dataclass(frozen=True)
class Country:
    """A country outline: its ISO 3166 numeric id (as world-atlas keys it), name and path."""

    id: str
    name: str
    path: str


def decode(topology: dict[str, Any], name: str = "countries") -> Iterator[
        tuple[dict[str, Any], list[list[tuple[float, float]]]]]:
    """Each geometry of the TopoJSON object ``name``, with its rings as (longitude,
    latitude) points: a polygon's outer ring and holes, every part of a multipolygon."""
    scale, translate = (topology.get("transform") or {}).get("scale"), None
    if scale:
        translate = topology["transform"]["translate"]
    arcs = [_arc(arc, scale, translate) for arc in topology["arcs"]]
    for geometry in topology["objects"][name]["geometries"]:
        kind, parts = geometry.get("type"), geometry.get("arcs") or []
        polygons = [parts] if kind == "Polygon" else parts if kind == "MultiPolygon" else []
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        yield geometry, rings


def _arc(points: list[list[float]], scale: list[float] | None,
         translate: list[float] | None) -> list[tuple[float, float]]:
    """A quantized arc's points in degrees: positions are deltas from the previous point."""
    if scale is None or translate is None:
        return [(p[0], p[1]) for p in points]
    x = y = 0.0
    out = []
    for dx, dy, *_ in points:
        x, y = x + dx, y + dy
        out.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
    return out


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """Arcs joined end to start; ``~i`` (a negative index) is arc ``i`` walked backwards."""
    ring: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def svg_path(rings: Iterable[list[tuple[float, float]]]) -> str:
    """SVG path data for rings of (longitude, latitude) points, to a tenth of a unit."""
    parts = []
    for ring in rings:
        points = [project(lat, lon) for lon, lat in ring]
        if len(points) >= 3:
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@cache
def _countries(path: Path, mtime_ns: int) -> tuple[Country, ...]:
    topology = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Country(str(geometry.get("id", "")),
                         str((geometry.get("properties") or {}).get("name", "")),
                         svg_path(rings))
                 for geometry, rings in decode(topology))


def countries(path: Path | None) -> tuple[Country, ...]:
    """The outlines in the atlas file at ``path``; none where there is no file or it cannot
    be read as TopoJSON (the map then draws its graticule alone)."""
    if path is None or not path.is_file():
        return ()
    try:
        return _countries(path, path.stat().st_mtime_ns)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return ()


def graticule() -> str:
    """SVG path data for the parallels and meridians every :data:`GRATICULE_DEGREES`."""
    lines = []
    for lon in range(-180, 181, GRATICULE_DEGREES):
        (x, top), (_, bottom) = project(NORTH, lon), project(SOUTH, lon)
        lines.append(f"M{x:.1f},{top:.1f}V{bottom:.1f}")
    for lat in range(-60, 91, GRATICULE_DEGREES):
        if SOUTH <= lat <= NORTH:
            _, y = project(lat, 0)
            lines.append(f"M0,{y:.1f}H{WIDTH:.1f}")
    return "".join(lines)


def markers(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One marker per event with coordinates: where to draw it, how to colour it (the
    event's quad class), the link to the event in its article and the words of its tooltip.
    Events at one place share the point, drawn in list order."""
    out = []
    for row in rows:
        place = row.get("place") or {}
        lat, lon = place.get("latitude"), place.get("longitude")
        if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        x, y = project(lat, lon)
        out.append({"x": round(x, 1), "y": round(y, 1), "quad": quad(row["type"]),
                    "precision": row.get("place_precision") or place.get("kind"),
                    "href": f"/articles/{row['article_id']}#event-{row['seq']}",
                    "title": f"{event_kind(row)} · {event_parties(row)} · {place.get('name')}",
                    "place": place.get("name")})
    return out

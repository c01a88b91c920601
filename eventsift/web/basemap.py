"""Build the offline basemap: TopoJSON country outlines -> a small GeoJSON file.

The map must render with no internet, so the country outlines ship inside
the package (`static/basemap/countries-50m.geojson`). They were made once,
from npm's `world-atlas` 2.0.2 (Natural Earth 4.1.0, public domain), with:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m eventsift.web.basemap package/countries-50m.json \
        eventsift/web/static/basemap/countries-50m.geojson

The app serves the file gzipped once per process (`basemap_bytes`).
"""
from __future__ import annotations

import gzip
import json
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

DIGITS = 2  # coordinates rounded to 0.01 degree (about 1 km)
TOLERANCE_DEGREES = 0.02  # arcs simplified to within about 2 km: country outlines, not coastlines

Point = list[float]
Ring = list[Point]


def decode_arcs(topology: dict[str, Any], digits: int) -> list[Ring]:
    """Every arc of a quantized TopoJSON topology as absolute lon/lat points."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([[float(x), float(y)] for x, y in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, digits), round(y * sy + ty, digits)])
        arcs.append(points)
    return arcs


def simplify_arc(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker on one arc; its end points stay, so shared borders stay shared."""
    if len(points) < 3 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = _farthest(points, first, last)
        if distance > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [point for point, kept in zip(points, keep) if kept]


def _farthest(points: Ring, first: int, last: int) -> tuple[int, float]:
    """The point between first and last farthest from the chord joining them."""
    (x1, y1), (x2, y2) = points[first], points[last]
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    best, best_distance = first, -1.0
    for index in range(first + 1, last):
        x, y = points[index]
        if length == 0:
            distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        else:
            distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
        if distance > best_distance:
            best, best_distance = index, distance
    return best, best_distance


def stitch_ring(arc_ids: list[int], arcs: list[Ring]) -> Ring:
    """One closed ring from arc indices (a negative index ~i means arc i reversed)."""
    ring: Ring = []
    for index in arc_ids:
        points = arcs[~index][::-1] if index < 0 else arcs[index]
        ring.extend(points[1:] if ring else points)
    return _without_repeats(ring)


def _without_repeats(ring: Ring) -> Ring:
    """Drop consecutive duplicate points that rounding created."""
    kept: Ring = []
    for point in ring:
        if not kept or point != kept[-1]:
            kept.append(point)
    return kept


def geometry_to_geojson(geometry: dict[str, Any], arcs: list[Ring],
                        detailed: list[Ring] | None = None) -> dict[str, Any] | None:
    """A TopoJSON (Multi)Polygon as a GeoJSON MultiPolygon; None for other types.

    A ring that simplification shrank below a polygon is rebuilt from the
    `detailed` arcs, so small islands and countries stay on the map.
    """
    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return None
    coordinates = [
        [ring for ring in (_ring(ids, arcs, detailed or arcs) for ids in polygon) if len(ring) >= 4]
        for polygon in polygons
    ]
    coordinates = [polygon for polygon in coordinates if polygon]
    return {"type": "MultiPolygon", "coordinates": coordinates} if coordinates else None


def _ring(arc_ids: list[int], arcs: list[Ring], detailed: list[Ring]) -> Ring:
    ring = stitch_ring(arc_ids, arcs)
    return ring if len(ring) >= 4 else stitch_ring(arc_ids, detailed)


def topology_to_geojson(topology: dict[str, Any], layer: str = "countries",
                        digits: int = 2, tolerance: float = 0.0) -> dict[str, Any]:
    """The `layer` object of a topology as a GeoJSON FeatureCollection (names kept),
    each arc simplified to `tolerance` degrees."""
    detailed = decode_arcs(topology, digits)
    arcs = [simplify_arc(arc, tolerance) for arc in detailed]
    features = []
    for geometry in topology["objects"][layer]["geometries"]:
        shape = geometry_to_geojson(geometry, arcs, detailed)
        if shape is None:
            continue
        name = (geometry.get("properties") or {}).get("name")
        features.append({"type": "Feature", "properties": {"name": name}, "geometry": shape})
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m eventsift.web.basemap TOPOJSON_IN GEOJSON_OUT", file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    collection = topology_to_geojson(topology, digits=DIGITS, tolerance=TOLERANCE_DEGREES)
    Path(argv[1]).write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"{argv[1]}: {len(collection['features'])} countries")
    return 0



BASEMAP_FILE = "countries-50m.geojson"


@cache
def basemap_bytes(compressed: bool) -> bytes:
    """The shipped basemap file, gzipped once per process when asked."""
    raw = resources.files("eventsift.web").joinpath("static", "basemap", BASEMAP_FILE).read_bytes()
    return gzip.compress(raw, compresslevel=9, mtime=0) if compressed else raw


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Generate SYNTHETIC geometries for the Jiangxi example.

Writes
    geometry/units.geojson    one polygon per control unit of province/units.zr (property
                              "code"), plus the territory of each 设区市 and of the province
                              (property "kind": "boundary", "code": 360100 … / 360000)
    geometry/layers.geojson   named layers (property "name"): 长江干流 and 赣江 (polylines),
                              鄱阳湖 (a lake polygon), 饮用水水源保护区 and 自然保护区 (polygons)

EVERYTHING HERE IS SYNTHETIC: the outline is a convex polygon roughly where Jiangxi lies, the
city seats are approximate, and cities, counties and units are nested Voronoi cells (each cell
clipped to its parent) drawn with a fixed seed. Rivers, the lake and the protected areas are
hand-placed sketches, not surveyed boundaries. Coordinates: decimal degrees (CGCS2000 / WGS84
lon/lat), rounded to 6 decimals; outer rings counter-clockwise (RFC 7946).

Usage:  examples/jiangxi/gen-geometry.py [--seed N] [--out DIR] [--check]
        (standard library only; same seed, same bytes)
"""

import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20250105

# A rough outline of the province (synthetic); its convex hull is used.
OUTLINE = [(114.9, 24.5), (115.6, 24.6), (116.4, 25.0), (116.9, 25.9), (117.5, 26.8),
           (118.1, 27.6), (118.5, 28.3), (118.4, 29.0), (117.9, 29.6), (116.8, 30.0),
           (115.8, 30.1), (114.9, 29.8), (114.1, 29.2), (113.6, 28.2), (113.6, 26.5),
           (113.9, 25.4), (114.3, 24.8)]

# Approximate seats of the 11 设区市 (the seeds of the city cells).
CITY_SEATS = {
    "3601": (115.89, 28.68), "3602": (117.18, 29.27), "3603": (113.85, 27.62),
    "3604": (115.99, 29.71), "3605": (114.92, 27.82), "3606": (117.07, 28.26),
    "3607": (114.93, 25.83), "3608": (114.99, 27.11), "3609": (114.39, 27.80),
    "3610": (116.36, 27.95), "3611": (117.94, 28.45),
}

LAYERS = [
    ("长江干流", "river", "LineString",
     [(115.45, 29.98), (115.8, 29.86), (116.05, 29.78), (116.3, 29.83), (116.6, 29.98),
      (116.9, 30.12)]),
    ("赣江", "river", "LineString",
     [(114.93, 25.83), (114.96, 26.3), (114.99, 27.11), (115.2, 27.45), (115.55, 27.9),
      (115.85, 28.55), (115.95, 28.85), (116.1, 29.05)]),
    ("鄱阳湖", "lake", "Polygon",
     [(116.0, 28.75), (116.45, 28.7), (116.72, 28.95), (116.55, 29.3), (116.2, 29.42),
      (116.02, 29.2)]),
    ("饮用水水源保护区", "water_source", "Polygon",
     [(115.78, 28.72), (115.84, 28.72), (115.84, 28.78), (115.78, 28.78)]),
    ("饮用水水源保护区", "water_source", "Polygon",
     [(117.90, 28.50), (117.96, 28.50), (117.96, 28.55), (117.90, 28.55)]),
    ("饮用水水源保护区", "water_source", "Polygon",
     [(114.86, 25.88), (114.92, 25.88), (114.92, 25.93), (114.86, 25.93)]),
    ("自然保护区", "reserve", "Polygon",
     [(114.05, 26.45), (114.3, 26.42), (114.32, 26.65), (114.08, 26.68)]),
    ("自然保护区", "reserve", "Polygon",
     [(115.9, 29.48), (116.05, 29.48), (116.05, 29.6), (115.9, 29.6)]),
    ("自然保护区", "reserve", "Polygon",
     [(117.98, 28.85), (118.15, 28.85), (118.15, 28.98), (117.98, 28.98)]),
]


def convex_hull(points):
    """Counter-clockwise convex hull (Andrew's monotone chain): clipping needs a convex parent."""
    points = sorted(set(points))

    def half(sequence):
        chain = []
        for p in sequence:
            while len(chain) >= 2 and ((chain[-1][0] - chain[-2][0]) * (p[1] - chain[-2][1]) -
                                       (chain[-1][1] - chain[-2][1]) * (p[0] - chain[-2][0])) <= 0:
                chain.pop()
            chain.append(p)
        return chain

    lower, upper = half(points), half(reversed(points))
    return lower[:-1] + upper[:-1]


def clip(polygon, a, b, c):
    """Sutherland–Hodgman: the part of a convex polygon where a*x + b*y <= c."""
    out = []
    n = len(polygon)
    for i in range(n):
        p, q = polygon[i], polygon[(i + 1) % n]
        fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def voronoi_cells(parent, seeds):
    """The Voronoi cell of each seed, clipped to the convex `parent` polygon."""
    cells = []
    for i, s in enumerate(seeds):
        cell = parent
        for j, t in enumerate(seeds):
            if i == j or not cell:
                continue
            # Points closer to s than to t: 2(t-s)·x <= |t|² - |s|².
            a, b = 2 * (t[0] - s[0]), 2 * (t[1] - s[1])
            c = t[0] ** 2 + t[1] ** 2 - s[0] ** 2 - s[1] ** 2
            cell = clip(cell, a, b, c)
        cells.append(cell)
    return cells


def inside(polygon, p):
    n = len(polygon)
    for i in range(n):
        a, b = polygon[i], polygon[(i + 1) % n]
        if (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) < 0:
            return False
    return True


def random_seeds(rng, polygon, count):
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    seeds = []
    while len(seeds) < count:
        p = (rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys)))
        if inside(polygon, p):
            seeds.append(p)
    return seeds


def ring(polygon):
    """A closed GeoJSON ring, 6 decimals, without repeated vertices after rounding."""
    out = []
    for x, y in polygon:
        p = [round(x, 6), round(y, 6)]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    out.append(out[0])
    return out


def read_units():
    units = []
    with open(os.path.join(HERE, "province", "units.zr"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'unit (ZH\d{11}) "[^"]*" class (\w+) county (\d{6})', line)
            if m:
                units.append((m.group(1), m.group(2), m.group(3)))
    return units


def feature(properties, geometry_type, coordinates):
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": geometry_type, "coordinates": coordinates}}


def generate(seed):
    rng = random.Random(seed)
    units = read_units()
    counties = {}
    for code, unit_class, county in units:
        counties.setdefault(county, []).append((code, unit_class))
    features = []
    city_codes = sorted(CITY_SEATS)
    outline = convex_hull(OUTLINE)
    city_cells = voronoi_cells(outline, [CITY_SEATS[c] for c in city_codes])
    for city, city_cell in zip(city_codes, city_cells):
        county_codes = sorted(c for c in counties if c.startswith(city))
        county_cells = voronoi_cells(city_cell, random_seeds(rng, city_cell, len(county_codes)))
        for county, county_cell in zip(county_codes, county_cells):
            members = counties[county]
            unit_cells = voronoi_cells(county_cell, random_seeds(rng, county_cell, len(members)))
            for (code, unit_class), cell in zip(members, unit_cells):
                features.append(feature({"code": code, "class": unit_class, "county": county},
                                        "Polygon", [ring(cell)]))
        features.append(feature({"code": city + "00", "kind": "boundary"}, "Polygon",
                                [ring(city_cell)]))
    features.append(feature({"code": "360000", "kind": "boundary"}, "Polygon", [ring(outline)]))
    layers = []
    for name, kind, geometry_type, coords in LAYERS:
        if geometry_type == "Polygon":
            coordinates = [ring(coords)]
        else:
            coordinates = [[round(x, 6), round(y, 6)] for x, y in coords]
        layers.append(feature({"name": name, "kind": kind}, geometry_type, coordinates))
    note = ("SYNTHETIC geometry generated by examples/jiangxi/gen-geometry.py "
            f"(seed {seed}); not surveyed boundaries")
    return {
        "units.geojson": collection(note, features),
        "layers.geojson": collection(note, layers),
    }


def collection(note, features):
    lines = ['{"type": "FeatureCollection", "synthetic": ' + json.dumps(note, ensure_ascii=False)
             + ', "features": [']
    for i, f in enumerate(features):
        lines.append(json.dumps(f, ensure_ascii=False, separators=(",", ":"))
                     + ("," if i + 1 < len(features) else ""))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", default=os.path.join(HERE, "geometry"))
    parser.add_argument("--check", action="store_true",
                        help="fail when the files in --out differ from what would be written")
    args = parser.parse_args()
    files = generate(args.seed)
    stale = []
    for name, text in files.items():
        path = os.path.join(args.out, name)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(path)
            except OSError:
                stale.append(path)
            continue
        os.makedirs(args.out, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    if stale:
        print("stale: " + ", ".join(stale) + " (run examples/jiangxi/gen-geometry.py)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

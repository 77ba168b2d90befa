#include "runtime/geo/Overlay.h"

#include <boost/geometry/algorithms/point_on_surface.hpp>

namespace zr::geo {

namespace {

template <typename A>
MultiPolygon intersect(const A& a, const MultiPolygon& b) {
  MultiPolygon pieces, kept;
  try {
    bg::intersection(a, b, pieces);
  } catch (const bg::exception&) {
    return kept;
  }
  for (auto& piece : pieces) {
    const Point inside = interiorPoint(piece);
    if (bg::within(inside, a) && bg::within(inside, b)) kept.push_back(std::move(piece));
  }
  return kept;
}

}  // namespace

Point interiorPoint(const Polygon& piece) {
  Point point;
  try {
    bg::point_on_surface(piece, point);
  } catch (const bg::exception&) {
    bg::centroid(piece, point);
  }
  return point;
}

MultiPolygon confirmedIntersection(const MultiPolygon& a, const MultiPolygon& b) {
  return intersect(a, b);
}

MultiPolygon confirmedIntersection(const Polygon& a, const MultiPolygon& b) {
  return intersect(a, b);
}

MultiPolygon confirmedDifference(const MultiPolygon& from,
                                 const std::vector<const MultiPolygon*>& holes) {
  MultiPolygon rest = from;
  for (const auto* hole : holes) {
    if (!bg::intersects(bg::return_envelope<Box>(rest), bg::return_envelope<Box>(*hole))) continue;
    MultiPolygon next;
    try {
      bg::difference(rest, *hole, next);
    } catch (const bg::exception&) {
      continue;
    }
    rest = std::move(next);
  }
  MultiPolygon kept;
  for (auto& piece : rest) {
    const Point inside = interiorPoint(piece);
    if (!bg::within(inside, from)) continue;
    bool covered = false;
    for (const auto* hole : holes) {
      if (bg::within(inside, *hole)) {
        covered = true;
        break;
      }
    }
    if (!covered) kept.push_back(std::move(piece));
  }
  return kept;
}

}  // namespace zr::geo

// A feature as a reader found it, before validation: coordinates exactly as written (rings
// possibly unclosed, in any orientation). GeometryBuilder turns it into a Shape.
#pragma once

#include <string>
#include <vector>

namespace zr::geo {

struct RawPosition {
  double lon = 0, lat = 0;
};
using RawPath = std::vector<RawPosition>;

struct RawFeature {
  std::size_t index = 0;
  std::string key;   // the key property ("code" for units, "name" for layers)
  std::string kind;  // the "kind" property, "" when absent
  std::vector<std::vector<RawPath>> polygons;  // each: outer ring, then holes
  std::vector<RawPath> lines;
  std::vector<RawPosition> points;
};

}  // namespace zr::geo

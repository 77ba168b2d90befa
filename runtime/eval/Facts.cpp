#include "runtime/eval/Facts.h"

namespace zr::eval {

void Facts::reset(std::size_t attributeCount) {
  project.clear();
  units.clear();
  slots.assign(attributeCount, Fact{});
  industries.clear();
  strings.clear();
  invalid.clear();
  warnings.clear();
  date = INT32_MIN;
  hasGeometry = false;
  geometry.parts.clear();
  unitHits.clear();
  outsideUnits = false;
  computed.clear();
  conflicts.clear();
  spatialMethod.clear();
}

}  // namespace zr::eval

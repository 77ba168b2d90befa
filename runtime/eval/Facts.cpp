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
}

}  // namespace zr::eval

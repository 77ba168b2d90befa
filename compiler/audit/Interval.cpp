#include "compiler/audit/Interval.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "runtime/util/Date.h"

namespace zr::audit::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Beyond this magnitude consecutive multiples of a decimal step are no longer exact doubles.
constexpr double kExact = 0x1p52;

std::int32_t day(const char* text) {
  std::int32_t days = 0;
  util::parseDate(text, days);
  return days;
}

bool excludedIn(std::span<const double> excluded, double v) {
  return std::find(excluded.begin(), excluded.end(), v) != excluded.end();
}

}  // namespace

NumericDomain NumericDomain::of(ir::AttrType type) {
  if (type == ir::AttrType::Date) {
    static const NumericDomain dates{static_cast<double>(day("0000-01-01")),
                                     static_cast<double>(day("9999-12-31")), true,
                                     static_cast<double>(day("2025-01-01"))};
    return dates;
  }
  // JSON numbers and quantity strings are finite (the evaluator rejects anything else).
  return {-std::numeric_limits<double>::max(), std::numeric_limits<double>::max(), false, 0};
}

Range rangeOf(ir::Cmp cmp, double c, const NumericDomain& domain) {
  Range r{-kInf, kInf};
  switch (cmp) {
    case ir::Cmp::Eq:
      r = {c, c};
      break;
    case ir::Cmp::Ne:
      break;
    case ir::Cmp::Lt:
      r.hi = std::nextafter(c, -kInf);
      break;
    case ir::Cmp::Le:
      r.hi = c;
      break;
    case ir::Cmp::Gt:
      r.lo = std::nextafter(c, kInf);
      break;
    case ir::Cmp::Ge:
      r.lo = c;
      break;
  }
  if (std::isnan(c)) return {1, 0};
  if (domain.integral) r = {std::ceil(r.lo), std::floor(r.hi)};
  r.lo = std::max(r.lo, domain.lo);
  r.hi = std::min(r.hi, domain.hi);
  return r;
}

std::optional<double> pickNumber(Range range, std::span<const double> excluded,
                                 const NumericDomain& domain) {
  if (range.empty()) return std::nullopt;
  double origin = domain.origin;
  // A date range bounded on one side: its bound reads better than an arbitrary reference day.
  if (domain.integral && range.lo > domain.lo)
    origin = range.lo;
  else if (domain.integral && range.hi < domain.hi)
    origin = range.hi;
  const double o = std::clamp(origin, range.lo, range.hi);
  const std::size_t enough = excluded.size() + 1;  // that many distinct candidates: one is free
  static constexpr double kScale[] = {1,   1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const int decimals = domain.integral ? 0 : 15;
  for (int d = 0; d <= decimals; ++d) {
    const double scale = kScale[d];
    if (std::fabs(o) * scale >= kExact) break;
    auto value = [&](double k) { return k / scale + 0.0; };  // + 0.0: never -0
    auto inside = [&](double k) {
      const double v = value(k);
      return v >= range.lo && v <= range.hi;
    };
    double k0 = std::round(o * scale);
    for (int fix = 0; fix < 2 && value(k0) < range.lo; ++fix) k0 += 1;
    for (int fix = 0; fix < 2 && value(k0) > range.hi; ++fix) k0 -= 1;
    if (!inside(k0)) continue;
    std::size_t tried = 0;
    for (double s = 0; tried < enough; ++s) {
      const bool up = inside(k0 + s), down = s > 0 && inside(k0 - s);
      if (!up && !down) break;
      if (up) {
        if (!excludedIn(excluded, value(k0 + s))) return value(k0 + s);
        ++tried;
      }
      if (down) {
        if (!excludedIn(excluded, value(k0 - s))) return value(k0 - s);
        ++tried;
      }
    }
  }
  // No short decimal fits (a sliver between neighbouring doubles, or huge values): walk the
  // representable values from the lower bound; among `enough` of them one is not excluded.
  double v = range.lo;
  for (std::size_t i = 0; i < enough && v <= range.hi; ++i) {
    if (!excludedIn(excluded, v)) return v + 0.0;
    v = domain.integral ? v + 1 : std::nextafter(v, kInf);
  }
  return std::nullopt;
}

}  // namespace zr::audit::detail

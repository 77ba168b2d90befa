// A project descriptor after parsing: one slot per schema attribute, in canonical units.
// Facts are reused across projects (clear() keeps capacity) so screening does not allocate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/eval/Spatial.h"
#include "runtime/ir/Ir.h"

namespace zr::eval {

// 16 bytes: a descriptor's slots are read for every project screened, and most of screening's
// time goes to waiting for memory. A fact holds one kind of value, so the number, the bits and
// the start of a range share their storage; only the member of the attribute's type is
// meaningful (set by the parser, read by type). GCC and Clang define reading another member of
// a union as reinterpreting its bytes (the evaluator reads `number` and `bits` without a branch
// and keeps the result of the member that applies).
struct Fact {
  enum class State : std::uint8_t { Unknown, Known, Invalid };
  State state = State::Unknown;
  bool boolean = false;
  std::uint32_t count = 0;  // Industry(Set): range length; String: 1
  union {
    double number = 0;    // Number / Quantity (canonical unit) / Date (days since epoch)
    std::uint64_t bits;   // Enum / EnumSet: bit i = enum value i
    std::uint32_t first;  // Industry(Set): range in Facts::industries; String: Facts::strings
  };
};
static_assert(sizeof(Fact) == 16);

// A spatial fact (docs/ir.md "Computed attributes") filled from the geometry, or given by the
// descriptor and contradicted by it beyond the tolerance (SpatialFacts.h).
struct ComputedFact {
  std::uint32_t attr = 0;
  double value = 0;  // metres, or 0/1 for within
};
struct FactConflict {
  std::uint32_t attr = 0;
  double given = 0, computed = 0;
};

struct Facts {
  // What screening reads, first and together (two cache lines rather than four).
  std::vector<std::uint32_t> units;       // site: unit indices into Bundle::units, sorted, unique
  std::vector<Fact> slots;                // Bundle::attributes.size()
  std::int32_t date = INT32_MIN;          // screening date (days since epoch); INT32_MIN = none
  std::vector<std::uint32_t> industries;  // industry indices into Bundle::industries
  std::vector<std::string> strings;
  std::string project;                // the descriptor's "project" name (or "")
  std::vector<std::string> invalid;   // "attr: why" for Invalid facts (wrong type / unit)
  std::vector<std::string> warnings;  // unknown attributes (with did-you-mean), ignored keys

  // The site as a geometry (docs/ir.md "Sites"); units then come from the spatial context.
  bool hasGeometry = false;
  SiteGeometry geometry;
  std::vector<UnitHit> unitHits;        // units resolved from the geometry (same order as units)
  bool outsideUnits = false;            // the geometry lies outside every unit
  std::vector<ComputedFact> computed;   // spatial facts filled from the geometry
  std::vector<FactConflict> conflicts;  // given spatial facts the geometry contradicts
  std::string spatialMethod;            // SpatialContext::method() when computed/conflicts

  void reset(std::size_t attributeCount);
};

}  // namespace zr::eval

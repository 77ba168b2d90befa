// Sites and spatial facts before evaluation (docs/ir.md "Sites" and "Computed attributes"):
// a site given as a geometry is resolved to units through the SpatialContext, and each spatial
// fact (distance_to / within of a layer) that a rule of those units reads and that the
// descriptor does not give is computed from the geometry. Once filled they are ordinary facts.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "runtime/eval/Facts.h"
#include "runtime/eval/RecordError.h"
#include "runtime/eval/Spatial.h"
#include "runtime/ir/Ir.h"

namespace zr::eval {

// A distance the descriptor gives contradicts the geometry when they differ by more than
// max(kDistanceToleranceMetres, kDistanceToleranceShare × computed distance).
inline constexpr double kDistanceToleranceMetres = 50;
inline constexpr double kDistanceToleranceShare = 0.05;

class SpatialFacts {
 public:
  // Both must outlive this object; `context` may be null (no geometry loaded).
  SpatialFacts(const ir::Bundle& bundle, const SpatialContext* context);

  // Resolves the site and fills the spatial facts of `facts` (parsed by DescriptorParser).
  // ZR1009 when the site is only a geometry and no context is loaded.
  std::optional<RecordError> apply(Facts& facts);

  // Whether a given distance (metres) contradicts the computed one.
  static bool distancesConflict(double given, double computed);

 private:
  void resolveUnits(Facts& facts) const;
  void checkGivenUnits(Facts& facts) const;
  void fill(std::uint32_t attr, Facts& facts) const;

  const ir::Bundle& bundle_;
  const SpatialContext* context_;
  std::vector<std::uint32_t> computedAttrs_;  // attributes with a `computed` kind
  std::vector<std::uint32_t> wanted_;         // per attribute: generation in which a rule reads it
  std::uint32_t generation_ = 0;
};

}  // namespace zr::eval

// One immutable screening bundle with its evaluator, shared by every request thread. The
// per-thread parts (descriptor parser and record writer keep scratch buffers) are built lazily
// per thread and per engine. A new active version means a new engine, swapped in atomically:
// requests in flight finish on the engine they started with.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/eval/Evaluator.h"
#include "runtime/eval/Spatial.h"
#include "runtime/ir/Ir.h"

namespace zr::service {

struct ScreenResult {
  int status = 200;  // 200, or 422 when a single descriptor cannot be screened
  std::string body;  // JSON
};

// Unit boundaries and layers for a bundle (null when they cannot be loaded).
using SpatialLoader =
    std::function<std::unique_ptr<const eval::SpatialContext>(const ir::Bundle& bundle)>;

class ScreeningEngine {
 public:
  // `hash` names the bundle (its content hash) in /healthz and responses. `spatial`, when
  // given, resolves sites by coordinates against this bundle's units (GET /v1/units?lon=&lat=);
  // none is built yet: the geometry loader plugs in here.
  ScreeningEngine(ir::Bundle bundle, std::string hash,
                  std::unique_ptr<const eval::SpatialContext> spatial = nullptr);
  ScreeningEngine(const ScreeningEngine&) = delete;
  ScreeningEngine& operator=(const ScreeningEngine&) = delete;

  const ir::Bundle& bundle() const { return bundle_; }
  const std::string& hash() const { return hash_; }
  const eval::SpatialContext* spatial() const { return spatial_.get(); }

  // One descriptor (a JSON object) → its record; a JSON array → an array of records, one per
  // element, errors as {"line": index + 1, "error": …}. `date` (days since epoch, INT32_MIN for
  // none) applies to descriptors without their own "date".
  ScreenResult screenJson(std::string_view body, std::int32_t date) const;

 private:
  struct ThreadState;
  ThreadState& threadState() const;

  ir::Bundle bundle_;
  std::string hash_;
  eval::Evaluator evaluator_;
  std::unique_ptr<const eval::SpatialContext> spatial_;
  std::uint64_t serial_;  // distinguishes engines in the thread-local cache
};

}  // namespace zr::service

// Self-check of the audit: every witness is screened by the runtime evaluator — against the
// province alone and against province plus city — and the finding's claim about it is verified.
// The audit reasons on the checked program; the evaluator on the lowered bundle: agreement
// between the two is what makes a witness trustworthy.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Evaluator.h"
#include "runtime/ir/Ir.h"

namespace zr::audit {

enum class Side : std::uint8_t { Province, Combined };

// "On `side`, rule `rule` refuses (or does not refuse) the witness on its unit." Refusing means a
// finding with outcome refused or non-compliant.
struct Claim {
  Side side = Side::Combined;
  std::string rule;
  bool refuses = true;
};

class Replayer {
 public:
  Replayer(std::unique_ptr<ir::Bundle> province, std::unique_ptr<ir::Bundle> combined);
  ~Replayer();
  Replayer(const Replayer&) = delete;
  Replayer& operator=(const Replayer&) = delete;

  // Empty when the claim holds; otherwise what the evaluator did instead.
  std::string check(const std::string& descriptor, const std::string& unitCode, const Claim& claim);

  std::size_t replays() const { return replays_; }

 private:
  struct Engine;
  std::unique_ptr<Engine> province_, combined_;
  std::size_t replays_ = 0;
};

// "province alone: JX-K-07 refuses it" — the claim in words, for the report.
std::string describeClaim(const Claim& claim);

}  // namespace zr::audit

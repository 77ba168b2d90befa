// The reference evaluator: LANGUAGE.md §5. Kleene logic over Facts, per unit of the site,
// findings per rule, verdict = worst over units.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "runtime/eval/Facts.h"
#include "runtime/eval/Program.h"
#include "runtime/ir/Ir.h"

namespace zr::eval {

enum class Truth : std::uint8_t { False = 0, True = 1, Unknown = 2 };

// Ordered: a larger value is a worse verdict.
enum class Verdict : std::uint8_t {
  Permitted = 0,
  Conditional = 1,
  Indeterminate = 2,
  Refused = 3
};

enum class Outcome : std::uint8_t {
  Refused,        // forbid: C ∧ ¬E true
  NonCompliant,   // require: C true, K false
  Obligation,     // require: C true, K unknown
  Indeterminate,  // forbid: unknown; require: C unknown; or an evaluation error
};

struct Finding {
  std::uint32_t rule = 0;
  std::uint32_t unit = 0;
  Outcome outcome = Outcome::Refused;
  bool error = false;  // indeterminate because evaluation failed (invalid fact, division by 0)
};

struct UnitVerdict {
  std::uint32_t unit = 0;
  Verdict verdict = Verdict::Permitted;
};

struct Screening {
  Verdict verdict = Verdict::Permitted;
  std::vector<UnitVerdict> units;
  std::vector<Finding> findings;  // ordered by unit, then rule index
  void clear();
};

class Evaluator {
 public:
  // The bundle must outlive the evaluator. Building the execution form is linear in the size
  // of the bundle; build one Evaluator per bundle and reuse it.
  explicit Evaluator(const ir::Bundle& bundle);
  // Screens one project; `out` is cleared first. Allocation-free once buffers have grown.
  void screen(const Facts& facts, Screening& out) const;
  // Screens batch[0], batch[1], … in order into `out`, calling done(i, out) after each: the
  // same screenings as screen() one by one, faster on a batch that is not in the cache (the
  // memory of the next few descriptors is asked for while the current one is screened).
  // Allocates its pipeline's few buffers once per call.
  void screenBatch(std::span<const Facts> batch, Screening& out,
                   const std::function<void(std::size_t, const Screening&)>& done) const;
  // Asks for the memory screen(facts) reads first (the facts, the gates of the site's units)
  // without waiting for it: a caller screening a batch of descriptors that are no longer in the
  // cache calls it for the next descriptor before screening the current one, overlapping the
  // misses of one with the work of the other. Changes nothing else.
  void prefetch(const Facts& facts) const;
  // The part of prefetch() that reads nothing: asks for the memory of the facts themselves
  // (slots, the site's units, industries). prefetch() needs the site's units to find the
  // gates, so a caller whose descriptors are far from the cache calls this two descriptors
  // ahead and prefetch() one ahead. Changes nothing else.
  void prefetchFacts(const Facts& facts) const;
  // Evaluates one predicate node for a unit (exposed for tests and the audit's replay; lays the
  // node's tree out on each call, so it allocates — screen() does not). A node index out of
  // range, or an evaluation error, gives Unknown.
  Truth evaluate(std::uint32_t node, const Facts& facts, std::uint32_t unit) const;

  const ir::Bundle& bundle() const { return bundle_; }

 private:
  // The industry bits of an industry attribute's fact for the gates (Program.h).
  std::uint64_t industryBits(const Facts& facts, std::uint32_t attr) const;
  // Fills the gate fact table (the Program::gateFacts entries) of a project.
  void gateFacts(const Facts& facts, detail::GateFacts& table) const;
  // The gates of a unit's chunk that passed (bit k: the rule Program::gateRules[gates + k]),
  // for the site's unit out.units[site].
  struct PassedChunk {
    std::uint32_t gates, site;
    std::uint64_t candidates;
  };
  // Screening in three steps: the units of the site; the gates, handing each chunk with a
  // candidate to `sink` (and asking for the candidates' records); the rules of each such chunk.
  void beginScreening(const Facts& facts, Screening& out) const;
  template <class Sink>
  void passGates(const Facts& facts, Sink&& sink) const;
  void runRules(const Facts& facts, const PassedChunk& passed, Screening& out) const;
  void endScreening(Screening& out) const;
  // The part of prefetch() that reads the site's units: asks for their gates and tests.
  void prefetchGates(const Facts& facts) const;
  // Asks for the records of the rules ruleIds[k] for each bit k of `candidates`.
  void prefetch(const std::uint32_t* ruleIds, std::uint64_t candidates) const;

  const ir::Bundle& bundle_;
  detail::Program program_;  // the bundle in execution form (Program.h)
};

const char* verdictName(Verdict verdict);
const char* outcomeName(Outcome outcome);

}  // namespace zr::eval

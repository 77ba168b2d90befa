// The audit's decision procedure (LANGUAGE.md §6): satisfiability, implication and witnesses for
// conditions built from attribute-vs-constant comparisons. A query is put in disjunctive normal
// form over boxes — per attribute an interval set, an enum mask, a bool, industry prefix sets or
// string sets — so the answer is exact and cheap on this fragment. What lies outside it
// (arithmetic between attributes) constrains the value of the expression like a number (its
// linear form where it has one, over the reals, so `a + b <= 50 t/a` and `b + a <= 100 t/a`
// compare): a box that is empty stays empty, and a box that needs the expression is only "Yes"
// if values that realise it are found and the witness checks; otherwise the answer is Unknown.
//
// All reasoning is two-valued over projects whose attributes read by the query are all known:
// a witness gives every attribute the query reads, so the evaluator's Kleene logic agrees with it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compiler/sema/Program.h"

namespace zr::audit {

namespace detail {
class Taxonomy;
}

// The value a witness gives one attribute, in the representation of its ir::AttrType.
struct WitnessValue {
  ir::AttrType type = ir::AttrType::Bool;
  bool boolean = false;    // Bool
  double number = 0;       // Number, Quantity (canonical unit), Date (days since 1970-01-01)
  std::uint64_t mask = 0;  // Enum (exactly one bit), EnumSet (any bits)
  std::vector<std::uint32_t> industries;  // Industry (one), IndustrySet (≥ 1 unless all are
                                          // excluded): Program::industries indices
  std::string string;                     // String

  friend bool operator==(const WitnessValue&, const WitnessValue&) = default;
};

// A witness: attribute index (Program::attributes) → value; only the attributes that matter
// (every attribute the query reads: those it does not constrain get a plain value).
using Assignment = std::map<std::uint32_t, WitnessValue>;

enum class Answer : std::uint8_t { Yes, No, Unknown };

// Why an answer is Unknown: the sub-condition that left the fragment, and a sentence for the user.
struct Inexact {
  SourceSpan span;
  std::string reason;  // e.g. "compares arithmetic between attributes; not decided exactly"
};

struct SolveResult {
  Answer answer = Answer::Unknown;
  Assignment witness;            // answer == Yes: every literal holds on it
  std::vector<Inexact> inexact;  // answer == Unknown: why
};

// One conjunct of a query: the condition, or its negation.
struct Literal {
  const sema::TExpr* expr = nullptr;
  bool positive = true;
};

// The members of each open set (index into Program::openSets) on the unit being reasoned about,
// as an enum mask: base members plus the extensions that apply there. An empty function means
// the base members only.
using OpenSetMembers = std::function<std::uint64_t(std::uint32_t openSet)>;

struct SolverLimits {
  std::size_t maxBoxes = 4096;  // DNF size beyond which the answer is Unknown ("too many cases")
};

class Solver {
 public:
  explicit Solver(const sema::Program& program, SolverLimits limits = {});

  // Is there a project for which every literal holds? Yes comes with a witness, which the
  // solver has checked with evaluate() before returning it.
  SolveResult satisfiable(std::span<const Literal> literals, const OpenSetMembers& openSets) const;

  // Does `premise` imply `conclusion` for every project? Yes when premise ∧ ¬conclusion is
  // unsatisfiable; No comes with a counterexample witness (premise true, conclusion false).
  SolveResult implies(const sema::TExpr& premise, const sema::TExpr& conclusion,
                      const OpenSetMembers& openSets) const;

  // Two-valued evaluation of a condition on an assignment. An attribute the assignment does not
  // give, or arithmetic with no value (division by zero), yields std::nullopt.
  std::optional<bool> evaluate(const sema::TExpr& expr, const Assignment& assignment,
                               const OpenSetMembers& openSets) const;

 private:
  const sema::Program& program_;
  SolverLimits limits_;
  std::shared_ptr<const detail::Taxonomy> taxonomy_;  // the industry tree, indexed once
};

// The witness as a project descriptor that `zr screen` accepts as is: compact JSON, "site"
// first with the given unit codes, then the attributes in schema order. Quantities are written
// as strings with their canonical unit ("3 t/a"), enums by value name, industries by code,
// dates as "YYYY-MM-DD". Deterministic: the same assignment gives the same bytes.
std::string witnessJson(const sema::Program& program, const Assignment& witness,
                        const std::vector<std::string>& unitCodes);

}  // namespace zr::audit

// The search: expands a query into its cases (boxes) depth first, narrowing one box with every
// leaf and abandoning it as soon as it is empty; the first complete box gives the witness.
#include "compiler/audit/Solver.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compiler/audit/Box.h"
#include "compiler/audit/SolverQuery.h"
#include "compiler/audit/SolverTaxonomy.h"

namespace zr::audit {
namespace {

using detail::Box;
using detail::Leaf;
using detail::LeafKind;
using detail::Node;
using detail::Query;
using detail::Taxonomy;

constexpr const char* kArithmetic = "compares arithmetic between attributes; not decided exactly";
constexpr const char* kOutside = "is outside the decidable fragment; not decided exactly";
// Value combinations tried per box to satisfy arithmetic between attributes.
constexpr std::size_t kMaxCompletions = 256;
// Leaves tried per case allowed (SolverLimits::maxBoxes): bounds the time a query can take.
constexpr std::size_t kWorkPerCase = 64;

bool numeric(ir::AttrType t) {
  return t == ir::AttrType::Number || t == ir::AttrType::Quantity || t == ir::AttrType::Date;
}

void attrsOf(const sema::TValue& v, std::vector<std::uint32_t>& out) {
  if (v.op == ir::ValueOp::Attr && std::find(out.begin(), out.end(), v.attr) == out.end())
    out.push_back(v.attr);
  for (const auto& operand : v.operands) attrsOf(operand, out);
}

// Buffers reused from one query to the next (per thread: the solver itself is immutable).
struct Workspace {
  Query query;
  Box box;
  std::vector<std::uint32_t> agenda;
  bool busy = false;
};

// Marks a workspace in use for the duration of a query.
class Claim {
 public:
  explicit Claim(Workspace& ws) : ws_(ws) { ws_.busy = true; }
  ~Claim() { ws_.busy = false; }
  Claim(const Claim&) = delete;
  Claim& operator=(const Claim&) = delete;

 private:
  Workspace& ws_;
};

class Search {
 public:
  Search(const Solver& solver, const sema::Program& program, const Taxonomy& taxonomy,
         const Query& query, SolverLimits limits, std::span<const Literal> literals,
         const OpenSetMembers& openSets, Box& box, std::vector<std::uint32_t>& agenda)
      : solver_(solver),
        program_(program),
        taxonomy_(taxonomy),
        q_(query),
        limits_(limits),
        literals_(literals),
        openSets_(openSets),
        box_(box),
        agenda_(agenda) {
    box_.reset(query, taxonomy);
  }

  SolveResult run() {
    SolveResult result;
    agenda_.assign(1, q_.root);
    if (expand(0)) {
      result.answer = Answer::Yes;
      result.witness = std::move(witness_);
      return result;
    }
    if (capped_) {
      SourceSpan span;
      for (const Literal& l : literals_)
        if (l.expr) {
          span = l.expr->span;
          break;
        }
      inexact_.insert(inexact_.begin(),
                      {span, fmt::format("too many cases (more than {}); not decided exactly",
                                         limits_.maxBoxes)});
    }
    result.answer = inexact_.empty() ? Answer::No : Answer::Unknown;
    result.inexact = std::move(inexact_);
    return result;
  }

 private:
  bool expand(std::size_t pos) {
    if (work_ > limits_.maxBoxes * kWorkPerCase) capped_ = true;
    if (capped_) return false;
    if (pos == agenda_.size()) return complete();
    // Leaves and conjunctions before any case split: they narrow the box first. Then the
    // disjunction with the fewest cases the box leaves open (none: the box is empty; one: no
    // split), unless the box already satisfies one.
    std::size_t pick = pos;
    while (pick < agenda_.size() && q_.nodes[agenda_[pick]].op == Node::Op::Or) ++pick;
    bool satisfied = false;
    if (pick == agenda_.size()) {
      pick = pos;
      std::uint32_t fewest = UINT32_MAX;
      for (std::size_t k = pos; k < agenda_.size(); ++k) {
        const std::uint32_t open = viable(agenda_[k], satisfied);
        if (satisfied || open < fewest) pick = k, fewest = open;
        if (satisfied || open == 0) break;
      }
    }
    std::swap(agenda_[pos], agenda_[pick]);
    const Node& node = q_.nodes[agenda_[pos]];
    bool found = false;
    switch (node.op) {
      case Node::Op::True:
        found = expand(pos + 1);
        break;
      case Node::Op::False:
        break;
      case Node::Op::Leaf:
        found = box_.apply(node.first) && expand(pos + 1);
        box_.undo();
        break;
      case Node::Op::And: {
        const std::size_t size = agenda_.size();
        agenda_.insert(agenda_.end(), q_.children.begin() + node.first,
                       q_.children.begin() + node.first + node.count);
        found = expand(pos + 1);
        agenda_.resize(size);
        break;
      }
      case Node::Op::Or:
        if (satisfied) {
          found = expand(pos + 1);
          break;
        }
        for (std::uint32_t c = 0; c < node.count && !found && !capped_; ++c) {
          const std::uint32_t child = q_.children[node.first + c];
          const bool leaf = q_.nodes[child].op == Node::Op::Leaf;
          work_ += leaf;
          if (leaf && !box_.apply(q_.nodes[child].first)) {  // refuted: not a case
            box_.undo();
            continue;
          }
          if (++cases_ > limits_.maxBoxes) {
            capped_ = true;
          } else if (leaf) {
            found = expand(pos + 1);
          } else {
            agenda_.push_back(child);
            found = expand(pos + 1);
            agenda_.pop_back();
          }
          if (leaf) box_.undo();
        }
        break;
    }
    std::swap(agenda_[pos], agenda_[pick]);
    return found;
  }

  // How many cases of a disjunction the box leaves open; `entailed` when it holds already.
  std::uint32_t viable(std::uint32_t orNode, bool& entailed) {
    const Node& node = q_.nodes[orNode];
    std::uint32_t open = 0;
    for (std::uint32_t c = 0; c < node.count; ++c) {
      const Node& child = q_.nodes[q_.children[node.first + c]];
      if (child.op == Node::Op::Leaf) {
        if (box_.entails(q_.leaves[child.first])) {
          entailed = true;
          return open + 1;
        }
        const bool fits = box_.apply(child.first);
        box_.undo();
        ++work_;
        if (!fits) continue;
      }
      ++open;
    }
    return open;
  }

  // A complete box: its witness, with values that realise the expression slots' targets.
  bool complete() {
    Assignment w;
    if (!box_.choose(w)) return false;
    for (std::uint32_t attr : q_.readAttrs)
      if (!w.contains(attr)) w[attr] = detail::freeValue(program_, taxonomy_, attr);
    std::vector<const Leaf*> open;  // what the box alone does not decide
    std::vector<std::uint32_t> expressions;
    for (std::uint32_t k : box_.applied()) {
      const Leaf& leaf = q_.leaves[k];
      const bool expression = leaf.kind != LeafKind::Atom && q_.slots[leaf.slot].expression();
      if (leaf.kind == LeafKind::Atom || expression) open.push_back(&leaf);
      if (expression &&
          std::find(expressions.begin(), expressions.end(), leaf.slot) == expressions.end())
        expressions.push_back(leaf.slot);
    }
    if (open.empty()) {
      if (verify(w)) return succeed(w);
      // Cannot happen if the procedure is right; never claim a witness that fails.
      note(literals_.empty() || !literals_[0].expr ? SourceSpan{} : literals_[0].expr->span,
           "internal: the witness found does not satisfy the condition; not decided exactly");
      return false;
    }
    if (verify(w) || solveLinear(expressions, w) || tryCandidates(expressions, w))
      return succeed(w);
    for (const Leaf* leaf : open)
      note(leaf->expr->span, leaf->expr->op == ir::NodeOp::CmpExpr ? kArithmetic : kOutside);
    return false;
  }

  // Gives each linear expression its target value by solving for one attribute, preferring
  // one no leaf constrains.
  bool solveLinear(const std::vector<std::uint32_t>& expressions, Assignment& w) {
    Assignment trial = w;
    std::vector<std::uint32_t> solved;
    for (std::uint32_t slot : expressions) {
      const auto target = box_.number(slot);
      std::optional<detail::Linear> lin;
      if (q_.slots[slot].linearForm())
        lin = detail::Linear{0, q_.slots[slot].terms};
      else
        lin = detail::linear(*q_.slots[slot].lhs, q_.slots[slot].rhs);
      if (!target || !lin) return false;
      bool done = false;
      for (int pass = 0; pass < 2 && !done; ++pass)
        for (const auto& [attr, k] : lin->terms) {
          const std::uint32_t attrSlot = detail::slotOf(q_, attr);
          if (done || k == 0 || (pass == 0) != (attrSlot == sema::kNone) ||
              std::find(solved.begin(), solved.end(), attr) != solved.end() ||
              !trial.contains(attr) || !numeric(trial[attr].type))
            continue;
          double rest = lin->constant;
          for (const auto& [other, k2] : lin->terms)
            if (other != attr) rest += k2 * (trial.contains(other) ? trial[other].number : 0);
          const double v = (*target - rest) / k + 0.0;
          if (!std::isfinite(v) || (attrSlot != sema::kNone && !box_.allows(attrSlot, v))) continue;
          trial[attr].number = v;
          solved.push_back(attr);
          done = true;
        }
      if (!done) return false;
    }
    if (!verify(trial)) return false;
    w = std::move(trial);
    return true;
  }

  // Tries combinations of candidate values for the numeric attributes the expressions read.
  bool tryCandidates(const std::vector<std::uint32_t>& expressions, Assignment& w) {
    std::vector<std::uint32_t> attrs;
    for (std::uint32_t slot : expressions) {
      attrsOf(*q_.slots[slot].lhs, attrs);
      if (q_.slots[slot].rhs) attrsOf(*q_.slots[slot].rhs, attrs);
    }  // a linear form's attributes are among these
    std::vector<std::vector<double>> choices;
    std::vector<std::uint32_t> varying;
    for (std::uint32_t attr : attrs) {
      if (attr >= program_.attributes.size() || !numeric(program_.attributes[attr].type)) continue;
      const std::uint32_t slot = detail::slotOf(q_, attr);
      std::vector<double> values;
      if (slot != sema::kNone) {
        values = box_.candidates(slot);
      } else {
        const auto domain = detail::NumericDomain::of(program_.attributes[attr].type);
        for (double v : {0.0, 1.0, 2.0, 10.0, -1.0, 0.5, 100.0, 1e6})
          values.push_back(domain.integral ? domain.origin + v : v);
      }
      if (values.empty()) return false;
      varying.push_back(attr);
      choices.push_back(std::move(values));
    }
    std::vector<std::size_t> at(varying.size(), 0);
    for (std::size_t tries = 0; tries < kMaxCompletions; ++tries) {
      for (std::size_t k = 0; k < varying.size(); ++k) w[varying[k]].number = choices[k][at[k]];
      if (verify(w)) return true;
      std::size_t k = 0;  // the next combination, odometer style
      while (k < at.size() && ++at[k] == choices[k].size()) at[k++] = 0;
      if (k == at.size()) return false;
    }
    return false;
  }

  bool verify(const Assignment& w) const {
    for (const Literal& l : literals_) {
      if (!l.expr) continue;
      const auto v = solver_.evaluate(*l.expr, w, openSets_);
      if (!v || *v != l.positive) return false;
    }
    return true;
  }

  bool succeed(Assignment& w) {
    witness_ = std::move(w);
    return true;
  }

  void note(SourceSpan span, std::string reason) {
    for (const Inexact& i : inexact_)
      if (i.reason == reason && i.span.line == span.line && i.span.column == span.column &&
          i.span.file == span.file)
        return;
    inexact_.push_back({span, std::move(reason)});
  }

  const Solver& solver_;
  const sema::Program& program_;
  const Taxonomy& taxonomy_;
  const Query& q_;
  SolverLimits limits_;
  std::span<const Literal> literals_;
  const OpenSetMembers& openSets_;
  Box& box_;
  std::vector<std::uint32_t>& agenda_;
  std::size_t cases_ = 0, work_ = 0;
  bool capped_ = false;
  std::vector<Inexact> inexact_;
  Assignment witness_;
};

// ---- two-valued evaluation ----------------------------------------------------------------

std::optional<double> valueOf(const sema::TValue& v, const Assignment& a) {
  switch (v.op) {
    case ir::ValueOp::Const:
      return v.number;
    case ir::ValueOp::Attr: {
      const auto it = a.find(v.attr);
      if (it == a.end() || !numeric(it->second.type) || !std::isfinite(it->second.number))
        return std::nullopt;
      return it->second.number;
    }
    default:
      break;
  }
  if (v.operands.size() != 2) return std::nullopt;
  const auto x = valueOf(v.operands[0], a), y = valueOf(v.operands[1], a);
  if (!x || !y) return std::nullopt;
  double out = 0;
  switch (v.op) {
    case ir::ValueOp::Add:
      out = *x + *y;
      break;
    case ir::ValueOp::Sub:
      out = *x - *y;
      break;
    case ir::ValueOp::Mul:
      out = *x * *y;
      break;
    case ir::ValueOp::Div:
      if (*y == 0) return std::nullopt;
      out = *x / *y;
      break;
    default:
      return std::nullopt;
  }
  if (!std::isfinite(out)) return std::nullopt;
  return out;
}

}  // namespace

Solver::Solver(const sema::Program& program, SolverLimits limits)
    : program_(program),
      limits_(limits),
      taxonomy_(std::make_shared<const Taxonomy>(program.industries)) {}

SolveResult Solver::satisfiable(std::span<const Literal> literals,
                                const OpenSetMembers& openSets) const {
  thread_local Workspace shared;
  Workspace fresh;  // only if a callback re-enters the solver on this thread
  Workspace& ws = shared.busy ? fresh : shared;
  const Claim claim(ws);
  detail::buildQuery(program_, literals, openSets, ws.query);
  return Search(*this, program_, *taxonomy_, ws.query, limits_, literals, openSets, ws.box,
                ws.agenda)
      .run();
}

SolveResult Solver::implies(const sema::TExpr& premise, const sema::TExpr& conclusion,
                            const OpenSetMembers& openSets) const {
  const Literal literals[2] = {{&premise, true}, {&conclusion, false}};
  SolveResult r = satisfiable(literals, openSets);
  switch (r.answer) {
    case Answer::Yes:
      r.answer = Answer::No;
      break;  // a counterexample
    case Answer::No:
      r.answer = Answer::Yes;
      break;
    case Answer::Unknown:
      break;
  }
  return r;
}

std::optional<bool> Solver::evaluate(const sema::TExpr& e, const Assignment& a,
                                     const OpenSetMembers& openSets) const {
  switch (e.op) {
    case ir::NodeOp::True:
      return true;
    case ir::NodeOp::False:
      return false;
    case ir::NodeOp::And:
    case ir::NodeOp::Or: {
      // Kleene: a deciding operand decides, whatever the unknown ones.
      const bool decider = e.op == ir::NodeOp::Or;
      bool unknown = false;
      for (const auto& child : e.children) {
        const auto v = evaluate(child, a, openSets);
        if (!v)
          unknown = true;
        else if (*v == decider)
          return decider;
      }
      if (unknown) return std::nullopt;
      return !decider;
    }
    case ir::NodeOp::Not: {
      if (e.children.empty()) return std::nullopt;
      const auto v = evaluate(e.children[0], a, openSets);
      if (!v) return std::nullopt;
      return !*v;
    }
    case ir::NodeOp::CmpExpr: {
      const auto x = valueOf(e.lhs, a), y = valueOf(e.rhs, a);
      if (!x || !y) return std::nullopt;
      return ir::compare(e.cmp, *x, *y);
    }
    default:
      break;
  }
  const auto it = a.find(e.attr);
  if (it == a.end()) return std::nullopt;
  const WitnessValue& v = it->second;
  switch (e.op) {
    case ir::NodeOp::BoolAttr:
      if (v.type != ir::AttrType::Bool) return std::nullopt;
      return v.boolean;
    case ir::NodeOp::CmpConst:
      if (!numeric(v.type) || !std::isfinite(v.number)) return std::nullopt;
      return ir::compare(e.cmp, v.number, e.number);
    case ir::NodeOp::EnumIn:
      return ((v.mask & e.mask) != 0) != e.negated;
    case ir::NodeOp::OpenSetIn: {
      std::uint64_t members = 0;
      if (openSets)
        members = openSets(e.openSet);
      else if (e.openSet < program_.openSets.size() &&
               program_.openSets[e.openSet] < program_.sets.size())
        members = program_.sets[program_.openSets[e.openSet]].mask;
      return ((v.mask & members) != 0) != e.negated;
    }
    case ir::NodeOp::IndustryIn: {
      bool hit = false;
      for (std::uint32_t code : v.industries) hit = hit || taxonomy_->underAny(code, e.industries);
      return hit != e.negated;
    }
    case ir::NodeOp::StringIn: {
      const bool hit = std::find(e.strings.begin(), e.strings.end(), v.string) != e.strings.end();
      return hit != e.negated;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace zr::audit

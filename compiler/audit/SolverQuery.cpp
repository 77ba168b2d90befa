#include "compiler/audit/SolverQuery.h"

#include <algorithm>
#include <cmath>

namespace zr::audit::detail {
namespace {

constexpr std::uint32_t kTrueNode = 0, kFalseNode = 1;

ir::Cmp negate(ir::Cmp cmp) {
  switch (cmp) {
    case ir::Cmp::Eq:
      return ir::Cmp::Ne;
    case ir::Cmp::Ne:
      return ir::Cmp::Eq;
    case ir::Cmp::Lt:
      return ir::Cmp::Ge;
    case ir::Cmp::Le:
      return ir::Cmp::Gt;
    case ir::Cmp::Gt:
      return ir::Cmp::Le;
    case ir::Cmp::Ge:
      return ir::Cmp::Lt;
  }
  return cmp;
}

bool sameValue(const sema::TValue& x, const sema::TValue& y) {
  if (x.op != y.op || x.operands.size() != y.operands.size()) return false;
  switch (x.op) {
    case ir::ValueOp::Const:
      return x.number == y.number;
    case ir::ValueOp::Attr:
      return x.attr == y.attr;
    default:
      break;
  }
  for (std::size_t k = 0; k < x.operands.size(); ++k)
    if (!sameValue(x.operands[k], y.operands[k])) return false;
  return true;
}

bool addLinear(const sema::TValue& v, double scale, Linear& out) {
  switch (v.op) {
    case ir::ValueOp::Const:
      out.constant += scale * v.number;
      return true;
    case ir::ValueOp::Attr: {
      for (auto& [attr, k] : out.terms)
        if (attr == v.attr) {
          k += scale;
          return true;
        }
      out.terms.emplace_back(v.attr, scale);
      return true;
    }
    default:
      break;
  }
  if (v.operands.size() != 2) return false;
  const sema::TValue &x = v.operands[0], &y = v.operands[1];
  switch (v.op) {
    case ir::ValueOp::Add:
      return addLinear(x, scale, out) && addLinear(y, scale, out);
    case ir::ValueOp::Sub:
      return addLinear(x, scale, out) && addLinear(y, -scale, out);
    case ir::ValueOp::Mul:
      if (y.op == ir::ValueOp::Const) return addLinear(x, scale * y.number, out);
      if (x.op == ir::ValueOp::Const) return addLinear(y, scale * x.number, out);
      return false;
    case ir::ValueOp::Div:
      return y.op == ir::ValueOp::Const && y.number != 0 && addLinear(x, scale / y.number, out);
    default:
      return false;
  }
}

bool isEnum(ir::AttrType t) { return t == ir::AttrType::Enum || t == ir::AttrType::EnumSet; }
bool isIndustry(ir::AttrType t) {
  return t == ir::AttrType::Industry || t == ir::AttrType::IndustrySet;
}
bool isNumeric(ir::AttrType t) {
  return t == ir::AttrType::Number || t == ir::AttrType::Quantity || t == ir::AttrType::Date;
}

void collectAttrs(const sema::TValue& v, std::vector<std::uint32_t>& out) {
  if (v.op == ir::ValueOp::Attr) out.push_back(v.attr);
  for (const auto& operand : v.operands) collectAttrs(operand, out);
}

class Builder {
 public:
  Builder(const sema::Program& program, const OpenSetMembers& openSets, Query& query)
      : program_(program),
        openSets_(openSets),
        q_(query),
        kids_(query.scratch),
        flat_(query.scratchFlat) {
    q_.nodes.push_back({Node::Op::True});
    q_.nodes.push_back({Node::Op::False});
  }

  std::uint32_t build(const sema::TExpr& e, bool positive) {
    switch (e.op) {
      case ir::NodeOp::True:
        return positive ? kTrueNode : kFalseNode;
      case ir::NodeOp::False:
        return positive ? kFalseNode : kTrueNode;
      case ir::NodeOp::Not:
        if (e.children.empty()) return opaque(e, positive);
        return build(e.children[0], !positive);
      case ir::NodeOp::And:
      case ir::NodeOp::Or: {
        const std::size_t base = kids_.size();
        for (const auto& child : e.children) {
          const std::uint32_t kid = build(child, positive);
          kids_.push_back(kid);
        }
        const std::uint32_t node = combine((e.op == ir::NodeOp::And) == positive, base);
        kids_.resize(base);
        return node;
      }
      case ir::NodeOp::CmpExpr:
        return comparison(e, positive);
      default:
        return leafOf(e, positive);
    }
  }

  // The conjunction (isAnd) or disjunction of the nodes kids_[base…], flattened and simplified.
  // kids_ may grow (nested operands of the same kind are appended); the caller truncates it.
  std::uint32_t combine(bool isAnd, std::size_t base) {
    const Node::Op op = isAnd ? Node::Op::And : Node::Op::Or;
    const std::uint32_t absorbing = isAnd ? kFalseNode : kTrueNode;
    const std::size_t flatBase = flat_.size();
    std::uint32_t result = sema::kNone;
    for (std::size_t k = base; k < kids_.size() && result == sema::kNone; ++k) {
      const std::uint32_t kid = kids_[k];
      const Node& node = q_.nodes[kid];
      if (node.op == op) {
        for (std::uint32_t c = 0; c < node.count; ++c) kids_.push_back(q_.children[node.first + c]);
        continue;
      }
      if (kid == absorbing)
        result = absorbing;
      else if (kid == kTrueNode || kid == kFalseNode)
        continue;  // the neutral element
      else if (node.op != Node::Op::Leaf || !mergeInto(isAnd, flatBase, kid))
        flat_.push_back(kid);
      else if (flat_.size() > flatBase && flat_.back() == absorbing)
        result = absorbing;
    }
    if (result == sema::kNone) {
      flat_.erase(std::remove_if(flat_.begin() + static_cast<std::ptrdiff_t>(flatBase), flat_.end(),
                                 [](std::uint32_t n) { return n == kTrueNode || n == kFalseNode; }),
                  flat_.end());
      const std::size_t count = flat_.size() - flatBase;
      if (count == 0) {
        result = isAnd ? kTrueNode : kFalseNode;
      } else if (count == 1) {
        result = flat_[flatBase];
      } else {
        q_.nodes.push_back({op, static_cast<std::uint32_t>(q_.children.size()),
                            static_cast<std::uint32_t>(count)});
        q_.children.insert(q_.children.end(), flat_.begin() + static_cast<std::ptrdiff_t>(flatBase),
                           flat_.end());
        result = static_cast<std::uint32_t>(q_.nodes.size() - 1);
      }
    }
    flat_.resize(flatBase);
    return result;
  }

  std::vector<std::uint32_t>& kids() { return kids_; }

 private:
  // Merges leaf node `n` into a leaf of the same slot in `flat` when the and/or of the two is
  // one leaf. A merge that decides the whole and/or leaves that constant at flat.back(); one
  // that makes the merged leaf neutral replaces it with the neutral constant.
  bool mergeInto(bool isAnd, std::size_t flatBase, std::uint32_t n) {
    const Leaf& x = q_.leaves[q_.nodes[n].first];
    if (x.kind == LeafKind::Atom) return false;
    for (std::size_t at = flatBase; at < flat_.size(); ++at) {
      std::uint32_t& m = flat_[at];
      if (m == kTrueNode || m == kFalseNode || q_.nodes[m].op != Node::Op::Leaf) continue;
      Leaf& y = q_.leaves[q_.nodes[m].first];
      if (y.slot != x.slot || y.kind != x.kind) continue;
      const Slot& slot = q_.slots[x.slot];
      std::optional<bool> decided;  // the merged leaf became a constant
      switch (x.kind) {
        case LeafKind::Bool:
          if (x.flag != y.flag) decided = !isAnd;  // b and not b; b or not b
          break;
        case LeafKind::Range:
          if (!isAnd) return false;
          y.lo = std::max(y.lo, x.lo);
          y.hi = std::min(y.hi, x.hi);
          if (!(y.lo <= y.hi)) decided = false;
          break;
        case LeafKind::EnumAllow:
          y.mask = isAnd ? (y.mask & x.mask) : (y.mask | x.mask);
          if (y.mask == 0)
            decided = false;
          else if (y.mask == slot.valid)
            decided = true;
          break;
        case LeafKind::SetHas:
        case LeafKind::SetNone: {
          const bool union_ = isAnd == (x.kind == LeafKind::SetNone);
          if (!union_) return false;
          y.mask |= x.mask;
          break;
        }
        case LeafKind::IndHas:
        case LeafKind::IndNone:
        case LeafKind::StrIn:
        case LeafKind::StrNone: {
          const bool negative = x.kind == LeafKind::IndNone || x.kind == LeafKind::StrNone;
          if (isAnd != negative) return false;  // only unions of the lists merge
          const bool industries = x.kind == LeafKind::IndHas || x.kind == LeafKind::IndNone;
          if (industries) {
            const auto first = static_cast<std::uint32_t>(q_.prefixes.size());
            for (std::uint32_t k = 0; k < y.count; ++k)
              q_.prefixes.push_back(q_.prefixes[y.first + k]);
            for (std::uint32_t k = 0; k < x.count; ++k)
              q_.prefixes.push_back(q_.prefixes[x.first + k]);
            y.first = first;
          } else {
            const auto first = static_cast<std::uint32_t>(q_.strings.size());
            for (std::uint32_t k = 0; k < y.count; ++k)
              q_.strings.push_back(q_.strings[y.first + k]);
            for (std::uint32_t k = 0; k < x.count; ++k)
              q_.strings.push_back(q_.strings[x.first + k]);
            y.first = first;
          }
          y.count += x.count;
          break;
        }
        default:
          return false;
      }
      if (decided) {
        const std::uint32_t constant = *decided ? kTrueNode : kFalseNode;
        m = constant;
        if (constant == (isAnd ? kFalseNode : kTrueNode)) flat_.push_back(constant);
      }
      return true;
    }
    return false;
  }

  std::uint32_t slot(std::uint32_t attr) {
    if (const std::uint32_t s = slotOf(q_, attr); s != sema::kNone) return s;
    Slot out;
    out.attr = attr;
    out.type = program_.attributes[attr].type;
    const std::size_t values = program_.attributes[attr].enumValues.size();
    out.valid = values >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << values) - 1;
    out.domain = NumericDomain::of(out.type);
    q_.slots.push_back(out);
    return static_cast<std::uint32_t>(q_.slots.size() - 1);
  }

  std::uint32_t leaf(const Leaf& leaf) {
    q_.leaves.push_back(leaf);
    q_.nodes.push_back({Node::Op::Leaf, static_cast<std::uint32_t>(q_.leaves.size() - 1), 1});
    return static_cast<std::uint32_t>(q_.nodes.size() - 1);
  }

  // A condition the procedure does not interpret: only a witness can decide it.
  std::uint32_t opaque(const sema::TExpr& e, bool positive) {
    Leaf out;
    out.kind = LeafKind::Atom;
    out.flag = positive;
    out.expr = &e;
    return leaf(out);
  }

  // `lhs cmp rhs` between values: a constraint on an expression slot — the linear form of
  // lhs - rhs, or else the non-constant side, or lhs - rhs — so that comparisons of one
  // expression meet as intervals.
  std::uint32_t comparison(const sema::TExpr& e, bool positive) {
    collectAttrs(e.lhs, q_.readAttrs);
    collectAttrs(e.rhs, q_.readAttrs);
    ir::Cmp cmp = positive ? e.cmp : negate(e.cmp);
    Leaf out;
    out.expr = &e;
    out.slot = sema::kNone;
    double c = 0;
    if (auto form = linear(e.lhs, &e.rhs)) {
      // Σ k·a + constant cmp 0  →  Σ k·a cmp -constant, the first coefficient positive.
      std::erase_if(form->terms, [](const auto& term) { return term.second == 0; });
      if (form->terms.empty()) return ir::compare(cmp, form->constant, 0) ? kTrueNode : kFalseNode;
      std::sort(form->terms.begin(), form->terms.end());
      c = -form->constant + 0.0;
      if (form->terms[0].second < 0) {
        for (auto& term : form->terms) term.second = -term.second;
        c = -c + 0.0;
        cmp = ir::mirror(cmp);
      }
      for (std::uint32_t s = 0; s < q_.slots.size() && out.slot == sema::kNone; ++s)
        if (q_.slots[s].linearForm() && q_.slots[s].terms == form->terms) out.slot = s;
      if (out.slot == sema::kNone)
        out.slot = expressionSlot(&e.lhs, &e.rhs, std::move(form->terms));
    } else {
      const bool lhsConstant = e.lhs.op == ir::ValueOp::Const,
                 rhsConstant = e.rhs.op == ir::ValueOp::Const;
      const sema::TValue* lhs = lhsConstant ? &e.rhs : &e.lhs;
      const sema::TValue* rhs = lhsConstant || rhsConstant ? nullptr : &e.rhs;
      c = lhsConstant ? e.lhs.number : rhsConstant ? e.rhs.number : 0;
      if (lhsConstant) cmp = ir::mirror(cmp);
      for (std::uint32_t s = 0; s < q_.slots.size() && out.slot == sema::kNone; ++s) {
        const Slot& slot = q_.slots[s];
        if (!slot.expression() || slot.linearForm() || (slot.rhs == nullptr) != (rhs == nullptr))
          continue;
        if (sameValue(*slot.lhs, *lhs) && (!rhs || sameValue(*slot.rhs, *rhs))) {
          out.slot = s;
        } else if (rhs && sameValue(*slot.lhs, *rhs) && sameValue(*slot.rhs, *lhs)) {
          out.slot = s;  // rhs - lhs = -(lhs - rhs)
          cmp = ir::mirror(cmp);
        }
      }
      if (out.slot == sema::kNone) out.slot = expressionSlot(lhs, rhs, {});
    }
    // Whole-domain ranges stay: the value must still exist (no division by zero, finite).
    const NumericDomain& domain = q_.slots[out.slot].domain;
    if (cmp == ir::Cmp::Ne) {
      out.kind = LeafKind::NotPoint;
      out.lo = out.hi = c;
      return leaf(out);
    }
    const Range range = rangeOf(cmp, c, domain);
    if (range.empty()) return kFalseNode;
    out.kind = LeafKind::Range;
    out.lo = range.lo;
    out.hi = range.hi;
    return leaf(out);
  }

  std::uint32_t expressionSlot(const sema::TValue* lhs, const sema::TValue* rhs,
                               std::vector<std::pair<std::uint32_t, double>> terms) {
    Slot slot;
    slot.attr = sema::kNone;
    slot.type = ir::AttrType::Number;
    slot.domain = NumericDomain::of(ir::AttrType::Number);
    slot.lhs = lhs;
    slot.rhs = rhs;
    slot.terms = std::move(terms);
    q_.slots.push_back(std::move(slot));
    return static_cast<std::uint32_t>(q_.slots.size() - 1);
  }

  std::uint32_t leafOf(const sema::TExpr& e, bool positive) {
    if (e.attr >= program_.attributes.size()) return opaque(e, positive);
    q_.readAttrs.push_back(e.attr);
    const ir::AttrType type = program_.attributes[e.attr].type;
    Leaf out;
    const bool in = e.negated != positive;  // `in` after the polarity (`not in` otherwise)
    switch (e.op) {
      case ir::NodeOp::BoolAttr:
        if (type != ir::AttrType::Bool) return opaque(e, positive);
        out.slot = slot(e.attr);
        out.kind = LeafKind::Bool;
        out.flag = positive;
        return leaf(out);
      case ir::NodeOp::CmpConst: {
        if (!isNumeric(type)) return opaque(e, positive);
        out.slot = slot(e.attr);
        const NumericDomain& domain = q_.slots[out.slot].domain;
        const ir::Cmp cmp = positive ? e.cmp : negate(e.cmp);
        if (cmp == ir::Cmp::Ne) {
          // A point no value of the domain takes excludes nothing.
          if (std::isnan(e.number) || (domain.integral && e.number != std::floor(e.number)))
            return kTrueNode;
          out.kind = LeafKind::NotPoint;
          out.lo = out.hi = e.number;
          return leaf(out);
        }
        const Range range = rangeOf(cmp, e.number, domain);
        if (range.empty()) return kFalseNode;
        if (range.lo <= domain.lo && range.hi >= domain.hi) return kTrueNode;
        out.kind = LeafKind::Range;
        out.lo = range.lo;
        out.hi = range.hi;
        return leaf(out);
      }
      case ir::NodeOp::EnumIn:
      case ir::NodeOp::OpenSetIn: {
        if (!isEnum(type)) return opaque(e, positive);
        out.slot = slot(e.attr);
        const Slot& s = q_.slots[out.slot];
        const std::uint64_t mask =
            (e.op == ir::NodeOp::EnumIn ? e.mask : openSetMask(e.openSet)) & s.valid;
        if (type == ir::AttrType::Enum) {
          out.kind = LeafKind::EnumAllow;
          out.mask = in ? mask : (~mask & s.valid);
          if (out.mask == 0) return kFalseNode;
          if (out.mask == s.valid) return kTrueNode;
        } else {
          out.kind = in ? LeafKind::SetHas : LeafKind::SetNone;
          out.mask = mask;
          if (mask == 0) return in ? kFalseNode : kTrueNode;
        }
        return leaf(out);
      }
      case ir::NodeOp::IndustryIn: {
        if (!isIndustry(type)) return opaque(e, positive);
        out.slot = slot(e.attr);
        out.kind = in ? LeafKind::IndHas : LeafKind::IndNone;
        out.first = static_cast<std::uint32_t>(q_.prefixes.size());
        for (std::uint32_t p : e.industries)
          if (p < program_.industries.size()) q_.prefixes.push_back(p);
        out.count = static_cast<std::uint32_t>(q_.prefixes.size()) - out.first;
        if (out.count == 0) return in ? kFalseNode : kTrueNode;
        return leaf(out);
      }
      case ir::NodeOp::StringIn: {
        if (type != ir::AttrType::String) return opaque(e, positive);
        out.slot = slot(e.attr);
        out.kind = in ? LeafKind::StrIn : LeafKind::StrNone;
        out.first = static_cast<std::uint32_t>(q_.strings.size());
        for (const auto& s : e.strings) q_.strings.push_back(&s);
        out.count = static_cast<std::uint32_t>(e.strings.size());
        if (out.count == 0) return in ? kFalseNode : kTrueNode;
        return leaf(out);
      }
      default:
        return opaque(e, positive);
    }
  }

  std::uint64_t openSetMask(std::uint32_t openSet) const {
    if (openSets_) return openSets_(openSet);
    // No unit given: the base members only.
    if (openSet < program_.openSets.size() && program_.openSets[openSet] < program_.sets.size())
      return program_.sets[program_.openSets[openSet]].mask;
    return 0;
  }

  const sema::Program& program_;
  const OpenSetMembers& openSets_;
  Query& q_;
  std::vector<std::uint32_t>& kids_;  // operands being combined, nested calls above the caller's
  std::vector<std::uint32_t>& flat_;  // combined operands, likewise
};

}  // namespace

std::optional<Linear> linear(const sema::TValue& value, const sema::TValue* minus) {
  Linear out;
  if (!addLinear(value, 1, out) || (minus && !addLinear(*minus, -1, out))) return std::nullopt;
  return out;
}

std::uint32_t slotOf(const Query& query, std::uint32_t attr) {
  for (std::uint32_t s = 0; s < query.slots.size(); ++s)
    if (query.slots[s].attr == attr && !query.slots[s].expression()) return s;
  return sema::kNone;
}

void buildQuery(const sema::Program& program, std::span<const Literal> literals,
                const OpenSetMembers& openSets, Query& q) {
  q.clear();
  Builder builder(program, openSets, q);
  for (const Literal& literal : literals)
    if (literal.expr) {
      const std::uint32_t part = builder.build(*literal.expr, literal.positive);
      builder.kids().push_back(part);
    }
  q.root = builder.combine(true, 0);
  q.scratch.clear();
  std::erase_if(q.readAttrs, [&](std::uint32_t a) { return a >= program.attributes.size(); });
  std::sort(q.readAttrs.begin(), q.readAttrs.end());
  q.readAttrs.erase(std::unique(q.readAttrs.begin(), q.readAttrs.end()), q.readAttrs.end());
}

void Query::clear() {
  nodes.clear();
  children.clear();
  leaves.clear();
  slots.clear();
  prefixes.clear();
  strings.clear();
  readAttrs.clear();
  scratch.clear();
  scratchFlat.clear();
  root = 0;
}

}  // namespace zr::audit::detail

#include "runtime/eval/Program.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace zr::eval::detail {

double Op::constant() const { return std::bit_cast<double>(value); }

namespace {

OpKind compareKind(ir::Cmp cmp) {
  switch (cmp) {
    case ir::Cmp::Eq:
      return OpKind::CmpEq;
    case ir::Cmp::Ne:
      return OpKind::CmpNe;
    case ir::Cmp::Lt:
      return OpKind::CmpLt;
    case ir::Cmp::Le:
      return OpKind::CmpLe;
    case ir::Cmp::Gt:
      return OpKind::CmpGt;
    case ir::Cmp::Ge:
      return OpKind::CmpGe;
  }
  return OpKind::Invalid;
}

}  // namespace

Program::Program(const ir::Bundle& b) : bundle_(b) {
  attributeCount = static_cast<std::uint32_t>(b.attributes.size());
  const std::size_t industries = b.industries.size();
  industryCount = static_cast<std::uint32_t>(industries);
  bitWords = static_cast<std::uint32_t>((industries + 63) / 64);
  // Lineages, root first. A chain longer than kLineage (or a parent cycle) disables lists.
  lineage.assign(industries * kLineage, ir::kNone);
  std::vector<std::uint32_t> depth(industries, 0);
  bool listsUsable = true;
  for (std::size_t i = 0; i < industries && listsUsable; ++i) {
    std::uint32_t chain[kLineage];
    std::size_t length = 0;
    for (std::uint32_t at = static_cast<std::uint32_t>(i); at < industries;
         at = b.industries[at].parent) {
      if (length == kLineage) {
        listsUsable = false;
        break;
      }
      chain[length++] = at;
    }
    if (!listsUsable) break;
    depth[i] = static_cast<std::uint32_t>(length - 1);
    for (std::size_t d = 0; d < length; ++d) lineage[i * kLineage + d] = chain[length - 1 - d];
  }
  for (const ir::IndustrySet& set : b.industrySets) {
    bool listed = listsUsable && set.prefixes.size() <= kMaxListPrefixes;
    for (std::uint32_t p : set.prefixes) listed = listed && p < industries;
    if (listed) {
      sets_.push_back({OpKind::IndustryList, static_cast<std::uint32_t>(prefixes.size()),
                       static_cast<std::uint32_t>(set.prefixes.size())});
      for (std::uint32_t p : set.prefixes) prefixes.push_back({p, depth[p]});
    } else {
      sets_.push_back({OpKind::IndustryBits, static_cast<std::uint32_t>(bits.size()), 0});
      std::vector<std::uint64_t> words = set.bits;  // finalize()'s bitmap, flat
      words.resize(bitWords, 0);
      bits.insert(bits.end(), words.begin(), words.end());
    }
  }

  // Rules in index order, each tree once: a unit's rules (usually consecutive ids) end up
  // close together.
  rules.resize(b.rules.size());
  for (std::uint32_t r = 0; r < b.rules.size(); ++r) {
    const ir::Rule& rule = b.rules[r];
    RuleCode& rc = rules[r];
    rc.rule = r;
    rc.from = rule.effectiveFrom;
    rc.until = rule.effectiveUntil;
    rc.effect = rule.effect;
    const RuleTree condition = compile(rule.condition);
    RuleTree requirement;
    requirement.literals = static_cast<std::uint32_t>(literals.size());
    if (rule.effect == ir::Effect::Require) requirement = compile(rule.requirement);
    // compile() appends literals: the condition's are followed by the requirement's.
    rc.conditionLiterals = static_cast<std::uint8_t>(condition.literalCount);
    rc.requirementLiterals = static_cast<std::uint8_t>(requirement.literalCount);
    rc.conditionRest = condition.rest;
    rc.requirementRest = requirement.rest;
    const std::size_t total = condition.literalCount + requirement.literalCount;
    if (total <= RuleCode::kInline) {
      std::copy(literals.begin() + condition.literals,
                literals.begin() + condition.literals + total, rc.inlined);
      literals.resize(condition.literals);  // inline only: not kept twice
    } else {
      rc.spilled = condition.literals;
    }
  }
  units.reserve(b.units.size() + 1);
  units.push_back({});
  chunks.push_back({});
  std::vector<std::uint32_t> ids;
  std::vector<GateTest> gate;
  std::vector<PackedTest> masks, intervals;
  for (std::size_t u = 0; u < b.units.size(); ++u) {
    ids.clear();
    if (u + 1 < b.unitRuleStart.size())
      for (std::uint32_t k = b.unitRuleStart[u];
           k < b.unitRuleStart[u + 1] && k < b.unitRuleIds.size(); ++k)
        if (b.unitRuleIds[k] < b.rules.size()) ids.push_back(b.unitRuleIds[k]);
    // Rule order (a validated bundle has it already): findings come out in the order records
    // list them.
    std::sort(ids.begin(), ids.end());
    for (std::size_t start = 0; start < ids.size(); start += ChunkTests::kChunkGates) {
      // The distinct tests of the chunk's gates, each with the gates that use it.
      masks.clear();
      intervals.clear();
      for (std::size_t k = start; k < ids.size() && k < start + ChunkTests::kChunkGates; ++k) {
        gate.clear();
        this->gate(ids[k], gate);
        for (const GateTest& t : gate) {
          std::vector<PackedTest>& list = t.kind == GateTest::Interval ? intervals : masks;
          const std::uint64_t head = std::uint64_t{t.fact} << (PackedTest::kUserBits + 1) |
                                     std::uint64_t{t.negated} << PackedTest::kUserBits;
          auto at = std::find_if(list.begin(), list.end(), [&](const PackedTest& x) {
            return x.operand == t.operand &&
                   (x.word & ~((std::uint64_t{1} << PackedTest::kUserBits) - 1)) == head;
          });
          if (at == list.end()) at = list.insert(list.end(), PackedTest{t.operand, head});
          at->word |= std::uint64_t{1} << (k - start);
        }
      }
      // Each kind positive, then negated.
      auto positive = [](const PackedTest& t) { return t.negated() == 0; };
      const auto negatedMasks = std::stable_partition(masks.begin(), masks.end(), positive);
      const auto negatedIntervals =
          std::stable_partition(intervals.begin(), intervals.end(), positive);
      ChunkTests& chunk = chunks.back();
      chunk.negatedMasks =
          static_cast<std::uint32_t>(tests.size() + (negatedMasks - masks.begin()));
      tests.insert(tests.end(), masks.begin(), masks.end());
      chunk.intervals = static_cast<std::uint32_t>(tests.size());
      chunk.negatedIntervals =
          static_cast<std::uint32_t>(tests.size() + (negatedIntervals - intervals.begin()));
      tests.insert(tests.end(), intervals.begin(), intervals.end());
      chunks.push_back({static_cast<std::uint32_t>(tests.size()), 0, 0, 0});
    }
    gateRules.insert(gateRules.end(), ids.begin(), ids.end());
    units.push_back({static_cast<std::uint32_t>(gateRules.size()),
                     static_cast<std::uint32_t>(chunks.size() - 1)});
  }
}

namespace {

// The float nearest to `x` on the side of `towards` (±infinity): x itself when representable.
float roundTowards(double x, float towards) {
  constexpr double kMax = std::numeric_limits<float>::max();
  if (x > kMax) return towards > 0 ? towards : std::numeric_limits<float>::max();
  if (x < -kMax) return towards < 0 ? towards : -std::numeric_limits<float>::max();
  float f = static_cast<float>(x);
  if (towards < 0 ? static_cast<double>(f) > x : static_cast<double>(f) < x)
    f = std::nextafter(f, towards);
  return f;
}

}  // namespace

void Program::gate(std::uint32_t r, std::vector<GateTest>& out) {
  const RuleCode& rule = rules[r];
  const Literal* literals =
      rule.spilled == ir::kNone ? rule.inlined : this->literals.data() + rule.spilled;
  GateTest t;
  auto add = [&](bool usable) {
    if (usable && out.size() < kGateTests) out.push_back(t);
  };
  // `require K`, K one literal: the rule is satisfied (no finding) when K is True, i.e. when
  // the literal's negation is False.
  if (rule.effect == ir::Effect::Require && rule.requirementLiterals == 1 &&
      rule.requirementRest.count == 0) {
    Literal negation = literals[rule.conditionLiterals];
    negation.negated = !negation.negated;
    add(test(negation, t));
  }
  add(industryTest(rule, t));
  // A finding needs every operand of the condition's conjunction not False: each literal is a
  // test (the most selective first: compile()).
  for (std::uint32_t k = 0; k < rule.conditionLiterals; ++k) add(test(literals[k], t));
}

bool Program::gateFact(GateFactSource source, std::uint16_t& entry) {
  const auto at = std::find(gateFacts.begin(), gateFacts.end(), source);
  entry = static_cast<std::uint16_t>(at - gateFacts.begin());
  if (at != gateFacts.end()) return true;
  if (gateFacts.size() == GateFacts::kMax) return false;
  const FactEntry added{entry, source.attr};
  switch (source.kind) {
    case GateFactSource::Bits:
      bitsFacts.push_back(added);
      break;
    case GateFactSource::Bool:
      boolFacts.push_back(added);
      break;
    case GateFactSource::Number:
      numberFacts.push_back(added);
      break;
    case GateFactSource::Industry:
      industryFacts.push_back(added);
      break;
  }
  gateFacts.push_back(source);
  return true;
}

// A test of the first operand of the condition's non-literal part, when that is a positive
// test of a listed industry set (the cheapest operands come first: Program::cost).
bool Program::industryTest(const RuleCode& rule, GateTest& test) {
  const Code rest = rule.conditionRest;
  if (rest.count == 0) return false;
  const Op& op = code[rest.first].kind == OpKind::And && rest.count > 1 ? code[rest.first + 1]
                                                                        : code[rest.first];
  if (op.kind != OpKind::IndustryList || op.negated) return false;
  std::uint64_t operand = 0;
  for (std::uint32_t j = 0; j < op.b; ++j) operand |= industryBit(prefixes[op.a + j].index);
  test = GateTest{};
  test.kind = GateTest::Mask;
  test.operand = operand;
  return operand != 0 && gateFact({op.attr, GateFactSource::Industry}, test.fact);
}

bool Program::test(const Literal& l, GateTest& out) {
  out = GateTest{};
  out.negated = l.negated;
  if (l.kind != Literal::Interval) {
    // A test of no value is left out: negated, it always passes; positive, it would reject
    // only known facts (the rule's own evaluation does).
    out.kind = GateTest::Mask;
    out.operand = l.mask;
    const auto kind = l.kind == Literal::BoolMask ? GateFactSource::Bool : GateFactSource::Bits;
    return l.mask != 0 && gateFact({l.attr, kind}, out.fact);
  }
  // A superset of the literal's passing values: the interval widened (or, negated, narrowed,
  // and by one float more so that rounding the fact to a float keeps it outside: GateFacts).
  constexpr float kInf = std::numeric_limits<float>::infinity();
  const float down = l.negated ? kInf : -kInf;
  auto bounds = GateTest::Bounds{roundTowards(l.low(), down), roundTowards(l.high, -down)};
  if (l.negated) bounds = {std::nextafter(bounds[0], kInf), std::nextafter(bounds[1], -kInf)};
  out.kind = GateTest::Interval;
  out.operand = std::bit_cast<std::uint64_t>(bounds);
  return gateFact({l.attr, GateFactSource::Number}, out.fact);
}

Code Program::linearise(std::uint32_t node, std::vector<Op>& out) const {
  const std::size_t start = out.size();
  if (!emit(node, false, 0, start + kMaxTreeOps, out)) {
    out.resize(start);
    out.push_back(Op{OpKind::Invalid});
  }
  return {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(out.size() - start)};
}

// The literal form of a leaf op, when it has one.
bool Program::literal(const Op& op, Literal& out) {
  const double c = op.constant();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  out = Literal{};
  out.attr = op.attr;
  switch (op.kind) {
    case OpKind::Bool:
    case OpKind::BoolNot:
      out.kind = Literal::BoolMask;
      out.mask = 1;
      out.negated = op.kind == OpKind::BoolNot;
      return true;
    case OpKind::EnumAny:
    case OpKind::EnumNone:
      out.kind = Literal::Mask;
      out.mask = op.value;
      out.negated = op.kind == OpKind::EnumNone;
      return true;
    case OpKind::CmpEq:
    case OpKind::CmpNe:
      out.setInterval(c, c);
      out.negated = op.kind == OpKind::CmpNe;
      break;
    case OpKind::CmpLt:
      out.setInterval(-kInf, std::nextafter(c, -kInf));
      break;
    case OpKind::CmpLe:
      out.setInterval(-kInf, c);
      break;
    case OpKind::CmpGt:
      out.setInterval(std::nextafter(c, kInf), kInf);
      break;
    case OpKind::CmpGe:
      out.setInterval(c, kInf);
      break;
    default:
      return false;
  }
  return true;
}

// Splits the top-level conjunction of `node` into literals and the rest.
RuleTree Program::compile(std::uint32_t node) {
  RuleTree tree;
  tree.literals = static_cast<std::uint32_t>(literals.size());
  const ir::Bundle& b = bundle_;
  // Follow negations at the root, then take the operands of a conjunction (or the root alone).
  bool negate = false;
  std::uint32_t root = node;
  for (std::uint32_t hops = 0;
       composite(root) && b.nodes[root].op == ir::NodeOp::Not && hops <= kMaxDepth; ++hops) {
    negate = !negate;
    root = b.children[b.nodes[root].first];
  }
  std::vector<Operand> operands;
  const bool conjunction = composite(root) && b.nodes[root].op != ir::NodeOp::Not &&
                           ((b.nodes[root].op == ir::NodeOp::And) != negate);
  if (!conjunction || !gather(root, negate, true, 0, operands)) {
    operands.assign(1, Operand{node, false});
  }
  std::vector<Operand> rest;
  for (const Operand& operand : operands) {
    Literal lit;
    if (!composite(operand.node) && operand.node < b.nodes.size() &&
        literals.size() - tree.literals < 255) {
      const Op op = leaf(operand.node);
      if (literal(operand.negate ? negated(op) : op, lit)) {
        literals.push_back(lit);
        continue;
      }
    }
    rest.push_back(operand);
  }
  tree.literalCount = static_cast<std::uint32_t>(literals.size()) - tree.literals;
  // The literal most likely False first (screening tests it alone before the others): a bool,
  // then a small enum set, a comparison; negated tests (usually true) last.
  auto rank = [](const Literal& l) {
    const int r = l.kind == Literal::BoolMask ? 0
                  : l.kind == Literal::Mask   ? std::popcount(l.mask)
                                              : 40;
    return l.negated ? r + 100 : r;
  };
  std::stable_sort(literals.begin() + tree.literals, literals.end(),
                   [&](const Literal& x, const Literal& y) { return rank(x) < rank(y); });
  if (rest.empty()) return tree;
  const std::size_t start = code.size();
  bool ok = true;
  if (rest.size() == 1) {
    ok = emit(rest[0].node, rest[0].negate, 0, start + kMaxTreeOps, code);
  } else {
    std::stable_sort(rest.begin(), rest.end(),
                     [&](const Operand& x, const Operand& y) { return cost(x) < cost(y); });
    Op op;
    op.kind = OpKind::And;
    op.b = static_cast<std::uint32_t>(rest.size());
    code.push_back(op);
    for (const Operand& operand : rest)
      ok = ok && emit(operand.node, operand.negate, 1, start + kMaxTreeOps, code);
    if (ok) code[start].a = static_cast<std::uint32_t>(code.size() - start);
  }
  if (!ok) {  // too deep or too large: the whole tree is an error (fail closed)
    code.resize(start);
    literals.resize(tree.literals);
    tree.literalCount = 0;
    code.push_back(Op{OpKind::Invalid});
  }
  tree.rest = {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(code.size() - start)};
  return tree;
}

bool Program::composite(std::uint32_t node) const {
  const ir::Bundle& b = bundle_;
  if (node >= b.nodes.size()) return false;
  const ir::Node& n = b.nodes[node];
  if (n.op != ir::NodeOp::And && n.op != ir::NodeOp::Or && n.op != ir::NodeOp::Not) return false;
  return n.first <= b.children.size() && n.count <= b.children.size() - n.first &&
         (n.op != ir::NodeOp::Not || n.count == 1);
}

// Cheap tests first: an `and` stops at its first False operand, an `or` at its first True one.
int Program::cost(Operand operand) const {
  if (operand.node >= bundle_.nodes.size()) return 0;
  switch (bundle_.nodes[operand.node].op) {
    case ir::NodeOp::IndustryIn:
      return 1;
    case ir::NodeOp::OpenSetIn:
      return 2;
    case ir::NodeOp::StringIn:
    case ir::NodeOp::CmpExpr:
      return 3;
    case ir::NodeOp::And:
    case ir::NodeOp::Or:
    case ir::NodeOp::Not:
      return 4;
    default:
      return 0;
  }
}

// The operands of a flattened `and` (conjunction) or `or`: through negations and nested
// composites of the same kind (after De Morgan).
bool Program::gather(std::uint32_t node, bool negate, bool conjunction, std::uint32_t depth,
                     std::vector<Operand>& operands) const {
  if (depth > kMaxDepth) return false;
  const ir::Bundle& b = bundle_;
  const ir::Node& n = b.nodes[node];
  for (std::uint32_t k = 0; k < n.count; ++k) {
    if (operands.size() >= kMaxTreeOps) return false;  // a shared subtree expanding without end
    std::uint32_t child = b.children[n.first + k];
    bool childNegate = negate;
    std::uint32_t hops = 0;
    while (composite(child) && b.nodes[child].op == ir::NodeOp::Not) {
      if (++hops > kMaxDepth) return false;
      childNegate = !childNegate;
      child = b.children[b.nodes[child].first];
    }
    if (composite(child) &&
        ((b.nodes[child].op == ir::NodeOp::And) != childNegate) == conjunction) {
      if (!gather(child, childNegate, conjunction, depth + 1, operands)) return false;
    } else {
      operands.push_back({child, childNegate});
    }
  }
  return true;
}

// Pre-order with negations pushed down; the op's subtree size is patched in afterwards.
bool Program::emit(std::uint32_t node, bool negate, std::uint32_t depth, std::size_t limit,
                   std::vector<Op>& out) const {
  if (depth > kMaxDepth || out.size() >= limit) return false;
  const ir::Bundle& b = bundle_;
  if (node >= b.nodes.size()) {
    out.push_back(Op{OpKind::Invalid});
    return true;
  }
  const ir::Node& n = b.nodes[node];
  if (n.op == ir::NodeOp::And || n.op == ir::NodeOp::Or || n.op == ir::NodeOp::Not) {
    if (!composite(node)) {
      out.push_back(Op{OpKind::Invalid});
      return true;
    }
    if (n.op == ir::NodeOp::Not) return emit(b.children[n.first], !negate, depth + 1, limit, out);
    const bool conjunction = (n.op == ir::NodeOp::And) != negate;
    std::vector<Operand> operands;
    if (!gather(node, negate, conjunction, depth, operands)) return false;
    if (operands.empty()) {  // the empty `and` is true, the empty `or` false
      out.push_back(Op{conjunction ? OpKind::True : OpKind::False});
      return true;
    }
    std::stable_sort(operands.begin(), operands.end(),
                     [&](const Operand& x, const Operand& y) { return cost(x) < cost(y); });
    const std::size_t at = out.size();
    Op op;
    op.kind = conjunction ? OpKind::And : OpKind::Or;
    op.b = static_cast<std::uint32_t>(operands.size());
    out.push_back(op);
    for (const Operand& operand : operands)
      if (!emit(operand.node, operand.negate, depth + 1, limit, out)) return false;
    out[at].a = static_cast<std::uint32_t>(out.size() - at);
    return true;
  }
  const Op op = leaf(node);
  out.push_back(negate ? negated(op) : op);
  return true;
}

// The leaf that is true exactly when `op` is false (unknowns and errors stay as they are).
Op Program::negated(Op op) {
  static constexpr ir::Cmp kOpposite[] = {ir::Cmp::Ne, ir::Cmp::Eq, ir::Cmp::Ge,
                                          ir::Cmp::Gt, ir::Cmp::Le, ir::Cmp::Lt};
  switch (op.kind) {
    case OpKind::True:
      op.kind = OpKind::False;
      break;
    case OpKind::False:
      op.kind = OpKind::True;
      break;
    case OpKind::Bool:
      op.kind = OpKind::BoolNot;
      break;
    case OpKind::BoolNot:
      op.kind = OpKind::Bool;
      break;
    case OpKind::CmpEq:
      op.kind = OpKind::CmpNe;
      break;
    case OpKind::CmpNe:
      op.kind = OpKind::CmpEq;
      break;
    case OpKind::CmpLt:
      op.kind = OpKind::CmpGe;
      break;
    case OpKind::CmpGe:
      op.kind = OpKind::CmpLt;
      break;
    case OpKind::CmpLe:
      op.kind = OpKind::CmpGt;
      break;
    case OpKind::CmpGt:
      op.kind = OpKind::CmpLe;
      break;
    case OpKind::CmpExpr:
      op.cmp = kOpposite[static_cast<int>(op.cmp)];
      break;  // operands are finite
    case OpKind::EnumAny:
      op.kind = OpKind::EnumNone;
      break;
    case OpKind::EnumNone:
      op.kind = OpKind::EnumAny;
      break;
    case OpKind::IndustryList:
    case OpKind::IndustryBits:
    case OpKind::OpenSetIn:
    case OpKind::StringIn:
      op.negated = !op.negated;
      break;
    default:
      break;  // Invalid stays an error
  }
  return op;
}

Op Program::leaf(std::uint32_t node) const {
  const ir::Bundle& b = bundle_;
  const ir::Node& n = b.nodes[node];
  Op op;
  op.cmp = n.cmp;
  op.negated = n.negated;
  op.attr = n.attr;
  op.a = n.first;
  op.b = n.count;
  const bool readsFact =
      n.op != ir::NodeOp::True && n.op != ir::NodeOp::False && n.op != ir::NodeOp::CmpExpr;
  if (readsFact && n.attr >= b.attributes.size()) return Op{OpKind::Invalid};
  switch (n.op) {
    case ir::NodeOp::True:
      op.kind = OpKind::True;
      break;
    case ir::NodeOp::False:
      op.kind = OpKind::False;
      break;
    case ir::NodeOp::BoolAttr:
      op.kind = OpKind::Bool;
      break;
    case ir::NodeOp::CmpConst:
      op.kind = compareKind(n.cmp);
      op.value = std::bit_cast<std::uint64_t>(n.number);
      break;
    case ir::NodeOp::CmpExpr:
      if (n.count != 2 || n.first > b.children.size() || b.children.size() - n.first < 2 ||
          b.children[n.first] >= b.values.size() || b.children[n.first + 1] >= b.values.size())
        return Op{OpKind::Invalid};
      op.kind = OpKind::CmpExpr;
      op.a = b.children[n.first];
      op.b = b.children[n.first + 1];
      break;
    case ir::NodeOp::EnumIn:
      op.kind = n.negated ? OpKind::EnumNone : OpKind::EnumAny;
      op.value = n.mask;
      break;
    case ir::NodeOp::IndustryIn:
      if (n.first >= sets_.size()) return Op{OpKind::Invalid};
      op.kind = sets_[n.first].kind;
      op.a = sets_[n.first].a;
      op.b = sets_[n.first].b;
      break;
    case ir::NodeOp::OpenSetIn:
      if (n.first >= b.openSets.size()) return Op{OpKind::Invalid};
      op.kind = OpKind::OpenSetIn;
      break;
    case ir::NodeOp::StringIn:
      if (n.first > b.strings.size() || n.count > b.strings.size() - n.first)
        return Op{OpKind::Invalid};
      op.kind = OpKind::StringIn;
      break;
    default:
      return Op{OpKind::Invalid};
  }
  return op;
}

}  // namespace zr::eval::detail

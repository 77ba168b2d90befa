// The gates of the execution form (runtime/eval/Program.h): which tests a rule's gate gets, that
// a chunk keeps each distinct test once with the gates that use it, in its four runs (mask and
// interval, positive then negated), and that chunks hold at most kChunkGates gates. Screening's
// results do not depend on the gates (runtime_gate_property_test); their shape decides how many
// rule records screening reads, which these tests pin.
#include <gtest/gtest.h>

#include <string>

#include "runtime/eval/Program.h"
#include "tests/unit/runtime_builder.h"

namespace zr {
namespace {

using eval::detail::ChunkTests;
using eval::detail::PackedTest;
using eval::detail::Program;

struct Bundle {
  testing::BundleBuilder bb;
  std::uint32_t b = 0, n = 0, e = 0;
  Bundle() {
    b = bb.attr("b", ir::AttrType::Bool);
    n = bb.attr("n", ir::AttrType::Number);
    e = bb.attr("e", ir::AttrType::Enum, "", {"x", "y", "z"});
    bb.unit("ZH36110220001");
  }
};

// The users (bit k: the chunk's gate k) of each test of a run of a chunk.
std::vector<std::uint64_t> users(const Program& p, std::uint32_t first, std::uint32_t last) {
  std::vector<std::uint64_t> out;
  for (std::uint32_t t = first; t < last; ++t) out.push_back(p.tests[t].users());
  return out;
}

TEST(ProgramGates, EachLiteralOfTheConditionIsATestKeptOncePerChunk) {
  Bundle x;
  auto& bb = x.bb;
  // 0: three literals; 1: shares `b` with 0; 2: `require n >= 10 when e == x`, whose gate is the
  // requirement's negation (a negated interval) and the shared `e == x`.
  bb.forbid("R-0", bb.group(ir::NodeOp::And, {bb.boolAttr(x.b), bb.cmp(x.n, ir::Cmp::Lt, 5),
                                              bb.enumIn(x.e, 0b001)}));
  bb.forbid("R-1", bb.group(ir::NodeOp::And, {bb.boolAttr(x.b), bb.enumIn(x.e, 0b010)}));
  bb.require("R-2", bb.enumIn(x.e, 0b001), bb.cmp(x.n, ir::Cmp::Ge, 10));
  const ir::Bundle bundle = bb.build();
  const Program p(bundle);

  ASSERT_EQ(p.units.size(), 2u);  // one unit, and the end
  EXPECT_EQ(p.units[1].gates - p.units[0].gates, 3u);
  ASSERT_EQ(p.units[1].chunks - p.units[0].chunks, 1u);
  EXPECT_EQ(std::vector<std::uint32_t>(p.gateRules.begin(), p.gateRules.end()),
            (std::vector<std::uint32_t>{0, 1, 2}));
  const ChunkTests c = p.chunks[0];
  const std::uint32_t end = p.chunks[1].tests;
  // Positive masks: `b` (gates 0 and 1), `e == x` (0 and 2), `e == y` (1), in first use order.
  EXPECT_EQ(users(p, c.tests, c.negatedMasks), (std::vector<std::uint64_t>{0b011, 0b101, 0b010}));
  EXPECT_EQ(c.intervals, c.negatedMasks);  // no negated mask
  // `n < 5` (gate 0); the negation of `n >= 10` (gate 2).
  EXPECT_EQ(users(p, c.intervals, c.negatedIntervals), (std::vector<std::uint64_t>{0b001}));
  EXPECT_EQ(users(p, c.negatedIntervals, end), (std::vector<std::uint64_t>{0b100}));
  for (std::uint32_t t = c.tests; t < end; ++t)
    EXPECT_EQ(p.tests[t].negated(), t >= c.negatedIntervals ? 1u : 0u) << "test " << t;
}

TEST(ProgramGates, AGateHoldsAtMostKGateTestsAndNoTestThatAlwaysPasses) {
  Bundle x;
  auto& bb = x.bb;
  // Four literals: only the first kGateTests (most selective first: bools, then small enum
  // sets) make the gate. `e in {}` tests no value and is left out.
  bb.forbid("R-0", bb.group(ir::NodeOp::And, {bb.cmp(x.n, ir::Cmp::Gt, 1), bb.boolAttr(x.b),
                                              bb.enumIn(x.e, 0b011), bb.cmp(x.n, ir::Cmp::Lt, 9)}));
  bb.forbid("R-1", bb.enumIn(x.e, 0));
  const ir::Bundle bundle = bb.build();
  const Program p(bundle);
  std::uint64_t gate0 = 0, gate1 = 0;
  for (std::uint32_t t = p.chunks[0].tests; t < p.chunks[1].tests; ++t) {
    gate0 += p.tests[t].users() & 1;
    gate1 += p.tests[t].users() >> 1 & 1;
  }
  EXPECT_EQ(gate0, Program::kGateTests);
  EXPECT_EQ(gate1, 0u);
}

TEST(ProgramGates, ChunksHoldAtMostKChunkGatesGates) {
  Bundle x;
  auto& bb = x.bb;
  const std::uint32_t rules = 2 * ChunkTests::kChunkGates + 10;
  for (std::uint32_t r = 0; r < rules; ++r)
    bb.forbid("R-" + std::to_string(1000 + r), bb.cmp(x.n, ir::Cmp::Gt, r));
  const ir::Bundle bundle = bb.build();
  const Program p(bundle);
  ASSERT_EQ(p.units[1].chunks - p.units[0].chunks, 3u);
  for (std::uint32_t c = 0; c < 3; ++c) {
    // One interval test per gate (the constants differ), each used by its own gate only.
    const std::vector<std::uint64_t> u =
        users(p, p.chunks[c].intervals, p.chunks[c].negatedIntervals);
    ASSERT_EQ(u.size(), c < 2 ? ChunkTests::kChunkGates : 10u) << "chunk " << c;
    for (std::size_t k = 0; k < u.size(); ++k) EXPECT_EQ(u[k], std::uint64_t{1} << k);
  }
}

}  // namespace
}  // namespace zr

// The dependency graph: cycles, candidate pairs, topological order and impact, on small source
// trees written to a temporary directory and loaded as `zr graph` loads them.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/audit/DepGraph.h"
#include "compiler/audit/GraphInput.h"

namespace zr {
namespace {

namespace fs = std::filesystem;
using audit::Cycle;
using audit::DependencyGraph;
using audit::EdgeKind;
using audit::RulePair;
using audit::Vertex;
using audit::VertexKind;

constexpr const char* kSchema = R"(module std.schema
attribute vocs : quantity<t/a>
attribute vocs_offset_ratio : number
attribute change : enum { new "新建", expansion "扩建" }
attribute industry : set<industry>
attribute activity : set<enum { ecological_restoration, scientific_research, tourism }>
attribute in_park : bool
)";

constexpr const char* kIndustry = R"(module std.industry
industry C "制造业"
industry C26 "化学原料和化学制品制造业"
industry C30 "非金属矿物制品业"
)";

constexpr const char* kHeader =
    "accesslist \"P\" level province jurisdiction 360000\nimport std.schema, std.industry\n";

// A province with a region, sets, definitions and three rules, and a city that refines one
// rule and extends the open set.
constexpr const char* kProvince = R"(unit ZH36110210001 "保护" class priority county 361102
unit ZH36110220001 "重点" class key county 361102 in basin
unit ZH36110230001 "一般" class general county 361102
region basin "流域"
set chemical of industry = {C26}
open set allowed of activity = {ecological_restoration}
define dirty = project.industry in chemical
define dirty_new = dirty and project.change in {new}
scope region basin {
  rule P-01 layout "化工入园": forbid dirty_new unless project.in_park cite "c1"
}
scope class priority {
  rule P-02 layout "允许活动": forbid project.activity not in allowed cite "c2"
}
rule P-03 emission "VOCs": require project.vocs_offset_ratio >= 2 when project.vocs > 0 t/a
  cite "c3"
)";

constexpr const char* kCity = R"(accesslist "C" level city jurisdiction 361100 parent "P"
import std.schema, std.industry
unit ZH36110220001 "重点" class key county 361102
extend allowed for unit ZH36110210001 += {scientific_research}
refine P-03 as C-03: require project.vocs_offset_ratio >= 2.5 when project.vocs > 0 t/a
)";

class GraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("zr-graph-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "std");
    write("std/schema.zr", kSchema);
    write("std/industry.zr", kIndustry);
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& name, const std::string& text) {
    fs::create_directories((root_ / name).parent_path());
    std::ofstream(root_ / name) << text;
  }

  // Loads like `zr graph`; the graph is built even when sema reports errors.
  DependencyGraph& load(const std::vector<std::string>& names) {
    std::vector<std::string> paths;
    for (const auto& n : names) paths.push_back((root_ / n).string());
    compilation_ = std::make_unique<driver::Compilation>();
    usable_ = audit::loadForGraph(paths, {(root_ / "std").string()}, *compilation_);
    graph_ = std::make_unique<DependencyGraph>(compilation_->program);
    return *graph_;
  }

  bool hasCode(const std::string& code) const {
    for (const auto& d : compilation_->diagnostics.all())
      if (d.code == code) return true;
    return false;
  }

  Vertex vertex(VertexKind kind, const std::string& label) const {
    auto v = graph_->find(kind, label);
    EXPECT_TRUE(v) << label;
    return v.value_or(0);
  }

  std::uint32_t rule(const std::string& id) const { return compilation_->program.ruleIndex.at(id); }

  std::vector<std::string> labels(const std::vector<Vertex>& vertices) const {
    std::vector<std::string> out;
    for (Vertex v : vertices)
      out.push_back(std::string(audit::kindName(graph_->graph()[v].kind)) + " " +
                    graph_->graph()[v].label);
    return out;
  }

  static std::vector<std::string> members(const Cycle& cycle) {
    std::vector<std::string> out;
    for (const auto& m : cycle.members) out.push_back(m.label);
    return out;
  }

  fs::path root_;
  std::unique_ptr<driver::Compilation> compilation_;
  std::unique_ptr<DependencyGraph> graph_;
  bool usable_ = false;
};

// ---- construction ---------------------------------------------------------------------------

TEST_F(GraphTest, HoldsEveryKindOfVertexAndEdge) {
  write("p.zr", std::string(kHeader) + kProvince);
  write("c.zr", kCity);
  auto& g = load({"p.zr", "c.zr"});
  ASSERT_TRUE(usable_);
  EXPECT_TRUE(compilation_->checked);
  const auto& graph = g.graph();
  auto hasEdge = [&](Vertex from, Vertex to, EdgeKind kind) {
    for (auto [it, end] = boost::out_edges(from, graph); it != end; ++it)
      if (boost::target(*it, graph) == to && graph[*it].kind == kind) return true;
    return false;
  };
  Vertex p = vertex(VertexKind::List, "P"), c = vertex(VertexKind::List, "C");
  Vertex schema = vertex(VertexKind::List, "std.schema");
  Vertex p01 = vertex(VertexKind::Rule, "P-01"), p03 = vertex(VertexKind::Rule, "P-03");
  Vertex c03 = vertex(VertexKind::Rule, "C-03");
  Vertex basin = vertex(VertexKind::Region, "basin");
  Vertex key = vertex(VertexKind::Unit, "ZH36110220001");
  Vertex chemical = vertex(VertexKind::Set, "chemical"),
         allowed = vertex(VertexKind::Set, "allowed");
  Vertex dirty = vertex(VertexKind::Define, "dirty"),
         dirtyNew = vertex(VertexKind::Define, "dirty_new");
  EXPECT_TRUE(hasEdge(p, schema, EdgeKind::Import));
  EXPECT_TRUE(hasEdge(c, p, EdgeKind::Parent));
  EXPECT_TRUE(hasEdge(p, p01, EdgeKind::Declares));
  EXPECT_TRUE(hasEdge(c, key, EdgeKind::Declares));  // declared by both lists
  EXPECT_TRUE(hasEdge(p, key, EdgeKind::Declares));
  EXPECT_TRUE(hasEdge(basin, key, EdgeKind::Membership));
  EXPECT_TRUE(hasEdge(key, p01, EdgeKind::Scope));
  EXPECT_TRUE(hasEdge(p01, basin, EdgeKind::ScopeUses));
  EXPECT_TRUE(hasEdge(c03, p03, EdgeKind::Refines));
  EXPECT_TRUE(hasEdge(dirty, chemical, EdgeKind::SetUse));
  EXPECT_TRUE(hasEdge(dirtyNew, dirty, EdgeKind::DefineUse));
  EXPECT_TRUE(hasEdge(p01, dirtyNew, EdgeKind::DefineUse));
  EXPECT_TRUE(hasEdge(allowed, c, EdgeKind::SetExtension));
  EXPECT_TRUE(hasEdge(p01, vertex(VertexKind::Attribute, "in_park"), EdgeKind::Reads));
  EXPECT_EQ(g.vertexOf(VertexKind::Rule, rule("P-01")), p01);
  EXPECT_FALSE(g.vertexOf(VertexKind::Rule, 999));
  EXPECT_FALSE(g.find(VertexKind::Set, "nothing"));
  EXPECT_EQ(g.findAny("basin"), basin);
  EXPECT_TRUE(g.cycles().empty());
}

TEST_F(GraphTest, SourcesThatDoNotParseGiveNoGraph) {
  write("p.zr", std::string(kHeader) + "rule A layout \"a\": forbid project.in_park cite\n");
  load({"p.zr"});
  EXPECT_FALSE(usable_);
  EXPECT_FALSE(compilation_->checked);
}

// ---- cycles ---------------------------------------------------------------------------------

TEST_F(GraphTest, FindsAnImportCycleWithEveryMember) {
  write("p.zr", std::string(kHeader) + "import a\n");
  write("a.zr", "module a\nimport b\n");
  write("b.zr", "module b\nimport c\n");
  write("c.zr", "module c\nimport a\n");
  auto& g = load({"p.zr"});
  ASSERT_TRUE(usable_);
  EXPECT_TRUE(hasCode("ZR0209"));
  auto cycles = g.cycles();
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].kind, "import");
  EXPECT_EQ(members(cycles[0]), (std::vector<std::string>{"a", "b", "c"}));
  // Each member's span is its import of the next.
  const auto& sources = compilation_->sources;
  EXPECT_TRUE(sources.path(cycles[0].members[0].span.file).ends_with("a.zr"));
  EXPECT_EQ(cycles[0].members[0].span.line, 2u);
  EXPECT_TRUE(sources.path(cycles[0].members[2].span.file).ends_with("c.zr"));
}

TEST_F(GraphTest, FindsAParentCycleThatSemaCut) {
  write("x.zr", "accesslist \"X\" level city jurisdiction 361100 parent \"Y\"\n");
  write("y.zr", "accesslist \"Y\" level city jurisdiction 361200 parent \"Z\"\n");
  write("z.zr", "accesslist \"Z\" level city jurisdiction 361300 parent \"X\"\n");
  auto& g = load({"y.zr", "x.zr", "z.zr"});
  ASSERT_TRUE(usable_);
  EXPECT_TRUE(hasCode("ZR0409"));
  auto cycles = g.cycles();
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].kind, "parent");
  // y.zr was loaded first: the cycle starts at Y.
  EXPECT_EQ(members(cycles[0]), (std::vector<std::string>{"Y", "Z", "X"}));
}

TEST_F(GraphTest, FindsDefinitionAndSetCycles) {
  write("p.zr", std::string(kHeader) +
                    "define a = b and project.in_park\n"
                    "define b = c\n"
                    "define c = a or project.vocs > 1 t/a\n"
                    "define d = project.in_park\n"
                    "define self = self\n"
                    "set s1 of industry = {C26, s2}\n"
                    "set s2 of industry = {s1}\n");
  auto& g = load({"p.zr"});
  ASSERT_TRUE(usable_);
  EXPECT_TRUE(hasCode("ZR0406"));
  auto cycles = g.cycles();
  ASSERT_EQ(cycles.size(), 3u);
  EXPECT_EQ(cycles[0].kind, "define");
  EXPECT_EQ(members(cycles[0]), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(cycles[0].members[0].span.line, 3u);  // `b` in a's body
  EXPECT_EQ(cycles[0].members[0].span.column, 12u);
  EXPECT_EQ(members(cycles[1]), (std::vector<std::string>{"self"}));
  EXPECT_EQ(cycles[2].kind, "set");
  EXPECT_EQ(members(cycles[2]), (std::vector<std::string>{"s1", "s2"}));
}

TEST_F(GraphTest, ReportsAComponentThatIsNoSimpleCycleWithEveryMember) {
  // a ⇄ b ⇄ c: no cycle passes through all three once; the walk names each of them.
  write("p.zr", std::string(kHeader) +
                    "define a = b\n"
                    "define b = a or c\n"
                    "define c = b\n");
  auto& g = load({"p.zr"});
  auto cycles = g.cycles();
  ASSERT_EQ(cycles.size(), 1u);
  auto names = members(cycles[0]);
  for (const char* name : {"a", "b", "c"})
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
}

// ---- candidate pairs ------------------------------------------------------------------------

TEST_F(GraphTest, PairsOnlyRulesThatMeetAndShareAnAttribute) {
  write("p.zr", std::string(kHeader) + R"(
unit ZH36110220001 "一" class key county 361102
unit ZH36110220002 "二" class key county 361102
scope unit ZH36110220001 {
  rule A layout "a": forbid project.vocs > 1 t/a cite "c"
  rule C layout "c": forbid project.in_park cite "c"
}
scope unit ZH36110220002 {
  rule B layout "b": forbid project.vocs > 2 t/a cite "c"
}
rule D layout "d": forbid project.vocs > 3 t/a and project.in_park cite "c"
)");
  auto& g = load({"p.zr"});
  ASSERT_TRUE(compilation_->checked);
  auto pair = [&](const char* x, const char* y) {
    std::uint32_t a = rule(x), b = rule(y);
    return RulePair{std::min(a, b), std::max(a, b)};
  };
  std::vector<RulePair> expected{pair("A", "D"), pair("C", "D"), pair("B", "D")};
  std::sort(expected.begin(), expected.end(), [](const RulePair& a, const RulePair& b) {
    return std::tie(a.first, a.second) < std::tie(b.first, b.second);
  });
  EXPECT_EQ(g.candidatePairs(), expected);  // not A–B (disjoint units), not A–C (no attribute)
}

TEST_F(GraphTest, SharedRulesDoNotMultiplyByTheUnits) {
  // 300 units, 60 rules scoped `all` and one unit rule per unit, all reading one attribute:
  // the pairs are the 60·59/2 shared pairs plus 60 per unit rule, found without 300 × 60².
  std::ostringstream src;
  src << kHeader;
  for (int u = 1; u <= 300; ++u)
    src << "unit ZH3611022" << 1000 + u << " \"u\" class key county 361102\n";
  for (int r = 0; r < 60; ++r)
    src << "rule S-" << r << " layout \"s\": forbid project.vocs > " << r << " t/a cite \"c\"\n";
  for (int u = 1; u <= 300; ++u)
    src << "scope unit ZH3611022" << 1000 + u << " { rule U-" << u
        << " layout \"u\": forbid project.vocs > 1 t/a cite \"c\" }\n";
  write("p.zr", src.str());
  auto& g = load({"p.zr"});
  ASSERT_TRUE(compilation_->checked);
  auto pairs = g.candidatePairs();
  EXPECT_EQ(pairs.size(), 60u * 59u / 2u + 300u * 60u);
  EXPECT_TRUE(std::is_sorted(pairs.begin(), pairs.end(), [](const RulePair& a, const RulePair& b) {
    return std::tie(a.first, a.second) < std::tie(b.first, b.second);
  }));
  EXPECT_TRUE(std::adjacent_find(pairs.begin(), pairs.end()) == pairs.end());
  for (const auto& p : pairs) EXPECT_LT(p.first, p.second);
}

// ---- order and impact -----------------------------------------------------------------------

TEST_F(GraphTest, TopologicalOrderPutsDependenciesFirst) {
  write("p.zr", std::string(kHeader) + kProvince);
  write("c.zr", kCity);
  auto& g = load({"p.zr", "c.zr"});
  auto order = g.topologicalOrder();
  ASSERT_EQ(order.size(), boost::num_vertices(g.graph()));
  std::vector<std::size_t> position(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
  auto before = [&](VertexKind k1, const char* first, VertexKind k2, const char* second) {
    return position[vertex(k1, first)] < position[vertex(k2, second)];
  };
  EXPECT_TRUE(before(VertexKind::Set, "chemical", VertexKind::Define, "dirty"));
  EXPECT_TRUE(before(VertexKind::Define, "dirty", VertexKind::Define, "dirty_new"));
  EXPECT_TRUE(before(VertexKind::Define, "dirty_new", VertexKind::Rule, "P-01"));
  EXPECT_TRUE(before(VertexKind::Region, "basin", VertexKind::Rule, "P-01"));
  EXPECT_TRUE(before(VertexKind::Rule, "P-03", VertexKind::Rule, "C-03"));
  EXPECT_TRUE(before(VertexKind::List, "P", VertexKind::List, "C"));
  EXPECT_TRUE(before(VertexKind::List, "std.schema", VertexKind::List, "P"));
  // Every order-carrying edge outside a cycle points backwards in the order.
  for (auto [it, end] = boost::edges(g.graph()); it != end; ++it) {
    EdgeKind kind = g.graph()[*it].kind;
    if (kind == EdgeKind::Declares || kind == EdgeKind::Scope) continue;
    EXPECT_LT(position[boost::target(*it, g.graph())], position[boost::source(*it, g.graph())]);
  }
}

TEST_F(GraphTest, ImpactOfARule) {
  write("p.zr", std::string(kHeader) + kProvince);
  write("c.zr", kCity);
  auto& g = load({"p.zr", "c.zr"});
  EXPECT_EQ(labels(g.impact(vertex(VertexKind::Rule, "P-03"))),
            (std::vector<std::string>{"rule C-03", "unit ZH36110210001", "unit ZH36110220001",
                                      "unit ZH36110230001"}));
  EXPECT_EQ(labels(g.impact(vertex(VertexKind::Rule, "P-02"))),
            (std::vector<std::string>{"unit ZH36110210001"}));
}

TEST_F(GraphTest, ImpactOfASet) {
  write("p.zr", std::string(kHeader) + kProvince);
  write("c.zr", kCity);
  auto& g = load({"p.zr", "c.zr"});
  EXPECT_EQ(labels(g.impact(vertex(VertexKind::Set, "chemical"))),
            (std::vector<std::string>{"define dirty", "define dirty_new", "rule P-01",
                                      "unit ZH36110220001"}));
  auto details = g.impactDetails(vertex(VertexKind::Set, "chemical"));
  ASSERT_EQ(details.size(), 4u);
  EXPECT_EQ(details[1].edge, EdgeKind::DefineUse);
  EXPECT_EQ(g.graph()[details[1].via].label, "dirty");
}

TEST_F(GraphTest, ImpactOfAUnit) {
  write("p.zr", std::string(kHeader) + kProvince);
  write("c.zr", kCity);
  auto& g = load({"p.zr", "c.zr"});
  EXPECT_EQ(labels(g.impact(vertex(VertexKind::Unit, "ZH36110220001"))),
            (std::vector<std::string>{"region basin", "rule P-01", "rule P-03", "rule C-03"}));
}

// ---- DOT ------------------------------------------------------------------------------------

TEST_F(GraphTest, DotHasClustersColoursAndEscapedLabels) {
  write("p.zr",
        std::string(kHeader) + kProvince +
            "rule Q-1 layout \"带\\\"引号\\\"的标题\": forbid project.in_park cite \"c\"\n");
  write("c.zr", kCity);
  auto& g = load({"p.zr", "c.zr"});
  ASSERT_TRUE(compilation_->checked);
  std::ostringstream out;
  g.writeDot(out);
  std::string dot = out.str();
  EXPECT_TRUE(dot.starts_with("digraph zr {"));
  EXPECT_NE(dot.find("subgraph cluster_"), std::string::npos);
  EXPECT_NE(dot.find("label=\"P (省级 province)\""), std::string::npos);
  EXPECT_NE(dot.find("label=\"refines\""), std::string::npos);
  EXPECT_NE(dot.find("label=\"extends\", style=dashed"), std::string::npos);
  EXPECT_NE(dot.find("带\\\"引号\\\"的标题"), std::string::npos);
  for (const char* colour : {"#a8dba8", "#f4a3a3", "#a8c8f0"})
    EXPECT_NE(dot.find(colour), std::string::npos) << colour;
  // Balanced braces and quotes: every line is a statement, a cluster opening or a closing.
  int depth = 0;
  for (char c : dot) depth += c == '{' ? 1 : c == '}' ? -1 : 0;
  EXPECT_EQ(depth, 0);

  std::ostringstream focused;
  g.writeDot(focused, vertex(VertexKind::Rule, "P-02"));
  std::string small = focused.str();
  EXPECT_NE(small.find("P-02"), std::string::npos);
  EXPECT_NE(small.find("open set allowed"), std::string::npos);
  EXPECT_EQ(small.find("P-01"), std::string::npos);
}

TEST_F(GraphTest, GraphvizAcceptsTheDot) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) GTEST_SKIP() << "graphviz not installed";
  write("p.zr",
        std::string(kHeader) + kProvince +
            "rule Q-1 layout \"带\\\"引号\\\"、反斜杠\\\\n和<尖括号>\": forbid project.in_park "
            "cite \"c\"\n");
  write("c.zr", kCity);
  write("cyclic.zr", std::string(kHeader) + "define a = b\ndefine b = a\n");
  auto& g = load({"p.zr", "c.zr", "cyclic.zr"});
  ASSERT_TRUE(usable_);
  auto accepts = [&](std::optional<Vertex> focus) {
    std::ofstream(root_ / "g.dot") << [&] {
      std::ostringstream out;
      g.writeDot(out, focus);
      return out.str();
    }();
    std::string command = "dot -Tsvg -o /dev/null '" + (root_ / "g.dot").string() + "' 2>'" +
                          (root_ / "dot.err").string() + "'";
    int status = std::system(command.c_str());
    std::ifstream err(root_ / "dot.err");
    std::string messages((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    EXPECT_EQ(status, 0) << messages;
    EXPECT_EQ(messages, "");
  };
  accepts(std::nullopt);
  accepts(vertex(VertexKind::Rule, "P-03"));
  accepts(vertex(VertexKind::Unit, "ZH36110220001"));
  accepts(vertex(VertexKind::Define, "a"));
}

TEST_F(GraphTest, BuildsLargeProgramsQuickly) {
  // 2,000 units with ten unit rules each plus a few shared rules: build and pairs well under a
  // second (generous here: unit tests run in debug builds and on busy machines).
  std::ostringstream src;
  src << kHeader;
  for (int u = 0; u < 2000; ++u)
    src << "unit ZH361102" << 2 << 1000 + u << " \"u\" class key county 361102\n";
  for (int r = 0; r < 20; ++r)
    src << "rule S-" << r << " layout \"s\": forbid project.vocs > " << r << " t/a cite \"c\"\n";
  for (int u = 0; u < 2000; ++u) {
    src << "scope unit ZH361102" << 2 << 1000 + u << " {\n";
    for (int r = 0; r < 10; ++r)
      src << " rule U-" << u << "-" << r << " layout \"u\": forbid "
          << (r % 2 ? "project.vocs > 1 t/a" : "project.in_park") << " cite \"c\"\n";
    src << "}\n";
  }
  write("p.zr", src.str());
  load({"p.zr"});
  ASSERT_TRUE(compilation_->checked);
  auto start = std::chrono::steady_clock::now();
  DependencyGraph graph(compilation_->program);
  auto pairs = graph.candidatePairs();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(pairs.size(), 20u * 19u / 2u + 2000u * (2u * 5u * 4u / 2u + 5u * 20u));
  EXPECT_LT(seconds, 5.0);
}

}  // namespace
}  // namespace zr

namespace zr {
namespace {

// Timing on a generated workload (bench/gen.py): run zr_unit_tests with ZR_GRAPH_BENCH_DIR=DIR
// and --gtest_also_run_disabled_tests --gtest_filter='*GraphBench*'.
TEST(GraphBench, DISABLED_BuildAndPairsOnAGeneratedProvince) {
  const char* dir = std::getenv("ZR_GRAPH_BENCH_DIR");
  if (!dir) GTEST_SKIP() << "set ZR_GRAPH_BENCH_DIR to a bench/gen.py output directory";
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "province"))
    if (entry.path().extension() == ".zr") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  driver::Compilation compilation;
  ASSERT_TRUE(audit::loadForGraph(paths, {driver::defaultStdlibDir()}, compilation));
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
  };
  auto t0 = Clock::now();
  DependencyGraph graph(compilation.program);
  auto t1 = Clock::now();
  auto pairs = graph.candidatePairs();
  auto t2 = Clock::now();
  auto cycles = graph.cycles();
  auto t3 = Clock::now();
  auto order = graph.topologicalOrder();
  auto t4 = Clock::now();
  std::printf("rules %zu units %zu vertices %zu edges %zu pairs %zu\n",
              compilation.program.rules.size(), compilation.program.units.size(),
              boost::num_vertices(graph.graph()), boost::num_edges(graph.graph()), pairs.size());
  std::printf("build %.3f s, pairs %.3f s, cycles %.3f s, order %.3f s\n", seconds(t0, t1),
              seconds(t1, t2), seconds(t2, t3), seconds(t3, t4));
  EXPECT_TRUE(cycles.empty());
}

}  // namespace
}  // namespace zr

// Semantic checks and lowering, through the real driver on small source trees written to a
// temporary directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "compiler/driver/Compiler.h"
#include "runtime/eval/Evaluator.h"

namespace zr {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSchema = R"(module std.schema
attribute vocs : quantity<t/a> label "VOCs排放量" "VOCs emissions"
attribute vocs_offset_ratio : number
attribute distance_to_yangtze : quantity<km>
attribute change : enum { new "新建", expansion "扩建", renovation "改建" }
attribute industry : set<industry>
attribute activity : set<enum { ecological_restoration, scientific_research, tourism }>
attribute in_park : bool
)";

constexpr const char* kIndustry = R"(module std.industry
industry C "制造业"
industry C26 "化学原料和化学制品制造业"
industry C261 "基础化学原料制造"
industry C2614 "有机化学原料制造"
industry C30 "非金属矿物制品业"
)";

class SemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("zr-sema-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
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

  std::optional<ir::Bundle> compile(const std::vector<std::string>& names) {
    std::vector<std::string> paths;
    for (const auto& n : names) paths.push_back((root_ / n).string());
    compilation_ = std::make_unique<driver::Compilation>();
    return driver::compile(paths, {(root_ / "std").string()}, *compilation_);
  }

  // Codes of all diagnostics, in order.
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : compilation_->diagnostics.all()) out.push_back(d.code);
    return out;
  }

  const Diagnostic* find(const std::string& code) const {
    for (const auto& d : compilation_->diagnostics.all())
      if (d.code == code) return &d;
    return nullptr;
  }

  fs::path root_;
  std::unique_ptr<driver::Compilation> compilation_;
};

constexpr const char* kProvinceHeader =
    "accesslist \"P\" level province jurisdiction 360000\n"
    "import std.schema, std.industry\n";

constexpr const char* kUnits =
    "unit ZH36110210001 \"A\" class priority county 361102\n"
    "unit ZH36110220001 \"B\" class key county 361102\n"
    "unit ZH36040230001 \"C\" class general county 360402\n";

TEST_F(SemaTest, UnknownAttributeSuggestsTheClosestName) {
  write("p.zr", std::string(kProvinceHeader) + kUnits +
                    "rule R1 emission \"t\": forbid project.voc > 1 t/a cite \"x\"\n");
  EXPECT_FALSE(compile({"p.zr"}));
  const Diagnostic* d = find("ZR0201");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->hint, "did you mean 'vocs'?");
  EXPECT_EQ(d->span.line, 6u);
}

TEST_F(SemaTest, DuplicateRuleIdPointsAtBothDeclarations) {
  write("p.zr", std::string(kProvinceHeader) + kUnits +
                    "rule R1 emission \"t\": forbid project.in_park cite \"x\"\n"
                    "rule R1 layout \"u\": forbid project.in_park cite \"x\"\n");
  EXPECT_FALSE(compile({"p.zr"}));
  const Diagnostic* d = find("ZR0206");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->span.line, 7u);
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_EQ(d->notes[0].span.line, 6u);
}

TEST_F(SemaTest, ComparingLengthWithMassRateIsAUnitError) {
  write("p.zr",
        std::string(kProvinceHeader) + kUnits +
            "rule R1 layout \"t\": forbid project.distance_to_yangtze < 3 t/a cite \"x\"\n");
  EXPECT_FALSE(compile({"p.zr"}));
  EXPECT_NE(find("ZR0302"), nullptr);
}

TEST_F(SemaTest, MissingUnitOfMeasureIsReportedButZeroNeedsNone) {
  write("p.zr", std::string(kProvinceHeader) + kUnits +
                    "rule R1 layout \"t\": forbid project.distance_to_yangtze < 3 cite \"x\"\n"
                    "rule R2 layout \"t\": forbid project.vocs > 0 cite \"x\"\n");
  EXPECT_FALSE(compile({"p.zr"}));
  EXPECT_EQ(codes(), std::vector<std::string>{"ZR0316"});
}

TEST_F(SemaTest, UnknownIndustryCodeAndMalformedUnitCodes) {
  write("p.zr", std::string(kProvinceHeader) +
                    "unit ZH3611022001 \"bad\" class key county 361102\n"
                    "unit ZH36110230001 \"wrong class\" class key county 361102\n"
                    "rule R1 layout \"t\": forbid project.industry in {C2615} cite \"x\"\n");
  EXPECT_FALSE(compile({"p.zr"}));
  EXPECT_NE(find("ZR0305"), nullptr);
  EXPECT_NE(find("ZR0306"), nullptr);
  const Diagnostic* d = find("ZR0304");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->hint, "did you mean 'C2614'?");
}

TEST_F(SemaTest, ImportCycleNamesEveryMember) {
  write("a.zr", std::string(kProvinceHeader) + "import b\n");
  write("b.zr", "module b\nimport a\n");
  EXPECT_FALSE(compile({"a.zr"}));
  const Diagnostic* d = find("ZR0209");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("a.zr -> "), std::string::npos) << d->message;
  EXPECT_NE(d->message.find("b.zr -> "), std::string::npos) << d->message;
}

TEST_F(SemaTest, ExtendingAClosedSetIsAnError) {
  write("p.zr", std::string(kProvinceHeader) + kUnits +
                    "set allowed of activity = {scientific_research}\n"
                    "extend allowed for unit ZH36110210001 += {tourism}\n");
  EXPECT_FALSE(compile({"p.zr"}));
  EXPECT_NE(find("ZR0307"), nullptr);
}

TEST_F(SemaTest, DefinitionCycleIsReported) {
  write("p.zr", std::string(kProvinceHeader) + kUnits +
                    "define a = b and project.in_park\n"
                    "define b = a\n");
  EXPECT_FALSE(compile({"p.zr"}));
  EXPECT_NE(find("ZR0406"), nullptr);
}

TEST_F(SemaTest, ScopesSelectUnitsAndRefinementReplacesInsideTheCityOnly) {
  write("p.zr", std::string(kProvinceHeader) + kUnits +
                    "scope class key {\n"
                    "  rule P-K emission \"k\": require project.vocs_offset_ratio >= 2.0\n"
                    "    when project.vocs > 0 t/a cite \"x\"\n"
                    "}\n"
                    "rule P-ALL layout \"a\": forbid project.industry in {C26} cite \"y\"\n");
  write("c.zr",
        "accesslist \"C\" level city jurisdiction 361100 parent \"P\"\n"
        "unit ZH36110220001 \"B city\" class key county 361102\n"
        "refine P-K as C-K: require project.vocs_offset_ratio >= 2.5 when project.vocs > 0 t/a\n");
  auto bundle = compile({"p.zr", "c.zr"});
  ASSERT_TRUE(bundle) << codes().size();
  std::map<std::string, std::vector<std::string>> rulesOf;
  for (std::size_t u = 0; u < bundle->units.size(); ++u)
    for (auto k = bundle->unitRuleStart[u]; k < bundle->unitRuleStart[u + 1]; ++k)
      rulesOf[bundle->units[u].code].push_back(bundle->rules[bundle->unitRuleIds[k]].id);
  EXPECT_EQ(rulesOf["ZH36110210001"], (std::vector<std::string>{"P-ALL"}));
  EXPECT_EQ(rulesOf["ZH36110220001"], (std::vector<std::string>{"C-K", "P-ALL"}));
  EXPECT_EQ(rulesOf["ZH36040230001"], (std::vector<std::string>{"P-ALL"}));
  const ir::Rule& refined = bundle->rules[0];
  EXPECT_EQ(refined.id, "C-K");
  EXPECT_EQ(refined.refines, "P-K");
  EXPECT_EQ(refined.cite, "x");  // inherited
  EXPECT_EQ(refined.level, ir::Level::City);
}

TEST_F(SemaTest, QuantitiesAreNormalisedToTheCanonicalUnit) {
  write("p.zr",
        std::string(kProvinceHeader) + kUnits +
            "rule R1 layout \"t\": forbid project.distance_to_yangtze < 500 m cite \"x\"\n");
  auto bundle = compile({"p.zr"});
  ASSERT_TRUE(bundle);
  const ir::Node& node = bundle->nodes[bundle->rules[0].condition];
  EXPECT_EQ(node.op, ir::NodeOp::CmpConst);
  EXPECT_DOUBLE_EQ(node.number, 0.5);
  EXPECT_EQ(bundle->rules[0].conditionText, "project.distance_to_yangtze < 0.5 km");
}

TEST_F(SemaTest, ChineseAndEnglishDialectsLowerToTheSameRules) {
  write("en.zr", std::string(kProvinceHeader) + kUnits +
                     "scope class key {\n"
                     "  rule R1 emission \"t\": forbid project.change in {new, expansion} and "
                     "project.industry in {C26} unless project.in_park cite \"x\"\n"
                     "}\n");
  write("zh.zr", "准入清单 \"P\" 层级 省级 辖区 360000\n导入 std.schema, std.industry\n" +
                     std::string(kUnits) +
                     "范围 类别 重点管控 {\n"
                     "  规则 R1 污染物排放管控 \"t\": 禁止 项目.change 属于 {新建, 扩建} 且 "
                     "项目.industry 属于 {C26} 除非 项目.in_park 依据 \"x\"\n"
                     "}\n");
  auto en = compile({"en.zr"});
  ASSERT_TRUE(en);
  auto zh = compile({"zh.zr"});
  ASSERT_TRUE(zh);
  ASSERT_EQ(en->rules.size(), 1u);
  EXPECT_EQ(en->rules[0].conditionText, zh->rules[0].conditionText);
  EXPECT_EQ(en->rules[0].conditionText,
            "project.change in {new, expansion} and project.industry in {C26} unless "
            "project.in_park");
  EXPECT_EQ(en->unitRuleIds, zh->unitRuleIds);
  EXPECT_EQ(en->nodes.size(), zh->nodes.size());
}

TEST_F(SemaTest, CompiledRulesScreenAccordingToKleeneLogic) {
  write("p.zr", std::string(kProvinceHeader) + kUnits +
                    "rule R1 layout \"t\": forbid project.industry in {C26} and "
                    "project.distance_to_yangtze < 1 km cite \"x\"\n");
  auto bundle = compile({"p.zr"});
  ASSERT_TRUE(bundle);
  eval::Evaluator evaluator(*bundle);
  eval::Facts facts;
  facts.reset(bundle->attributes.size());
  facts.units = {0};
  std::uint32_t industryAttr = 4, distanceAttr = 2;
  ASSERT_EQ(bundle->attributes[industryAttr].name, "industry");
  ASSERT_EQ(bundle->attributes[distanceAttr].name, "distance_to_yangtze");
  std::uint32_t c2614 = 0;
  while (bundle->industries[c2614].code != "C2614") ++c2614;
  facts.industries = {c2614};
  facts.slots[industryAttr].state = eval::Fact::State::Known;
  facts.slots[industryAttr].first = 0;
  facts.slots[industryAttr].count = 1;
  eval::Screening screening;
  evaluator.screen(facts, screening);  // distance unknown
  EXPECT_EQ(screening.verdict, eval::Verdict::Indeterminate);
  facts.slots[distanceAttr].state = eval::Fact::State::Known;
  facts.slots[distanceAttr].number = 0.8;
  evaluator.screen(facts, screening);
  EXPECT_EQ(screening.verdict, eval::Verdict::Refused);
  facts.slots[distanceAttr].number = 1.0;
  evaluator.screen(facts, screening);
  EXPECT_EQ(screening.verdict, eval::Verdict::Permitted);
}

}  // namespace
}  // namespace zr

// Sites given as geometry and spatial facts, screened with a hand-made SpatialContext: two
// square units side by side in lon/lat, a river line and a reserve square, planar distances
// (111 km per degree). All geometry here is synthetic.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "compiler/driver/Compiler.h"
#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Evaluator.h"
#include "runtime/eval/RecordWriter.h"
#include "runtime/eval/SpatialFacts.h"

namespace zr {
namespace {

using eval::LonLat;
using eval::SiteGeometry;

constexpr double kMetresPerDegree = 111000;

struct Box {
  double west, south, east, north;
  bool contains(LonLat p) const {
    return p.lon >= west && p.lon <= east && p.lat >= south && p.lat <= north;
  }
};

// Unit 0 = [116, 117] × [29, 31], unit 1 = [117, 118] × [29, 31]. A point on their shared border
// belongs to the unit of lower index. Polygons are taken by their bounding box.
class FakeContext : public eval::SpatialContext {
 public:
  std::vector<eval::UnitHit> resolve(const SiteGeometry& site) const override {
    std::vector<eval::UnitHit> hits;
    if (site.kind == SiteGeometry::Kind::Polygon) {
      Box box{1e9, 1e9, -1e9, -1e9};
      for (const LonLat& p : site.parts[0]) {
        box.west = std::min(box.west, p.lon), box.east = std::max(box.east, p.lon);
        box.south = std::min(box.south, p.lat), box.north = std::max(box.north, p.lat);
      }
      const double whole = (box.east - box.west) * (box.north - box.south);
      for (std::uint32_t u = 0; u < 2; ++u) {
        const double w = std::max(box.west, units_[u].west), e = std::min(box.east, units_[u].east);
        const double s = std::max(box.south, units_[u].south),
                     n = std::min(box.north, units_[u].north);
        if (e > w && n > s) {
          const double area = (e - w) * (n - s);
          hits.push_back({u, area * kMetresPerDegree * kMetresPerDegree, area / whole});
        }
      }
      return hits;
    }
    std::size_t total = 0;
    std::uint32_t counts[2] = {0, 0};
    for (const auto& part : site.parts)
      for (const LonLat& p : part) {
        ++total;
        for (std::uint32_t u = 0; u < 2; ++u)
          if (units_[u].contains(p)) {
            ++counts[u];
            break;
          }
      }
    for (std::uint32_t u = 0; u < 2; ++u)
      if (counts[u])
        hits.push_back({u, 0, static_cast<double>(counts[u]) / static_cast<double>(total)});
    return hits;
  }
  bool hasLayer(std::string_view layer) const override {
    return layer == "长江干流" || layer == "自然保护区";
  }
  // 长江干流: the parallel lat = 30.5; distance from the site's nearest position.
  std::optional<double> distanceTo(std::string_view layer,
                                   const SiteGeometry& site) const override {
    if (layer != "长江干流") return layer == "自然保护区" ? std::optional<double>(0) : std::nullopt;
    double best = 1e18;
    for (const auto& part : site.parts)
      for (const LonLat& p : part)
        best = std::min(best, std::fabs(30.5 - p.lat) * kMetresPerDegree);
    return best;
  }
  // 自然保护区: [116.4, 116.6] × [29.4, 29.6]; the river is a line (nothing lies within it).
  std::optional<bool> within(std::string_view layer, const SiteGeometry& site) const override {
    if (!hasLayer(layer)) return std::nullopt;
    if (layer == "长江干流") return false;
    const Box reserve{116.4, 29.4, 116.6, 29.6};
    for (const auto& part : site.parts)
      for (const LonLat& p : part)
        if (reserve.contains(p)) return true;
    return false;
  }
  std::string method() const override { return "planar test distances"; }

 private:
  Box units_[2] = {{116, 29, 117, 31}, {117, 29, 118, 31}};
};

constexpr const char* kSource = R"(// synthetic test input
accesslist "测试省生态环境准入清单" level province jurisdiction 360000
attribute industry : set<industry>
attribute in_park : bool
industry C "制造业"
industry C26 "化学原料和化学制品制造业"
unit ZH36110220001 "测试甲单元" class key county 361102
unit ZH36110220002 "测试乙单元" class key county 361102
layer 长江干流
layer 自然保护区
layer 饮用水水源保护区
rule S-01 layout "长江干流1公里内禁止新建化工项目":
  forbid project.industry in {C26} and distance_to(长江干流) < 1 km
  cite "《测试》第一条"
rule S-02 layout "饮用水水源保护区500米以外":
  require distance_to(饮用水水源保护区) >= 500 m
    when project.industry in {C26}
  cite "《测试》第二条"
rule S-03 layout "自然保护区内禁止工业项目":
  forbid within(自然保护区) and project.industry in {C} unless project.in_park
  cite "《测试》第三条"
)";

class SpatialScreening : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One file per process: ctest runs the tests of this suite in parallel processes.
    const auto path = std::filesystem::path(::testing::TempDir()) /
                      ("zr_spatial_facts_test." + std::to_string(::getpid()) + ".zr");
    std::ofstream(path) << kSource;
    driver::Compilation compilation;
    auto compiled = driver::compile({path.string()}, {driver::defaultStdlibDir()}, compilation);
    ASSERT_TRUE(compiled) << "the test source does not compile";
    bundle_ = new ir::Bundle(std::move(*compiled));
    std::filesystem::remove(path);
  }
  void SetUp() override { ASSERT_NE(bundle_, nullptr) << "the test source did not compile"; }
  static void TearDownTestSuite() {
    delete bundle_;
    bundle_ = nullptr;
  }

  // Parses, applies the context (or none), screens; returns the JSON record or the error.
  std::string screen(std::string_view line, bool withContext = true) {
    eval::DescriptorParser parser(*bundle_);
    eval::SpatialFacts spatial(*bundle_, withContext ? &context_ : nullptr);
    facts_ = eval::Facts{};
    auto error = parser.parse(line, facts_);
    if (!error) error = spatial.apply(facts_);
    if (error) return error->code + ": " + error->message;
    eval::Evaluator evaluator(*bundle_);
    evaluator.screen(facts_, screening_);
    std::string out;
    eval::writeRecordJson(*bundle_, facts_, screening_, out);
    return out;
  }
  std::uint32_t attr(const std::string& name) const {
    for (std::uint32_t a = 0; a < bundle_->attributes.size(); ++a)
      if (bundle_->attributes[a].name == name) return a;
    ADD_FAILURE() << "no attribute " << name;
    return 0;
  }
  static bool has(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
  }

  static ir::Bundle* bundle_;
  FakeContext context_;
  eval::Facts facts_;
  eval::Screening screening_;
};
ir::Bundle* SpatialScreening::bundle_ = nullptr;

TEST_F(SpatialScreening, LayersLowerToComputedAttributes) {
  const ir::Attribute& distance = bundle_->attributes[attr("distance_to(长江干流)")];
  EXPECT_EQ(distance.computed, ir::Computed::DistanceTo);
  EXPECT_EQ(distance.type, ir::AttrType::Quantity);
  EXPECT_EQ(distance.unit, "m");
  EXPECT_EQ(distance.layer, "长江干流");
  const ir::Attribute& within = bundle_->attributes[attr("within(自然保护区)")];
  EXPECT_EQ(within.computed, ir::Computed::Within);
  EXPECT_EQ(within.type, ir::AttrType::Bool);
}

TEST_F(SpatialScreening, PointResolvedAndDistanceComputed) {
  const std::string record =
      screen(R"j({"project":"p","site":{"point":[116.2,29.5]},"industry":["C26"]})j");
  ASSERT_EQ(facts_.units, std::vector<std::uint32_t>{0});
  EXPECT_TRUE(has(
      record,
      R"j("units":[{"code":"ZH36110220001","class":"key","verdict":"conditional","measure":0,"share":1}])j"))
      << record;
  // 1° from the river: 111 km, not within 1 km; the drinking-water layer is not loaded.
  EXPECT_TRUE(has(
      record,
      R"j("computed":[{"fact":"distance_to(长江干流)","value":"111000 m","method":"planar test distances"},{"fact":"within(自然保护区)","value":"false","method":"planar test distances"}])j"))
      << record;
  EXPECT_TRUE(has(
      record,
      R"j(distance_to(饮用水水源保护区): layer '饮用水水源保护区' is not loaded; the fact stays unknown)j"))
      << record;
  EXPECT_TRUE(has(record, R"j("site":{"geometry":"point","resolved":true,"outside":false})j"))
      << record;
  EXPECT_EQ(screening_.verdict, eval::Verdict::Conditional);  // S-02 unknown: an obligation
}

TEST_F(SpatialScreening, NearTheRiverIsRefused) {
  const std::string record =
      screen(R"j({"site":{"point":["E116°30'","N30°29'50\""]},"industry":["C26"]})j");
  EXPECT_EQ(screening_.verdict, eval::Verdict::Refused) << record;
  EXPECT_TRUE(has(record, R"j("distance_to(长江干流)":"308.3 m")j")) << record;
}

TEST_F(SpatialScreening, WithinTheReserve) {
  const std::string record =
      screen(R"j({"site":{"point":[116.5,29.5]},"industry":["C26"],"in_park":false})j");
  EXPECT_EQ(screening_.verdict, eval::Verdict::Refused) << record;
  EXPECT_TRUE(has(record, R"j("within(自然保护区)":true)j")) << record;
}

TEST_F(SpatialScreening, OutsideEveryUnitIsIndeterminate) {
  const std::string record = screen(R"j({"site":{"point":[120,29.5]},"industry":["C26"]})j");
  EXPECT_EQ(screening_.verdict, eval::Verdict::Indeterminate);
  EXPECT_TRUE(facts_.outsideUnits);
  EXPECT_TRUE(has(record, "the site lies outside every control unit of this bundle")) << record;
  EXPECT_TRUE(has(record, R"j("site":{"geometry":"point","resolved":true,"outside":true})j"))
      << record;
}

TEST_F(SpatialScreening, CoordinatesWithoutGeometryAreZR1009) {
  EXPECT_EQ(screen(R"j({"site":{"point":[116.2,29.5]}})j", false).substr(0, 6), "ZR1009");
  // With units, no context: the spatial facts stay unknown (indeterminate), never false.
  const std::string record = screen(
      R"j({"site":{"units":["ZH36110220001"],"point":[116.2,29.5]},"industry":["C26"]})j", false);
  EXPECT_EQ(screening_.verdict, eval::Verdict::Indeterminate) << record;
  EXPECT_TRUE(has(record, R"j("missing":["distance_to(长江干流)")j")) << record;
}

TEST_F(SpatialScreening, UnitsGivenGovernTheGeometryGivesFacts) {
  const std::string record =
      screen(R"j({"site":{"units":["ZH36110220002"],"point":[116.5,30.495]},"industry":["C26"]})j");
  EXPECT_EQ(facts_.units, std::vector<std::uint32_t>{1});
  EXPECT_TRUE(facts_.unitHits.empty());
  EXPECT_EQ(screening_.verdict, eval::Verdict::Refused) << record;
  EXPECT_FALSE(has(record, "\"share\"")) << record;
  // The point lies in the other unit: the given units govern, the mismatch is reported.
  EXPECT_TRUE(has(record,
                  "the site's geometry also reaches ZH36110220001, which the site's "
                  "units do not name"))
      << record;
}

TEST_F(SpatialScreening, UnitsAgreeingWithTheGeometryAreQuiet) {
  const std::string record =
      screen(R"j({"site":{"units":["ZH36110220001"],"point":[116.2,29.5]},"industry":["C"]})j");
  EXPECT_FALSE(has(record, "reaches")) << record;
  EXPECT_FALSE(has(record, "outside every control unit")) << record;
  const std::string outside =
      screen(R"j({"site":{"units":["ZH36110220001"],"point":[120,29.5]},"industry":["C"]})j");
  EXPECT_TRUE(has(outside,
                  "the site's geometry lies outside every control unit; the given units "
                  "are used"))
      << outside;
}

TEST_F(SpatialScreening, GivenFactNoRuleReadsIsStillChecked) {
  // No rule reads within(长江干流); the declaration is checked against the geometry all the same.
  const std::string record =
      screen(R"j({"site":{"point":[116.2,29.5]},"industry":["C"],"within(长江干流)":true})j");
  EXPECT_TRUE(
      has(record, R"j("conflicts":[{"fact":"within(长江干流)","given":"true","computed":"false")j"))
      << record;
}

TEST_F(SpatialScreening, PolygonOverTwoUnitsHasShares) {
  const std::string record = screen(
      R"j({"site":{"polygon":[[[116.9,29.1],[117.2,29.1],[117.2,29.2],[116.9,29.2],[116.9,29.1]]]},"industry":["C"]})j");
  EXPECT_EQ(facts_.units, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_TRUE(has(record, R"j("share":0.3333})j")) << record;
  EXPECT_TRUE(has(record, R"j("share":0.6667})j")) << record;
}

TEST_F(SpatialScreening, GivenFactContradictingTheGeometryIsReported) {
  const std::string record = screen(
      R"j({"site":{"point":[116.2,29.5]},"industry":["C26"],"distance_to(长江干流)":"800 m"})j");
  // The descriptor's value is used (refused), and the conflict is named with both values.
  EXPECT_EQ(screening_.verdict, eval::Verdict::Refused) << record;
  EXPECT_TRUE(has(
      record,
      R"j("conflicts":[{"fact":"distance_to(长江干流)","given":"800 m","computed":"111000 m","used":"given","method":"planar test distances"}])j"))
      << record;
  EXPECT_FALSE(has(record, "the descriptor gives")) << record;  // "conflicts" says it all
  std::string text;
  eval::RecordWriter(*bundle_).writeRecordText(facts_, screening_, text, eval::Lang::Zh);
  EXPECT_TRUE(has(text, "申报 800 m，按选址计算 111000 m")) << text;
  EXPECT_FALSE(has(record, R"j("fact":"distance_to(长江干流)","value")j"))
      << record;  // not listed as computed
}

TEST_F(SpatialScreening, GivenFactWithinToleranceIsQuiet) {
  const std::string record = screen(
      R"j({"site":{"point":[116.2,30.495]},"industry":["C26"],"distance_to(长江干流)":"0.58 km"})j");
  EXPECT_FALSE(has(record, "conflicts")) << record;
  EXPECT_TRUE(has(record, R"j("distance_to(长江干流)":"580 m")j")) << record;
  const std::string within =
      screen(R"j({"site":{"point":[116.5,29.5]},"within(自然保护区)":false,"industry":["C"]})j");
  EXPECT_TRUE(has(
      within, R"j("conflicts":[{"fact":"within(自然保护区)","given":"false","computed":"true")j"))
      << within;
}

TEST_F(SpatialScreening, ToleranceIsFiftyMetresOrFivePercent) {
  EXPECT_FALSE(eval::SpatialFacts::distancesConflict(550, 500));
  EXPECT_TRUE(eval::SpatialFacts::distancesConflict(551, 500));
  EXPECT_FALSE(eval::SpatialFacts::distancesConflict(2100, 2000));
  EXPECT_TRUE(eval::SpatialFacts::distancesConflict(2101, 2000));
  EXPECT_TRUE(eval::SpatialFacts::distancesConflict(1899, 2000));
}

TEST_F(SpatialScreening, LineAcrossTheBorder) {
  const std::string record =
      screen(R"j({"site":{"line":[[116.5,29.5],[117.5,29.5]]},"industry":["C"]})j");
  EXPECT_EQ(facts_.units, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_TRUE(has(record, R"j("site":{"geometry":"line","resolved":true,"outside":false})j"))
      << record;
}

}  // namespace
}  // namespace zr

namespace zr {
namespace {

TEST_F(SpatialScreening, TextReportShowsSharesAndComputedFacts) {
  screen(
      R"j({"project":"p","site":{"polygon":[[[116.9,29.1],[117.2,29.1],[117.2,29.2],[116.9,29.2]]]},"industry":["C26"]})j");
  std::string en, zh;
  eval::writeRecordText(*bundle_, facts_, screening_, en, eval::Lang::En);
  eval::writeRecordText(*bundle_, facts_, screening_, zh, eval::Lang::Zh);
  EXPECT_TRUE(has(en, "(key control unit): conditional (share of the site 33.3 %)\n")) << en;
  EXPECT_TRUE(has(en,
                  "Facts computed from the geometry (planar test distances):\n"
                  "    - distance_to(长江干流) = 144300 m\n"))
      << en;
  EXPECT_TRUE(has(zh, "（占选址 66.7 %）\n")) << zh;
  EXPECT_TRUE(has(zh, "由空间数据计算的事实（planar test distances）：")) << zh;
  screen(R"j({"site":{"point":[120,29.5]}})j");
  std::string outside;
  eval::writeRecordText(*bundle_, facts_, screening_, outside, eval::Lang::Zh);
  EXPECT_TRUE(has(outside, "项目选址位于本清单所有管控单元之外")) << outside;
}

}  // namespace
}  // namespace zr

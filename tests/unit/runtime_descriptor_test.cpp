// Descriptor parsing: every attribute type, units of measure, the site forms, every record
// error code, hostile input (deep nesting, invalid UTF-8, huge lines) and parser reuse.
#include <gtest/gtest.h>

#include <cmath>

#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Evaluator.h"
#include "tests/unit/runtime_builder.h"

namespace zr {
namespace {

using eval::Fact;

// Attribute indices of testing::sampleBundle().
enum : std::uint32_t {
  kVocs = 0,
  kRatio = 1,
  kDistance = 2,
  kChange = 3,
  kIndustry = 4,
  kInPark = 5,
  kActivity = 6,
  kPark = 7,
  kApproved = 8,
  kMainIndustry = 9,
  kEnergy = 10
};

class Descriptors : public ::testing::Test {
 protected:
  Descriptors() : bundle_(testing::sampleBundle()), parser_(bundle_) {}

  // Parses a line that must succeed.
  const eval::Facts& ok(std::string_view line) {
    auto error = parser_.parse(line, facts_);
    EXPECT_FALSE(error) << line << " -> " << (error ? error->code + " " + error->message : "");
    return facts_;
  }
  // Parses a line that must fail; returns the error.
  eval::RecordError fails(std::string_view line) {
    auto error = parser_.parse(line, facts_);
    EXPECT_TRUE(error) << line;
    return error.value_or(eval::RecordError{"none", ""});
  }
  // A descriptor on unit ZH36110220001 with extra members.
  static std::string with(std::string_view members) {
    return std::string(R"({"project":"p","site":{"units":["ZH36110220001"]})") +
           (members.empty() ? "" : ",") + std::string(members) + "}";
  }
  const Fact& slot(std::uint32_t attr) const { return facts_.slots[attr]; }
  std::string invalid() const {
    std::string all;
    for (const auto& s : facts_.invalid) all += s + "\n";
    return all;
  }
  std::string warnings() const {
    std::string all;
    for (const auto& s : facts_.warnings) all += s + "\n";
    return all;
  }

  ir::Bundle bundle_;
  eval::DescriptorParser parser_;
  eval::Facts facts_;
};

TEST_F(Descriptors, EveryAttributeType) {
  const auto& f =
      ok(with(R"("vocs":"12 t/a","vocs_offset_ratio":1.5,"distance_to_yangtze":"800 m",)"
              R"("change":"扩建","industry":["C2614","3011","c26"],"in_park":false,)"
              R"("activity":["restoration","旅游"],"park":"九江经开区","approved":"2024-05-01",)"
              R"("main_industry":"C301","energy_use":4000,"date":"2025-06-01")"));
  EXPECT_EQ(f.project, "p");
  ASSERT_EQ(f.units.size(), 1u);
  EXPECT_EQ(bundle_.units[f.units[0]].code, "ZH36110220001");
  for (std::uint32_t a = 0; a < bundle_.attributes.size(); ++a)
    EXPECT_EQ(slot(a).state, Fact::State::Known) << bundle_.attributes[a].name;
  EXPECT_EQ(slot(kVocs).number, 12);
  EXPECT_EQ(slot(kRatio).number, 1.5);
  EXPECT_EQ(slot(kDistance).number, 0.8);  // canonical km
  EXPECT_EQ(slot(kChange).bits, 0b010u);
  ASSERT_EQ(slot(kIndustry).count, 3u);
  std::vector<std::string> codes;
  for (std::uint32_t k = 0; k < 3; ++k)
    codes.push_back(bundle_.industries[f.industries[slot(kIndustry).first + k]].code);
  EXPECT_EQ(codes, (std::vector<std::string>{"C2614", "C3011", "C26"}));
  EXPECT_FALSE(slot(kInPark).boolean);
  EXPECT_EQ(slot(kActivity).bits, 0b101u);
  EXPECT_EQ(f.strings.at(slot(kPark).first), "九江经开区");
  EXPECT_EQ(slot(kApproved).number, 19844);  // 2024-05-01
  EXPECT_EQ(bundle_.industries[f.industries[slot(kMainIndustry).first]].code, "C301");
  EXPECT_EQ(slot(kEnergy).number, 4000);
  EXPECT_EQ(f.date, 20240);  // 2025-06-01
  EXPECT_TRUE(f.invalid.empty()) << invalid();
  EXPECT_TRUE(f.warnings.empty()) << warnings();
}

TEST_F(Descriptors, QuantitiesConvertToTheCanonicalUnit) {
  ok(with(R"("distance_to_yangtze":"800 m","vocs":"1.5万t/a","energy_use":" 2 万tce/a ")"));
  EXPECT_EQ(slot(kDistance).number, 0.8);
  EXPECT_EQ(slot(kVocs).number, 15000);
  EXPECT_EQ(slot(kEnergy).number, 20000);
  ok(with(R"("distance_to_yangtze":"2km","vocs":"500 kg/a")"));
  EXPECT_EQ(slot(kDistance).number, 2);
  EXPECT_EQ(slot(kVocs).number, 0.5);
  ok(with(R"("distance_to_yangtze":0.5,"vocs":"3")"));  // bare numbers are in the canonical unit
  EXPECT_EQ(slot(kDistance).number, 0.5);
  EXPECT_EQ(slot(kVocs).number, 3);
}

TEST_F(Descriptors, WrongDimensionOrUnitMakesTheFactInvalid) {
  ok(with(R"("distance_to_yangtze":"3 t/a")"));
  EXPECT_EQ(slot(kDistance).state, Fact::State::Invalid);
  ASSERT_EQ(facts_.invalid.size(), 1u);
  EXPECT_NE(
      invalid().find("distance_to_yangtze: '3 t/a' is a mass rate, expected a length (m, km)"),
      std::string::npos)
      << invalid();
  ok(with(R"("distance_to_yangtze":"3 furlong")"));
  EXPECT_EQ(slot(kDistance).state, Fact::State::Invalid);
  EXPECT_NE(invalid().find("unknown unit 'furlong'"), std::string::npos) << invalid();
  ok(with(R"("distance_to_yangtze":"far")"));
  EXPECT_NE(invalid().find("'far' is not a quantity"), std::string::npos) << invalid();
  ok(with(R"("distance_to_yangtze":true)"));
  EXPECT_EQ(slot(kDistance).state, Fact::State::Invalid);
}

TEST_F(Descriptors, InvalidFactMakesTheRuleIndeterminateWithError) {
  // T-04: limit energy_use <= 5000 tce/a when change == new, everywhere.
  ok(R"({"site":{"units":["ZH36110230001"]},"change":"new","energy_use":"6000 km"})");
  EXPECT_EQ(slot(kEnergy).state, Fact::State::Invalid);
  eval::Screening s;
  eval::Evaluator(bundle_).screen(facts_, s);
  EXPECT_EQ(s.verdict, eval::Verdict::Indeterminate);
  bool found = false;
  for (const auto& finding : s.findings)
    if (bundle_.rules[finding.rule].id == "T-04") {
      found = true;
      EXPECT_EQ(finding.outcome, eval::Outcome::Indeterminate);
      EXPECT_TRUE(finding.error);
    }
  EXPECT_TRUE(found);
}

TEST_F(Descriptors, WrongJsonTypesAreInvalidFactsNotErrors) {
  ok(with(R"("in_park":"yes","vocs_offset_ratio":"1.5","change":["new"],"industry":[1],)"
          R"("main_industry":["C301"],"park":5,"approved":"2024-13-01","activity":[true])"));
  for (auto a : {kInPark, kRatio, kChange, kIndustry, kMainIndustry, kPark, kApproved, kActivity})
    EXPECT_EQ(slot(a).state, Fact::State::Invalid) << bundle_.attributes[a].name;
  EXPECT_EQ(facts_.invalid.size(), 8u) << invalid();
  EXPECT_NE(invalid().find("in_park: expected true or false, got a string \"yes\""),
            std::string::npos)
      << invalid();
}

TEST_F(Descriptors, EnumsAcceptNamesAndChineseAliases) {
  ok(with(R"("change":"new","activity":"research")"));
  EXPECT_EQ(slot(kChange).bits, 0b001u);
  EXPECT_EQ(slot(kActivity).bits, 0b010u);
  ok(with(R"("change":"改建","activity":[])"));
  EXPECT_EQ(slot(kChange).bits, 0b100u);
  EXPECT_EQ(slot(kActivity).state, Fact::State::Known);
  EXPECT_EQ(slot(kActivity).bits, 0u);
  ok(with(R"("change":"neww")"));
  EXPECT_EQ(slot(kChange).state, Fact::State::Invalid);
  EXPECT_NE(
      invalid().find("'neww' is not one of {new, expansion, renovation} (did you mean 'new'?)"),
      std::string::npos)
      << invalid();
}

TEST_F(Descriptors, IndustryCodes) {
  ok(with(R"("industry":"2614","main_industry":"C3011")"));
  EXPECT_EQ(bundle_.industries[facts_.industries[slot(kIndustry).first]].code, "C2614");
  ok(with(R"("industry":["C2614","C9999"])"));
  EXPECT_EQ(slot(kIndustry).state, Fact::State::Invalid);
  EXPECT_NE(invalid().find("unknown industry code 'C9999'"), std::string::npos) << invalid();
  ok(with(R"("main_industry":"99")"));
  EXPECT_EQ(slot(kMainIndustry).state, Fact::State::Invalid);
  ok(with(R"("industry":[])"));
  EXPECT_EQ(slot(kIndustry).state, Fact::State::Known);
  EXPECT_EQ(slot(kIndustry).count, 0u);
}

TEST_F(Descriptors, NullIsUnknownAndUnknownKeysWarn) {
  ok(with(R"("vocs":null,"voc":3,"in_prak":true,"_comment":"ignored","project.in_park":true)"));
  EXPECT_EQ(slot(kVocs).state, Fact::State::Unknown);
  EXPECT_EQ(slot(kInPark).state, Fact::State::Known);
  EXPECT_TRUE(facts_.invalid.empty());
  ASSERT_EQ(facts_.warnings.size(), 2u) << warnings();
  EXPECT_EQ(facts_.warnings[0], "unknown key 'voc' ignored (did you mean 'vocs'?)");
  EXPECT_EQ(facts_.warnings[1], "unknown key 'in_prak' ignored (did you mean 'in_park'?)");
}

TEST_F(Descriptors, DuplicateKeysKeepTheFirstValue) {
  ok(with(R"("vocs":1,"vocs":"not a number")"));
  EXPECT_EQ(slot(kVocs).state, Fact::State::Known);
  EXPECT_EQ(slot(kVocs).number, 1);
  EXPECT_NE(warnings().find("duplicate key 'vocs'"), std::string::npos);
}

TEST_F(Descriptors, SiteForms) {
  auto codes = [&] {
    std::vector<std::string> out;
    for (auto u : facts_.units) out.push_back(bundle_.units[u].code);
    return out;
  };
  ok(R"({"site":"ZH36110220001"})");
  EXPECT_EQ(codes(), (std::vector<std::string>{"ZH36110220001"}));
  ok(R"({"site":["ZH36110230001","ZH36042910001","ZH36110230001"]})");
  EXPECT_EQ(codes(),
            (std::vector<std::string>{"ZH36042910001", "ZH36110230001"}));  // sorted, unique
  ok(R"({"units":["ZH36110230001"],"site":{"units":["ZH36110220001"]}})");
  EXPECT_EQ(codes(), (std::vector<std::string>{"ZH36110220001", "ZH36110230001"}));
  ok(R"({"site":{"units":[]}})");  // a site with no unit: screened as indeterminate
  EXPECT_TRUE(facts_.units.empty());
  // Units and a geometry: the units govern, the geometry is kept for spatial facts.
  ok(R"({"site":{"units":["ZH36110220001"],"point":[116.0,29.7]}})");
  EXPECT_EQ(codes(), (std::vector<std::string>{"ZH36110220001"}));
  EXPECT_TRUE(facts_.hasGeometry);
  EXPECT_TRUE(warnings().empty()) << warnings();
}

TEST_F(Descriptors, SiteGeometries) {
  using Kind = eval::SiteGeometry::Kind;
  const auto& g = facts_.geometry;
  ok(R"({"site":{"point":[116.0,29.7]}})");
  EXPECT_TRUE(facts_.hasGeometry);
  EXPECT_TRUE(facts_.units.empty());
  EXPECT_EQ(g.kind, Kind::Point);
  ASSERT_EQ(g.parts.size(), 1u);
  EXPECT_DOUBLE_EQ(g.parts[0][0].lon, 116.0);
  EXPECT_DOUBLE_EQ(g.parts[0][0].lat, 29.7);

  ok(R"({"site":{"point":["E117°56'26.05\"","N28°27'3.5\""]}})");
  EXPECT_DOUBLE_EQ(g.parts[0][0].lon, 117 + 56 / 60.0 + 26.05 / 3600);
  EXPECT_DOUBLE_EQ(g.parts[0][0].lat, 28 + 27 / 60.0 + 3.5 / 3600);
  ok(R"({"site":{"point":["东经117°56′26.05″","北纬28°27′3.5″"]}})");
  EXPECT_DOUBLE_EQ(g.parts[0][0].lat, 28 + 27 / 60.0 + 3.5 / 3600);

  ok(R"({"site":{"points":[[116,29],[116.5,29.5]]}})");
  EXPECT_EQ(g.kind, Kind::MultiPoint);
  EXPECT_EQ(g.parts.size(), 2u);
  ok(R"({"site":{"line":[[116,29],[116.5,29.5]]}})");
  EXPECT_EQ(g.kind, Kind::Line);
  ASSERT_EQ(g.parts.size(), 1u);
  EXPECT_EQ(g.parts[0].size(), 2u);
  ok(R"({"site":{"polygon":[[[116,29],[116.1,29],[116.1,29.1],[116,29]],[[116.02,29.02],[116.03,29.02],[116.03,29.03]]]}})");
  EXPECT_EQ(g.kind, Kind::Polygon);
  EXPECT_EQ(g.parts.size(), 2u);

  // GeoJSON: under "geometry", as the site itself, or a Feature.
  ok(R"({"site":{"geometry":{"type":"LineString","coordinates":[[116,29],[116.5,29.5,12]]}}})");
  EXPECT_EQ(g.kind, Kind::Line);
  ok(R"({"site":{"type":"Point","coordinates":[116,29]}})");
  EXPECT_EQ(g.kind, Kind::Point);
  ok(R"({"site":{"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[116,29],[116.5,29.5]],[[117,29],[117,30]]]}}})");
  EXPECT_EQ(g.kind, Kind::Line);
  EXPECT_EQ(g.parts.size(), 2u);
  ok(R"({"site":{"type":"Polygon","coordinates":[[[116,29],[116.1,29],[116.1,29.1],[116,29]]]}})");
  EXPECT_EQ(g.kind, Kind::Polygon);
  ok(R"({"site":{"type":"MultiPoint","coordinates":[[116,29]]}})");
  EXPECT_EQ(g.kind, Kind::MultiPoint);
}

TEST_F(Descriptors, BadGeometriesAreZR1008) {
  auto message = [&](std::string_view line) {
    auto error = fails(line);
    EXPECT_EQ(error.code, "ZR1008") << line << " -> " << error.message;
    return error.message;
  };
  EXPECT_NE(message(R"({"site":{"point":[116.0,129.7]}})").find("latitude 129.7 is out of range"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"point":[200,29]}})").find("site.point[0]"), std::string::npos);
  EXPECT_NE(message(R"({"site":{"point":[116]}})").find("[longitude, latitude]"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"point":["N28°27'","E117°"]}})").find("marks a latitude"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"point":["E117°61'",28]}})").find("61 minutes"), std::string::npos);
  EXPECT_NE(message(R"({"site":{"point":[true,28]}})").find("a longitude is a number"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"line":[[116,29]]}})").find("at least 2 positions"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"polygon":[[[116,29],[116.1,29],[116,29]]]}})").find("at least 4"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"polygon":[]}})").find("empty"), std::string::npos);
  EXPECT_NE(message(R"({"site":{"polygon":[[[116,29],[116.1,29],[116.1,"x"]]]}})")
                .find("site.polygon[0][2][1]"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"point":[116,29],"line":[[116,29],[117,29]]}})")
                .find("more than one geometry"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"type":"MultiPolygon","coordinates":[]}})").find("not a site"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"type":"Point"}})").find("no \"coordinates\""), std::string::npos);
  EXPECT_NE(message(R"({"site":{"geometry":[116,29]}})").find("GeoJSON geometry is an object"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"type":"Feature","geometry":null}})").find("no \"geometry\""),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"polygon":[[[116,29],[116,29],[116.1,29],[116,29]]]}})")
                .find("3 distinct"),
            std::string::npos);
  EXPECT_NE(message(R"({"site":{"line":[[116,29],[116,29]]}})").find("2 distinct"),
            std::string::npos);
  message(R"({"site":{"point":[116,29,"high"]}})");
  message(R"({"site":{"points":[]}})");
  message(R"({"site":{"line":"116,29"}})");
}

TEST_F(Descriptors, NoSiteIsZR1003) {
  EXPECT_EQ(fails(R"({"project":"x"})").code, "ZR1003");
  EXPECT_EQ(fails(R"({"site":null})").code, "ZR1003");
  EXPECT_EQ(fails(R"({"site":{}})").code, "ZR1003");
  EXPECT_EQ(fails(R"({"site":{"units":[5]}})").code, "ZR1003");
  EXPECT_EQ(fails(R"({"site":42})").code, "ZR1003");
}

TEST_F(Descriptors, UnknownUnitIsZR1004WithDidYouMean) {
  auto error = fails(R"({"site":{"units":["ZH36110220002"]}})");
  EXPECT_EQ(error.code, "ZR1004");
  EXPECT_EQ(
      error.message,
      "unknown control unit 'ZH36110220002' (not in this bundle); did you mean 'ZH36110220001'?");
  error = fails(R"({"site":"ZH3611"})");
  EXPECT_EQ(error.code, "ZR1004");
  EXPECT_NE(error.message.find("not a control unit code"), std::string::npos) << error.message;
}

TEST_F(Descriptors, MalformedJsonIsZR1001WithAPosition) {
  auto error = fails(R"({"site":"ZH36110220001" "vocs":1})");
  EXPECT_EQ(error.code, "ZR1001");
  EXPECT_EQ(error.message,
            "malformed JSON at column 25: expected ',' or '}' after an object member");
  EXPECT_EQ(fails("not json").code, "ZR1001");
  EXPECT_EQ(fails("{").code, "ZR1001");
  EXPECT_EQ(fails(R"({"a":1} x)").code, "ZR1001");
  EXPECT_EQ(fails(R"({'a':1})").message,
            "malformed JSON at column 2: expected a string key or '}'");
  EXPECT_EQ(fails(R"({"a":01})").code, "ZR1001");
  EXPECT_EQ(fails("{\"a\":\"tab\there\"}").code, "ZR1001");
  error = fails("");
  EXPECT_EQ(error.code, "ZR1001");
  EXPECT_NE(error.message.find("empty line"), std::string::npos) << error.message;
  EXPECT_EQ(fails("   ").code, "ZR1001");
}

TEST_F(Descriptors, DeepNestingIsZR1001NeverACrash) {
  for (std::size_t depth : {65u, 10000u, 100000u}) {
    std::string arrays = std::string(depth, '[') + std::string(depth, ']');
    EXPECT_EQ(fails(arrays).code, "ZR1001") << depth;
    std::string objects;
    for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
    objects += "1" + std::string(depth, '}');
    EXPECT_EQ(fails(objects).code, "ZR1001") << depth;
    EXPECT_EQ(fails(std::string(depth, '[')).code, "ZR1001") << depth;  // unbalanced too
  }
  // Nesting inside a value of an otherwise valid descriptor.
  std::string deep = with("\"vocs\":" + std::string(5000, '[') + std::string(5000, ']'));
  EXPECT_EQ(fails(deep).code, "ZR1001");
  // Reasonable nesting is fine (and the unknown key only warns).
  ok(with(R"("x":[[[[[[1]]]]]])"));
}

TEST_F(Descriptors, NotAnObjectIsZR1002) {
  for (const char* line : {"[1,2]", "\"text\"", "42", "null", "true"})
    EXPECT_EQ(fails(line).code, "ZR1002") << line;
  EXPECT_EQ(fails("[1,2]").message, "a descriptor is a JSON object {…}, not a list");
}

TEST_F(Descriptors, LongLineIsZR1005) {
  std::string line =
      with("\"park\":\"" + std::string(eval::DescriptorParser::kMaxLine, 'x') + "\"");
  EXPECT_EQ(fails(line).code, "ZR1005");
  ok(with("\"park\":\"" + std::string(eval::DescriptorParser::kMaxLine - 200, 'x') + "\""));
}

TEST_F(Descriptors, InvalidUtf8IsZR1006) {
  auto error = fails("{\"project\":\"\xff\xfe\",\"site\":\"ZH36110220001\"}");
  EXPECT_EQ(error.code, "ZR1006");
  EXPECT_NE(error.message.find("column 13"), std::string::npos) << error.message;
  EXPECT_EQ(fails("{\"project\":\"\xc0\xaf\",\"site\":\"ZH36110220001\"}").code,
            "ZR1006");  // overlong
  EXPECT_EQ(fails("{\"project\":\"\xed\xa0\x80\",\"site\":\"ZH36110220001\"}").code,
            "ZR1006");  // surrogate
  EXPECT_EQ(fails("{\"project\":\"\xe4\xb8\",\"site\":\"ZH36110220001\"}").code,
            "ZR1006");  // cut short
  EXPECT_EQ(fails("not json \xff").code, "ZR1006");
}

TEST_F(Descriptors, BadDateIsZR1007) {
  EXPECT_EQ(fails(with(R"("date":"2025-02-30")")).code, "ZR1007");
  EXPECT_EQ(fails(with(R"("date":"2025/01/01")")).code, "ZR1007");
  EXPECT_EQ(fails(with(R"("date":20250101)")).code, "ZR1007");
  EXPECT_EQ(ok(with(R"("date":"2024-02-29")")).date, 19782);
  EXPECT_EQ(ok(with(R"("date":null)")).date, INT32_MIN);
}

TEST_F(Descriptors, ParserReuseLeavesNoTrace) {
  ok(with(R"("vocs":3,"industry":["C2614"],"park":"a","voc":1,"in_park":"x")"));
  EXPECT_FALSE(facts_.warnings.empty());
  EXPECT_FALSE(facts_.invalid.empty());
  ok(R"({"site":"ZH36110230001"})");
  EXPECT_EQ(facts_.project, "");
  EXPECT_TRUE(facts_.warnings.empty());
  EXPECT_TRUE(facts_.invalid.empty());
  EXPECT_TRUE(facts_.industries.empty());
  EXPECT_TRUE(facts_.strings.empty());
  EXPECT_EQ(facts_.date, INT32_MIN);
  for (const Fact& f : facts_.slots) EXPECT_EQ(f.state, Fact::State::Unknown);
  // A failed line does not poison the next one.
  fails("{");
  ok(with(R"("vocs":7)"));
  EXPECT_EQ(slot(kVocs).number, 7);
}

TEST_F(Descriptors, NumbersOfEveryJsonForm) {
  ok(with(R"("vocs_offset_ratio":18446744073709551615,"vocs":-5,"energy_use":1e3)"));
  EXPECT_EQ(slot(kRatio).number, 18446744073709551615.0);
  EXPECT_EQ(slot(kVocs).number, -5);
  EXPECT_EQ(slot(kEnergy).number, 1000);
}

}  // namespace
}  // namespace zr

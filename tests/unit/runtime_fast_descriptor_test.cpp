// The descriptor fast path (FastDescriptor.h) must give exactly what the reference parser gives:
// the same record error, or the same facts, for every line — over seeded random lines mixing
// the plain shapes it reads with every kind of irregularity it must leave to the reference.
#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <string>
#include <vector>

#include "runtime/eval/Descriptor.h"
#include "runtime/eval/FastDescriptor.h"
#include "tests/unit/runtime_builder.h"

namespace zr {
namespace {

ir::Bundle schemaBundle() {
  testing::BundleBuilder bb;
  bb.attr("in_park", ir::AttrType::Bool);
  bb.attr("ratio", ir::AttrType::Number);
  bb.attr("vocs", ir::AttrType::Quantity, "t/a");
  bb.attr("distance", ir::AttrType::Quantity, "km");
  bb.attr("change", ir::AttrType::Enum, "", {"new", "expansion", "relocation"},
          {"新建", "扩建", ""});
  bb.attr("activity", ir::AttrType::EnumSet, "", {"mining", "smelting"}, {"采矿", "冶炼"});
  bb.attr("main_industry", ir::AttrType::Industry);
  bb.attr("industry", ir::AttrType::IndustrySet);
  bb.attr("operator", ir::AttrType::String);
  bb.attr("approved", ir::AttrType::Date);
  bb.attr("date_like", ir::AttrType::Number);
  const std::uint32_t c = bb.industry("C", "制造业");
  const std::uint32_t c26 = bb.industry("C26", "化学原料", c);
  const std::uint32_t c261 = bb.industry("C261", "基础化学原料", c26);
  bb.industry("C2614", "有机化学原料", c261);
  const std::uint32_t d = bb.industry("D", "电力");
  bb.industry("D44", "电力生产", d);
  bb.unit("ZH36110220001");
  bb.unit("ZH36110220002");
  bb.unit("ZH36110230001", ir::UnitClass::General);
  return bb.build();
}

class Lines {
 public:
  explicit Lines(std::uint32_t seed) : rng_(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  template <typename T>
  const T& any(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))];
  }

  // Half the lines use plain values only (the first `plain` of each list), the others anything.
  std::string line() {
    const bool clean = pick(2) == 0;
    auto value = [&](const std::vector<std::string>& v, std::size_t plain) {
      return clean ? v[static_cast<std::size_t>(pick(static_cast<int>(plain)))] : any(v);
    };
    std::vector<std::string> fields;
    if (clean || pick(10)) fields.push_back("\"project\":" + value(projects_, 2));
    if (clean || pick(20)) fields.push_back("\"site\":" + value(sites_, 4));
    if (!pick(8)) fields.push_back("\"date\":" + value(dates_, 1));
    for (const auto& [key, plain, values] : attributes_)
      if (pick(3))
        fields.push_back("\"" + key +
                         "\":" + (clean || pick(4) ? value(values, plain) : any(wrong_)));
    if (!clean && !pick(15)) fields.push_back(any(oddFields_));
    std::shuffle(fields.begin(), fields.end(), rng_);
    if (!clean && !pick(25) && !fields.empty())
      fields.push_back(fields[static_cast<std::size_t>(pick(static_cast<int>(fields.size())))]);
    std::string text = pick(10) ? "{" : " { ";
    for (std::size_t i = 0; i < fields.size(); ++i)
      text += (i ? (pick(10) ? "," : " , ") : "") + fields[i];
    text += pick(10) ? "}" : "} ";
    switch (clean ? -1 : pick(40)) {
      case 0:
        text.resize(static_cast<std::size_t>(pick(static_cast<int>(text.size()))));
        break;  // truncated
      case 1:
        text += "x";
        break;
      case 2:
        text.insert(static_cast<std::size_t>(pick(static_cast<int>(text.size()))), "\xff");
        break;
      case 3:
        text = "[" + text + "]";
        break;
      default:
        break;
    }
    return text;
  }

 private:
  std::mt19937 rng_;
  const std::vector<std::string> projects_ = {"\"P1\"", "\"项目\"", "\"\"",
                                              "null",   "12",       "\"a\\\"b\""};
  const std::vector<std::string> sites_ = {
      "{\"units\":[\"ZH36110220001\"]}",
      "{\"units\":[\"ZH36110220002\",\"ZH36110230001\"]}",
      "{ \"units\" : [ \"ZH36110220001\" , \"ZH36110220001\" ] }",
      "{\"units\":[]}",
      "{\"units\":[\"ZH36110220009\"]}",
      "{\"units\":[\"ZH1\"]}",
      "{\"unit\":\"ZH36110220001\"}",
      "\"ZH36110220001\"",
      "[\"ZH36110230001\"]",
      "{\"units\":[\"ZH36110220001\"],\"point\":[116.1,28.2]}",
      "{\"point\":[116.1,28.2]}",
      "{\"units\":[\"ZH36110220001\"],\"_note\":1}",
      "{\"units\":[1]}",
      "null",
      "{\"units\":[\"ZH36110220001\"],\"x\":1}",
      "{}",
      "42"};
  const std::vector<std::string> dates_ = {"\"2025-06-01\"", "\"2025-13-01\"", "null", "20250601",
                                           "\"2024-02-29\""};
  const std::vector<std::string> wrong_ = {
      "null", "true", "\"\"", "[]", "{}", "[1,2]", "\"x\\u0041\"", "1e400",
      "-0",   "01",   "1.",   ".5", "-",  "1e",    "nul",          "truex"};
  struct Attribute {
    std::string key;
    std::size_t plain;  // the first `plain` values are read by the fast path
    std::vector<std::string> values;
  };
  const std::vector<Attribute> attributes_ = {
      {"in_park", 3, {"true", "false", "null", "1", "\"true\""}},
      {"ratio",
       13,
       {"1", "-2", "1.5", "2.5e3", "1E-2", "0", "-0.0", "123456789012345678", "1234567890123456789",
        "98765432109876543210", "0.1", "3.14159265358979323846", "1e-400", "\"3\""}},
      {"vocs",
       4,
       {"1.2", "\"3 t/a\"", "\"1200 kg/a\"", "\"0.5 万t/a\"", "\"3 km\"", "\"3\"", "\"abc\"",
        "\"3 furlongs\"", "\" 2 t/a \"", "7"}},
      {"distance", 3, {"\"800 m\"", "\"3.781 km\"", "2.5", "\"2 t/a\"", "\"800m\""}},
      {"change",
       4,
       {"\"new\"", "\"新建\"", "\"扩建\"", "\"relocation\"", "\"old\"", "[\"new\"]", "\"\""}},
      {"activity", 3, {"\"mining\"", "[\"mining\",\"冶炼\"]", "[]", "[\"x\"]", "[1]", "\"采矿\""}},
      {"main_industry",
       3,
       {"\"C2614\"", "\"c2614\"", "\"2614\"", "\"C99\"", "[\"C26\"]", "\"D44\""}},
      {"industry",
       4,
       {"[\"C2614\"]", "[\"C26\",\"D44\"]", "\"C261\"", "[]", "[\"Z1\"]", "[\"44\",\"26\"]",
        "[3]"}},
      {"operator", 3, {"\"某公司\"", "\"\"", "\"a b\"", "5"}},
      {"approved", 1, {"\"2024-01-31\"", "\"2024-02-30\"", "\"yesterday\"", "19000101"}},
      {"date_like", 3, {"17", "-17", "1e3"}},
  };
  const std::vector<std::string> oddFields_ = {
      "\"_comment\":\"x\"", "\"project.ratio\":3",
      "\"unknown\":1",      "\"units\":[\"ZH36110220001\"]",
      "\"ratoi\":2",        "\"in\\u005fpark\":true",
      "\"date\":null"};
};

void expectSameFacts(const eval::Facts& a, const eval::Facts& b, const std::string& line) {
  EXPECT_EQ(a.project, b.project) << line;
  EXPECT_EQ(a.units, b.units) << line;
  EXPECT_EQ(a.industries, b.industries) << line;
  EXPECT_EQ(a.strings, b.strings) << line;
  EXPECT_EQ(a.invalid, b.invalid) << line;
  EXPECT_EQ(a.warnings, b.warnings) << line;
  EXPECT_EQ(a.date, b.date) << line;
  ASSERT_EQ(a.slots.size(), b.slots.size()) << line;
  for (std::size_t i = 0; i < a.slots.size(); ++i) {
    const eval::Fact &x = a.slots[i], &y = b.slots[i];
    EXPECT_EQ(x.state, y.state) << "attribute " << i << " of " << line;
    EXPECT_EQ(x.boolean, y.boolean) << "attribute " << i << " of " << line;
    EXPECT_EQ(std::bit_cast<std::uint64_t>(x.number), std::bit_cast<std::uint64_t>(y.number))
        << "attribute " << i << " of " << line << ": " << x.number << " vs " << y.number;
    EXPECT_EQ(x.bits, y.bits) << "attribute " << i << " of " << line;
    EXPECT_EQ(x.first, y.first) << "attribute " << i << " of " << line;
    EXPECT_EQ(x.count, y.count) << "attribute " << i << " of " << line;
  }
}

TEST(FastDescriptor, GivesWhatTheReferenceGivesForEveryLine) {
  const ir::Bundle bundle = schemaBundle();
  eval::DescriptorParser reference(bundle);
  eval::FastDescriptorParser fast(bundle);
  Lines lines(20260601);
  eval::Facts expected, actual;
  constexpr int kLines = 20000;
  int errors = 0;
  for (int i = 0; i < kLines; ++i) {
    const std::string line = lines.line();
    const auto referenceError = reference.parse(line, expected);
    const auto fastError = fast.parse(line, actual);
    ASSERT_EQ(referenceError.has_value(), fastError.has_value()) << line;
    if (referenceError) {
      ++errors;
      EXPECT_EQ(referenceError->code, fastError->code) << line;
      EXPECT_EQ(referenceError->message, fastError->message) << line;
      continue;
    }
    expectSameFacts(expected, actual, line);
    if (::testing::Test::HasFailure()) return;
  }
  // Both paths and both outcomes are exercised.
  EXPECT_GT(fast.fastLines(), static_cast<std::size_t>(kLines / 20));
  EXPECT_LT(fast.fastLines(), static_cast<std::size_t>(kLines - errors));
  EXPECT_GT(errors, kLines / 20);
}

TEST(FastDescriptor, ReadsThePlainShapeItself) {
  const ir::Bundle bundle = schemaBundle();
  eval::FastDescriptorParser fast(bundle);
  eval::Facts facts;
  const std::string line =
      R"({"project":"P1","site":{"units":["ZH36110230001","ZH36110220001"]},"date":"2025-06-01",)"
      R"("in_park":true,"ratio":1.5,"vocs":"1200 kg/a","change":"扩建","industry":["C26","D44"],"operator":null})";
  ASSERT_FALSE(fast.parse(line, facts));
  EXPECT_EQ(fast.fastLines(), 1u);
  EXPECT_EQ(facts.project, "P1");
  EXPECT_EQ(facts.units, (std::vector<std::uint32_t>{0, 2}));
  EXPECT_DOUBLE_EQ(facts.slots[2].number, 1.2);
  EXPECT_EQ(facts.slots[4].bits, 2u);
  EXPECT_EQ(facts.slots[7].count, 2u);
  EXPECT_EQ(facts.slots[8].state, eval::Fact::State::Unknown);
  // Anything unusual goes to the reference, which reports it.
  const auto error = fast.parse(R"({"project":"P2","site":{"units":["ZH36110220009"]}})", facts);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, "ZR1004");
  EXPECT_EQ(fast.fastLines(), 1u);
}

}  // namespace
}  // namespace zr

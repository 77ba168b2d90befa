// Units of measure, quantity parsing, dates, suggestions and JSON escaping (runtime/measure,
// runtime/util).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "runtime/measure/Measure.h"
#include "runtime/util/Date.h"
#include "runtime/util/JsonText.h"
#include "runtime/util/Suggest.h"

namespace zr {
namespace {

using measure::Dim;

TEST(Measure, TheUnitTable) {
  struct Row {
    const char* symbol;
    Dim dim;
    double toBase;
  };
  const Row rows[] = {
      {"m", Dim::Length, 1},
      {"km", Dim::Length, 1000},
      {"m2", Dim::Area, 1},
      {"hm2", Dim::Area, 1e4},
      {"km2", Dim::Area, 1e6},
      {"亩", Dim::Area, 1e4 / 15},
      {"t/a", Dim::MassRate, 1},
      {"kg/a", Dim::MassRate, 1e-3},
      {"g/a", Dim::MassRate, 1e-6},
      {"万t/a", Dim::MassRate, 1e4},
      {"m3/a", Dim::VolumeRate, 1},
      {"m3/d", Dim::VolumeRate, 365},
      {"万m3/a", Dim::VolumeRate, 1e4},
      {"mg/L", Dim::Concentration, 1},
      {"mg/m3", Dim::AirConcentration, 1},
      {"ug/m3", Dim::AirConcentration, 1e-3},
      {"tce/a", Dim::EnergyRate, 1},
      {"万tce/a", Dim::EnergyRate, 1e4},
      {"kWh/a", Dim::ElectricityRate, 1},
      {"万kWh/a", Dim::ElectricityRate, 1e4},
      {"元", Dim::Money, 1e-4},
      {"万元", Dim::Money, 1},
      {"亿元", Dim::Money, 1e4},
      {"%", Dim::Percent, 1},
      {"a", Dim::Duration, 1},
      {"d", Dim::Duration, 1.0 / 365},
  };
  for (const Row& row : rows) {
    const measure::UnitOfMeasure* unit = measure::find(row.symbol);
    ASSERT_NE(unit, nullptr) << row.symbol;
    EXPECT_EQ(unit->dim, row.dim) << row.symbol;
    EXPECT_DOUBLE_EQ(unit->toBase, row.toBase) << row.symbol;
  }
  EXPECT_EQ(measure::find("furlong"), nullptr);
  EXPECT_EQ(measure::find("KM"), nullptr);
  EXPECT_EQ(measure::symbolsOf(Dim::Length), (std::vector<std::string_view>{"m", "km"}));
  EXPECT_TRUE(measure::symbolsOf(Dim::Ratio).empty());
  EXPECT_EQ(measure::dimName(Dim::MassRate), "mass rate");
  EXPECT_EQ(measure::dimName(Dim::Length), "length");
}

TEST(Measure, ConversionIsExactWhereItCanBe) {
  const auto& m = *measure::find("m");
  const auto& km = *measure::find("km");
  EXPECT_EQ(measure::convert(800, m, km), 0.8);
  EXPECT_EQ(measure::convert(0.5, km, m), 500);
  EXPECT_EQ(measure::convert(3, km, km), 3);
  EXPECT_EQ(measure::convert(2, *measure::find("m3/d"), *measure::find("m3/a")), 730);
  EXPECT_EQ(measure::convert(1, *measure::find("万t/a"), *measure::find("t/a")), 10000);
  EXPECT_EQ(measure::convert(3, *measure::find("亿元"), *measure::find("万元")), 30000);
  EXPECT_EQ(measure::convert(50, *measure::find("ug/m3"), *measure::find("mg/m3")), 0.05);
  EXPECT_NEAR(measure::convert(15, *measure::find("亩"), *measure::find("hm2")), 1.0, 1e-12);
}

TEST(Measure, ParseQuantity) {
  auto parse = [](std::string_view text) { return measure::parseQuantity(text); };
  auto q = parse("800 m");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->value, 800);
  EXPECT_EQ(q->unit->symbol, "m");
  q = parse("3t/a");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->value, 3);
  EXPECT_EQ(q->unit->symbol, "t/a");
  q = parse("1.5");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->value, 1.5);
  EXPECT_EQ(q->unit, nullptr);
  q = parse(" 2 km ");
  ASSERT_TRUE(q && q->unit);
  EXPECT_EQ(q->unit->symbol, "km");
  q = parse("1e3 kg/a");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->value, 1000);
  q = parse("-2 m");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->value, -2);
  q = parse("+2.5万t/a");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->value, 2.5);
  EXPECT_EQ(q->unit->symbol, "万t/a");
  q = parse("5 d");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->unit->dim, Dim::Duration);
  q = parse("12\t%");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->unit->symbol, "%");
  for (const char* bad :
       {"", " ", "m", "km 3", "1.2.3 m", "3 xx", "inf", "nan", "0x10", "1e", "3 km km", "--1", "."})
    EXPECT_FALSE(parse(bad)) << bad;
  std::string_view unknown;
  EXPECT_FALSE(measure::parseQuantity("3 furlong", &unknown));
  EXPECT_EQ(unknown, "furlong");
  EXPECT_FALSE(measure::parseQuantity("abc", &unknown));
  EXPECT_EQ(unknown, "");
}

TEST(Dates, ParseAndFormat) {
  std::int32_t days = -1;
  ASSERT_TRUE(util::parseDate("1970-01-01", days));
  EXPECT_EQ(days, 0);
  ASSERT_TRUE(util::parseDate("2025-01-01", days));
  EXPECT_EQ(days, 20089);
  ASSERT_TRUE(util::parseDate("2024-02-29", days));
  ASSERT_TRUE(util::parseDate("1969-12-31", days));
  EXPECT_EQ(days, -1);
  for (const char* bad : {"2023-02-29", "2025-13-01", "2025-00-10", "2025-01-32", "2025-1-01",
                          "20250101", "2025-01-01T", "abcd-ef-gh", "2100-02-29", ""})
    EXPECT_FALSE(util::parseDate(bad, days)) << bad;
  EXPECT_EQ(util::formatDate(0), "1970-01-01");
  EXPECT_EQ(util::formatDate(-1), "1969-12-31");
  EXPECT_EQ(util::formatDate(20089), "2025-01-01");
  for (std::int32_t d = -719528; d <= 2900000; d += 97) {  // years 0000..9909
    std::int32_t back = 0;
    ASSERT_TRUE(util::parseDate(util::formatDate(d), back)) << d;
    ASSERT_EQ(back, d);
  }
}

TEST(Suggest, ClosestMatch) {
  const std::vector<std::string_view> names = {"vocs", "vocs_offset_ratio", "in_park", "change"};
  EXPECT_EQ(util::closestMatch("voc", names), "vocs");
  EXPECT_EQ(util::closestMatch("in_prak", names), "in_park");
  EXPECT_EQ(util::closestMatch("zzzzzz", names), "");
  EXPECT_EQ(util::editDistance("新建", "扩建"), 1u);  // code points, not bytes
  EXPECT_EQ(util::editDistance("", "abc"), 3u);
}

TEST(JsonText, Escaping) {
  std::string out;
  util::appendJsonString(out, "a\"b\\c\n\t\x01 中文");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001 中文\"");
  out.clear();
  util::appendJsonEscaped(out, std::string_view("\x00\x1f", 2));
  EXPECT_EQ(out, "\\u0000\\u001f");
}

// Escaping reads eight bytes at a time when it can: every byte value, at every position of
// strings of every length up to a few words, escapes as escaping byte by byte does.
TEST(JsonText, EscapingWordsAgreesWithBytes) {
  auto byByte = [](std::string_view text) {
    std::string out;
    for (const char c : text) util::appendJsonEscaped(out, std::string_view(&c, 1));
    return out;
  };
  std::mt19937 rng(17);
  const std::string_view special("\x00\x1f\x20\"\\\x7f\x80\xff\x21\x5b\x5d\x5c\x22\x19", 14);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text(static_cast<std::size_t>(rng() % 30), 'a');
    for (char& c : text)
      c = rng() % 3 ? special[rng() % special.size()] : static_cast<char>(rng() % 256);
    std::string out;
    util::appendJsonEscaped(out, text);
    ASSERT_EQ(out, byByte(text)) << trial;
  }
}

}  // namespace
}  // namespace zr

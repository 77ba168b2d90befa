// Coordinates as descriptors write them: decimal degrees and 度分秒 in their many spellings.
#include "runtime/util/Coord.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace zr::util {
namespace {

double lon(std::string_view text) {
  std::string why;
  auto value = parseCoordinate(text, Axis::Lon, why);
  EXPECT_TRUE(value) << text << ": " << why;
  return value.value_or(-999);
}

double lat(std::string_view text) {
  std::string why;
  auto value = parseCoordinate(text, Axis::Lat, why);
  EXPECT_TRUE(value) << text << ": " << why;
  return value.value_or(-999);
}

std::string error(std::string_view text, Axis axis = Axis::Lon) {
  std::string why;
  auto value = parseCoordinate(text, axis, why);
  EXPECT_FALSE(value) << text << " parsed as " << value.value_or(0);
  return why;
}

constexpr double kE117 = 117 + 56 / 60.0 + 26.05 / 3600;
constexpr double kN28 = 28 + 27 / 60.0 + 3.5 / 3600;

TEST(Coord, DegreesMinutesSecondsAsFormsWriteThem) {
  EXPECT_DOUBLE_EQ(lon("E117°56'26.05\""), kE117);
  EXPECT_DOUBLE_EQ(lat("N28°27'3.5\""), kN28);
  EXPECT_DOUBLE_EQ(lon("117°56'26.05\"E"), kE117);
  EXPECT_DOUBLE_EQ(lon("E 117° 56' 26.05\""), kE117);
  EXPECT_DOUBLE_EQ(lon("E117°56′26.05″"), kE117);               // prime and double prime
  EXPECT_DOUBLE_EQ(lon("E117°56’26.05”"), kE117);               // typographic quotes
  EXPECT_DOUBLE_EQ(lon("Ｅ１１７°５６＇２６．０５＂"), kE117);  // full width
  EXPECT_DOUBLE_EQ(lon("东经117°56'26.05\""), kE117);
  EXPECT_DOUBLE_EQ(lat("北纬28°27′3.5″"), kN28);
  EXPECT_DOUBLE_EQ(lon("东经117度56分26.05秒"), kE117);
  EXPECT_DOUBLE_EQ(lon("117°56'26.05''"), kE117);  // '' for the seconds mark
  EXPECT_DOUBLE_EQ(lon("e117°56'26.05\""), kE117);
  EXPECT_DOUBLE_EQ(lon("E117º56'26.05\""), kE117);       // ordinal indicator for the degree sign
  EXPECT_DOUBLE_EQ(lon("117°56'26.05\"\u3000"), kE117);  // ideographic space
}

TEST(Coord, PartialForms) {
  EXPECT_DOUBLE_EQ(lon("117°"), 117);
  EXPECT_DOUBLE_EQ(lon("117°30'"), 117.5);
  EXPECT_DOUBLE_EQ(lon("117°30.5'"), 117 + 30.5 / 60);
  EXPECT_DOUBLE_EQ(lon("117°30"), 117.5);  // minutes without their mark
  EXPECT_DOUBLE_EQ(lon("117.94"), 117.94);
  EXPECT_DOUBLE_EQ(lon("E117.94"), 117.94);
  EXPECT_DOUBLE_EQ(lon("-117.94"), -117.94);
  EXPECT_DOUBLE_EQ(lon("W117°30'"), -117.5);
  EXPECT_DOUBLE_EQ(lat("S28°30'"), -28.5);
  EXPECT_DOUBLE_EQ(lat("南纬28°30'"), -28.5);
  EXPECT_DOUBLE_EQ(lon("西经117°30'"), -117.5);
  EXPECT_DOUBLE_EQ(lon("180"), 180);
  EXPECT_DOUBLE_EQ(lat("-90"), -90);
}

TEST(Coord, BadInputsSayWhy) {
  EXPECT_NE(error("").find("empty"), std::string::npos);
  EXPECT_NE(error("abc").find("unexpected"), std::string::npos);
  EXPECT_NE(error("E117°61'").find("61 minutes"), std::string::npos);
  EXPECT_NE(error("E117°56'60\"").find("60 seconds"), std::string::npos);
  EXPECT_NE(error("N28°27'").find("marks a latitude"), std::string::npos);
  EXPECT_NE(error("E117°", Axis::Lat).find("marks a longitude"), std::string::npos);
  EXPECT_NE(error("190").find("out of range"), std::string::npos);
  EXPECT_NE(error("117.9", Axis::Lat).find("[longitude, latitude]"), std::string::npos);
  EXPECT_NE(error("E200°").find("out of range"), std::string::npos);
  EXPECT_NE(error("117 56 26").find("space"), std::string::npos);
  EXPECT_NE(error("117.5°30'").find("decimals"), std::string::npos);
  EXPECT_NE(error("117°30.5'20\"").find("decimals"), std::string::npos);
  EXPECT_NE(error("117'30°").find("order"), std::string::npos);
  error("E117°56'26\"W");
  error("-E117");
  error("°56'");
  error("117..5");
  error("117.");
  error(".5");
  error("117°56'26\"12");
  error("1E5");
  error("117°56'26.05\"\"");
  error("东经");
  error("经117");
  error("北经117");
  error("\xff\xfe");
  error("117\xe2\x80");
}

TEST(Coord, DecimalChecks) {
  std::string why;
  EXPECT_TRUE(checkCoordinate(117.9, Axis::Lon, why));
  EXPECT_FALSE(checkCoordinate(180.01, Axis::Lon, why));
  EXPECT_FALSE(checkCoordinate(91, Axis::Lat, why));
  EXPECT_NE(why.find("latitude 91 is out of range"), std::string::npos) << why;
  EXPECT_FALSE(checkCoordinate(std::numeric_limits<double>::quiet_NaN(), Axis::Lat, why));
  EXPECT_FALSE(checkCoordinate(std::numeric_limits<double>::infinity(), Axis::Lon, why));
}

}  // namespace
}  // namespace zr::util

namespace zr::util {
namespace {

// Random text never crashes the parser, and whatever it accepts is in range.
TEST(Coord, RandomTextIsRefusedOrInRange) {
  std::mt19937 random(20251129);
  const std::vector<std::string> pieces = {"1",  "7",  "9", ".",  "-",  "+", "°",    "'",    "\"",
                                           "′",  "″",  "E", "N",  "W",  "S", "东经", "北纬", "度",
                                           "分", "秒", " ", "０", "＇", "x", "\xff", "\xe2"};
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int length = static_cast<int>(random() % 12);
    for (int k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
    for (Axis axis : {Axis::Lon, Axis::Lat}) {
      std::string why;
      if (auto value = parseCoordinate(text, axis, why)) {
        EXPECT_LE(std::fabs(*value), axis == Axis::Lon ? 180 : 90) << text;
      } else {
        EXPECT_FALSE(why.empty()) << text;
      }
    }
  }
}

}  // namespace
}  // namespace zr::util

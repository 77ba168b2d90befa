// Units of measure: the table of known units, their physical dimension and factor to the
// dimension's base unit. Shared by the compiler (dimension checks, normalisation) and the
// runtime (descriptor strings such as "800 m").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zr::measure {

enum class Dim : unsigned char {
  Ratio,          // dimensionless: 1.2, offset ratios (base: 1)
  Length,         // m, km (base: m)
  Area,           // m2, hm2, km2, 亩 (base: m2)
  MassRate,       // t/a, kg/a, g/a (base: t/a)
  VolumeRate,     // m3/a, m3/d, 万m3/a (base: m3/a)
  Concentration,  // mg/L, mg/m3, ug/m3 (base: mg/L or mg/m3 — two dimensions, see .cpp)
  AirConcentration,
  EnergyRate,       // tce/a, 万tce/a (base: tce/a)
  ElectricityRate,  // kWh/a, 万kWh/a (base: kWh/a)
  Money,            // 元, 万元, 亿元 (base: 万元)
  Percent,          // % (base: %)
  Duration,         // a, d (base: a)
};

struct UnitOfMeasure {
  std::string_view symbol;
  Dim dim;
  double toBase;  // value_in_base = value * toBase
};

// nullptr when the symbol is not a known unit.
const UnitOfMeasure* find(std::string_view symbol);
// "length", "mass rate", … for messages.
std::string_view dimName(Dim dim);
// Every symbol of a dimension, for "expected one of" hints.
std::vector<std::string_view> symbolsOf(Dim dim);
double convert(double value, const UnitOfMeasure& from, const UnitOfMeasure& to);

struct ParsedQuantity {
  double value = 0;
  const UnitOfMeasure* unit = nullptr;  // nullptr: a bare number
};
// Parses "800 m", "3t/a", "1.5", " 2 km " (whitespace between number and unit optional).
// std::nullopt on malformed text or an unknown unit.
std::optional<ParsedQuantity> parseQuantity(std::string_view text);
// The same; when the number is well-formed but its unit symbol is not known, `unknownUnit`
// (if given) receives that symbol (a view into `text`), otherwise it is set to "".
std::optional<ParsedQuantity> parseQuantity(std::string_view text, std::string_view* unknownUnit);

}  // namespace zr::measure

#include "runtime/measure/Measure.h"

#include <array>
#include <charconv>
#include <cmath>

#include "runtime/util/NameIndex.h"

namespace zr::measure {
namespace {

// The unit table. Each dimension has one base unit (toBase == 1); values are normalised by
// value_in_base = value * toBase. Concentration in water (mg/L) and in air (mg/m3, ug/m3) are
// two dimensions on purpose: a drafter comparing a discharge limit with an ambient standard has
// made a mistake, and the compiler reports it.
constexpr std::array kUnits = {
    UnitOfMeasure{"m", Dim::Length, 1.0},
    UnitOfMeasure{"km", Dim::Length, 1000.0},
    UnitOfMeasure{"m2", Dim::Area, 1.0},
    UnitOfMeasure{"hm2", Dim::Area, 10000.0},
    UnitOfMeasure{"km2", Dim::Area, 1000000.0},
    UnitOfMeasure{"亩", Dim::Area, 10000.0 / 15.0},
    UnitOfMeasure{"t/a", Dim::MassRate, 1.0},
    UnitOfMeasure{"kg/a", Dim::MassRate, 0.001},
    UnitOfMeasure{"g/a", Dim::MassRate, 0.000001},
    UnitOfMeasure{"万t/a", Dim::MassRate, 10000.0},
    UnitOfMeasure{"m3/a", Dim::VolumeRate, 1.0},
    UnitOfMeasure{"m3/d", Dim::VolumeRate, 365.0},
    UnitOfMeasure{"万m3/a", Dim::VolumeRate, 10000.0},
    UnitOfMeasure{"mg/L", Dim::Concentration, 1.0},
    UnitOfMeasure{"mg/m3", Dim::AirConcentration, 1.0},
    UnitOfMeasure{"ug/m3", Dim::AirConcentration, 0.001},
    UnitOfMeasure{"tce/a", Dim::EnergyRate, 1.0},
    UnitOfMeasure{"万tce/a", Dim::EnergyRate, 10000.0},
    UnitOfMeasure{"kWh/a", Dim::ElectricityRate, 1.0},
    UnitOfMeasure{"万kWh/a", Dim::ElectricityRate, 10000.0},
    UnitOfMeasure{"元", Dim::Money, 0.0001},
    UnitOfMeasure{"万元", Dim::Money, 1.0},
    UnitOfMeasure{"亿元", Dim::Money, 10000.0},
    UnitOfMeasure{"%", Dim::Percent, 1.0},
    UnitOfMeasure{"a", Dim::Duration, 1.0},
    UnitOfMeasure{"d", Dim::Duration, 1.0 / 365.0},
};

bool isSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

const UnitOfMeasure* find(std::string_view symbol) {
  static const util::NameIndex index = [] {
    util::NameIndex built;
    for (std::uint32_t i = 0; i < kUnits.size(); ++i) built.add(kUnits[i].symbol, i);
    return built;
  }();
  const std::uint32_t i = index.find(symbol);
  return i == util::NameIndex::kMissing ? nullptr : &kUnits[i];
}

std::string_view dimName(Dim dim) {
  switch (dim) {
    case Dim::Ratio:
      return "ratio";
    case Dim::Length:
      return "length";
    case Dim::Area:
      return "area";
    case Dim::MassRate:
      return "mass rate";
    case Dim::VolumeRate:
      return "volume rate";
    case Dim::Concentration:
      return "concentration";
    case Dim::AirConcentration:
      return "air concentration";
    case Dim::EnergyRate:
      return "energy rate";
    case Dim::ElectricityRate:
      return "electricity rate";
    case Dim::Money:
      return "amount of money";
    case Dim::Percent:
      return "percentage";
    case Dim::Duration:
      return "duration";
  }
  return "quantity";
}

std::vector<std::string_view> symbolsOf(Dim dim) {
  std::vector<std::string_view> out;
  for (const auto& unit : kUnits)
    if (unit.dim == dim) out.push_back(unit.symbol);
  return out;
}

double convert(double value, const UnitOfMeasure& from, const UnitOfMeasure& to) {
  if (&from == &to || from.toBase == to.toBase) return value;
  return value * from.toBase / to.toBase;
}

std::optional<ParsedQuantity> parseQuantity(std::string_view text) {
  return parseQuantity(text, nullptr);
}

std::optional<ParsedQuantity> parseQuantity(std::string_view text, std::string_view* unknownUnit) {
  if (unknownUnit) *unknownUnit = {};
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  // Only plain decimal notation: digits, '.', exponent — no "inf", "nan" or hex.
  std::size_t end = 0;
  if (end < text.size() && text[end] == '-') ++end;
  std::size_t digits = 0;
  while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) {
    if (text[end] != '.') ++digits;
    ++end;
  }
  if (digits == 0) return std::nullopt;
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    std::size_t e = end + 1;
    if (e < text.size() && (text[e] == '+' || text[e] == '-')) ++e;
    std::size_t expDigits = 0;
    while (e < text.size() && text[e] >= '0' && text[e] <= '9') ++e, ++expDigits;
    if (expDigits > 0) end = e;  // otherwise the 'e' starts a unit symbol
  }
  ParsedQuantity out;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, out.value);
  if (ec != std::errc() || ptr != text.data() + end || !std::isfinite(out.value))
    return std::nullopt;
  std::string_view symbol = trim(text.substr(end));
  if (symbol.empty()) return out;
  out.unit = find(symbol);
  if (!out.unit) {
    if (unknownUnit) *unknownUnit = symbol;
    return std::nullopt;
  }
  return out;
}

}  // namespace zr::measure

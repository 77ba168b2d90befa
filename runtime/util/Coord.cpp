#include "runtime/util/Coord.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace zr::util {
namespace {

// One code point of `text` at `at` (advanced past it); U+FFFD for a malformed sequence.
char32_t nextCodePoint(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || at + length > text.size()) {
    ++at;
    return 0xFFFD;
  }
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (byte(at + k) & 0x3F);
  at += length;
  return cp;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// The text reduced to one ASCII symbol per meaningful piece: digits and '.', 'D' (degrees),
// 'M' (minutes), 'X' (seconds), hemisphere letters E W N S, signs and ' ' for any space.
struct Normalized {
  std::string symbols;
  std::string bad;  // the first character that has no meaning here ("" when none)
};

Normalized normalize(std::string_view text) {
  Normalized out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t start = at;
    const char32_t cp = nextCodePoint(text, at);
    char symbol = 0;
    if (cp >= '0' && cp <= '9')
      symbol = static_cast<char>(cp);
    else if (cp >= 0xFF10 && cp <= 0xFF19)
      symbol = static_cast<char>('0' + (cp - 0xFF10));  // ０-９
    else if (cp == '.' || cp == 0xFF0E)
      symbol = '.';
    else if (cp == '+' || cp == 0xFF0B)
      symbol = '+';
    else if (cp == '-' || cp == 0x2212 || cp == 0xFF0D)
      symbol = '-';
    else if (cp == 0xB0 || cp == 0xBA || cp == 0x5EA || cp == U'度' || cp == 0x2218)
      symbol = 'D';  // ° º 度
    else if (cp == '\'' || cp == 0x2032 || cp == 0x2019 || cp == 0xFF07 || cp == U'分')
      symbol = 'M';  // ' ′ ’ ＇
    else if (cp == '"' || cp == 0x2033 || cp == 0x201D || cp == 0xFF02 || cp == U'秒')
      symbol = 'X';  // " ″ ” ＂
    else if (cp == 'E' || cp == 'e' || cp == 0xFF25 || cp == U'东')
      symbol = 'E';
    else if (cp == 'W' || cp == 'w' || cp == 0xFF37 || cp == U'西')
      symbol = 'W';
    else if (cp == 'N' || cp == 'n' || cp == 0xFF2E || cp == U'北')
      symbol = 'N';
    else if (cp == 'S' || cp == 's' || cp == 0xFF33 || cp == U'南')
      symbol = 'S';
    else if (cp == U'经' || cp == U'纬') {
      // 东经 / 北纬: the second character only completes a hemisphere word.
      const char prev = out.symbols.empty() ? 0 : out.symbols.back();
      const bool fits = cp == U'经' ? (prev == 'E' || prev == 'W') : (prev == 'N' || prev == 'S');
      if (fits) continue;
    } else if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0) {
      symbol = ' ';
    }
    if (symbol == 0) {
      out.bad = std::string(text.substr(start, at - start));
      return out;
    }
    // '' (two ASCII minute marks) is how some forms type the seconds mark.
    if (symbol == 'M' && !out.symbols.empty() && out.symbols.back() == 'M' && text[start] == '\'' &&
        start > 0 && text[start - 1] == '\'')
      out.symbols.back() = 'X';
    else
      out.symbols += symbol;
  }
  return out;
}

}  // namespace

const char* axisName(Axis axis) { return axis == Axis::Lon ? "longitude" : "latitude"; }

bool checkCoordinate(double degrees, Axis axis, std::string& why) {
  const double limit = axis == Axis::Lon ? 180 : 90;
  if (!std::isfinite(degrees)) {
    why = fmt::format("{} is not a finite number", axisName(axis));
    return false;
  }
  if (degrees < -limit || degrees > limit) {
    why = fmt::format("{} {} is out of range [-{}, {}]", axisName(axis), degrees, limit, limit);
    if (axis == Axis::Lat && std::fabs(degrees) <= 180)
      why += " (positions are written [longitude, latitude])";
    return false;
  }
  return true;
}

std::optional<double> parseCoordinate(std::string_view text, Axis axis, std::string& why) {
  const Normalized n = normalize(text);
  auto fail = [&](std::string message) -> std::optional<double> {
    why = fmt::format("'{}' is not a {}: {}", text, axisName(axis), message);
    return std::nullopt;
  };
  if (!n.bad.empty()) return fail(fmt::format("unexpected '{}'", n.bad));
  // Spaces only matter between two digits ("117 56" is not 117°56′).
  std::string compact;
  for (std::size_t i = 0; i < n.symbols.size(); ++i) {
    if (n.symbols[i] != ' ') {
      compact += n.symbols[i];
      continue;
    }
    std::size_t j = i;
    while (j < n.symbols.size() && n.symbols[j] == ' ') ++j;
    if (!compact.empty() && isDigit(compact.back()) && j < n.symbols.size() &&
        isDigit(n.symbols[j]))
      return fail(
          "numbers separated only by a space; mark degrees, minutes and seconds with ° ′ ″");
    i = j - 1;
  }
  std::string_view s = compact;
  if (s.empty()) return fail("it is empty");

  char hemisphere = 0;
  auto takeHemisphere = [&](char c) {
    if (c != 'E' && c != 'W' && c != 'N' && c != 'S') return false;
    if (hemisphere) return false;
    hemisphere = c;
    return true;
  };
  if (takeHemisphere(s.front())) s.remove_prefix(1);
  if (!s.empty() && takeHemisphere(s.back()))
    s.remove_suffix(1);
  else if (!s.empty() && (s.back() == 'E' || s.back() == 'W' || s.back() == 'N' || s.back() == 'S'))
    return fail("two hemisphere marks");
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
    if (hemisphere) return fail("a sign and a hemisphere mark together");
  }

  // Up to three numbers, each followed by its mark (d, m, s); a bare number is decimal degrees.
  double parts[3] = {0, 0, 0};
  int lastPart = -1;
  bool fractional = false;
  while (!s.empty()) {
    std::size_t length = 0;
    bool dot = false;
    while (length < s.size() && (isDigit(s[length]) || (s[length] == '.' && !dot)))
      dot |= s[length++] == '.';
    if (length == 0 || s[0] == '.' || s[length - 1] == '.')
      return fail(length == 0 ? "a mark or sign without a number before it" : "a malformed number");
    if (fractional) return fail("only the last of degrees, minutes and seconds may have decimals");
    fractional = dot;
    const double value = std::stod(std::string(s.substr(0, length)));
    s.remove_prefix(length);
    int part = lastPart + 1;
    if (!s.empty()) {
      const char mark = s.front();
      part = mark == 'D' ? 0 : mark == 'M' ? 1 : mark == 'X' ? 2 : -1;
      if (part < 0) return fail("a sign or hemisphere mark inside the number");
      s.remove_prefix(1);
    } else if (lastPart >= 0 && lastPart < 2) {
      part = lastPart + 1;  // 117°56 : minutes without their mark
    } else if (lastPart >= 2) {
      return fail("a number after the seconds");
    }
    if (part <= lastPart) return fail("degrees, minutes and seconds out of order");
    parts[part] = value;
    lastPart = part;
  }
  if (lastPart < 0) return fail("no number");
  if (parts[1] >= 60) return fail(fmt::format("{} minutes (must be below 60)", parts[1]));
  if (parts[2] >= 60) return fail(fmt::format("{} seconds (must be below 60)", parts[2]));
  if ((lastPart >= 1 || parts[1] > 0) && parts[0] != std::floor(parts[0]))
    return fail("degrees with decimals followed by minutes");

  if (hemisphere) {
    const bool latitudeMark = hemisphere == 'N' || hemisphere == 'S';
    if (latitudeMark != (axis == Axis::Lat))
      return fail(fmt::format("'{}' marks a {}; positions are written [longitude, latitude]",
                              hemisphere, latitudeMark ? "latitude" : "longitude"));
    negative = hemisphere == 'W' || hemisphere == 'S';
  }
  double degrees = parts[0] + parts[1] / 60 + parts[2] / 3600;
  if (negative) degrees = -degrees;
  if (!checkCoordinate(degrees, axis, why)) {
    why = fmt::format("'{}': {}", text, why);
    return std::nullopt;
  }
  return degrees;
}

}  // namespace zr::util

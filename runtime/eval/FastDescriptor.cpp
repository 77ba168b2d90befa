#include "runtime/eval/FastDescriptor.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "runtime/util/Date.h"

namespace zr::eval {
namespace {

// DescriptorParser's key table (Descriptor.cpp): attribute names first, so an attribute named
// like a reserved key shadows it there too.
constexpr std::string_view kReserved[4] = {"project", "site", "units", "date"};
constexpr std::uint32_t kProject = ir::kNone - 16, kSite = kProject + 1, kDate = kProject + 3;
constexpr std::uint32_t kAmbiguous = ir::kNone - 1;

}  // namespace

// Reads the plain subset of JSON the fast path accepts; every method returns false (or an
// empty optional) on anything outside it, and the caller gives up.
class FastDescriptorParser::Scanner {
 public:
  explicit Scanner(std::string_view text) : at_(text.data()), end_(text.data() + text.size()) {}

  void space() {
    while (at_ != end_ && (*at_ == ' ' || *at_ == '\t' || *at_ == '\n' || *at_ == '\r')) ++at_;
  }
  bool atEnd() const { return at_ == end_; }
  char peek() const { return at_ != end_ ? *at_ : '\0'; }
  // Consumes `c` (after spaces) if it is next.
  bool take(char c) {
    space();
    if (at_ == end_ || *at_ != c) return false;
    ++at_;
    return true;
  }
  // A string without escapes or control characters; its content.
  bool string(std::string_view& out) {
    space();
    if (at_ == end_ || *at_ != '"') return false;
    const char* start = ++at_;
    for (; at_ != end_; ++at_) {
      const unsigned char c = static_cast<unsigned char>(*at_);
      if (c == '"') {
        out = std::string_view(start, static_cast<std::size_t>(at_ - start));
        ++at_;
        return true;
      }
      if (c == '\\' || c < 0x20) return false;
    }
    return false;
  }
  // The literal `word` (true, false, null) followed by a delimiter.
  bool word(std::string_view w) {
    space();
    if (static_cast<std::size_t>(end_ - at_) < w.size() || std::string_view(at_, w.size()) != w)
      return false;
    at_ += w.size();
    return delimited();
  }
  // A JSON number, as the double simdjson makes of it: integers of up to 18 digits exactly
  // (simdjson reads them as int64), other numbers correctly rounded; anything else (leading
  // zeros, "-0", longer integers, overflow, underflow) is left to the reference.
  bool number(double& out) {
    space();
    const char* start = at_;
    const char* p = at_;
    if (p != end_ && *p == '-') ++p;
    const char* digits = p;
    while (p != end_ && *p >= '0' && *p <= '9') ++p;
    const std::size_t intDigits = static_cast<std::size_t>(p - digits);
    if (intDigits == 0 || (intDigits > 1 && *digits == '0')) return false;
    bool integer = true;
    if (p != end_ && *p == '.') {
      integer = false;
      const char* fraction = ++p;
      while (p != end_ && *p >= '0' && *p <= '9') ++p;
      if (p == fraction) return false;
    }
    if (p != end_ && (*p == 'e' || *p == 'E')) {
      integer = false;
      ++p;
      if (p != end_ && (*p == '+' || *p == '-')) ++p;
      const char* exponent = p;
      while (p != end_ && *p >= '0' && *p <= '9') ++p;
      if (p == exponent) return false;
    }
    if (integer) {
      if (intDigits > 18 || (*start == '-' && *digits == '0')) return false;  // not "-0"
      std::int64_t n = 0;
      if (std::from_chars(start, p, n).ec != std::errc()) return false;
      out = static_cast<double>(n);
    } else {
      const auto [ptr, ec] = std::from_chars(start, p, out);
      if (ec != std::errc() || ptr != p || !std::isfinite(out)) return false;
    }
    at_ = p;
    return delimited();
  }

 private:
  bool delimited() const {
    return at_ == end_ || *at_ == ',' || *at_ == '}' || *at_ == ']' || *at_ == ' ' ||
           *at_ == '\t' || *at_ == '\n' || *at_ == '\r';
  }

  const char* at_;
  const char* end_;
};

FastDescriptorParser::FastDescriptorParser(const ir::Bundle& bundle)
    : bundle_(bundle), reference_(bundle) {
  const std::size_t attributes = bundle.attributes.size();
  for (std::uint32_t i = 0; i < attributes; ++i) keys_.add(bundle.attributes[i].name, i);
  for (std::uint32_t k = 0; k < 4; ++k) keys_.add(kReserved[k], kProject + k);
  for (std::uint32_t i = 0; i < bundle.units.size(); ++i) units_.add(bundle.units[i].code, i);
  // Industry codes as Descriptor.cpp reads them: the code itself, or its digits alone when no
  // other code of the taxonomy has the same digits.
  std::vector<std::string_view> digits;
  for (std::uint32_t i = 0; i < bundle.industries.size(); ++i) {
    const std::string& code = bundle.industries[i].code;
    industries_.add(code, i);
    if (code.size() > 1 && code[0] >= 'A' && code[0] <= 'Z')
      digits.push_back(std::string_view(code).substr(1));
  }
  std::vector<std::string_view> sorted = digits;
  std::sort(sorted.begin(), sorted.end());
  for (std::uint32_t i = 0, k = 0; i < bundle.industries.size(); ++i) {
    const std::string& code = bundle.industries[i].code;
    if (!(code.size() > 1 && code[0] >= 'A' && code[0] <= 'Z')) continue;
    const std::string_view d = digits[k++];
    const auto range = std::equal_range(sorted.begin(), sorted.end(), d);
    industryDigits_.add(d, range.second - range.first > 1 ? kAmbiguous : i);
  }
  enumIndex_.resize(attributes);
  canonical_.resize(attributes, nullptr);
  for (std::uint32_t i = 0; i < attributes; ++i) {
    const ir::Attribute& a = bundle.attributes[i];
    for (std::uint32_t v = 0; v < a.enumValues.size() && v < 64; ++v)
      enumIndex_[i].add(a.enumValues[v], v);
    for (std::uint32_t v = 0; v < a.enumAliases.size() && v < 64; ++v)
      if (!a.enumAliases[v].empty()) enumIndex_[i].add(a.enumAliases[v], v);
    if (a.type == ir::AttrType::Quantity) canonical_[i] = measure::find(a.unit);
  }
  seen_.assign(attributes, 0);
}

std::optional<RecordError> FastDescriptorParser::parse(std::string_view line, Facts& out) {
  if (tryParse(line, out)) {
    ++fastLines_;
    return std::nullopt;
  }
  return reference_.parse(line, out);
}

bool FastDescriptorParser::tryParse(std::string_view line, Facts& out) {
  if (line.size() > DescriptorParser::kMaxLine ||
      !simdjson::validate_utf8(line.data(), line.size()))
    return false;
  out.reset(bundle_.attributes.size());
  if (++generation_ == 0) {  // wrapped: forget the old generations
    std::fill(seen_.begin(), seen_.end(), 0);
    generation_ = 1;
  }
  Scanner in(line);
  if (!in.take('{')) return false;
  bool siteGiven = false, projectGiven = false, dateGiven = false;
  std::size_t position = 0;
  do {
    std::string_view key;
    if (!in.string(key) || !in.take(':')) return false;
    const std::uint32_t index = lookupKey(key, position++);
    if (index == util::NameIndex::kMissing) return false;  // unknown, a comment or "project.NAME"
    if (index < kProject) {
      if (!attribute(index, in, out)) return false;
    } else if (index == kProject) {
      std::string_view name;
      if (projectGiven || !in.string(name)) return false;
      out.project = name;
      projectGiven = true;
    } else if (index == kSite) {
      if (siteGiven || !site(in, out)) return false;
      siteGiven = true;
    } else if (index == kDate) {
      std::string_view text;
      if (dateGiven || !in.string(text) || !util::parseDate(text, out.date)) return false;
      dateGiven = true;
    } else {
      return false;  // a top-level "units"
    }
  } while (in.take(','));
  if (!in.take('}')) return false;
  in.space();
  if (!in.atEnd() || !siteGiven) return false;
  std::sort(out.units.begin(), out.units.end());
  out.units.erase(std::unique(out.units.begin(), out.units.end()), out.units.end());
  return true;
}

std::uint32_t FastDescriptorParser::lookupKey(std::string_view key, std::size_t position) {
  if (position < keyAt_.size() && util::NameIndex::same(keyAt_[position].first, key))
    return keyAt_[position].second;
  const std::uint32_t index = keys_.find(key);
  if (index != util::NameIndex::kMissing && position < 64) {
    if (keyAt_.size() <= position) keyAt_.resize(position + 1);
    // The bundle's copy of the name: the line's text does not outlive it.
    keyAt_[position] = {index >= kProject ? kReserved[index - kProject]
                                          : std::string_view(bundle_.attributes[index].name),
                        index};
  }
  return index;
}

// "site": {"units": ["ZH…", …]} and nothing else.
bool FastDescriptorParser::site(Scanner& in, Facts& out) {
  std::string_view key, code;
  if (!in.take('{') || !in.string(key) || key != "units" || !in.take(':') || !in.take('['))
    return false;
  in.space();
  if (in.peek() != ']') {
    do {
      if (!in.string(code)) return false;
      const std::uint32_t unit = units_.find(code);
      if (unit == util::NameIndex::kMissing) return false;
      out.units.push_back(unit);
    } while (in.take(','));
  }
  return in.take(']') && in.take('}');
}

bool FastDescriptorParser::industry(std::string_view code, Facts& out) const {
  if (code.empty() || code.size() > 8) return false;
  std::uint32_t index;
  if (code[0] >= '0' && code[0] <= '9') {
    index = industryDigits_.find(code);
  } else {
    char upper[8];
    for (std::size_t i = 0; i < code.size(); ++i)
      upper[i] =
          code[i] >= 'a' && code[i] <= 'z' ? static_cast<char>(code[i] - 'a' + 'A') : code[i];
    index = industries_.find(std::string_view(upper, code.size()));
  }
  if (index == util::NameIndex::kMissing || index == kAmbiguous) return false;
  out.industries.push_back(index);
  return true;
}

// One attribute's value, when it makes a known fact (or null: unknown).
bool FastDescriptorParser::attribute(std::uint32_t attr, Scanner& in, Facts& out) {
  if (seen_[attr] == generation_) return false;  // a repeated key: a warning
  seen_[attr] = generation_;
  in.space();
  if (in.peek() == 'n') return in.word("null");
  Fact& fact = out.slots[attr];
  const ir::Attribute& a = bundle_.attributes[attr];
  std::string_view text;
  // A string, or a list of strings each passed to `f`; false when `f` is.
  auto strings = [&](auto&& f) {
    in.space();
    if (in.peek() != '[') return in.string(text) && f(text);
    in.take('[');
    in.space();
    if (in.peek() != ']') {
      do {
        if (!in.string(text) || !f(text)) return false;
      } while (in.take(','));
    }
    return in.take(']');
  };
  auto enumValue = [&](std::string_view name) {
    const std::uint32_t bit = enumIndex_[attr].find(name);
    if (bit == util::NameIndex::kMissing) return false;
    fact.bits |= std::uint64_t{1} << bit;
    return true;
  };
  auto industryCode = [&](std::string_view code) { return industry(code, out); };
  switch (a.type) {
    case ir::AttrType::Bool:
      if (in.peek() == 't') {
        if (!in.word("true")) return false;
        fact.boolean = true;
      } else if (!in.word("false")) {
        return false;
      }
      break;
    case ir::AttrType::Number:
      if (!in.number(fact.number)) return false;
      break;
    case ir::AttrType::Quantity: {
      if (in.peek() != '"') {
        if (!in.number(fact.number)) return false;
        break;
      }
      if (!in.string(text)) return false;
      std::string_view unknownUnit;
      const auto parsed = measure::parseQuantity(text, &unknownUnit);
      if (!parsed) return false;
      const measure::UnitOfMeasure* canonical = canonical_[attr];
      if (!parsed->unit || !canonical) {
        fact.number = parsed->value;
      } else {
        if (parsed->unit->dim != canonical->dim) return false;
        fact.number = measure::convert(parsed->value, *parsed->unit, *canonical);
      }
      break;
    }
    case ir::AttrType::Enum:
      if (!in.string(text) || !enumValue(text)) return false;
      break;
    case ir::AttrType::EnumSet:
      if (!strings(enumValue)) return false;
      break;
    case ir::AttrType::Industry:
      fact.first = static_cast<std::uint32_t>(out.industries.size());
      fact.count = 1;
      if (!in.string(text) || !industry(text, out)) return false;
      break;
    case ir::AttrType::IndustrySet:
      fact.first = static_cast<std::uint32_t>(out.industries.size());
      if (!strings(industryCode)) return false;
      fact.count = static_cast<std::uint32_t>(out.industries.size()) - fact.first;
      break;
    case ir::AttrType::String:
      if (!in.string(text)) return false;
      fact.first = static_cast<std::uint32_t>(out.strings.size());
      fact.count = 1;
      out.strings.emplace_back(text);
      break;
    case ir::AttrType::Date: {
      std::int32_t days = 0;
      if (!in.string(text) || !util::parseDate(text, days)) return false;
      fact.number = days;
      break;
    }
    default:
      return false;
  }
  fact.state = Fact::State::Known;
  return true;
}

}  // namespace zr::eval

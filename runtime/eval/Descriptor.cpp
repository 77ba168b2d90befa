#include "runtime/eval/Descriptor.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "runtime/eval/JsonLocate.h"
#include "runtime/eval/SiteParse.h"
#include "runtime/measure/Measure.h"
#include "runtime/util/Date.h"
#include "runtime/util/NameIndex.h"
#include "runtime/util/Suggest.h"

namespace zr::eval {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr std::uint32_t kAmbiguous = ir::kNone - 1;
// Keys with a meaning of their own, looked up with the attribute names (same index).
constexpr std::string_view kReserved[4] = {"project", "site", "units", "date"};
constexpr std::uint32_t kProject = ir::kNone - 16, kSite = kProject + 1, kUnits = kProject + 2,
                        kDate = kProject + 3;

const char* jsonTypeName(element_type type) {
  switch (type) {
    case element_type::ARRAY:
      return "a list";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

// "a length", "an energy rate".
std::string withArticle(std::string_view noun) {
  const bool vowel =
      !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", noun);
}

bool isUnitCodeShape(std::string_view code) {
  if (code.size() != 13 || code[0] != 'Z' || code[1] != 'H') return false;
  return std::all_of(code.begin() + 2, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A short rendering of a JSON value for messages.
std::string shortJson(const element& value) {
  std::string text = simdjson::minify(value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

}  // namespace

struct DescriptorParser::Impl {
  explicit Impl(const ir::Bundle& b) : bundle(b) {
    if (parser.allocate(4096, kMaxDepth) != simdjson::SUCCESS) throw std::bad_alloc();
    for (std::uint32_t i = 0; i < b.attributes.size(); ++i) {
      attributes.add(b.attributes[i].name, i);
      keyNames.emplace_back(b.attributes[i].name);
    }
    for (std::uint32_t k = 0; k < 4; ++k) {
      keyNames.push_back(kReserved[k]);
      attributes.add(kReserved[k], kProject + k);
    }
    for (std::uint32_t i = 0; i < b.units.size(); ++i) {
      units.add(b.units[i].code, i);
      unitCodes.emplace_back(b.units[i].code);
    }
    for (std::uint32_t i = 0; i < b.industries.size(); ++i) {
      const std::string& code = b.industries[i].code;
      industries.add(code, i);
      if (code.size() > 1 && code[0] >= 'A' && code[0] <= 'Z')
        digits.push_back(std::string_view(code).substr(1));
    }
    // Digits-only codes ("2614"): GB/T 4754 digit strings are unique across sections; when a
    // bundle's taxonomy repeats one, that form is ambiguous.
    std::vector<std::string_view> sorted = digits;
    std::sort(sorted.begin(), sorted.end());
    for (std::uint32_t i = 0, k = 0; i < b.industries.size(); ++i) {
      const std::string& code = b.industries[i].code;
      if (!(code.size() > 1 && code[0] >= 'A' && code[0] <= 'Z')) continue;
      const std::string_view d = digits[k++];
      const auto range = std::equal_range(sorted.begin(), sorted.end(), d);
      industryDigits.add(d, range.second - range.first > 1 ? kAmbiguous : i);
    }
    seen.assign(b.attributes.size(), 0);
    enumIndex.resize(b.attributes.size());
    for (std::uint32_t i = 0; i < b.attributes.size(); ++i) {
      const ir::Attribute& a = b.attributes[i];
      for (std::uint32_t v = 0; v < a.enumValues.size() && v < 64; ++v)
        enumIndex[i].add(a.enumValues[v], v);
      for (std::uint32_t v = 0; v < a.enumAliases.size() && v < 64; ++v)
        if (!a.enumAliases[v].empty()) enumIndex[i].add(a.enumAliases[v], v);
    }
  }

  const ir::Bundle& bundle;
  simdjson::dom::parser parser;
  std::string padded;
  util::NameIndex attributes, units, industries, industryDigits;
  std::vector<util::NameIndex> enumIndex;  // per attribute: value names and aliases → bit
  std::vector<std::string_view> digits;
  std::vector<std::string_view> keyNames, unitCodes;
  std::vector<std::uint32_t> seen;  // generation in which an attribute key was last seen
  // Descriptors of one batch usually list their keys in the same order: the key found at each
  // position of the previous line is tried first, before hashing.
  std::vector<std::pair<std::string_view, std::uint32_t>> keyAt;
  std::uint32_t generation = 0;
  bool siteGiven = false;

  // ---- the record -------------------------------------------------------------------------

  std::optional<RecordError> parse(std::string_view line, Facts& out) {
    out.reset(bundle.attributes.size());
    if (++generation == 0) {  // wrapped: forget the old generations
      std::fill(seen.begin(), seen.end(), 0);
      generation = 1;
    }
    siteGiven = false;
    if (line.size() > kMaxLine)
      return RecordError{"ZR1005", fmt::format("line is {} bytes long; the limit is {} bytes",
                                               line.size(), kMaxLine)};
    if (!simdjson::validate_utf8(line.data(), line.size())) {
      const std::size_t at = firstInvalidUtf8(line).value_or(0);
      return RecordError{
          "ZR1006",
          fmt::format("invalid UTF-8 at column {} (byte 0x{:02x}); descriptors must be UTF-8",
                      at + 1, static_cast<unsigned char>(line[std::min(at, line.size() - 1)]))};
    }
    if (padded.size() < line.size() + simdjson::SIMDJSON_PADDING)
      padded.resize(line.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded.data(), line.data(), line.size());
    std::memset(padded.data() + line.size(), 0, simdjson::SIMDJSON_PADDING);
    element root;
    const auto error = parser.parse(padded.data(), line.size(), false).get(root);
    if (error) return malformed(line, error);
    if (root.type() != element_type::OBJECT)
      return RecordError{"ZR1002", fmt::format("a descriptor is a JSON object {{…}}, not {}",
                                               jsonTypeName(root.type()))};
    const simdjson::dom::object object = root.get_object().value_unsafe();
    std::size_t position = 0;
    for (auto field : object) {
      std::string_view key = field.key;
      const std::uint32_t index = lookupKey(key, position++);
      if (index < kProject || index == util::NameIndex::kMissing) {
        attribute(key, index, field.value, out);
      } else if (index == kProject) {
        if (field.value.is_string())
          out.project = field.value.get_string().value_unsafe();
        else if (!field.value.is_null())
          out.warnings.push_back(
              fmt::format("\"project\" should be a string (the project's name), not {}; ignored",
                          jsonTypeName(field.value.type())));
      } else if (index == kSite) {
        if (auto e = site(field.value, out)) return e;
      } else if (index == kUnits) {
        if (auto e = unitList(field.value, "units", out)) return e;
      } else if (index == kDate) {
        if (auto e = date(field.value, out)) return e;
      }
    }
    if (!siteGiven)
      return RecordError{
          "ZR1003",
          "no site given: add \"site\": {\"units\": [\"ZH…\"]} with the codes of the "
          "control units the project touches, or its location, e.g. \"site\": "
          "{\"point\": [117.94, 28.45]}"};
    std::sort(out.units.begin(), out.units.end());
    out.units.erase(std::unique(out.units.begin(), out.units.end()), out.units.end());
    return std::nullopt;
  }

  std::uint32_t lookupKey(std::string_view key, std::size_t position) {
    if (position < keyAt.size() && util::NameIndex::same(keyAt[position].first, key))
      return keyAt[position].second;
    const std::uint32_t index = attributes.find(key);
    if (position < 64) {
      if (keyAt.size() <= position) keyAt.resize(position + 1);
      // Only names owned by the bundle are kept (the line's own text does not outlive it).
      keyAt[position] = {index == util::NameIndex::kMissing ? std::string_view() : nameOf(index),
                         index};
    }
    return index;
  }

  std::string_view nameOf(std::uint32_t index) const {
    return index >= kProject ? kReserved[index - kProject]
                             : std::string_view(bundle.attributes[index].name);
  }

  std::optional<RecordError> malformed(std::string_view line, simdjson::error_code error) const {
    if (error == simdjson::UTF8_ERROR)
      return RecordError{"ZR1006", "invalid UTF-8; descriptors must be UTF-8"};
    if (error == simdjson::DEPTH_ERROR)
      return RecordError{"ZR1001",
                         fmt::format("malformed JSON: nesting deeper than {} levels", kMaxDepth)};
    if (auto where = locateJsonError(line, kMaxDepth))
      return RecordError{"ZR1001", "malformed JSON " + *where};
    return RecordError{"ZR1001", fmt::format("malformed JSON: {}", simdjson::error_message(error))};
  }

  // ---- site -------------------------------------------------------------------------------

  std::optional<RecordError> unitCode(const element& value, std::string_view where, Facts& out) {
    if (!value.is_string())
      return RecordError{"ZR1003", fmt::format("{} must hold unit codes as strings, not {}", where,
                                               jsonTypeName(value.type()))};
    std::string_view code = value.get_string().value_unsafe();
    if (const std::uint32_t unit = units.find(code); unit != util::NameIndex::kMissing) {
      out.units.push_back(unit);
      return std::nullopt;
    }
    std::string message =
        isUnitCodeShape(code)
            ? fmt::format("unknown control unit '{}' (not in this bundle)", code)
            : fmt::format("'{}' is not a control unit code (ZH + 11 digits)", code);
    std::string_view near = util::closestMatch(code, unitCodes);
    if (!near.empty()) message += fmt::format("; did you mean '{}'?", near);
    return RecordError{"ZR1004", std::move(message)};
  }

  std::optional<RecordError> unitList(const element& value, std::string_view where, Facts& out) {
    if (value.is_null()) return std::nullopt;
    siteGiven = true;
    if (value.is_string()) return unitCode(value, where, out);
    if (!value.is_array())
      return RecordError{"ZR1003", fmt::format("{} must be a list of unit codes, not {}", where,
                                               jsonTypeName(value.type()))};
    const simdjson::dom::array codes = value.get_array().value_unsafe();
    for (element code : codes)
      if (auto e = unitCode(code, where, out)) return e;
    return std::nullopt;
  }

  // A site object holds unit codes, one geometry, or both (the units then govern which rules
  // apply, the geometry still gives the spatial facts); it may also be a GeoJSON geometry.
  std::optional<RecordError> site(const element& value, Facts& out) {
    if (!value.is_object()) return unitList(value, "site", out);
    const simdjson::dom::object object = value.get_object().value_unsafe();
    if (object["type"].error() == simdjson::SUCCESS) return geometry("site", value, out);
    for (auto field : object) {
      if (field.key == "units" || field.key == "unit") {
        if (auto e = unitList(field.value, "site.units", out)) return e;
      } else if (isSiteGeometryKey(field.key)) {
        if (auto e = geometry(field.key, field.value, out)) return e;
      } else if (!field.key.starts_with("_")) {
        out.warnings.push_back(fmt::format("unknown key 'site.{}' ignored", field.key));
      }
    }
    return std::nullopt;
  }

  std::optional<RecordError> geometry(std::string_view key, const element& value, Facts& out) {
    if (out.hasGeometry)
      return RecordError{
          "ZR1008",
          "the site gives more than one geometry; give one (e.g. a polygon with holes, or "
          "\"points\" for several points)"};
    auto error = key == "site" ? readGeoJsonGeometry(value, "site", out.geometry)
                               : readSiteGeometry(key, value, out.geometry);
    if (error) return error;
    out.hasGeometry = true;
    siteGiven = true;
    return std::nullopt;
  }

  std::optional<RecordError> date(const element& value, Facts& out) {
    if (value.is_null()) return std::nullopt;
    if (value.is_string()) {
      std::string_view text = value.get_string().value_unsafe();
      std::int32_t days = 0;
      if (util::parseDate(text, days)) {
        out.date = days;
        return std::nullopt;
      }
      return RecordError{"ZR1007", fmt::format("\"date\": '{}' is not a date (YYYY-MM-DD)", text)};
    }
    return RecordError{"ZR1007", fmt::format("\"date\" must be a string \"YYYY-MM-DD\", not {}",
                                             jsonTypeName(value.type()))};
  }

  // ---- attributes -------------------------------------------------------------------------

  // `attr`: the attribute named `key`, or kMissing (then "project.NAME" is tried).
  void attribute(std::string_view key, std::uint32_t attr, const element& value, Facts& out) {
    std::string_view name = key;
    if (attr == util::NameIndex::kMissing && name.starts_with("project.")) {
      name.remove_prefix(8);
      attr = attributes.find(name);
      if (attr >= kProject) attr = util::NameIndex::kMissing;
    }
    if (attr == util::NameIndex::kMissing) {
      if (key.starts_with("_")) return;  // a comment
      std::string warning = fmt::format("unknown key '{}' ignored", key);
      std::string_view near = util::closestMatch(name, keyNames);
      if (!near.empty()) warning += fmt::format(" (did you mean '{}'?)", near);
      out.warnings.push_back(std::move(warning));
      return;
    }
    if (seen[attr] == generation) {
      out.warnings.push_back(
          fmt::format("duplicate key '{}' ignored (the first value is used)", key));
      return;
    }
    seen[attr] = generation;
    if (value.is_null()) return;  // explicitly unknown
    Fact& fact = out.slots[attr];
    const ir::Attribute& a = bundle.attributes[attr];
    std::string why = convert(a, value, fact, out);
    if (why.empty()) {
      fact.state = Fact::State::Known;
    } else {
      fact = Fact{};
      fact.state = Fact::State::Invalid;
      out.invalid.push_back(fmt::format("{}: {}", a.name, why));
    }
  }

  static std::string expected(const element& value, std::string_view what) {
    return fmt::format("expected {}, got {} {}", what, jsonTypeName(value.type()),
                       shortJson(value));
  }

  // Fills `fact` from `value`; returns "" or why the value does not fit the attribute.
  std::string convert(const ir::Attribute& a, const element& value, Fact& fact, Facts& out) {
    switch (a.type) {
      case ir::AttrType::Bool:
        if (!value.is_bool()) return expected(value, "true or false");
        fact.boolean = value.get_bool().value_unsafe();
        return {};
      case ir::AttrType::Number:
        if (!value.is_number()) return expected(value, "a number");
        fact.number = value.get_double().value_unsafe();
        return {};
      case ir::AttrType::Quantity:
        return quantity(a, value, fact);
      case ir::AttrType::Enum:
        if (!value.is_string()) return expected(value, "one value as a string");
        return enumValue(a, value.get_string().value_unsafe(), fact.bits);
      case ir::AttrType::EnumSet: {
        if (value.is_string()) return enumValue(a, value.get_string().value_unsafe(), fact.bits);
        if (!value.is_array()) return expected(value, "a list of values");
        const simdjson::dom::array items = value.get_array().value_unsafe();
        for (element item : items) {
          if (!item.is_string()) return expected(item, "values as strings");
          std::string why = enumValue(a, item.get_string().value_unsafe(), fact.bits);
          if (!why.empty()) return why;
        }
        return {};
      }
      case ir::AttrType::Industry:
        if (!value.is_string())
          return expected(value, "an industry code as a string, e.g. \"C2614\"");
        fact.first = static_cast<std::uint32_t>(out.industries.size());
        fact.count = 1;
        return industry(value.get_string().value_unsafe(), out);
      case ir::AttrType::IndustrySet: {
        fact.first = static_cast<std::uint32_t>(out.industries.size());
        if (value.is_string()) {
          fact.count = 1;
          return industry(value.get_string().value_unsafe(), out);
        }
        if (!value.is_array()) return expected(value, "a list of industry codes, e.g. [\"C2614\"]");
        const simdjson::dom::array items = value.get_array().value_unsafe();
        for (element item : items) {
          if (!item.is_string()) return expected(item, "industry codes as strings");
          std::string why = industry(item.get_string().value_unsafe(), out);
          if (!why.empty()) return why;
        }
        fact.count = static_cast<std::uint32_t>(out.industries.size()) - fact.first;
        return {};
      }
      case ir::AttrType::String:
        if (!value.is_string()) return expected(value, "a string");
        fact.first = static_cast<std::uint32_t>(out.strings.size());
        fact.count = 1;
        out.strings.emplace_back(value.get_string().value_unsafe());
        return {};
      case ir::AttrType::Date: {
        if (!value.is_string()) return expected(value, "a date \"YYYY-MM-DD\"");
        std::int32_t days = 0;
        if (!util::parseDate(value.get_string().value_unsafe(), days))
          return expected(value, "a date \"YYYY-MM-DD\"");
        fact.number = days;
        return {};
      }
    }
    return "unsupported attribute type";
  }

  static std::string quantity(const ir::Attribute& a, const element& value, Fact& fact) {
    const measure::UnitOfMeasure* canonical = measure::find(a.unit);
    if (value.is_number()) {
      fact.number = value.get_double().value_unsafe();
      return {};
    }
    if (!value.is_string())
      return expected(value,
                      fmt::format("a number in {} or a string such as \"3 {}\"", a.unit, a.unit));
    std::string_view text = value.get_string().value_unsafe();
    std::string_view unknownUnit;
    auto parsed = measure::parseQuantity(text, &unknownUnit);
    auto units = [&] {
      std::string list;
      if (!canonical) return list;
      for (auto symbol : measure::symbolsOf(canonical->dim))
        list += (list.empty() ? "" : ", ") + std::string(symbol);
      return list;
    };
    if (!parsed) {
      if (!unknownUnit.empty())
        return fmt::format("unknown unit '{}' in '{}' (expected {}: {})", unknownUnit, text,
                           withArticle(canonical ? measure::dimName(canonical->dim) : "quantity"),
                           units());
      return fmt::format("'{}' is not a quantity (expected e.g. \"3 {}\")", text, a.unit);
    }
    if (!parsed->unit || !canonical) {
      fact.number = parsed->value;
      return {};
    }
    if (parsed->unit->dim != canonical->dim)
      return fmt::format("'{}' is {}, expected {} ({})", text,
                         withArticle(measure::dimName(parsed->unit->dim)),
                         withArticle(measure::dimName(canonical->dim)), units());
    fact.number = measure::convert(parsed->value, *parsed->unit, *canonical);
    return {};
  }

  std::string enumValue(const ir::Attribute& a, std::string_view text, std::uint64_t& bits) const {
    const std::uint32_t attr = static_cast<std::uint32_t>(&a - bundle.attributes.data());
    if (const std::uint32_t bit = enumIndex[attr].find(text); bit != util::NameIndex::kMissing) {
      bits |= std::uint64_t{1} << bit;
      return {};
    }
    std::vector<std::string_view> names;
    std::string list;
    for (std::size_t i = 0; i < a.enumValues.size(); ++i) {
      names.emplace_back(a.enumValues[i]);
      if (i < a.enumAliases.size() && !a.enumAliases[i].empty())
        names.emplace_back(a.enumAliases[i]);
      list += (i ? ", " : "") + a.enumValues[i];
    }
    std::string why = fmt::format("'{}' is not one of {{{}}}", text, list);
    std::string_view near = util::closestMatch(text, names);
    if (!near.empty()) why += fmt::format(" (did you mean '{}'?)", near);
    return why;
  }

  std::string industry(std::string_view code, Facts& out) {
    std::uint32_t index = ir::kNone;
    if (!code.empty() && code.size() <= 8) {
      if (code[0] >= '0' && code[0] <= '9') {
        index = industryDigits.find(code);
      } else {
        char upper[8];
        for (std::size_t i = 0; i < code.size(); ++i)
          upper[i] =
              code[i] >= 'a' && code[i] <= 'z' ? static_cast<char>(code[i] - 'a' + 'A') : code[i];
        index = industries.find(std::string_view(upper, code.size()));
      }
    }
    if (index == kAmbiguous)
      return fmt::format("industry code '{}' is ambiguous: give its section letter", code);
    if (index == ir::kNone)
      return fmt::format("unknown industry code '{}' (GB/T 4754-2017, e.g. \"C2614\")", code);
    out.industries.push_back(index);
    return {};
  }
};

DescriptorParser::DescriptorParser(const ir::Bundle& bundle)
    : impl_(std::make_unique<Impl>(bundle)) {}
DescriptorParser::~DescriptorParser() = default;

std::optional<RecordError> DescriptorParser::parse(std::string_view jsonLine, Facts& out) {
  return impl_->parse(jsonLine, out);
}

}  // namespace zr::eval

#include "runtime/ir/BundleJson.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "runtime/ir/BundleError.h"

namespace zr::ir {
namespace {

using Json = nlohmann::ordered_json;

// ---- encoding -------------------------------------------------------------------------------

Json index(std::uint32_t i) { return i == kNone ? Json(nullptr) : Json(i); }

Json encodeNode(const Node& node) {
  Json j;
  j["op"] = nodeOpName(node.op);
  switch (node.op) {
    case NodeOp::True:
    case NodeOp::False: break;
    case NodeOp::And:
    case NodeOp::Or:
    case NodeOp::Not:
      j["first"] = node.first;
      j["count"] = node.count;
      break;
    case NodeOp::BoolAttr: j["attr"] = index(node.attr); break;
    case NodeOp::CmpConst:
      j["cmp"] = cmpName(node.cmp);
      j["attr"] = index(node.attr);
      j["number"] = node.number;
      break;
    case NodeOp::CmpExpr:
      j["cmp"] = cmpName(node.cmp);
      j["first"] = node.first;
      j["count"] = node.count;
      break;
    case NodeOp::EnumIn:
      j["negated"] = node.negated;
      j["attr"] = index(node.attr);
      j["mask"] = node.mask;
      break;
    case NodeOp::IndustryIn:
    case NodeOp::OpenSetIn:
      j["negated"] = node.negated;
      j["attr"] = index(node.attr);
      j["set"] = node.first;
      break;
    case NodeOp::StringIn:
      j["negated"] = node.negated;
      j["attr"] = index(node.attr);
      j["first"] = node.first;
      j["count"] = node.count;
      break;
  }
  return j;
}

Json encodeValue(const ValueNode& value) {
  Json j;
  j["op"] = valueOpName(value.op);
  switch (value.op) {
    case ValueOp::Const: j["number"] = value.number; break;
    case ValueOp::Attr: j["attr"] = index(value.attr); break;
    default:
      j["lhs"] = index(value.lhs);
      j["rhs"] = index(value.rhs);
      break;
  }
  return j;
}

Json encodeRule(const Rule& rule) {
  Json j;
  j["id"] = rule.id;
  j["list"] = index(rule.list);
  j["level"] = levelName(rule.level);
  j["dimension"] = dimensionName(rule.dimension);
  j["effect"] = effectName(rule.effect);
  j["title"] = rule.title;
  j["cite"] = rule.cite;
  j["condition"] = index(rule.condition);
  j["requirement"] = index(rule.requirement);
  j["conditionText"] = rule.conditionText;
  j["requirementText"] = rule.requirementText;
  j["attrs"] = rule.attrs;
  j["effectiveFrom"] = rule.effectiveFrom == INT32_MIN ? Json(nullptr) : Json(rule.effectiveFrom);
  j["effectiveUntil"] = rule.effectiveUntil == INT32_MAX ? Json(nullptr) : Json(rule.effectiveUntil);
  j["refines"] = rule.refines;
  j["scopeText"] = rule.scopeText;
  j["source"] = {{"file", rule.source.file}, {"line", rule.source.line}, {"column", rule.source.column}};
  return j;
}

// ---- decoding -------------------------------------------------------------------------------

// Where a value sits, for messages: "rules[3].condition".
struct Where {
  const char* array;
  std::size_t index;
  std::string at(const char* key) const { return fmt::format("{}[{}].{}", array, index, key); }
};

[[noreturn]] void corrupt(const std::string& where, const std::string& what) {
  throw BundleError("ZR0905", fmt::format("corrupt bundle content: {}: {}", where, what));
}

const Json& field(const Json& object, const char* key, const Where& w) {
  auto it = object.find(key);
  if (it == object.end()) corrupt(w.at(key), "missing");
  return *it;
}

std::string str(const Json& object, const char* key, const Where& w) {
  const Json& v = field(object, key, w);
  if (!v.is_string()) corrupt(w.at(key), "expected a string");
  return v.get<std::string>();
}

bool boolean(const Json& object, const char* key, const Where& w) {
  const Json& v = field(object, key, w);
  if (!v.is_boolean()) corrupt(w.at(key), "expected true or false");
  return v.get<bool>();
}

std::uint64_t unsigned64(const Json& v, const std::string& where) {
  if (!v.is_number_unsigned()) corrupt(where, "expected an unsigned integer");
  return v.get<std::uint64_t>();
}

std::uint32_t unsigned32(const Json& v, const std::string& where) {
  std::uint64_t n = unsigned64(v, where);
  if (n >= kNone) corrupt(where, "integer out of range");
  return static_cast<std::uint32_t>(n);
}

std::uint32_t u32(const Json& object, const char* key, const Where& w) {
  return unsigned32(field(object, key, w), w.at(key));
}

// An index or null (kNone).
std::uint32_t optIndex(const Json& object, const char* key, const Where& w) {
  const Json& v = field(object, key, w);
  if (v.is_null()) return kNone;
  return unsigned32(v, w.at(key));
}

double number(const Json& object, const char* key, const Where& w) {
  const Json& v = field(object, key, w);
  if (!v.is_number()) corrupt(w.at(key), "expected a number");
  return v.get<double>();
}

std::int32_t days(const Json& object, const char* key, const Where& w, std::int32_t none) {
  const Json& v = field(object, key, w);
  if (v.is_null()) return none;
  if (!v.is_number_integer()) corrupt(w.at(key), "expected a day number or null");
  const auto n = v.get<std::int64_t>();
  if (n <= INT32_MIN || n >= INT32_MAX) corrupt(w.at(key), "day number out of range");
  return static_cast<std::int32_t>(n);
}

std::vector<std::uint32_t> indexArray(const Json& v, const std::string& where) {
  if (!v.is_array()) corrupt(where, "expected an array");
  std::vector<std::uint32_t> out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out.push_back(unsigned32(v[i], fmt::format("{}[{}]", where, i)));
  return out;
}

std::vector<std::string> stringArray(const Json& v, const std::string& where) {
  if (!v.is_array()) corrupt(where, "expected an array");
  std::vector<std::string> out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) corrupt(fmt::format("{}[{}]", where, i), "expected a string");
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

// Looks a name up in the enumeration E (values 0..last) through `nameOf`.
template <typename E, typename NameOf>
E named(const Json& object, const char* key, const Where& w, int first, int last, NameOf nameOf) {
  const std::string name = str(object, key, w);
  for (int i = first; i <= last; ++i)
    if (name == nameOf(static_cast<E>(i))) return static_cast<E>(i);
  corrupt(w.at(key), fmt::format("unknown name '{}'", name));
}

const Json& array(const Json& root, const char* key) {
  auto it = root.find(key);
  if (it == root.end()) corrupt(key, "missing");
  if (!it->is_array()) corrupt(key, "expected an array");
  return *it;
}

void checkObject(const Json& v, const Where& w) {
  if (!v.is_object()) corrupt(fmt::format("{}[{}]", w.array, w.index), "expected an object");
}

Node decodeNode(const Json& j, const Where& w) {
  Node node;
  node.op = named<NodeOp>(j, "op", w, 0, static_cast<int>(NodeOp::StringIn), nodeOpName);
  auto cmp = [&] { return named<Cmp>(j, "cmp", w, 0, static_cast<int>(Cmp::Ge), cmpName); };
  switch (node.op) {
    case NodeOp::True:
    case NodeOp::False: break;
    case NodeOp::And:
    case NodeOp::Or:
    case NodeOp::Not:
      node.first = u32(j, "first", w);
      node.count = u32(j, "count", w);
      break;
    case NodeOp::BoolAttr: node.attr = optIndex(j, "attr", w); break;
    case NodeOp::CmpConst:
      node.cmp = cmp();
      node.attr = optIndex(j, "attr", w);
      node.number = number(j, "number", w);
      break;
    case NodeOp::CmpExpr:
      node.cmp = cmp();
      node.first = u32(j, "first", w);
      node.count = u32(j, "count", w);
      break;
    case NodeOp::EnumIn:
      node.negated = boolean(j, "negated", w);
      node.attr = optIndex(j, "attr", w);
      node.mask = unsigned64(field(j, "mask", w), w.at("mask"));
      break;
    case NodeOp::IndustryIn:
    case NodeOp::OpenSetIn:
      node.negated = boolean(j, "negated", w);
      node.attr = optIndex(j, "attr", w);
      node.first = u32(j, "set", w);
      break;
    case NodeOp::StringIn:
      node.negated = boolean(j, "negated", w);
      node.attr = optIndex(j, "attr", w);
      node.first = u32(j, "first", w);
      node.count = u32(j, "count", w);
      break;
  }
  return node;
}

ValueNode decodeValue(const Json& j, const Where& w) {
  ValueNode value;
  value.op = named<ValueOp>(j, "op", w, 0, static_cast<int>(ValueOp::Div), valueOpName);
  switch (value.op) {
    case ValueOp::Const: value.number = number(j, "number", w); break;
    case ValueOp::Attr: value.attr = optIndex(j, "attr", w); break;
    default:
      value.lhs = optIndex(j, "lhs", w);
      value.rhs = optIndex(j, "rhs", w);
      break;
  }
  return value;
}

Rule decodeRule(const Json& j, const Where& w) {
  Rule rule;
  rule.id = str(j, "id", w);
  rule.list = optIndex(j, "list", w);
  rule.level = named<Level>(j, "level", w, 0, static_cast<int>(Level::City), levelName);
  rule.dimension = named<Dimension>(j, "dimension", w, 0, static_cast<int>(Dimension::Resource), dimensionName);
  rule.effect = named<Effect>(j, "effect", w, 0, static_cast<int>(Effect::Require), effectName);
  rule.title = str(j, "title", w);
  rule.cite = str(j, "cite", w);
  rule.condition = optIndex(j, "condition", w);
  rule.requirement = optIndex(j, "requirement", w);
  rule.conditionText = str(j, "conditionText", w);
  rule.requirementText = str(j, "requirementText", w);
  rule.attrs = indexArray(field(j, "attrs", w), w.at("attrs"));
  rule.effectiveFrom = days(j, "effectiveFrom", w, INT32_MIN);
  rule.effectiveUntil = days(j, "effectiveUntil", w, INT32_MAX);
  rule.refines = str(j, "refines", w);
  rule.scopeText = str(j, "scopeText", w);
  const Json& source = field(j, "source", w);
  Where s{"rules", w.index};
  if (!source.is_object()) corrupt(w.at("source"), "expected an object");
  rule.source.file = str(source, "file", s);
  rule.source.line = u32(source, "line", s);
  rule.source.column = u32(source, "column", s);
  return rule;
}

// Bundles are a few levels deep; refuse deep nesting before the JSON parser sees it.
void checkDepth(std::string_view body) {
  constexpr int kMaxDepth = 32;
  int depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) corrupt("body", fmt::format("nesting deeper than {} at byte {}", kMaxDepth, i));
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

}  // namespace

std::string encodeBundleBody(const Bundle& b) {
  Json root;
  root["format"] = kFormatVersion;
  Json& lists = root["lists"] = Json::array();
  for (const auto& l : b.lists)
    lists.push_back({{"name", l.name}, {"level", levelName(l.level)}, {"jurisdiction", l.jurisdiction},
                     {"parent", index(l.parent)}});
  Json& attributes = root["attributes"] = Json::array();
  for (const auto& a : b.attributes)
    attributes.push_back({{"name", a.name}, {"type", attrTypeName(a.type)}, {"unit", a.unit},
                          {"enumValues", a.enumValues}, {"enumAliases", a.enumAliases},
                          {"labelZh", a.labelZh}, {"labelEn", a.labelEn}});
  Json& industries = root["industries"] = Json::array();
  for (const auto& e : b.industries)
    industries.push_back({{"code", e.code}, {"name", e.name}, {"parent", index(e.parent)}});
  Json& regions = root["regions"] = Json::array();
  for (const auto& r : b.regions) regions.push_back({{"name", r.name}, {"title", r.title}});
  Json& units = root["units"] = Json::array();
  for (const auto& u : b.units)
    units.push_back({{"code", u.code}, {"name", u.name}, {"class", unitClassName(u.unitClass)},
                     {"county", u.county}, {"kind", u.kind}, {"list", index(u.list)},
                     {"regions", u.regions}});
  Json& nodes = root["nodes"] = Json::array();
  for (const auto& n : b.nodes) nodes.push_back(encodeNode(n));
  root["children"] = b.children;
  Json& values = root["values"] = Json::array();
  for (const auto& v : b.values) values.push_back(encodeValue(v));
  root["strings"] = b.strings;
  Json& sets = root["industrySets"] = Json::array();
  for (const auto& s : b.industrySets) sets.push_back({{"name", s.name}, {"prefixes", s.prefixes}});
  Json& openSets = root["openSets"] = Json::array();
  for (const auto& s : b.openSets) {
    Json masks = Json::array();
    for (const auto& [unit, mask] : s.unitMasks) masks.push_back({unit, mask});
    openSets.push_back({{"name", s.name}, {"attr", index(s.attr)}, {"baseMask", s.baseMask},
                        {"unitMasks", std::move(masks)}});
  }
  Json& rules = root["rules"] = Json::array();
  for (const auto& r : b.rules) rules.push_back(encodeRule(r));
  root["unitRuleStart"] = b.unitRuleStart;
  root["unitRuleIds"] = b.unitRuleIds;
  return root.dump(-1, ' ', false, Json::error_handler_t::strict);
}

Bundle decodeBundleBody(std::string_view body) {
  checkDepth(body);
  Json root;
  try {
    root = Json::parse(body.begin(), body.end());
  } catch (const Json::exception& error) {
    corrupt("body", fmt::format("not valid JSON ({})", error.what()));
  }
  if (!root.is_object()) corrupt("body", "expected a JSON object");
  {
    auto it = root.find("format");
    if (it == root.end() || !it->is_number_unsigned() || it->get<std::uint64_t>() != kFormatVersion)
      corrupt("format", fmt::format("expected {}", kFormatVersion));
  }
  Bundle b;
  const Json& lists = array(root, "lists");
  for (std::size_t i = 0; i < lists.size(); ++i) {
    Where w{"lists", i};
    checkObject(lists[i], w);
    AccessList l;
    l.name = str(lists[i], "name", w);
    l.level = named<Level>(lists[i], "level", w, 0, static_cast<int>(Level::City), levelName);
    l.jurisdiction = str(lists[i], "jurisdiction", w);
    l.parent = optIndex(lists[i], "parent", w);
    b.lists.push_back(std::move(l));
  }
  const Json& attributes = array(root, "attributes");
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    Where w{"attributes", i};
    const Json& j = attributes[i];
    checkObject(j, w);
    Attribute a;
    a.name = str(j, "name", w);
    a.type = named<AttrType>(j, "type", w, 0, static_cast<int>(AttrType::Date), attrTypeName);
    a.unit = str(j, "unit", w);
    a.enumValues = stringArray(field(j, "enumValues", w), w.at("enumValues"));
    a.enumAliases = stringArray(field(j, "enumAliases", w), w.at("enumAliases"));
    a.labelZh = str(j, "labelZh", w);
    a.labelEn = str(j, "labelEn", w);
    b.attributes.push_back(std::move(a));
  }
  const Json& industries = array(root, "industries");
  b.industries.reserve(industries.size());
  for (std::size_t i = 0; i < industries.size(); ++i) {
    Where w{"industries", i};
    checkObject(industries[i], w);
    b.industries.push_back({str(industries[i], "code", w), str(industries[i], "name", w),
                            optIndex(industries[i], "parent", w)});
  }
  const Json& regions = array(root, "regions");
  for (std::size_t i = 0; i < regions.size(); ++i) {
    Where w{"regions", i};
    checkObject(regions[i], w);
    b.regions.push_back({str(regions[i], "name", w), str(regions[i], "title", w)});
  }
  const Json& units = array(root, "units");
  b.units.reserve(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    Where w{"units", i};
    const Json& j = units[i];
    checkObject(j, w);
    Unit u;
    u.code = str(j, "code", w);
    u.name = str(j, "name", w);
    u.unitClass = named<UnitClass>(j, "class", w, 1, 3, unitClassName);
    u.county = str(j, "county", w);
    u.kind = str(j, "kind", w);
    u.list = optIndex(j, "list", w);
    u.regions = indexArray(field(j, "regions", w), w.at("regions"));
    b.units.push_back(std::move(u));
  }
  const Json& nodes = array(root, "nodes");
  b.nodes.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    Where w{"nodes", i};
    checkObject(nodes[i], w);
    b.nodes.push_back(decodeNode(nodes[i], w));
  }
  b.children = indexArray(array(root, "children"), "children");
  const Json& values = array(root, "values");
  b.values.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    Where w{"values", i};
    checkObject(values[i], w);
    b.values.push_back(decodeValue(values[i], w));
  }
  b.strings = stringArray(array(root, "strings"), "strings");
  const Json& sets = array(root, "industrySets");
  for (std::size_t i = 0; i < sets.size(); ++i) {
    Where w{"industrySets", i};
    checkObject(sets[i], w);
    IndustrySet s;
    s.name = str(sets[i], "name", w);
    s.prefixes = indexArray(field(sets[i], "prefixes", w), w.at("prefixes"));
    b.industrySets.push_back(std::move(s));
  }
  const Json& openSets = array(root, "openSets");
  for (std::size_t i = 0; i < openSets.size(); ++i) {
    Where w{"openSets", i};
    const Json& j = openSets[i];
    checkObject(j, w);
    OpenSet s;
    s.name = str(j, "name", w);
    s.attr = optIndex(j, "attr", w);
    s.baseMask = unsigned64(field(j, "baseMask", w), w.at("baseMask"));
    const Json& masks = field(j, "unitMasks", w);
    if (!masks.is_array()) corrupt(w.at("unitMasks"), "expected an array");
    for (std::size_t k = 0; k < masks.size(); ++k) {
      std::string where = fmt::format("{}[{}]", w.at("unitMasks"), k);
      if (!masks[k].is_array() || masks[k].size() != 2) corrupt(where, "expected [unit, mask]");
      s.unitMasks.emplace_back(unsigned32(masks[k][0], where), unsigned64(masks[k][1], where));
    }
    b.openSets.push_back(std::move(s));
  }
  const Json& rules = array(root, "rules");
  b.rules.reserve(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    Where w{"rules", i};
    checkObject(rules[i], w);
    b.rules.push_back(decodeRule(rules[i], w));
  }
  b.unitRuleStart = indexArray(array(root, "unitRuleStart"), "unitRuleStart");
  b.unitRuleIds = indexArray(array(root, "unitRuleIds"), "unitRuleIds");
  return b;
}

}  // namespace zr::ir

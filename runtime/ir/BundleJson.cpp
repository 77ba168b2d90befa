// The bundle body, written by hand (deterministic, fast: bundles of large provinces hold tens
// of thousands of rules) and read with simdjson's DOM parser.
#include "runtime/ir/BundleJson.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <sys/mman.h>

#include <cmath>
#include <cstdint>
#include <iterator>

#include "runtime/ir/BundleError.h"
#include "runtime/util/JsonText.h"

namespace zr::ir {
namespace {

// ---- encoding -------------------------------------------------------------------------------

// A minimal JSON writer: compact, keys in the order written.
class Writer {
 public:
  std::string text;

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }
  void key(std::string_view name) {
    separate();
    util::appendJsonString(text, name);
    text += ':';
    afterKey_ = true;
  }
  void string(std::string_view value) {
    prefix();
    util::appendJsonString(text, value);
  }
  void unsignedInt(std::uint64_t value) {
    prefix();
    fmt::format_to(std::back_inserter(text), "{}", value);
  }
  void signedInt(std::int64_t value) {
    prefix();
    fmt::format_to(std::back_inserter(text), "{}", value);
  }
  // Shortest round-trip form, always with a '.' or an exponent so that it reads back as a
  // double (and -0.0 keeps its sign). Non-finite values have no JSON form: null (refused when
  // read back, and never produced by the compiler).
  void number(double value) {
    prefix();
    if (!std::isfinite(value)) {
      text += "null";
      return;
    }
    const std::size_t at = text.size();
    fmt::format_to(std::back_inserter(text), "{}", value);
    if (text.find_first_of(".e", at) == std::string::npos) text += ".0";
  }
  void boolean(bool value) {
    prefix();
    text += value ? "true" : "false";
  }
  void null() {
    prefix();
    text += "null";
  }
  void index(std::uint32_t value) {
    if (value == kNone)
      null();
    else
      unsignedInt(value);
  }
  void indices(const std::vector<std::uint32_t>& values) {
    beginArray();
    for (std::uint32_t v : values) unsignedInt(v);
    endArray();
  }
  void strings(const std::vector<std::string>& values) {
    beginArray();
    for (const std::string& v : values) string(v);
    endArray();
  }

 private:
  void separate() {
    if (!first_.empty()) {
      if (!first_.back()) text += ',';
      first_.back() = false;
    }
  }
  void prefix() {
    if (afterKey_)
      afterKey_ = false;
    else
      separate();
  }
  void open(char c) {
    prefix();
    text += c;
    first_.push_back(true);
  }
  void close(char c) {
    text += c;
    first_.pop_back();
  }
  std::vector<bool> first_;
  bool afterKey_ = false;
};

void encodeNode(Writer& w, const Node& n) {
  w.beginObject();
  w.key("op");
  w.string(nodeOpName(n.op));
  switch (n.op) {
    case NodeOp::True:
    case NodeOp::False:
      break;
    case NodeOp::And:
    case NodeOp::Or:
    case NodeOp::Not:
      w.key("first");
      w.unsignedInt(n.first);
      w.key("count");
      w.unsignedInt(n.count);
      break;
    case NodeOp::BoolAttr:
      w.key("attr");
      w.index(n.attr);
      break;
    case NodeOp::CmpConst:
      w.key("cmp");
      w.string(cmpName(n.cmp));
      w.key("attr");
      w.index(n.attr);
      w.key("number");
      w.number(n.number);
      break;
    case NodeOp::CmpExpr:
      w.key("cmp");
      w.string(cmpName(n.cmp));
      w.key("first");
      w.unsignedInt(n.first);
      w.key("count");
      w.unsignedInt(n.count);
      break;
    case NodeOp::EnumIn:
      w.key("negated");
      w.boolean(n.negated);
      w.key("attr");
      w.index(n.attr);
      w.key("mask");
      w.unsignedInt(n.mask);
      break;
    case NodeOp::IndustryIn:
    case NodeOp::OpenSetIn:
      w.key("negated");
      w.boolean(n.negated);
      w.key("attr");
      w.index(n.attr);
      w.key("set");
      w.unsignedInt(n.first);
      break;
    case NodeOp::StringIn:
      w.key("negated");
      w.boolean(n.negated);
      w.key("attr");
      w.index(n.attr);
      w.key("first");
      w.unsignedInt(n.first);
      w.key("count");
      w.unsignedInt(n.count);
      break;
  }
  w.endObject();
}

void encodeValue(Writer& w, const ValueNode& v) {
  w.beginObject();
  w.key("op");
  w.string(valueOpName(v.op));
  switch (v.op) {
    case ValueOp::Const:
      w.key("number");
      w.number(v.number);
      break;
    case ValueOp::Attr:
      w.key("attr");
      w.index(v.attr);
      break;
    default:
      w.key("lhs");
      w.index(v.lhs);
      w.key("rhs");
      w.index(v.rhs);
  }
  w.endObject();
}

void encodeRule(Writer& w, const Rule& r) {
  w.beginObject();
  w.key("id");
  w.string(r.id);
  w.key("list");
  w.index(r.list);
  w.key("level");
  w.string(levelName(r.level));
  w.key("dimension");
  w.string(dimensionName(r.dimension));
  w.key("effect");
  w.string(effectName(r.effect));
  w.key("title");
  w.string(r.title);
  w.key("cite");
  w.string(r.cite);
  w.key("condition");
  w.index(r.condition);
  w.key("requirement");
  w.index(r.requirement);
  w.key("conditionText");
  w.string(r.conditionText);
  w.key("requirementText");
  w.string(r.requirementText);
  w.key("attrs");
  w.indices(r.attrs);
  w.key("effectiveFrom");
  if (r.effectiveFrom == INT32_MIN)
    w.null();
  else
    w.signedInt(r.effectiveFrom);
  w.key("effectiveUntil");
  if (r.effectiveUntil == INT32_MAX)
    w.null();
  else
    w.signedInt(r.effectiveUntil);
  w.key("refines");
  w.string(r.refines);
  w.key("scopeText");
  w.string(r.scopeText);
  w.key("source");
  w.beginObject();
  w.key("file");
  w.string(r.source.file);
  w.key("line");
  w.unsignedInt(r.source.line);
  w.key("column");
  w.unsignedInt(r.source.column);
  w.endObject();
  w.endObject();
}

// ---- decoding -------------------------------------------------------------------------------

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// Where a value sits, for messages ("rules[3].condition"); the text is built only on error.
struct Where {
  const char* array;
  std::size_t index;
  std::string at(std::string_view key) const { return fmt::format("{}[{}].{}", array, index, key); }
};

[[noreturn]] void corrupt(const std::string& where, const std::string& what) {
  throw BundleError("ZR0905", fmt::format("corrupt bundle content: {}: {}", where, what));
}

// An object's fields, looked up in the order the encoder writes them: each lookup first tries
// the field after the last one found (one comparison) and searches the whole object only when
// the order differs. The result is at_key's (the first field of that name): every key is asked
// for at most once, so the fields before the cursor all have other names.
class Fields {
 public:
  explicit Fields(object o) : object_(o), next_(o.begin()), end_(o.end()) {}
  bool find(std::string_view key, element& out) {
    if (next_ != end_ && next_.key() == key) {
      out = next_.value();
      ++next_;
      return true;
    }
    return !object_.at_key(key).get(out);
  }
  // Whether an optional key is present (its value is then read with find).
  bool has(std::string_view key) const { return object_.at_key(key).error() == simdjson::SUCCESS; }

 private:
  object object_;
  object::iterator next_, end_;
};

element field(Fields& o, std::string_view key, const Where& w) {
  element e;
  if (!o.find(key, e)) corrupt(w.at(key), "missing");
  return e;
}

std::string str(Fields& o, std::string_view key, const Where& w) {
  std::string_view s;
  if (field(o, key, w).get_string().get(s)) corrupt(w.at(key), "expected a string");
  return std::string(s);
}

bool boolean(Fields& o, std::string_view key, const Where& w) {
  bool b = false;
  if (field(o, key, w).get_bool().get(b)) corrupt(w.at(key), "expected true or false");
  return b;
}

template <typename Where_>
std::uint64_t unsigned64(const element& e, const Where_& where) {
  std::uint64_t n = 0;
  if (e.get_uint64().get(n)) corrupt(where(), "expected an unsigned integer");
  return n;
}

template <typename Where_>
std::uint32_t unsigned32(const element& e, const Where_& where) {
  const std::uint64_t n = unsigned64(e, where);
  if (n >= kNone) corrupt(where(), "integer out of range");
  return static_cast<std::uint32_t>(n);
}

std::uint32_t u32(Fields& o, std::string_view key, const Where& w) {
  return unsigned32(field(o, key, w), [&] { return w.at(key); });
}

std::uint64_t u64(Fields& o, std::string_view key, const Where& w) {
  return unsigned64(field(o, key, w), [&] { return w.at(key); });
}

// An index or null (kNone).
std::uint32_t optIndex(Fields& o, std::string_view key, const Where& w) {
  const element e = field(o, key, w);
  if (e.is_null()) return kNone;
  return unsigned32(e, [&] { return w.at(key); });
}

double number(Fields& o, std::string_view key, const Where& w) {
  double d = 0;
  if (field(o, key, w).get_double().get(d)) corrupt(w.at(key), "expected a number");
  return d;
}

std::int32_t days(Fields& o, std::string_view key, const Where& w, std::int32_t none) {
  const element e = field(o, key, w);
  if (e.is_null()) return none;
  std::int64_t n = 0;
  if (e.get_int64().get(n)) corrupt(w.at(key), "expected a day number or null");
  if (n <= INT32_MIN || n >= INT32_MAX) corrupt(w.at(key), "day number out of range");
  return static_cast<std::int32_t>(n);
}

template <typename Path>
array arrayOf(const element& e, const Path& path) {
  array a;
  if (e.get_array().get(a)) corrupt(path(), "expected an array");
  return a;
}

template <typename Path>
std::vector<std::uint32_t> indexArray(const array& a, const Path& path) {
  std::vector<std::uint32_t> out;
  out.reserve(a.size());
  std::size_t i = 0;
  for (element item : a) {
    out.push_back(unsigned32(item, [&] { return fmt::format("{}[{}]", path(), i); }));
    ++i;
  }
  return out;
}

template <typename Path>
std::vector<std::string> stringArray(const array& a, const Path& path) {
  std::vector<std::string> out;
  out.reserve(a.size());
  std::size_t i = 0;
  for (element item : a) {
    std::string_view s;
    if (item.get_string().get(s)) corrupt(fmt::format("{}[{}]", path(), i), "expected a string");
    out.emplace_back(s);
    ++i;
  }
  return out;
}

template <typename Path>
std::vector<std::uint32_t> indexArray(const element& e, const Path& path) {
  return indexArray(arrayOf(e, path), path);
}

template <typename Path>
std::vector<std::string> stringArray(const element& e, const Path& path) {
  return stringArray(arrayOf(e, path), path);
}

// Looks a name up in the enumeration E (values first..last) through `nameOf`.
template <typename E, typename NameOf>
E named(Fields& o, std::string_view key, const Where& w, int first, int last, NameOf nameOf) {
  std::string_view name;
  if (field(o, key, w).get_string().get(name)) corrupt(w.at(key), "expected a string");
  for (int i = first; i <= last; ++i)
    if (name == nameOf(static_cast<E>(i))) return static_cast<E>(i);
  corrupt(w.at(key), fmt::format("unknown name '{}'", name));
}

array topArray(const object& root, const char* key) {
  element e;
  if (root.at_key(key).get(e)) corrupt(key, "missing");
  array a;
  if (e.get_array().get(a)) corrupt(key, "expected an array");
  return a;
}

object objectAt(const element& e, const Where& w) {
  object o;
  if (e.get_object().get(o)) corrupt(fmt::format("{}[{}]", w.array, w.index), "expected an object");
  return o;
}

// Iterates the objects of a top-level array.
template <typename F>
void eachObject(const object& root, const char* key, F&& f) {
  std::size_t i = 0;
  for (element e : topArray(root, key)) {
    const Where w{key, i++};
    Fields fields(objectAt(e, w));
    f(fields, w);
  }
}

Node decodeNode(Fields& j, const Where& w) {
  Node node;
  node.op = named<NodeOp>(j, "op", w, 0, static_cast<int>(NodeOp::StringIn), nodeOpName);
  auto cmp = [&] { return named<Cmp>(j, "cmp", w, 0, static_cast<int>(Cmp::Ge), cmpName); };
  switch (node.op) {
    case NodeOp::True:
    case NodeOp::False:
      break;
    case NodeOp::And:
    case NodeOp::Or:
    case NodeOp::Not:
      node.first = u32(j, "first", w);
      node.count = u32(j, "count", w);
      break;
    case NodeOp::BoolAttr:
      node.attr = optIndex(j, "attr", w);
      break;
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
      node.mask = u64(j, "mask", w);
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

ValueNode decodeValue(Fields& j, const Where& w) {
  ValueNode value;
  value.op = named<ValueOp>(j, "op", w, 0, static_cast<int>(ValueOp::Div), valueOpName);
  switch (value.op) {
    case ValueOp::Const:
      value.number = number(j, "number", w);
      break;
    case ValueOp::Attr:
      value.attr = optIndex(j, "attr", w);
      break;
    default:
      value.lhs = optIndex(j, "lhs", w);
      value.rhs = optIndex(j, "rhs", w);
  }
  return value;
}

Rule decodeRule(Fields& j, const Where& w) {
  Rule rule;
  rule.id = str(j, "id", w);
  rule.list = optIndex(j, "list", w);
  rule.level = named<Level>(j, "level", w, 0, static_cast<int>(Level::City), levelName);
  rule.dimension =
      named<Dimension>(j, "dimension", w, 0, static_cast<int>(Dimension::Resource), dimensionName);
  rule.effect = named<Effect>(j, "effect", w, 0, static_cast<int>(Effect::Require), effectName);
  rule.title = str(j, "title", w);
  rule.cite = str(j, "cite", w);
  rule.condition = optIndex(j, "condition", w);
  rule.requirement = optIndex(j, "requirement", w);
  rule.conditionText = str(j, "conditionText", w);
  rule.requirementText = str(j, "requirementText", w);
  rule.attrs = indexArray(field(j, "attrs", w), [&] { return w.at("attrs"); });
  rule.effectiveFrom = days(j, "effectiveFrom", w, INT32_MIN);
  rule.effectiveUntil = days(j, "effectiveUntil", w, INT32_MAX);
  rule.refines = str(j, "refines", w);
  rule.scopeText = str(j, "scopeText", w);
  object sourceObject;
  if (field(j, "source", w).get_object().get(sourceObject))
    corrupt(w.at("source"), "expected an object");
  Fields source(sourceObject);
  const Where s{"rules", w.index};
  rule.source.file = str(source, "file", s);
  rule.source.line = u32(source, "line", s);
  rule.source.column = u32(source, "column", s);
  return rule;
}

}  // namespace

std::string encodeBundleBody(const Bundle& b) {
  Writer w;
  w.text.reserve(256 + b.nodes.size() * 64 + b.rules.size() * 512);
  w.beginObject();
  w.key("format");
  w.unsignedInt(kFormatVersion);
  w.key("lists");
  w.beginArray();
  for (const AccessList& l : b.lists) {
    w.beginObject();
    w.key("name");
    w.string(l.name);
    w.key("level");
    w.string(levelName(l.level));
    w.key("jurisdiction");
    w.string(l.jurisdiction);
    w.key("parent");
    w.index(l.parent);
    w.endObject();
  }
  w.endArray();
  w.key("attributes");
  w.beginArray();
  for (const Attribute& a : b.attributes) {
    w.beginObject();
    w.key("name");
    w.string(a.name);
    w.key("type");
    w.string(attrTypeName(a.type));
    w.key("unit");
    w.string(a.unit);
    w.key("enumValues");
    w.strings(a.enumValues);
    w.key("enumAliases");
    w.strings(a.enumAliases);
    w.key("labelZh");
    w.string(a.labelZh);
    w.key("labelEn");
    w.string(a.labelEn);
    if (a.computed != Computed::None) {
      w.key("computed");
      w.string(computedName(a.computed));
      w.key("layer");
      w.string(a.layer);
    }
    w.endObject();
  }
  w.endArray();
  w.key("industries");
  w.beginArray();
  for (const IndustryEntry& e : b.industries) {
    w.beginObject();
    w.key("code");
    w.string(e.code);
    w.key("name");
    w.string(e.name);
    w.key("parent");
    w.index(e.parent);
    w.endObject();
  }
  w.endArray();
  w.key("regions");
  w.beginArray();
  for (const Region& r : b.regions) {
    w.beginObject();
    w.key("name");
    w.string(r.name);
    w.key("title");
    w.string(r.title);
    w.endObject();
  }
  w.endArray();
  w.key("units");
  w.beginArray();
  for (const Unit& u : b.units) {
    w.beginObject();
    w.key("code");
    w.string(u.code);
    w.key("name");
    w.string(u.name);
    w.key("class");
    w.string(unitClassName(u.unitClass));
    w.key("county");
    w.string(u.county);
    w.key("kind");
    w.string(u.kind);
    w.key("list");
    w.index(u.list);
    w.key("regions");
    w.indices(u.regions);
    w.endObject();
  }
  w.endArray();
  w.key("nodes");
  w.beginArray();
  for (const Node& n : b.nodes) encodeNode(w, n);
  w.endArray();
  w.key("children");
  w.indices(b.children);
  w.key("values");
  w.beginArray();
  for (const ValueNode& v : b.values) encodeValue(w, v);
  w.endArray();
  w.key("strings");
  w.strings(b.strings);
  w.key("industrySets");
  w.beginArray();
  for (const IndustrySet& s : b.industrySets) {
    w.beginObject();
    w.key("name");
    w.string(s.name);
    w.key("prefixes");
    w.indices(s.prefixes);
    w.endObject();
  }
  w.endArray();
  w.key("openSets");
  w.beginArray();
  for (const OpenSet& s : b.openSets) {
    w.beginObject();
    w.key("name");
    w.string(s.name);
    w.key("attr");
    w.index(s.attr);
    w.key("baseMask");
    w.unsignedInt(s.baseMask);
    w.key("unitMasks");
    w.beginArray();
    for (const auto& [unit, mask] : s.unitMasks) {
      w.beginArray();
      w.unsignedInt(unit);
      w.unsignedInt(mask);
      w.endArray();
    }
    w.endArray();
    w.endObject();
  }
  w.endArray();
  w.key("rules");
  w.beginArray();
  for (const Rule& r : b.rules) encodeRule(w, r);
  w.endArray();
  w.key("unitRuleStart");
  w.indices(b.unitRuleStart);
  w.key("unitRuleIds");
  w.indices(b.unitRuleIds);
  w.endObject();
  return std::move(w.text);
}

namespace {

// The parser's buffers (a few times the body's size, most of it written once) are freshly
// mapped memory: in huge pages they take a few page faults instead of tens of thousands.
// Advice only: nothing changes where the system does not follow it.
void adviseHugePages(const void* buffer, std::size_t bytes) {
#if defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(buffer);
  const std::uintptr_t first = (start + kHuge - 1) & ~(kHuge - 1),
                       last = (start + bytes) & ~(kHuge - 1);
  if (buffer && last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)buffer;
  (void)bytes;
#endif
}

}  // namespace

Bundle decodeBundleBody(std::string_view body) {
  const simdjson::padded_string padded(body);
  return decodePaddedBundleBody(std::string_view(padded.data(), padded.size()));
}

Bundle decodePaddedBundleBody(std::string_view body) {
  static_assert(kBodyPadding >= simdjson::SIMDJSON_PADDING);
  constexpr std::size_t kMaxDepth = 32;  // bundles are a few levels deep
  simdjson::dom::parser parser;
  // The document's buffers too (parse() would allocate them itself), so that all of them get
  // the advice below. The buffers are simdjson's own members, public but documented as
  // internal (simdjson 3): no sizes are assumed beyond the capacity asked for.
  if (parser.allocate(body.size(), kMaxDepth) || parser.doc.allocate(body.size()))
    corrupt("body", "out of memory");
  adviseHugePages(parser.implementation->structural_indexes.get(),
                  body.size() * sizeof(std::uint32_t));
  adviseHugePages(parser.doc.tape.get(), body.size() * sizeof(std::uint64_t));
  adviseHugePages(parser.doc.string_buf.get(), body.size());
  element rootElement;
  if (const auto error = parser.parse(body.data(), body.size(), false).get(rootElement))
    corrupt("body", fmt::format("not valid JSON ({})", simdjson::error_message(error)));
  object root;
  if (rootElement.get_object().get(root)) corrupt("body", "expected a JSON object");
  {
    element format;
    std::uint64_t version = 0;
    if (root.at_key("format").get(format) || format.get_uint64().get(version) ||
        version != kFormatVersion)
      corrupt("format", fmt::format("expected {}", kFormatVersion));
  }
  Bundle b;
  eachObject(root, "lists", [&](Fields& j, const Where& w) {
    AccessList l;
    l.name = str(j, "name", w);
    l.level = named<Level>(j, "level", w, 0, static_cast<int>(Level::City), levelName);
    l.jurisdiction = str(j, "jurisdiction", w);
    l.parent = optIndex(j, "parent", w);
    b.lists.push_back(std::move(l));
  });
  eachObject(root, "attributes", [&](Fields& j, const Where& w) {
    Attribute a;
    a.name = str(j, "name", w);
    a.type = named<AttrType>(j, "type", w, 0, static_cast<int>(AttrType::Date), attrTypeName);
    a.unit = str(j, "unit", w);
    a.enumValues = stringArray(field(j, "enumValues", w), [&] { return w.at("enumValues"); });
    a.enumAliases = stringArray(field(j, "enumAliases", w), [&] { return w.at("enumAliases"); });
    a.labelZh = str(j, "labelZh", w);
    a.labelEn = str(j, "labelEn", w);
    if (j.has("computed")) {
      a.computed =
          named<Computed>(j, "computed", w, 0, static_cast<int>(Computed::Within), computedName);
      a.layer = str(j, "layer", w);
    }
    b.attributes.push_back(std::move(a));
  });
  eachObject(root, "industries", [&](Fields& j, const Where& w) {
    b.industries.push_back({str(j, "code", w), str(j, "name", w), optIndex(j, "parent", w)});
  });
  eachObject(root, "regions", [&](Fields& j, const Where& w) {
    b.regions.push_back({str(j, "name", w), str(j, "title", w)});
  });
  eachObject(root, "units", [&](Fields& j, const Where& w) {
    Unit u;
    u.code = str(j, "code", w);
    u.name = str(j, "name", w);
    u.unitClass = named<UnitClass>(j, "class", w, 1, 3, unitClassName);
    u.county = str(j, "county", w);
    u.kind = str(j, "kind", w);
    u.list = optIndex(j, "list", w);
    u.regions = indexArray(field(j, "regions", w), [&] { return w.at("regions"); });
    b.units.push_back(std::move(u));
  });
  b.nodes.reserve(topArray(root, "nodes").size());
  eachObject(root, "nodes",
             [&](Fields& j, const Where& w) { b.nodes.push_back(decodeNode(j, w)); });
  b.children = indexArray(topArray(root, "children"), [] { return std::string("children"); });
  eachObject(root, "values",
             [&](Fields& j, const Where& w) { b.values.push_back(decodeValue(j, w)); });
  b.strings = stringArray(topArray(root, "strings"), [] { return std::string("strings"); });
  eachObject(root, "industrySets", [&](Fields& j, const Where& w) {
    IndustrySet s;
    s.name = str(j, "name", w);
    s.prefixes = indexArray(field(j, "prefixes", w), [&] { return w.at("prefixes"); });
    b.industrySets.push_back(std::move(s));
  });
  eachObject(root, "openSets", [&](Fields& j, const Where& w) {
    OpenSet s;
    s.name = str(j, "name", w);
    s.attr = optIndex(j, "attr", w);
    s.baseMask = u64(j, "baseMask", w);
    std::size_t k = 0;
    for (element pair : arrayOf(field(j, "unitMasks", w), [&] { return w.at("unitMasks"); })) {
      auto where = [&] { return fmt::format("{}[{}]", w.at("unitMasks"), k); };
      array a;
      if (pair.get_array().get(a) || a.size() != 2) corrupt(where(), "expected [unit, mask]");
      s.unitMasks.emplace_back(unsigned32(a.at(0).value_unsafe(), where),
                               unsigned64(a.at(1).value_unsafe(), where));
      ++k;
    }
    b.openSets.push_back(std::move(s));
  });
  b.rules.reserve(topArray(root, "rules").size());
  eachObject(root, "rules",
             [&](Fields& j, const Where& w) { b.rules.push_back(decodeRule(j, w)); });
  b.unitRuleStart =
      indexArray(topArray(root, "unitRuleStart"), [] { return std::string("unitRuleStart"); });
  b.unitRuleIds =
      indexArray(topArray(root, "unitRuleIds"), [] { return std::string("unitRuleIds"); });
  return b;
}

}  // namespace zr::ir

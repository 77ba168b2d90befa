#include "runtime/eval/RecordWriter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <numeric>

#include "runtime/eval/SpatialRecord.h"
#include "runtime/util/Date.h"
#include "runtime/util/JsonText.h"

namespace zr::eval {
namespace {

std::string quoted(std::string_view text) {
  std::string out;
  util::appendJsonString(out, text);
  return out;
}

void number(std::string& out, double value) {
  char buffer[40];
  const auto end = fmt::format_to_n(buffer, sizeof buffer, "{}", value).out;
  out.append(buffer, static_cast<std::size_t>(end - buffer));
}

}  // namespace

RecordWriter::Text RecordWriter::keep(std::string_view text) {
  Text t{static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(text.size())};
  pool_.append(text);
  return t;
}

RecordWriter::RuleText RecordWriter::rule(std::uint32_t r) const {
  RuleText t;
  std::memcpy(&t, pool_.data() + ruleAt_[r], sizeof t);
  return t;
}

RecordWriter::UnitText RecordWriter::unit(std::uint32_t u) const {
  UnitText t;
  std::memcpy(&t, pool_.data() + unitAt_[u], sizeof t);
  return t;
}

std::uint32_t RecordWriter::attrOf(const RuleText& rule, std::uint32_t k) const {
  std::uint32_t attr;
  std::memcpy(&attr, pool_.data() + rule.attrs + k * sizeof attr, sizeof attr);
  return attr;
}

RecordWriter::RecordWriter(const ir::Bundle& bundle) : bundle_(bundle) {
  // Pieces are rendered straight into the pool (no temporary strings: bundles hold tens of
  // thousands of rules). JSON escaping works byte by byte, so escaping the parts of a string
  // one after the other gives its escaped whole.
  pool_.reserve(bundle.rules.size() * 512 + bundle.units.size() * 96);
  auto piece = [&](auto&& write) {
    Text t{static_cast<std::uint32_t>(pool_.size()), 0};
    write();
    t.size = static_cast<std::uint32_t>(pool_.size() - t.offset);
    return t;
  };
  ruleAt_.reserve(bundle.rules.size());
  for (const ir::Rule& r : bundle.rules) {
    const std::size_t at = pool_.size();
    ruleAt_.push_back(static_cast<std::uint32_t>(at));
    pool_.append(sizeof(RuleText), '\0');
    RuleText t;
    t.head = piece([&] {
      pool_ += "{\"rule\":";
      util::appendJsonString(pool_, r.id);
      pool_ += ",\"effect\":\"";
      pool_ += ir::effectName(r.effect);
      pool_ += "\",\"outcome\":\"";
    });
    t.mid = piece([&] {
      pool_ += "\",\"level\":\"";
      pool_ += ir::levelName(r.level);
      pool_ += "\",\"unit\":";
    });
    t.tail = piece([&] {
      pool_ += ",\"dimension\":\"";
      pool_ += ir::dimensionName(r.dimension);
      pool_ += "\",\"cite\":";
      util::appendJsonString(pool_, r.cite);
      pool_ += ",\"source\":\"";
      util::appendJsonEscaped(pool_, r.source.file);
      fmt::format_to(std::back_inserter(pool_), ":{}:{}\",\"because\":{{", r.source.line,
                     r.source.column);
    });
    t.id = piece([&] { util::appendJsonString(pool_, r.id); });
    t.requirement = piece([&] { util::appendJsonString(pool_, r.requirementText); });
    t.attrs = static_cast<std::uint32_t>(pool_.size());
    for (std::uint32_t a : r.attrs) {
      if (a >= bundle.attributes.size()) continue;
      pool_.append(reinterpret_cast<const char*>(&a), sizeof a);
      ++t.attrCount;
    }
    std::memcpy(pool_.data() + at, &t, sizeof t);
  }
  unitAt_.reserve(bundle.units.size());
  for (const ir::Unit& u : bundle.units) {
    const std::size_t at = pool_.size();
    unitAt_.push_back(static_cast<std::uint32_t>(at));
    pool_.append(sizeof(UnitText), '\0');
    UnitText t;
    t.code = keep(quoted(u.code));
    t.json = keep(fmt::format("{{\"code\":{},\"class\":\"{}\",\"verdict\":\"", quoted(u.code),
                              ir::unitClassName(u.unitClass)));
    std::memcpy(pool_.data() + at, &t, sizeof t);
  }
  for (const ir::Attribute& a : bundle.attributes) {
    attrName_.push_back(keep(quoted(a.name)));
    attrKey_.push_back(keep(quoted(a.name) + ":"));
  }
  std::vector<std::uint32_t> order(bundle.attributes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return bundle.attributes[a].name < bundle.attributes[b].name;
  });
  attrRank_.resize(order.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) attrRank_[order[k]] = k;
}

std::string_view RecordWriter::invalidReason(std::uint32_t attr, const Facts& facts) const {
  const std::string& name = bundle_.attributes[attr].name;
  for (const std::string& entry : facts.invalid)
    if (entry.size() > name.size() + 1 && entry.compare(0, name.size(), name) == 0 &&
        entry[name.size()] == ':') {
      std::string_view why(entry);
      why.remove_prefix(name.size() + 1);
      while (!why.empty() && why.front() == ' ') why.remove_prefix(1);
      return why;
    }
  return "invalid value";
}

void RecordWriter::factJson(std::uint32_t attr, const Facts& facts, std::string& out) const {
  if (attr >= facts.slots.size() || facts.slots[attr].state == Fact::State::Unknown) {
    out += "null";
    return;
  }
  const Fact& fact = facts.slots[attr];
  if (fact.state == Fact::State::Invalid) {
    out += "{\"invalid\":";
    util::appendJsonString(out, invalidReason(attr, facts));
    out += '}';
    return;
  }
  const ir::Attribute& a = bundle_.attributes[attr];
  switch (a.type) {
    case ir::AttrType::Bool:
      out += fact.boolean ? "true" : "false";
      return;
    case ir::AttrType::Number:
      number(out, fact.number);
      return;
    case ir::AttrType::Quantity:
      out += '"';
      number(out, fact.number);
      out += ' ';
      util::appendJsonEscaped(out, a.unit);
      out += '"';
      return;
    case ir::AttrType::Date:
      out += '"';
      out += util::formatDate(static_cast<std::int32_t>(fact.number));
      out += '"';
      return;
    case ir::AttrType::Enum:
    case ir::AttrType::EnumSet: {
      const bool many = a.type == ir::AttrType::EnumSet;
      if (many) out += '[';
      bool first = true;
      for (std::size_t i = 0; i < a.enumValues.size(); ++i) {
        if (!(fact.bits >> i & 1)) continue;
        if (!first) out += ',';
        first = false;
        util::appendJsonString(out, a.enumValues[i]);
      }
      if (many)
        out += ']';
      else if (first)
        out += "null";
      return;
    }
    case ir::AttrType::Industry:
    case ir::AttrType::IndustrySet: {
      const bool many = a.type == ir::AttrType::IndustrySet;
      if (many) out += '[';
      for (std::uint32_t k = fact.first; k < fact.first + fact.count && k < facts.industries.size();
           ++k) {
        if (k != fact.first) out += ',';
        const std::uint32_t code = facts.industries[k];
        util::appendJsonString(
            out, code < bundle_.industries.size() ? bundle_.industries[code].code : "?");
        if (!many) break;
      }
      if (many)
        out += ']';
      else if (fact.count == 0)
        out += "null";
      return;
    }
    case ir::AttrType::String:
      util::appendJsonString(out,
                             fact.first < facts.strings.size() ? facts.strings[fact.first] : "");
      return;
  }
  out += "null";
}

void RecordWriter::because(const RuleText& rule, const Facts& facts, std::string& out) const {
  for (std::uint32_t k = 0; k < rule.attrCount; ++k) {
    if (k) out += ',';
    const std::uint32_t attr = attrOf(rule, k);
    put(out, attrKey_[attr]);
    factJson(attr, facts, out);
  }
}

void RecordWriter::collectMissing(const Facts& facts, const Screening& screening) {
  missing_.clear();
  for (const Finding& f : screening.findings) {
    if (f.outcome != Outcome::Indeterminate) continue;
    const RuleText r = rule(f.rule);
    for (std::uint32_t k = 0; k < r.attrCount; ++k) {
      const std::uint32_t attr = attrOf(r, k);
      if (attr >= facts.slots.size() || facts.slots[attr].state == Fact::State::Unknown)
        missing_.push_back(attr);
    }
  }
  std::sort(missing_.begin(), missing_.end(),
            [&](std::uint32_t a, std::uint32_t b) { return attrRank_[a] < attrRank_[b]; });
  missing_.erase(std::unique(missing_.begin(), missing_.end()), missing_.end());
}

void RecordWriter::writeRecordJson(const Facts& facts, const Screening& screening,
                                   std::string& out) {
  out += "{\"project\":";
  util::appendJsonString(out, facts.project);
  out += ",\"verdict\":\"";
  out += verdictName(screening.verdict);
  out += "\",\"units\":[";
  for (std::size_t i = 0; i < screening.units.size(); ++i) {
    if (i) out += ',';
    put(out, unit(screening.units[i].unit).json);
    out += verdictName(screening.units[i].verdict);
    out += '"';
    appendUnitOverlapJson(facts, screening.units[i].unit, out);
    out += '}';
  }
  out += "],\"findings\":[";
  for (std::size_t i = 0; i < screening.findings.size(); ++i) {
    const Finding& f = screening.findings[i];
    const RuleText r = rule(f.rule);
    if (i) out += ',';
    put(out, r.head);
    out += outcomeName(f.outcome);
    put(out, r.mid);
    put(out, unit(f.unit).code);
    put(out, r.tail);
    because(r, facts, out);
    out += f.error ? "},\"error\":true}" : "}}";
  }
  out += "],\"missing\":[";
  collectMissing(facts, screening);
  for (std::size_t i = 0; i < missing_.size(); ++i) {
    if (i) out += ',';
    put(out, attrName_[missing_[i]]);
  }
  out += "],\"obligations\":[";
  bool first = true;
  for (const Finding& f : screening.findings) {
    if (f.outcome != Outcome::Obligation) continue;
    if (!first) out += ',';
    first = false;
    out += "{\"rule\":";
    const RuleText r = rule(f.rule);
    put(out, r.id);
    out += ",\"unit\":";
    put(out, unit(f.unit).code);
    out += ",\"requirement\":";
    put(out, r.requirement);
    out += '}';
  }
  out += ']';
  if (!facts.invalid.empty()) {
    out += ",\"invalid\":[";
    for (std::size_t i = 0; i < facts.invalid.size(); ++i) {
      if (i) out += ',';
      util::appendJsonString(out, facts.invalid[i]);
    }
    out += ']';
  }
  const bool noUnit = facts.units.empty();
  if (!facts.warnings.empty() || noUnit) {
    out += ",\"warnings\":[";
    for (std::size_t i = 0; i < facts.warnings.size(); ++i) {
      if (i) out += ',';
      util::appendJsonString(out, facts.warnings[i]);
    }
    if (noUnit) {
      if (!facts.warnings.empty()) out += ',';
      util::appendJsonString(out, noUnitMessage(facts, Lang::En));
    }
    out += ']';
  }
  appendSpatialJson(bundle_, facts, out);
  out += "}\n";
}

void RecordWriter::writeErrorJson(std::size_t line, const RecordError& error,
                                  std::string& out) const {
  eval::writeErrorJson(line, error, out);
}

void writeErrorJson(std::size_t line, const RecordError& error, std::string& out) {
  fmt::format_to(std::back_inserter(out), "{{\"line\":{},\"error\":{{\"code\":", line);
  util::appendJsonString(out, error.code);
  out += ",\"message\":";
  util::appendJsonString(out, error.message);
  out += "}}\n";
}

void writeRecordJson(const ir::Bundle& bundle, const Facts& facts, const Screening& screening,
                     std::string& out) {
  RecordWriter(bundle).writeRecordJson(facts, screening, out);
}

void writeRecordText(const ir::Bundle& bundle, const Facts& facts, const Screening& screening,
                     std::string& out, Lang lang) {
  RecordWriter(bundle).writeRecordText(facts, screening, out, lang);
}

}  // namespace zr::eval

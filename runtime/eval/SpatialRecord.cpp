#include "runtime/eval/SpatialRecord.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "runtime/eval/SiteParse.h"
#include "runtime/util/JsonText.h"

namespace zr::eval {
namespace {

const UnitHit* hitOf(const Facts& facts, std::uint32_t unit) {
  auto it = std::lower_bound(facts.unitHits.begin(), facts.unitHits.end(), unit,
                             [](const UnitHit& h, std::uint32_t u) { return h.unit < u; });
  return it != facts.unitHits.end() && it->unit == unit ? &*it : nullptr;
}

// Measures to 0.1 (m or m²), shares to 0.0001: stable digits in the record.
double rounded(double value, double scale) { return std::round(value * scale) / scale; }

std::string valueText(const ir::Attribute& a, double value) {
  if (a.computed == ir::Computed::DistanceTo) return fmt::format("{} m", value);
  return value != 0 ? "true" : "false";
}

}  // namespace

void appendUnitOverlapJson(const Facts& facts, std::uint32_t unit, std::string& out) {
  if (facts.unitHits.empty()) return;
  if (const UnitHit* hit = hitOf(facts, unit))
    fmt::format_to(std::back_inserter(out), ",\"measure\":{},\"share\":{}",
                   rounded(hit->measure, 10), rounded(hit->share, 10000));
}

void appendSpatialJson(const ir::Bundle& bundle, const Facts& facts, std::string& out) {
  auto to = std::back_inserter(out);
  if (facts.hasGeometry)
    fmt::format_to(to, ",\"site\":{{\"geometry\":\"{}\",\"resolved\":{},\"outside\":{}}}",
                   siteKindName(facts.geometry.kind), !facts.unitHits.empty() || facts.outsideUnits,
                   facts.outsideUnits);
  if (!facts.computed.empty()) {
    out += ",\"computed\":[";
    for (std::size_t i = 0; i < facts.computed.size(); ++i) {
      const ir::Attribute& a = bundle.attributes[facts.computed[i].attr];
      out += i ? ",{\"fact\":" : "{\"fact\":";
      util::appendJsonString(out, a.name);
      out += ",\"value\":";
      util::appendJsonString(out, valueText(a, facts.computed[i].value));
      out += ",\"method\":";
      util::appendJsonString(out, facts.spatialMethod);
      out += '}';
    }
    out += ']';
  }
  if (!facts.conflicts.empty()) {
    out += ",\"conflicts\":[";
    for (std::size_t i = 0; i < facts.conflicts.size(); ++i) {
      const FactConflict& c = facts.conflicts[i];
      const ir::Attribute& a = bundle.attributes[c.attr];
      out += i ? ",{\"fact\":" : "{\"fact\":";
      util::appendJsonString(out, a.name);
      out += ",\"given\":";
      util::appendJsonString(out, valueText(a, c.given));
      out += ",\"computed\":";
      util::appendJsonString(out, valueText(a, c.computed));
      out += ",\"used\":\"given\",\"method\":";
      util::appendJsonString(out, facts.spatialMethod);
      out += '}';
    }
    out += ']';
  }
}

std::string_view noUnitMessage(const Facts& facts, Lang lang) {
  if (facts.outsideUnits)
    return lang == Lang::Zh ? "项目选址位于本清单所有管控单元之外，无法核对规则"
                            : "the site lies outside every control unit of this bundle: no rule "
                              "could be checked";
  return lang == Lang::Zh ? "项目选址未落入任何管控单元，无法核对规则"
                          : "the site resolves to no control unit: no rule could be checked";
}

void appendUnitOverlapText(const Facts& facts, std::uint32_t unit, std::string& out, Lang lang) {
  if (facts.unitHits.empty()) return;
  if (const UnitHit* hit = hitOf(facts, unit))
    fmt::format_to(std::back_inserter(out),
                   fmt::runtime(lang == Lang::Zh ? "（占选址 {} %）" : " (share of the site {} %)"),
                   rounded(hit->share * 100, 10));
}

void appendSpatialText(const ir::Bundle& bundle, const Facts& facts, std::string& out, Lang lang) {
  auto to = std::back_inserter(out);
  if (!facts.conflicts.empty()) {
    out += lang == Lang::Zh ? "  申报值与选址计算结果不一致的事实（采用申报值，请核实）：\n"
                            : "  Declared facts the geometry contradicts (the declared value is "
                              "used; please check):\n";
    for (const FactConflict& c : facts.conflicts) {
      const ir::Attribute& a = bundle.attributes[c.attr];
      if (lang == Lang::Zh)
        fmt::format_to(to, "    - {}（{}）：申报 {}，按选址计算 {}\n",
                       a.labelZh.empty() ? a.name : a.labelZh, a.name, valueText(a, c.given),
                       valueText(a, c.computed));
      else
        fmt::format_to(to, "    - {}: declared {}, computed {}\n", a.name, valueText(a, c.given),
                       valueText(a, c.computed));
    }
  }
  if (facts.computed.empty()) return;
  fmt::format_to(to,
                 fmt::runtime(lang == Lang::Zh ? "  由空间数据计算的事实（{}）：\n"
                                               : "  Facts computed from the geometry ({}):\n"),
                 facts.spatialMethod);
  for (const ComputedFact& c : facts.computed) {
    const ir::Attribute& a = bundle.attributes[c.attr];
    fmt::format_to(to, "    - {} = {}\n", a.name, valueText(a, c.value));
  }
}

}  // namespace zr::eval

// The text report of a screening record (`zr screen --format text [--lang zh]`): for drafters
// and enterprises, in words.
#include <fmt/format.h>

#include <iterator>

#include "runtime/eval/RecordWriter.h"
#include "runtime/eval/SpatialRecord.h"
#include "runtime/util/Date.h"

namespace zr::eval {
namespace {

struct Words {
  const char* project;
  const char* unnamed;
  const char* verdict[4];  // by Verdict, the headline
  const char* unitVerdict[4];
  const char* outcome[4];  // by Outcome
  const char* dimension[4];
  const char* unitClass[4];  // by UnitClass (1..3)
  const char* level[3];
  const char* unit;
  const char* cite;
  const char* source;
  const char* facts;
  const char* error;
  const char* obligations;
  const char* missing;
  const char* invalid;
  const char* warnings;
  const char* noFindings;
  const char* unknown;
  const char* invalidValue;
  const char* colon;
  const char* listSeparator;
  const char* semicolon;
  const char* open;
  const char* close;
  const char* openTag;
  const char* closeTag;
  const char* forbids;
  const char* when;
  const char* requirement;
  const char* yes;
  const char* no;
  const char* none;
};

constexpr Words kEn = {
    "Project",
    "(unnamed)",
    {"PERMITTED", "CONDITIONAL: permitted if the obligations below are met",
     "INDETERMINATE: more information is needed", "REFUSED"},
    {"permitted", "conditional", "indeterminate", "refused"},
    {"refused (forbidden)", "refused (requirement not met)", "obligation", "indeterminate"},
    {"spatial layout", "pollutant emissions", "environmental risk", "resource efficiency"},
    {"", "priority protection unit", "key control unit", "general control unit"},
    {"nation", "province", "city"},
    "Unit",
    "cite",
    "source",
    "facts",
    "evaluation error: a fact has the wrong type or a computation has no value",
    "Obligations (the project must show):",
    "Missing facts: ",
    "Invalid facts:",
    "Warnings:",
    "no rule applies or every rule is satisfied",
    "not given",
    "invalid",
    ": ",
    ", ",
    "; ",
    " (",
    ")",
    "[",
    "]",
    "forbids: ",
    "when: ",
    "requires: ",
    "yes",
    "no",
    "(none)",
};

constexpr Words kZh = {
    "项目",
    "（未命名）",
    {"准予准入", "有条件准入（须满足下列要求）", "无法判定（需补充材料）", "不予准入"},
    {"准予准入", "有条件准入", "无法判定", "不予准入"},
    {"禁止准入", "不符合准入要求", "须证明满足要求", "无法判定"},
    {"空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求"},
    {"", "优先保护单元", "重点管控单元", "一般管控单元"},
    {"国家", "省级", "市级"},
    "管控单元",
    "依据",
    "位置",
    "判定事实",
    "评估出错：事实类型错误或计算无结果，按从严原则判为无法判定",
    "须证明满足的要求：",
    "缺少的事实：",
    "无效的事实：",
    "提示：",
    "无适用规则，或所有规则均已满足",
    "未提供",
    "无效",
    "：",
    "，",
    "；",
    "（",
    "）",
    "【",
    "】",
    "禁止：",
    "适用条件：",
    "要求：",
    "是",
    "否",
    "（无）",
};

const Words& words(Lang lang) { return lang == Lang::Zh ? kZh : kEn; }

std::string_view label(const ir::Attribute& a, Lang lang) {
  if (lang == Lang::Zh && !a.labelZh.empty()) return a.labelZh;
  if (lang == Lang::En && !a.labelEn.empty()) return a.labelEn;
  return a.name;
}

}  // namespace

void RecordWriter::factText(std::uint32_t attr, const Facts& facts, std::string& out,
                            Lang lang) const {
  const Words& w = words(lang);
  if (attr >= facts.slots.size() || facts.slots[attr].state == Fact::State::Unknown) {
    out += w.unknown;
    return;
  }
  const Fact& fact = facts.slots[attr];
  if (fact.state == Fact::State::Invalid) {
    fmt::format_to(std::back_inserter(out), "{}{}{}{}", w.invalidValue, w.open,
                   invalidReason(attr, facts), w.close);
    return;
  }
  const ir::Attribute& a = bundle_.attributes[attr];
  switch (a.type) {
    case ir::AttrType::Bool:
      out += fact.boolean ? w.yes : w.no;
      return;
    case ir::AttrType::Number:
      fmt::format_to(std::back_inserter(out), "{}", fact.number);
      return;
    case ir::AttrType::Quantity:
      fmt::format_to(std::back_inserter(out), "{} {}", fact.number, a.unit);
      return;
    case ir::AttrType::Date:
      out += util::formatDate(static_cast<std::int32_t>(fact.number));
      return;
    case ir::AttrType::Enum:
    case ir::AttrType::EnumSet: {
      bool first = true;
      for (std::size_t i = 0; i < a.enumValues.size(); ++i) {
        if (!(fact.bits >> i & 1)) continue;
        if (!first) out += w.listSeparator;
        first = false;
        const bool alias =
            lang == Lang::Zh && i < a.enumAliases.size() && !a.enumAliases[i].empty();
        out += alias ? a.enumAliases[i] : a.enumValues[i];
      }
      if (first) out += w.none;
      return;
    }
    case ir::AttrType::Industry:
    case ir::AttrType::IndustrySet: {
      for (std::uint32_t k = fact.first; k < fact.first + fact.count && k < facts.industries.size();
           ++k) {
        if (k != fact.first) out += w.listSeparator;
        const std::uint32_t code = facts.industries[k];
        if (code < bundle_.industries.size()) {
          const ir::IndustryEntry& e = bundle_.industries[code];
          out += e.code;
          if (!e.name.empty()) {
            out += w.open;
            out += e.name;
            out += w.close;
          }
        }
      }
      if (fact.count == 0) out += w.none;
      return;
    }
    case ir::AttrType::String:
      out += fact.first < facts.strings.size() ? facts.strings[fact.first] : "";
      return;
  }
}

void RecordWriter::writeRecordText(const Facts& facts, const Screening& screening, std::string& out,
                                   Lang lang) {
  const Words& w = words(lang);
  auto to = std::back_inserter(out);
  fmt::format_to(to, "{}{}{} — {}\n", w.project, w.colon,
                 facts.project.empty() ? w.unnamed : facts.project,
                 w.verdict[static_cast<int>(screening.verdict)]);
  if (screening.units.empty()) fmt::format_to(to, "  {}\n", noUnitMessage(facts, lang));
  std::size_t next = 0;  // findings are ordered by unit
  for (const UnitVerdict& uv : screening.units) {
    const ir::Unit& unit = bundle_.units[uv.unit];
    fmt::format_to(to, "  {} {} {}{}{}{}{}{}\n", w.unit, unit.code, unit.name, w.open,
                   w.unitClass[static_cast<int>(unit.unitClass) & 3], w.close, w.colon,
                   w.unitVerdict[static_cast<int>(uv.verdict)]);
    if (!facts.unitHits.empty()) {
      out.pop_back();  // the overlap goes on the unit's line
      appendUnitOverlapText(facts, uv.unit, out, lang);
      out += '\n';
    }
    bool any = false;
    for (; next < screening.findings.size() && screening.findings[next].unit == uv.unit; ++next) {
      const Finding& f = screening.findings[next];
      const ir::Rule& rule = bundle_.rules[f.rule];
      any = true;
      fmt::format_to(to, "    - {} {}{}{} {} / {} / {}\n", rule.id, w.openTag,
                     w.outcome[static_cast<int>(f.outcome)], w.closeTag,
                     w.level[static_cast<int>(rule.level) % 3],
                     w.dimension[static_cast<int>(rule.dimension) & 3], rule.title);
      if (!rule.conditionText.empty() || !rule.requirementText.empty()) {
        if (rule.effect == ir::Effect::Forbid) {
          fmt::format_to(to, "        {}{}\n", w.forbids, rule.conditionText);
        } else {
          if (!rule.conditionText.empty() && rule.conditionText != "true")
            fmt::format_to(to, "        {}{}\n", w.when, rule.conditionText);
          fmt::format_to(to, "        {}{}\n", w.requirement, rule.requirementText);
        }
      }
      fmt::format_to(to, "        {}{}{}{}{}{}{}:{}:{}\n", w.cite, w.colon,
                     rule.cite.empty() ? "-" : rule.cite, w.semicolon, w.source, w.colon,
                     rule.source.file, rule.source.line, rule.source.column);
      if (!rule.attrs.empty()) {
        fmt::format_to(to, "        {}{}", w.facts, w.colon);
        for (std::size_t i = 0; i < rule.attrs.size(); ++i) {
          if (i) out += w.listSeparator;
          out += label(bundle_.attributes[rule.attrs[i]], lang);
          out += " = ";
          factText(rule.attrs[i], facts, out, lang);
        }
        out += '\n';
      }
      if (f.error) fmt::format_to(to, "        {}\n", w.error);
    }
    if (!any) fmt::format_to(to, "    {}\n", w.noFindings);
  }
  bool header = false;
  for (const Finding& f : screening.findings) {
    if (f.outcome != Outcome::Obligation) continue;
    if (!header) fmt::format_to(to, "  {}\n", w.obligations);
    header = true;
    const ir::Rule& rule = bundle_.rules[f.rule];
    fmt::format_to(to, "    - {}{}{}{}{}{}\n", rule.id, w.open, bundle_.units[f.unit].code, w.close,
                   w.colon, rule.requirementText);
  }
  collectMissing(facts, screening);
  if (!missing_.empty()) {
    fmt::format_to(to, "  {}", w.missing);
    for (std::size_t i = 0; i < missing_.size(); ++i) {
      if (i) out += w.listSeparator;
      const ir::Attribute& a = bundle_.attributes[missing_[i]];
      std::string_view l = label(a, lang);
      if (l == a.name)
        out += a.name;
      else
        fmt::format_to(to, "{}{}{}{}", l, w.open, a.name, w.close);
    }
    out += '\n';
  }
  appendSpatialText(bundle_, facts, out, lang);
  if (!facts.invalid.empty()) {
    fmt::format_to(to, "  {}\n", w.invalid);
    for (const std::string& entry : facts.invalid) fmt::format_to(to, "    - {}\n", entry);
  }
  if (!facts.warnings.empty()) {
    fmt::format_to(to, "  {}\n", w.warnings);
    for (const std::string& entry : facts.warnings) fmt::format_to(to, "    - {}\n", entry);
  }
  out += '\n';
}

void RecordWriter::writeErrorText(std::size_t line, const RecordError& error, std::string& out,
                                  Lang lang) const {
  eval::writeErrorText(line, error, out, lang);
}

void writeErrorText(std::size_t line, const RecordError& error, std::string& out, Lang lang) {
  if (lang == Lang::Zh)
    fmt::format_to(std::back_inserter(out), "第 {} 行：错误 {}：{}\n\n", line, error.code,
                   error.message);
  else
    fmt::format_to(std::back_inserter(out), "line {}: error {}: {}\n\n", line, error.code,
                   error.message);
}

}  // namespace zr::eval

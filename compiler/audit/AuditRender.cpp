#include "compiler/audit/AuditRender.h"

#include <nlohmann/json.hpp>

#include "compiler/audit/Codes.h"
#include "compiler/diag/Render.h"

namespace zr::audit {

namespace {

using Json = nlohmann::ordered_json;

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

Json descriptorJson(const std::string& descriptor) {
  Json parsed = Json::parse(descriptor, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json(descriptor) : parsed;
}

Json locationJson(const SourceSpan& span, const SourceManager& sources) {
  Json out;
  out["file"] = span.valid() ? Json(sources.path(span.file)) : Json(nullptr);
  out["line"] = span.line;
  out["column"] = span.column;
  return out;
}

std::string summaryLine(const AuditRun& run) {
  if (run.stoppedBy)
    return "not run: the sources have " + plural(run.count(FindingSeverity::Error), "error") +
           " (shown above); fix them first (zr check)";
  const AuditStats& s = run.stats;
  return plural(run.count(FindingSeverity::Error), "error") + ", " +
         plural(run.count(FindingSeverity::Warning), "warning") + ", " +
         plural(run.count(FindingSeverity::Info), "note") + " (" + plural(s.rules, "rule") + ", " +
         std::to_string(s.cityRules) + " of the city; " + plural(s.pairs, "candidate pair") + ", " +
         plural(s.queries, "decision") + ", " + std::to_string(s.undecided) +
         " not decided exactly; " + plural(s.replays, "witness replay") + ")";
}

}  // namespace

const char* severityName(FindingSeverity severity) {
  switch (severity) {
    case FindingSeverity::Error:
      return "error";
    case FindingSeverity::Warning:
      return "warning";
    case FindingSeverity::Info:
      return "note";  // as compiler notes: informational
  }
  return "";
}

std::string renderAuditText(const AuditRun& run) {
  const SourceManager& sources = run.sources();
  std::string out;
  for (const Finding& f : run.findings) {
    out += renderLocation(f.span, sources) + ": " + severityName(f.severity) + "[" + f.code +
           "]: " + f.message + "\n";
    if (f.span.valid()) appendSourceSnippet(out, f.span, sources);
    for (const RelatedLocation& related : f.related) {
      out += renderLocation(related.span, sources) + ": note: " + related.message + "\n";
      if (related.span.valid()) appendSourceSnippet(out, related.span, sources);
    }
    if (!f.inexact.empty()) out += "  not decided exactly: " + f.inexact + "\n";
    if (f.witness) {
      out += "  witness on " + f.witness->unit + ": " + f.witness->descriptor + "\n";
      out += "  replayed: " + f.witness->replay + "\n";
    }
    if (!f.hint.empty()) out += "hint: " + f.hint + "\n";
    out += "\n";
  }
  out += "audit: " + summaryLine(run) + "\n";
  return out;
}

std::string renderAuditJson(const AuditRun& run) {
  const SourceManager& sources = run.sources();
  Json findings = Json::array();
  for (const Finding& f : run.findings) {
    Json item;
    item["code"] = f.code;
    item["severity"] = severityName(f.severity);
    item["check"] = f.check;
    item["message"] = f.message;
    Json at = locationJson(f.span, sources);
    for (auto& [key, value] : at.items()) item[key] = value;
    Json related = Json::array();
    for (const RelatedLocation& r : f.related) {
      Json entry = locationJson(r.span, sources);
      entry["message"] = r.message;
      related.push_back(std::move(entry));
    }
    item["related"] = std::move(related);
    item["rules"] = f.rules;
    item["units"] = f.units;
    if (f.witness) {
      Json witness;
      witness["unit"] = f.witness->unit;
      witness["descriptor"] = descriptorJson(f.witness->descriptor);
      witness["replay"] = f.witness->replay;
      item["witness"] = std::move(witness);
    } else {
      item["witness"] = nullptr;
    }
    item["exact"] = f.inexact.empty();
    if (!f.inexact.empty()) item["inexact"] = f.inexact;
    item["hint"] = f.hint;
    findings.push_back(std::move(item));
  }
  const AuditStats& s = run.stats;
  Json out;
  out["findings"] = std::move(findings);
  Json summary;
  summary["audited"] = run.stoppedBy == nullptr;  // false: source errors stopped the audit
  summary["errors"] = run.count(FindingSeverity::Error);
  summary["warnings"] = run.count(FindingSeverity::Warning);
  summary["notes"] = run.count(FindingSeverity::Info);
  summary["rules"] = s.rules;
  summary["city_rules"] = s.cityRules;
  summary["units"] = s.units;
  summary["candidate_pairs"] = s.pairs;
  summary["decisions"] = s.queries;
  summary["not_decided_exactly"] = s.undecided;
  summary["replays"] = s.replays;
  out["summary"] = std::move(summary);
  return out.dump(2) + "\n";
}

std::string renderAuditSarif(const AuditRun& run) {
  const SourceManager& sources = run.sources();
  auto physical = [&](const SourceSpan& span) {
    Json location;
    location["artifactLocation"]["uri"] = span.valid() ? sources.path(span.file) : std::string();
    if (span.line != 0) {
      location["region"]["startLine"] = span.line;
      location["region"]["startColumn"] = span.column == 0 ? 1 : span.column;
    }
    return location;
  };
  Json rules = Json::array();
  auto addRule = [&](const CodeInfo& info) {
    Json rule;
    rule["id"] = info.code;
    rule["name"] = info.check;
    rule["shortDescription"]["text"] = info.summary;
    rule["help"]["text"] =
        "See docs/audit.md, " + std::string(info.code) + ": an example and the fix.";
    rules.push_back(std::move(rule));
  };
  for (const CodeInfo& info : kCodes) addRule(info);
  addRule(kRedundancy);
  for (const CodeInfo& info : kGeometryCodes) addRule(info);

  Json results = Json::array();
  for (const Finding& f : run.findings) {
    Json result;
    result["ruleId"] = f.code;
    result["level"] = f.severity == FindingSeverity::Error     ? "error"
                      : f.severity == FindingSeverity::Warning ? "warning"
                                                               : "note";
    result["message"]["text"] = f.message + (f.hint.empty() ? "" : " (" + f.hint + ")");
    Json location;
    location["physicalLocation"] = physical(f.span);
    result["locations"] = Json::array({location});
    Json related = Json::array();
    int id = 0;
    for (const RelatedLocation& r : f.related) {
      Json entry;
      entry["id"] = id++;
      entry["physicalLocation"] = physical(r.span);
      entry["message"]["text"] = r.message;
      related.push_back(std::move(entry));
    }
    if (!related.empty()) result["relatedLocations"] = std::move(related);
    Json properties;
    properties["check"] = f.check;
    properties["rules"] = f.rules;
    if (f.witness) {
      properties["witness"]["unit"] = f.witness->unit;
      properties["witness"]["descriptor"] = descriptorJson(f.witness->descriptor);
      properties["witness"]["replay"] = f.witness->replay;
    }
    if (!f.inexact.empty()) properties["inexact"] = f.inexact;
    result["properties"] = std::move(properties);
    results.push_back(std::move(result));
  }
  Json driver;
  driver["name"] = "zr";
  driver["fullName"] = "Zhunru (准入) access-list audit";
  driver["version"] = "0.1.0";
  driver["rules"] = std::move(rules);
  Json runJson;
  runJson["tool"]["driver"] = std::move(driver);
  runJson["results"] = std::move(results);
  Json out;
  out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  out["version"] = "2.1.0";
  out["runs"] = Json::array({runJson});
  return out.dump(2) + "\n";
}

}  // namespace zr::audit

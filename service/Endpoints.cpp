// The endpoint handlers of docs/api.md. Each reads the active engine once, so that a request
// sees one consistent bundle even while a filing swaps in a new one.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "runtime/util/Date.h"
#include "runtime/util/Sha256.h"
#include "service/Json.h"
#include "service/RuleDigest.h"
#include "service/ServiceState.h"

namespace zr::service {

namespace {

using nlohmann::json;

std::optional<std::int64_t> parseId(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// The active engine, or a 503 answer when nothing is filed yet.
std::shared_ptr<const ScreeningEngine> activeEngine(ServiceState& state, httplib::Response& res) {
  auto engine = state.engine.load();
  if (!engine) sendError(res, 503, "ZR1208", "no list is active yet: nothing to screen against");
  return engine;
}

bool needsRegistry(ServiceState& state, httplib::Response& res) {
  if (state.registry) return true;
  sendError(res, 404, "ZR1209",
            "this server was started with --bundle: it has no registry (versions, filings)");
  return false;
}

json versionJson(const VersionInfo& v) {
  return {{"version", v.number},   {"content_hash", v.contentHash},
          {"filed_by", v.filedBy}, {"filed_at", v.filedAt},
          {"active", v.active},    {"audit_summary", json::parse(v.auditSummary, nullptr, false)}};
}

std::string dateText(std::int32_t days) {
  return days == INT32_MIN || days == INT32_MAX ? std::string() : util::formatDate(days);
}

}  // namespace

void handleScreen(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  std::optional<TokenInfo> token;
  if (!authorize(state, req, res, Access::Read, token)) return;
  auto engine = activeEngine(state, res);
  if (!engine) return;
  std::int32_t date = INT32_MIN;
  if (req.has_param("date") && !util::parseDate(req.get_param_value("date"), date))
    return sendError(res, 400, "ZR1213", "the date parameter is not a date (YYYY-MM-DD)");
  ScreenResult result = engine->screenJson(req.body, date);
  res.set_header("X-Zr-Bundle", engine->hash());
  sendJson(res, result.status, result.body);
}

void handleHealth(ServiceState& state, const httplib::Request&, httplib::Response& res) {
  auto engine = state.engine.load();
  json body = {{"status", "ok"},
               {"mode", state.registry ? "registry" : "bundle"},
               {"bundle", engine ? json(engine->hash()) : json(nullptr)}};
  if (state.registry) body["schema_version"] = state.registry->schemaVersion();
  sendJson(res, 200, body.dump());
}

void handleMetrics(ServiceState& state, const httplib::Request&, httplib::Response& res) {
  res.status = 200;
  res.set_content(state.metrics.render(), "text/plain; version=0.0.4");
}

void handleUnitsAt(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  std::optional<TokenInfo> token;
  if (!authorize(state, req, res, Access::Read, token)) return;
  auto number = [&](const char* key) -> std::optional<double> {
    if (!req.has_param(key)) return std::nullopt;
    std::string text = req.get_param_value(key);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    // from_chars takes "nan" and "inf": neither is a coordinate.
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
      return std::nullopt;
    return value;
  };
  auto lon = number("lon"), lat = number("lat");
  if (!lon || !lat || *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
    return sendError(res, 400, "ZR1214", "give lon and lat, decimal degrees (CGCS2000)");
  auto engine = activeEngine(state, res);
  if (!engine) return;
  // Sites by coordinates need the unit boundaries (a SpatialContext for this bundle); without
  // them the answer is 501, never a guess.
  const eval::SpatialContext* spatial = engine->spatial();
  if (!spatial)
    return sendError(res, 501, "ZR1215",
                     "units by coordinates need unit boundaries: start zr serve with "
                     "--geometry UNITS.geojson|.shp");
  eval::SiteGeometry site{eval::SiteGeometry::Kind::Point, {{eval::LonLat{*lon, *lat}}}};
  json units = json::array();
  for (const auto& hit : spatial->resolve(site)) {
    if (hit.unit >= engine->bundle().units.size()) continue;
    const ir::Unit& unit = engine->bundle().units[hit.unit];
    units.push_back(
        {{"code", unit.code}, {"name", unit.name}, {"class", ir::unitClassName(unit.unitClass)}});
  }
  json body = {{"lon", *lon}, {"lat", *lat}, {"units", units}, {"method", spatial->method()}};
  sendJson(res, 200, body.dump());
}

void handleUnit(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  std::optional<TokenInfo> token;
  if (!authorize(state, req, res, Access::Read, token)) return;
  auto engine = activeEngine(state, res);
  if (!engine) return;
  const ir::Bundle& bundle = engine->bundle();
  std::string code = req.matches[1];
  auto it =
      std::lower_bound(bundle.units.begin(), bundle.units.end(), code,
                       [](const ir::Unit& unit, const std::string& c) { return unit.code < c; });
  if (it == bundle.units.end() || it->code != code)
    return sendError(res, 404, "ZR1216", fmt::format("no unit {}", code));
  auto u = static_cast<std::size_t>(it - bundle.units.begin());
  json regions = json::array(), rules = json::array();
  for (auto r : it->regions) regions.push_back(bundle.regions[r].name);
  for (auto i = bundle.unitRuleStart[u]; i < bundle.unitRuleStart[u + 1]; ++i)
    rules.push_back(bundle.rules[bundle.unitRuleIds[i]].id);
  json body = {
      {"code", it->code},
      {"name", it->name},
      {"class", ir::unitClassName(it->unitClass)},
      {"county", it->county},
      {"kind", it->kind},
      {"list", it->list < bundle.lists.size() ? json(bundle.lists[it->list].name) : json(nullptr)},
      {"regions", regions},
      {"rules", rules}};
  sendJson(res, 200, body.dump());
}

void handleRule(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  std::optional<TokenInfo> token;
  if (!authorize(state, req, res, Access::Read, token)) return;
  auto engine = activeEngine(state, res);
  if (!engine) return;
  const ir::Bundle& bundle = engine->bundle();
  std::string id = req.matches[1];
  auto it =
      std::lower_bound(bundle.rules.begin(), bundle.rules.end(), id,
                       [](const ir::Rule& rule, const std::string& i) { return rule.id < i; });
  if (it == bundle.rules.end() || it->id != id)
    return sendError(res, 404, "ZR1217", fmt::format("no rule {}", id));
  json body = {
      {"id", it->id},
      {"list", it->list < bundle.lists.size() ? json(bundle.lists[it->list].name) : json(nullptr)},
      {"level", ir::levelName(it->level)},
      {"dimension", ir::dimensionName(it->dimension)},
      {"effect", ir::effectName(it->effect)},
      {"title", it->title},
      {"cite", it->cite},
      {"scope", it->scopeText},
      {"condition", it->conditionText},
      {"requirement", it->requirementText},
      {"refines", it->refines},
      {"effective_from", dateText(it->effectiveFrom)},
      {"effective_until", dateText(it->effectiveUntil)},
      {"source",
       {{"file", it->source.file}, {"line", it->source.line}, {"column", it->source.column}}},
      {"digest", ruleDigest(bundle, *it)}};
  sendJson(res, 200, body.dump());
}

void handleLists(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  std::optional<TokenInfo> token;
  if (!authorize(state, req, res, Access::Read, token)) return;
  json lists = json::array();
  if (state.registry) {
    for (const auto& list : state.registry->lists()) {
      json item = {{"jurisdiction", list.jurisdiction},
                   {"level", list.level},
                   {"name", list.name},
                   {"versions", list.versions},
                   {"active", list.active ? versionJson(*list.active) : json(nullptr)}};
      lists.push_back(std::move(item));
    }
  } else if (auto engine = state.engine.load()) {
    for (const auto& list : engine->bundle().lists)
      lists.push_back({{"jurisdiction", list.jurisdiction},
                       {"level", ir::levelName(list.level)},
                       {"name", list.name}});
  }
  auto engine = state.engine.load();
  json body = {{"bundle", engine ? json(engine->hash()) : json(nullptr)}, {"lists", lists}};
  sendJson(res, 200, body.dump());
}

void handleVersions(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  std::optional<TokenInfo> token;
  if (!authorize(state, req, res, Access::Read, token) || !needsRegistry(state, res)) return;
  std::string jurisdiction = req.matches[1];
  auto list = state.registry->list(jurisdiction);
  if (!list)
    return sendError(res, 404, "ZR1218", fmt::format("no list of jurisdiction {}", jurisdiction));
  json versions = json::array();
  for (const auto& v : state.registry->versions(jurisdiction)) versions.push_back(versionJson(v));
  json body = {{"jurisdiction", list->jurisdiction},
               {"level", list->level},
               {"name", list->name},
               {"versions", versions}};
  sendJson(res, 200, body.dump());
}

void handleDiff(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  std::optional<TokenInfo> token;
  if (!authorize(state, req, res, Access::Read, token) || !needsRegistry(state, res)) return;
  std::string jurisdiction = req.matches[1];
  auto from = parseId(req.get_param_value("from")), to = parseId(req.get_param_value("to"));
  if (!from || !to)
    return sendError(res, 400, "ZR1219", "give from and to, two version numbers (1, 2, …)");
  auto before = state.registry->version(jurisdiction, *from);
  auto after = state.registry->version(jurisdiction, *to);
  if (!before || !after)
    return sendError(
        res, 404, "ZR1218",
        fmt::format("no version {} of jurisdiction {}", before ? *to : *from, jurisdiction));
  json body =
      diffRules(state.registry->versionRules(before->id), state.registry->versionRules(after->id));
  body["jurisdiction"] = jurisdiction;
  body["from"] = *from;
  body["to"] = *to;
  sendJson(res, 200, body.dump());
}

void handleFile(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  if (!state.filings)
    return sendError(res, 405, "ZR1209",
                     "this server was started with --bundle: filings need a registry (--data)");
  std::optional<TokenInfo> token;
  if (!authorize(state, req, res, Access::File, token)) return;
  std::optional<json> request = parseJsonLimited(req.body);
  if (!request) {
    // Logged like every filing attempt, under the hash of the raw body.
    std::string message =
        fmt::format("malformed JSON (or nested deeper than {} levels)", kMaxJsonDepth);
    json report = {{"code", "ZR1210"}, {"message", message}};
    auto id = state.registry->recordRejected(token->jurisdiction, token->id,
                                             util::sha256Hex(req.body), report.dump());
    json body = {{"filing", id}, {"status", "rejected"}, {"error", report}};
    return sendJson(res, 400, body.dump());
  }
  FilingOutcome outcome = state.filings->file(*token, *request);
  sendJson(res, outcome.status, outcome.body.dump());
}

void handleFiling(ServiceState& state, const httplib::Request& req, httplib::Response& res) {
  std::optional<TokenInfo> token;
  if (!authorize(state, req, res, Access::Read, token) || !needsRegistry(state, res)) return;
  auto id = parseId(req.matches[1]);
  auto record = id ? state.registry->filing(*id) : std::nullopt;
  if (!record)
    return sendError(res, 404, "ZR1218", fmt::format("no filing {}", std::string(req.matches[1])));
  json body = {{"filing", record->id},
               {"jurisdiction", record->jurisdiction},
               {"token", record->token},
               {"submitted_at", record->submittedAt},
               {"content_hash", record->contentHash},
               {"status", record->status},
               {"version", record->versionNumber ? json(*record->versionNumber) : json(nullptr)},
               {"report", json::parse(record->report, nullptr, false)}};
  sendJson(res, 200, body.dump());
}

}  // namespace zr::service

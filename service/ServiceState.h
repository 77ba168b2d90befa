// What the endpoint handlers share: the registry and filing service (registry mode), the
// active screening engine (swapped atomically on each accepted filing), and the options.
#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "service/Filing.h"
#include "service/Metrics.h"
#include "service/Registry.h"
#include "service/ScreeningEngine.h"
#include "service/Server.h"

namespace zr::service {

struct ServiceState {
  ServerOptions options;
  std::unique_ptr<Registry> registry;      // null in read-only (--bundle) mode
  std::unique_ptr<FilingService> filings;  // likewise
  std::atomic<std::shared_ptr<const ScreeningEngine>> engine;
  Metrics metrics;
};

enum class Access { Read, File };

// Checks the bearer token for `access`. On failure fills `res` (401 or 403, a body that tells
// nothing about why), logs the reason on stderr and returns false. `token` is set when a valid
// token was given.
bool authorize(ServiceState& state, const httplib::Request& req, httplib::Response& res,
               Access access, std::optional<TokenInfo>& token);

void sendJson(httplib::Response& res, int status, const std::string& body);
void sendError(httplib::Response& res, int status, std::string_view code, std::string_view message);

// The endpoints (Endpoints.cpp), one per route of Routes.h.
void handleScreen(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleHealth(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleMetrics(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleUnitsAt(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleUnit(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleRule(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleLists(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleVersions(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleDiff(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleFile(ServiceState& state, const httplib::Request& req, httplib::Response& res);
void handleFiling(ServiceState& state, const httplib::Request& req, httplib::Response& res);

}  // namespace zr::service

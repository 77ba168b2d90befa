#include "service/Server.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "runtime/ir/BundleIO.h"
#include "service/Json.h"
#include "service/Routes.h"
#include "service/ServiceState.h"

namespace zr::service {

namespace {

using Handler = void (*)(ServiceState&, const httplib::Request&, httplib::Response&);

// The handler of each route of kRoutes, by "METHOD path".
const std::map<std::string, Handler, std::less<>>& handlers() {
  static const std::map<std::string, Handler, std::less<>> table = {
      {"POST /v1/screen", handleScreen},
      {"GET /healthz", handleHealth},
      {"GET /metrics", handleMetrics},
      {"GET /v1/units", handleUnitsAt},
      {"GET /v1/units/{code}", handleUnit},
      {"GET /v1/rules/{id}", handleRule},
      {"GET /v1/lists", handleLists},
      {"GET /v1/lists/{jurisdiction}/versions", handleVersions},
      {"GET /v1/lists/{jurisdiction}/diff", handleDiff},
      {"POST /v1/filings", handleFile},
      {"GET /v1/filings/{id}", handleFiling},
  };
  return table;
}

// "/v1/units/{code}" → "/v1/units/([^/]+)"
std::string pathPattern(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      i = path.find('}', i);
      out += "([^/]+)";
    } else {
      if (std::string_view(".+*?()[]^$|\\").find(path[i]) != std::string_view::npos) out += '\\';
      out += path[i];
    }
  }
  return out;
}

void logLine(const std::string& text) {
  // One write per line, so that lines of concurrent requests do not interleave.
  std::string line = text + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace

void sendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void sendError(httplib::Response& res, int status, std::string_view code,
               std::string_view message) {
  sendJson(res, status, errorBody(code, message));
}

bool authorize(ServiceState& state, const httplib::Request& req, httplib::Response& res,
               Access access, std::optional<TokenInfo>& token) {
  token.reset();
  bool needed = access == Access::File || state.options.tokenForReads;
  std::string header = req.get_header_value("Authorization");
  auto deny = [&](int status, const std::string& reason) {
    logLine(fmt::format("zr serve: {} {} {} from {}: {}", status, req.method, req.path,
                        req.remote_addr, reason));
    if (status == 401) {
      res.set_header("WWW-Authenticate", "Bearer");
      sendError(res, 401, "ZR1202", "unauthorized");
    } else {
      sendError(res, 403, "ZR1203", "forbidden");
    }
    return false;
  };
  if (header.empty()) return needed ? deny(401, "no token") : true;
  if (!state.registry) return needed ? deny(401, "no registry") : true;
  constexpr std::string_view kBearer = "Bearer ";
  if (!header.starts_with(kBearer)) return deny(401, "not a bearer token");
  token = state.registry->findToken(std::string_view(header).substr(kBearer.size()));
  if (!token) return deny(401, "unknown or revoked token");
  if (access == Access::File && token->role == "reader")
    return deny(403, fmt::format("token {} ({}) may not file", token->id, token->role));
  return true;
}

struct Server::Impl {
  ServiceState state;
  httplib::Server http;
  int listenSocket = -1;  // seen in the socket-options hook, to widen the backlog after bind
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  ServiceState& state = impl_->state;
  state.options = std::move(options);
  if (!state.options.bundlePath.empty()) {
    if (state.options.tokenForReads)
      throw std::runtime_error("--read-auth token needs a registry (--data), not --bundle");
    try {
      ir::Bundle bundle = ir::readBundleFile(state.options.bundlePath);
      std::string hash = ir::bundleHash(bundle);
      auto spatial = state.options.spatialFor ? state.options.spatialFor(bundle) : nullptr;
      state.engine.store(
          std::make_shared<const ScreeningEngine>(std::move(bundle), hash, std::move(spatial)));
    } catch (const ir::BundleError& error) {
      throw std::runtime_error(
          fmt::format("{}: error[{}]: {}", state.options.bundlePath, error.code(), error.what()));
    }
  } else {
    std::filesystem::create_directories(state.options.dataDir);
    try {
      state.registry = std::make_unique<Registry>(state.options.dataDir + "/registry.sqlite");
    } catch (const SqliteError& error) {
      throw std::runtime_error(
          fmt::format("error[ZR1201]: the registry cannot be opened: {}", error.what()));
    }
    state.filings = std::make_unique<FilingService>(
        *state.registry, state.options.dataDir, state.options.stdlibDir, state.options.spatialFor,
        [&state](std::shared_ptr<const ScreeningEngine> engine) { state.engine.store(engine); });
    state.engine.store(state.filings->composeActive());
  }

  httplib::Server& http = impl_->http;
  int threads = state.options.threads > 0 ? state.options.threads : 64;
  // httplib owns the queue it gets from this factory (its API takes a raw pointer).
  http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  http.set_payload_max_length(state.options.maxBodyBytes);
  http.set_read_timeout(state.options.timeoutSeconds, 0);
  http.set_write_timeout(state.options.timeoutSeconds, 0);
  http.set_keep_alive_max_count(100000);
  http.set_tcp_nodelay(true);
  http.set_socket_options([impl = impl_.get()](socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl->listenSocket = socket;
  });  // small JSON answers: no Nagle delay
  http.set_keep_alive_timeout(state.options.timeoutSeconds);

  for (std::size_t i = 0; i < kRoutes.size(); ++i) {
    const Route& route = kRoutes[i];
    auto found = handlers().find(fmt::format("{} {}", route.method, route.path));
    if (found == handlers().end())
      throw std::logic_error(fmt::format("route {} {} has no handler", route.method, route.path));
    Handler handler = found->second;
    auto timed = [&state, handler, i](const httplib::Request& req, httplib::Response& res) {
      auto start = std::chrono::steady_clock::now();
      handler(state, req, res);
      auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - start);
      state.metrics.record(i, res.status, static_cast<std::uint64_t>(micros.count()));
    };
    std::string pattern = pathPattern(route.path);
    if (route.method == "GET") {
      http.Get(pattern, timed);
    } else {
      http.Post(pattern, timed);
    }
  }

  http.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        logLine(fmt::format("zr serve: 500 {} {}: {}", req.method, req.path, what));
        sendError(res, 500, "ZR1299", "internal error (logged)");
      });
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [&state](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        switch (res.status) {
          case 404:
            state.metrics.record(Metrics::kUnmatched, 404, 0);
            sendError(res, 404, "ZR1204", fmt::format("no route {} {}", req.method, req.path));
            break;
          case 413:
            sendError(res, 413, "ZR1205",
                      fmt::format("the body is larger than {} bytes", state.options.maxBodyBytes));
            break;
          case 400:
            sendError(res, 400, "ZR1206", "malformed HTTP request");
            break;
          default:
            sendError(res, res.status, "ZR1207", fmt::format("HTTP error {}", res.status));
            break;
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
}

Server::~Server() = default;

int Server::bind() {
  auto& http = impl_->http;
  const auto& options = impl_->state.options;
  int port = options.port == 0
                 ? http.bind_to_any_port(options.host)
                 : (http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0)
    throw std::runtime_error(fmt::format("cannot listen on {}:{}", options.host, options.port));
  // httplib listens with a backlog of 5: a burst of new connections (32 clients starting at
  // once) would overflow it and wait for SYN retransmits. Listening again only widens it.
  if (impl_->listenSocket >= 0) ::listen(impl_->listenSocket, SOMAXCONN);
  return port;
}

void Server::listen() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace zr::service

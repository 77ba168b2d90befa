#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <thread>

#include "cli/Commands.h"
#include "cli/GeometryInput.h"
#include "service/Registry.h"
#include "service/Server.h"

namespace zr::cli {

void registerServe(CLI::App& app, ServeOptions& options) {
  auto* cmd =
      app.add_subcommand("serve", "Serve screening and list filing over HTTP/JSON (docs/api.md)");
  cmd->add_option("--data", options.dataDir,
                  "Data directory: the SQLite registry, filed sources and the bundle cache");
  cmd->add_option("--bundle", options.bundle,
                  "Serve one compiled bundle, read-only (no registry, no filings)");
  cmd->add_option("--listen", options.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--threads", options.threads,
                  "Worker threads; each open keep-alive connection holds one")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--read-auth", options.readAuth,
                  "public (default): reads and screening need no token; token: any valid token")
      ->check(CLI::IsMember({"public", "token"}));
  cmd->add_option("--max-body", options.maxBody, "Largest request body, bytes")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  cmd->add_option("--geometry", options.geometry,
                  "Unit boundaries (GeoJSON or Shapefile): sites by coordinates, "
                  "GET /v1/units?lon=&lat=");
  cmd->add_option("--layers", options.layers,
                  "Named layers (GeoJSON or Shapefile) for distance_to / within");
  cmd->add_option("--timeout", options.timeout, "Read and write timeout per request, seconds")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->footer(
      "Prints 'zr serve: listening on http://HOST:PORT' once it accepts connections; stops on\n"
      "SIGINT or SIGTERM. Exit status: 0 stopped, 2 usage, or the registry/bundle cannot be "
      "opened.\n"
      "Examples: zr serve --data /srv/zr --listen 127.0.0.1:8080\n"
      "          zr serve --bundle jiangxi.zrb\n"
      "          zr serve token add --data /srv/zr --role city-drafter --jurisdiction 361100");

  auto* token = cmd->add_subcommand("token", "Manage the bearer tokens of a registry");
  token->require_subcommand(1);
  auto* add = token->add_subcommand("add", "Create a token and print it (shown only once)");
  add->add_option("--data", options.dataDir, "Data directory")->required();
  add->add_option("--role", options.role, "province-admin, city-drafter or reader")
      ->required()
      ->check(CLI::IsMember({"province-admin", "city-drafter", "reader"}));
  add->add_option("--jurisdiction", options.jurisdiction, "6-digit administrative code")
      ->required();
  auto* list = token->add_subcommand("list", "List tokens (id, role, jurisdiction, state)");
  list->add_option("--data", options.dataDir, "Data directory")->required();
  auto* revoke = token->add_subcommand("revoke", "Revoke a token by id");
  revoke->add_option("--data", options.dataDir, "Data directory")->required();
  revoke->add_option("id", options.tokenId, "Token id (from token list)")->required();
  options.tokenAdd = add;
  options.tokenList = list;
  options.tokenRevoke = revoke;
}

namespace {

int runToken(const ServeOptions& options) {
  bool adding = options.tokenAdd->parsed();
  static const std::regex kCode("[0-9]{6}");
  if (adding && !std::regex_match(options.jurisdiction, kCode)) {
    fmt::print(stderr,
               "zr serve token add: error[ZR1230]: jurisdiction '{}' is not a 6-digit "
               "administrative code\n",
               options.jurisdiction);
    return kExitUsage;
  }
  try {
    // The first token of a new deployment creates its data directory and registry.
    if (adding) std::filesystem::create_directories(options.dataDir);
    service::Registry registry(options.dataDir + "/registry.sqlite");
    if (adding) {
      auto [token, id] = registry.addToken(options.role, options.jurisdiction);
      fmt::print("{}\n", token);
      fmt::print(stderr, "zr serve: token {} ({} {}) created; it is shown only this once\n", id,
                 options.role, options.jurisdiction);
      return kExitOk;
    }
    if (options.tokenList->parsed()) {
      for (const auto& t : registry.tokens())
        fmt::print("{}\t{}\t{}\t{}\t{}\n", t.id, t.role, t.jurisdiction, t.createdAt,
                   t.revoked ? "revoked" : "active");
      return kExitOk;
    }
    if (!registry.revokeToken(options.tokenId)) {
      fmt::print(stderr, "zr serve token revoke: error[ZR1230]: no active token {}\n",
                 options.tokenId);
      return kExitInputErrors;
    }
    return kExitOk;
  } catch (const std::exception& error) {
    fmt::print(stderr, "zr serve token: error[ZR1201]: {}\n", error.what());
    return kExitUsage;
  }
}

}  // namespace

int runServe(const ServeOptions& options, const CommonOptions& common) {
  if (options.tokenAdd->parsed() || options.tokenList->parsed() || options.tokenRevoke->parsed())
    return runToken(options);
  if (options.dataDir.empty() == options.bundle.empty()) {
    fmt::print(stderr, "zr serve: give either --data DIR or --bundle B.zrb (see zr help serve)\n");
    return kExitUsage;
  }
  service::ServerOptions server;
  auto colon = options.listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(options.listen.substr(colon + 1));
    } catch (const std::exception&) {
      port = -1;
    }
  }
  if (colon == std::string::npos || port < 0 || port > 65535) {
    fmt::print(stderr, "zr serve: --listen '{}' is not HOST:PORT\n", options.listen);
    return kExitUsage;
  }
  server.host = options.listen.substr(0, colon);
  server.port = port;
  server.threads = options.threads;
  server.dataDir = options.dataDir;
  server.bundlePath = options.bundle;
  server.stdlibDir = common.stdlibDir;
  server.tokenForReads = options.readAuth == "token";
  server.maxBodyBytes = options.maxBody;
  server.timeoutSeconds = options.timeout;
  if (!options.geometry.empty() || !options.layers.empty()) {
    for (const std::string* file : {&options.geometry, &options.layers})
      if (!file->empty() && !std::filesystem::is_regular_file(*file)) {
        fmt::print(stderr, "zr serve: cannot read '{}'\n", *file);
        return kExitUsage;
      }
    // Loaded again for each activated version: the units are matched by code to its bundle.
    server.spatialFor =
        [units = options.geometry, layers = options.layers](
            const ir::Bundle& bundle) -> std::unique_ptr<const eval::SpatialContext> {
      int status = kExitOk;
      return loadGeometry("serve", bundle, units, layers, status);
    };
  }

  // Block the stop signals in every thread; one thread waits for them and stops the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    service::Server service(server);
    int bound = service.bind();
    fmt::print("zr serve: listening on http://{}:{}\n", server.host, bound);
    std::fflush(stdout);
    std::thread waiter([&] {
      int received = 0;
      sigwait(&signals, &received);
      service.stop();
    });
    service.listen();
    // listen() also returns when the socket fails; wake the waiter so that it can be joined.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return kExitOk;
  } catch (const std::exception& error) {
    fmt::print(stderr, "zr serve: {}\n", error.what());
    return kExitUsage;
  }
}

}  // namespace zr::cli

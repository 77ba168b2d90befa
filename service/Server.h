// `zr serve`: the HTTP/JSON screening and filing service (docs/api.md). Two modes: with a data
// directory (the SQLite registry, filings, screening against the active versions) or with one
// bundle (read-only screening, no registry).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "service/ScreeningEngine.h"

namespace zr::service {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;         // 0: any free port (bind() tells which)
  int threads = 64;        // worker threads; each keep-alive connection holds one
  std::string dataDir;     // registry mode
  std::string bundlePath;  // read-only mode
  std::string stdlibDir;
  bool tokenForReads = false;  // reads and screening need a token (any role)
  std::size_t maxBodyBytes = std::size_t{16} << 20;
  int timeoutSeconds = 30;  // read and write timeouts per request
  // Builds the unit boundaries and layers for each bundle the server screens with (the loaded
  // version, then each newly activated one); empty: no geometry, sites must name their units.
  SpatialLoader spatialFor;
};

class Server {
 public:
  // Opens the registry (applying migrations) or loads the bundle, and composes the screening
  // engine. Throws std::runtime_error with a message for the user.
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port. Throws std::runtime_error.
  int bind();
  // Serves until stop() (from another thread or a signal handler's thread).
  void listen();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zr::service

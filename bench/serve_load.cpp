// zr_serve_load: a closed-loop load generator for `zr serve`. C connections (one thread each,
// HTTP keep-alive) send N screening requests in all, one descriptor per request, cycling
// through the lines of a JSON Lines file. Prints one JSON object: requests, errors, seconds,
// requests_per_s, p50_ms, p99_ms, max_ms. Exit status 1 when any request failed (a transport
// error or a status other than 200), 2 on usage errors.
//
//   zr_serve_load --host 127.0.0.1 --port 8080 --requests 20000 --connections 32 projects.jsonl
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Options {
  std::string host = "127.0.0.1", path = "/v1/screen", projects;
  int port = 0;
  long requests = 20000;
  int connections = 32;
};

bool parseArgs(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    try {
      if (arg == "--host")
        o.host = value();
      else if (arg == "--port")
        o.port = std::stoi(value());
      else if (arg == "--path")
        o.path = value();
      else if (arg == "--requests")
        o.requests = std::stol(value());
      else if (arg == "--connections")
        o.connections = std::stoi(value());
      else if (!arg.starts_with("--") && o.projects.empty())
        o.projects = arg;
      else
        return false;
    } catch (const std::exception&) {
      return false;
    }
  }
  return o.port > 0 && o.requests > 0 && o.connections > 0 && !o.projects.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parseArgs(argc, argv, options)) {
    std::fputs(
        "usage: zr_serve_load --port P [--host H] [--path /v1/screen] [--requests N] "
        "[--connections C] PROJECTS.jsonl\n",
        stderr);
    return 2;
  }
  std::vector<std::string> bodies;
  {
    std::ifstream in(options.projects);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) bodies.push_back(line);
  }
  if (bodies.empty()) {
    fmt::print(stderr, "zr_serve_load: no descriptors in '{}'\n", options.projects);
    return 2;
  }

  std::atomic<long> next{0}, errors{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(options.connections));
  std::atomic<bool> reported{false};
  auto worker = [&](std::size_t index) {
    httplib::Client client(options.host, options.port);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    client.set_connection_timeout(10);
    client.set_read_timeout(30);
    auto& mine = latencies[index];
    for (long i; (i = next.fetch_add(1)) < options.requests;) {
      const std::string& body = bodies[static_cast<std::size_t>(i) % bodies.size()];
      auto start = std::chrono::steady_clock::now();
      auto result = client.Post(options.path, body, "application/json");
      mine.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
      if (!result || result->status != 200) {
        errors.fetch_add(1);
        if (!reported.exchange(true))
          fmt::print(stderr, "zr_serve_load: request {} failed: {}\n", i,
                     result
                         ? fmt::format("status {}: {}", result->status, result->body.substr(0, 300))
                         : httplib::to_string(result.error()));
      }
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < options.connections; ++c)
    threads.emplace_back(worker, static_cast<std::size_t>(c));
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto quantile = [&](double q) {
    return all.empty()
               ? 0.0
               : all[std::min(all.size() - 1,
                              static_cast<std::size_t>(q * static_cast<double>(all.size())))];
  };
  nlohmann::json report = {
      {"requests", static_cast<long>(all.size())},
      {"connections", options.connections},
      {"errors", errors.load()},
      {"seconds", seconds},
      {"requests_per_s", seconds > 0 ? static_cast<double>(all.size()) / seconds : 0.0},
      {"p50_ms", quantile(0.50)},
      {"p99_ms", quantile(0.99)},
      {"max_ms", all.empty() ? 0.0 : all.back()}};
  std::puts(report.dump().c_str());
  return errors.load() ? 1 : 0;
}

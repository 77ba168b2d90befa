#include "service/Metrics.h"

#include <fmt/format.h>

#include <algorithm>

namespace zr::service {

void Metrics::record(std::size_t route, int status, std::uint64_t micros) {
  PerRoute& r = routes_[std::min(route, kUnmatched)];
  int statusClass = status / 100;
  r.byClass[(statusClass >= 1 && statusClass <= 5) ? statusClass - 1 : 5].fetch_add(
      1, std::memory_order_relaxed);
  auto bucket = std::lower_bound(kBucketsUs.begin(), kBucketsUs.end(), micros) - kBucketsUs.begin();
  r.buckets[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
  r.sumUs.fetch_add(micros, std::memory_order_relaxed);
  r.count.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render() const {
  std::string out =
      "# HELP zr_requests_total HTTP requests by route and status class.\n"
      "# TYPE zr_requests_total counter\n";
  auto label = [](std::size_t i) {
    return i == kUnmatched
               ? std::string("method=\"\",route=\"unmatched\"")
               : fmt::format("method=\"{}\",route=\"{}\"", kRoutes[i].method, kRoutes[i].path);
  };
  static constexpr const char* kClasses[] = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};
  for (std::size_t i = 0; i < routes_.size(); ++i)
    for (std::size_t c = 0; c < 6; ++c)
      if (auto n = routes_[i].byClass[c].load(std::memory_order_relaxed))
        out += fmt::format("zr_requests_total{{{},status=\"{}\"}} {}\n", label(i), kClasses[c], n);
  out +=
      "# HELP zr_request_duration_seconds Time spent in the handler, by route.\n"
      "# TYPE zr_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const PerRoute& r = routes_[i];
    std::uint64_t count = r.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBucketsUs.size(); ++b) {
      cumulative += r.buckets[b].load(std::memory_order_relaxed);
      std::string le = b < kBucketsUs.size() ? fmt::format("{}", kBucketsUs[b] / 1e6) : "+Inf";
      out += fmt::format("zr_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", label(i), le,
                         cumulative);
    }
    out += fmt::format("zr_request_duration_seconds_sum{{{}}} {}\n", label(i),
                       r.sumUs.load(std::memory_order_relaxed) / 1e6);
    out += fmt::format("zr_request_duration_seconds_count{{{}}} {}\n", label(i), count);
  }
  return out;
}

}  // namespace zr::service

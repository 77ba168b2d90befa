// Request counters and latency histograms per route, lock-free, rendered in the Prometheus text
// exposition format for GET /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "service/Routes.h"

namespace zr::service {

class Metrics {
 public:
  // Upper bounds of the latency buckets, microseconds (the last bucket is +Inf).
  static constexpr std::array<std::uint64_t, 13> kBucketsUs = {
      50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 100000, 250000, 1000000, 10000000};
  // Index kRoutes.size() counts requests that matched no route.
  static constexpr std::size_t kUnmatched = kRoutes.size();

  void record(std::size_t route, int status, std::uint64_t micros);
  std::string render() const;

 private:
  struct PerRoute {
    std::array<std::atomic<std::uint64_t>, 6> byClass{};  // 1xx … 5xx, other
    std::array<std::atomic<std::uint64_t>, kBucketsUs.size() + 1> buckets{};
    std::atomic<std::uint64_t> sumUs{0}, count{0};
  };
  std::array<PerRoute, kRoutes.size() + 1> routes_;
};

}  // namespace zr::service

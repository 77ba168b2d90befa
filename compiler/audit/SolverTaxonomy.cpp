#include "compiler/audit/SolverTaxonomy.h"

#include <algorithm>

namespace zr::audit::detail {
namespace {
constexpr std::uint32_t kMaxDepth = 32;  // deeper chains are malformed (a cycle): cut
}  // namespace

Taxonomy::Taxonomy(const std::vector<sema::IndustryInfo>& industries) {
  const auto n = static_cast<std::uint32_t>(industries.size());
  parent_.resize(n, sema::kNone);
  depth_.resize(n, 0);
  for (std::uint32_t i = 0; i < n; ++i)
    parent_[i] = industries[i].parent < n ? industries[i].parent : sema::kNone;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t d = 0;
    for (std::uint32_t at = parent_[i]; at != sema::kNone && d < kMaxDepth; at = parent_[at]) ++d;
    depth_[i] = d;
  }
  childStart_.assign(n + 1, 0);
  for (std::uint32_t i = 0; i < n; ++i)
    if (parent_[i] != sema::kNone) ++childStart_[parent_[i] + 1];
  for (std::uint32_t i = 0; i < n; ++i) childStart_[i + 1] += childStart_[i];
  children_.resize(childStart_[n]);
  std::vector<std::uint32_t> fill(childStart_.begin(), childStart_.end() - 1);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (parent_[i] == sema::kNone)
      roots_.push_back(i);
    else
      children_[fill[parent_[i]]++] = i;
  }
}

bool Taxonomy::under(std::uint32_t code, std::uint32_t prefix) const {
  if (code >= parent_.size() || prefix >= parent_.size()) return false;
  while (code != sema::kNone && depth_[code] > depth_[prefix]) code = parent_[code];
  return code == prefix;
}

bool Taxonomy::underAny(std::uint32_t code, std::span<const std::uint32_t> prefixes) const {
  for (std::uint32_t p : prefixes)
    if (under(code, p)) return true;
  return false;
}

void Taxonomy::intersect(std::vector<std::uint32_t>& region,
                         std::span<const std::uint32_t> prefixes) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t a : region)
    for (std::uint32_t b : prefixes) {
      if (under(b, a))
        out.push_back(b);
      else if (under(a, b))
        out.push_back(a);
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  region = std::move(out);
}

std::uint32_t Taxonomy::leafBelow(std::uint32_t node,
                                  std::span<const std::uint32_t> excluded) const {
  for (std::uint32_t k = childStart_[node]; k < childStart_[node + 1]; ++k) {
    const std::uint32_t child = children_[k];
    if (underAny(child, excluded)) continue;
    if (childStart_[child] == childStart_[child + 1]) return child;
    if (const std::uint32_t leaf = leafBelow(child, excluded); leaf != sema::kNone) return leaf;
  }
  return sema::kNone;
}

std::uint32_t Taxonomy::pick(std::span<const std::uint32_t> region,
                             std::span<const std::uint32_t> excluded) const {
  std::uint32_t fallback = sema::kNone;
  for (std::uint32_t root : region) {
    if (root >= parent_.size() || underAny(root, excluded)) continue;
    if (childStart_[root] == childStart_[root + 1]) return root;
    if (const std::uint32_t leaf = leafBelow(root, excluded); leaf != sema::kNone) return leaf;
    // Every leaf below is excluded, but the entry itself is a value a descriptor may give.
    if (fallback == sema::kNone) fallback = root;
  }
  return fallback;
}

}  // namespace zr::audit::detail

#include "runtime/util/NameIndex.h"

#include <cstring>

namespace zr::util {

std::uint64_t NameIndex::hash(std::string_view text) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (text.size() * 0xC2B2AE3D27D4EB4Full);
  const char* p = text.data();
  std::size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t k;
    std::memcpy(&k, p, 8);
    h = (h ^ k) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  if (n) {
    std::uint64_t k = 0;
    std::memcpy(&k, p, n);
    h = (h ^ k) * 0xC4CEB9FE1A85EC53ull;
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 32);
}

void NameIndex::load(std::string_view name, std::uint64_t (&head)[2]) {
  char bytes[kInline] = {};
  std::memcpy(bytes, name.data(), name.size() < kInline ? name.size() : kInline);
  std::memcpy(head, bytes, kInline);
}

void NameIndex::place(const Slot& slot) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = slot.hash & mask;; at = (at + 1) & mask)
    if (slots_[at].entry == kMissing) {
      slots_[at] = slot;
      return;
    }
}

void NameIndex::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  for (const Slot& s : old)
    if (s.entry != kMissing) place(s);
}

void NameIndex::add(std::string_view name, std::uint32_t index) {
  if (find(name) != kMissing) return;
  if ((names_.size() + 1) * 2 > slots_.size()) grow();
  names_.push_back(name);
  values_.push_back(index);
  Slot slot;
  slot.hash = static_cast<std::uint32_t>(hash(name));
  slot.entry = static_cast<std::uint32_t>(names_.size() - 1);
  slot.size = static_cast<std::uint32_t>(name.size());
  slot.value = index;
  load(name, slot.head);
  place(slot);
}

std::uint32_t NameIndex::find(std::string_view name) const {
  if (slots_.empty()) return kMissing;
  const auto h = static_cast<std::uint32_t>(hash(name));
  std::uint64_t head[2];
  load(name, head);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = h & mask;; at = (at + 1) & mask) {
    const Slot& s = slots_[at];
    if (s.entry == kMissing) return kMissing;
    if (s.hash != h || s.size != name.size() || s.head[0] != head[0] || s.head[1] != head[1]) continue;
    if (name.size() <= kInline || names_[s.entry] == name) return s.value;
  }
}

}  // namespace zr::util

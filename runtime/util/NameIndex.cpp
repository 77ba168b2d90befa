#include "runtime/util/NameIndex.h"

#include <cstring>

namespace zr::util {
namespace {

std::uint64_t load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

std::uint32_t load32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

std::uint64_t fold(std::uint64_t h, std::uint64_t k) {
  h = (h ^ k) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 32);
}

}  // namespace

NameIndex::Key NameIndex::key(std::string_view text) {
  const char* p = text.data();
  const std::size_t n = text.size();
  if (n >= 8) return {load64(p), load64(p + n - 8)};
  if (n >= 4) return {load32(p) | (std::uint64_t{load32(p + n - 4)} << 32), 0};
  if (n > 0)
    return {(std::uint64_t{static_cast<unsigned char>(p[0])} << 16) |
                (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
                static_cast<unsigned char>(p[n - 1]),
            0};
  return {};
}

std::uint64_t NameIndex::mix(Key k, std::size_t size) {
  std::uint64_t h = fold(0x9E3779B97F4A7C15ull ^ size, k.a);
  h = fold(h, k.b);
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

std::uint64_t NameIndex::hash(std::string_view text) {
  if (text.size() <= kInline) return mix(key(text), text.size());
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ text.size();
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) h = fold(h, load64(text.data() + i));
  h = fold(h, load64(text.data() + text.size() - 8));
  return mix({h, 0}, text.size());
}

bool NameIndex::same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.size() > kInline) return a == b;
  const Key x = key(a), y = key(b);
  return x.a == y.a && x.b == y.b;
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
  if (name.size() <= kInline) slot.key = key(name);
  place(slot);
}

std::uint32_t NameIndex::find(std::string_view name) const {
  if (slots_.empty()) return kMissing;
  const bool inlined = name.size() <= kInline;
  const Key k = inlined ? key(name) : Key{};
  const auto h = static_cast<std::uint32_t>(inlined ? mix(k, name.size()) : hash(name));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = h & mask;; at = (at + 1) & mask) {
    const Slot& s = slots_[at];
    if (s.entry == kMissing) return kMissing;
    if (s.hash != h || s.size != name.size()) continue;
    if (inlined ? (s.key.a == k.a && s.key.b == k.b) : names_[s.entry] == name) return s.value;
  }
}

}  // namespace zr::util

// A read-only map from names to indices, built once: open addressing over a flat array of
// slots holding the hash, the length and — for names of up to 16 bytes — the name itself, so a
// lookup on the descriptor hot path (attribute keys, unit codes, industry codes) touches one
// cache line and compares two words instead of chasing nodes and calling memcmp. Longer names
// are compared in place; they must outlive the index.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace zr::util {

class NameIndex {
 public:
  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;

  NameIndex() = default;
  // Adds a name; the first index given for a name wins. Call before any find().
  void add(std::string_view name, std::uint32_t index);
  // kMissing when absent.
  std::uint32_t find(std::string_view name) const;
  std::size_t size() const { return names_.size(); }

  static std::uint64_t hash(std::string_view text);
  // a == b, without a call to memcmp for names of up to 16 bytes.
  static bool same(std::string_view a, std::string_view b);

 private:
  // Two words that, with the length, identify a name of up to 16 bytes: its first and last 8
  // (or 4, or 1) bytes, read as overlapping loads — no byte loops, no store-forwarding stalls.
  struct Key {
    std::uint64_t a = 0, b = 0;
  };
  static Key key(std::string_view text);
  static std::uint64_t mix(Key k, std::size_t size);
  static constexpr std::size_t kInline = 16;
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t entry = kMissing;  // index into names_/values_
    std::uint32_t size = 0;
    std::uint32_t value = kMissing;
    Key key;  // identifies names of up to 16 bytes
  };
  void grow();
  void place(const Slot& slot);

  std::vector<std::string_view> names_;
  std::vector<std::uint32_t> values_;
  std::vector<Slot> slots_;  // power-of-two size, at most half full
};

}  // namespace zr::util

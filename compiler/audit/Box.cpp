#include "compiler/audit/Box.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace zr::audit::detail {
namespace {

bool contains(const Query& q, const Leaf& list, const std::string& s) {
  for (std::uint32_t k = 0; k < list.count; ++k)
    if (*q.strings[list.first + k] == s) return true;
  return false;
}

std::span<const std::uint32_t> prefixesOf(const Query& q, const Leaf& leaf) {
  return {q.prefixes.data() + leaf.first, leaf.count};
}

// A string value no list names: "other", then "other 2", …
std::string freshString(const Query& q, std::span<const Leaf* const> lists) {
  for (int n = 1;; ++n) {
    std::string s = n == 1 ? "other" : "other " + std::to_string(n);
    if (std::none_of(lists.begin(), lists.end(), [&](const Leaf* l) { return contains(q, *l, s); }))
      return s;
  }
}

}  // namespace

void Box::reset(const Query& query, const Taxonomy& taxonomy) {
  q_ = &query;
  taxonomy_ = &taxonomy;
  state_.assign(query.slots.size(), State{});
  applied_.clear();
  trail_.clear();
  for (std::size_t s = 0; s < q_->slots.size(); ++s) {
    const Slot& slot = q_->slots[s];
    switch (slot.type) {
      case ir::AttrType::Bool:
        state_[s].mask = 0b11;
        break;
      case ir::AttrType::Enum:
        state_[s].mask = slot.valid;
        break;
      default:
        state_[s].mask = 0;
        break;
    }
    state_[s].lo = slot.domain.lo;
    state_[s].hi = slot.domain.hi;
  }
}

bool Box::apply(std::uint32_t index) {
  const Leaf& l = q_->leaves[index];
  applied_.push_back(index);
  if (l.kind == LeafKind::Atom) {
    trail_.push_back({sema::kNone, {}});
    return true;
  }
  State& s = state_[l.slot];
  trail_.push_back({l.slot, s});
  switch (l.kind) {
    case LeafKind::Bool:
      s.mask &= l.flag ? 0b10 : 0b01;
      return s.mask != 0;
    case LeafKind::EnumAllow:
      s.mask &= l.mask;
      return s.mask != 0;
    case LeafKind::Range:
      s.lo = std::max(s.lo, l.lo);
      s.hi = std::min(s.hi, l.hi);
      if (!(s.lo <= s.hi)) return false;
      return s.lo != s.hi || !excluded(l.slot, s.lo);
    case LeafKind::NotPoint:
      return !(s.lo == s.hi && s.lo == l.lo);
    case LeafKind::SetHas:
      return (l.mask & ~s.mask) != 0;
    case LeafKind::SetNone: {
      s.mask |= l.mask;
      for (std::uint32_t k : applied_) {
        const Leaf& other = q_->leaves[k];
        if (other.slot == l.slot && other.kind == LeafKind::SetHas && (other.mask & ~s.mask) == 0)
          return false;
      }
      return true;
    }
    case LeafKind::IndHas:
    case LeafKind::IndNone:
      return industryFeasible(l.slot);
    case LeafKind::StrIn:
    case LeafKind::StrNone:
      return stringFeasible(l.slot);
    case LeafKind::Atom:
      break;
  }
  return true;
}

void Box::undo() {
  const Undo& u = trail_.back();
  if (u.slot != sema::kNone) state_[u.slot] = u.state;
  trail_.pop_back();
  applied_.pop_back();
}

bool Box::entails(const Leaf& l) const {
  if (l.kind == LeafKind::Atom) return false;
  const State& s = state_[l.slot];
  switch (l.kind) {
    case LeafKind::Bool:
      return s.mask == (l.flag ? 0b10 : 0b01);
    case LeafKind::EnumAllow:
      return (s.mask & ~l.mask) == 0;
    case LeafKind::Range:
      return s.lo >= l.lo && s.hi <= l.hi;
    case LeafKind::NotPoint:
      return l.lo < s.lo || l.lo > s.hi || excluded(l.slot, l.lo);
    case LeafKind::SetNone:
      return (l.mask & ~s.mask) == 0;
    default:
      return false;
  }
}

bool Box::excluded(std::uint32_t slot, double value) const {
  for (std::uint32_t k : applied_) {
    const Leaf& l = q_->leaves[k];
    if (l.slot == slot && l.kind == LeafKind::NotPoint && l.lo == value) return true;
  }
  return false;
}

void Box::gather(std::uint32_t slot, LeafKind kind, std::vector<const Leaf*>& out) const {
  out.clear();
  for (std::uint32_t k : applied_) {
    const Leaf& l = q_->leaves[k];
    if (l.slot == slot && l.kind == kind) out.push_back(&l);
  }
}

void Box::negatives(std::uint32_t slot, std::vector<std::uint32_t>& out) const {
  out.clear();
  for (std::uint32_t k : applied_) {
    const Leaf& l = q_->leaves[k];
    if (l.slot == slot && l.kind == LeafKind::IndNone) {
      const auto p = prefixesOf(*q_, l);
      out.insert(out.end(), p.begin(), p.end());
    }
  }
}

// Industry: one code under every positive prefix set and none of the negative ones. Industry
// set: for each positive prefix set, a code under it and under no negative one (codes differ).
bool Box::industryFeasible(std::uint32_t slot) const {
  gather(slot, LeafKind::IndHas, scratchLeaves_);
  negatives(slot, scratchCodes_);
  const std::span<const std::uint32_t> no = scratchCodes_;
  auto free = [&](std::span<const std::uint32_t> region) {
    return std::any_of(region.begin(), region.end(),
                       [&](std::uint32_t a) { return !taxonomy_->underAny(a, no); });
  };
  if (q_->slots[slot].type == ir::AttrType::IndustrySet) {
    return std::all_of(scratchLeaves_.begin(), scratchLeaves_.end(),
                       [&](const Leaf* l) { return free(prefixesOf(*q_, *l)); });
  }
  if (scratchLeaves_.empty()) return free(taxonomy_->roots());
  const auto first = prefixesOf(*q_, *scratchLeaves_[0]);
  scratchRegion_.assign(first.begin(), first.end());
  for (std::size_t k = 1; k < scratchLeaves_.size() && !scratchRegion_.empty(); ++k)
    taxonomy_->intersect(scratchRegion_, prefixesOf(*q_, *scratchLeaves_[k]));
  return free(scratchRegion_);
}

// Strings: with no positive list any value outside the negative lists will do.
bool Box::stringFeasible(std::uint32_t slot) const {
  gather(slot, LeafKind::StrIn, scratchLeaves_);
  if (scratchLeaves_.empty()) return true;
  std::vector<const Leaf*> no;
  gather(slot, LeafKind::StrNone, no);
  const Leaf& first = *scratchLeaves_[0];
  for (std::uint32_t k = 0; k < first.count; ++k) {
    const std::string& s = *q_->strings[first.first + k];
    const bool inAll = std::all_of(scratchLeaves_.begin() + 1, scratchLeaves_.end(),
                                   [&](const Leaf* l) { return contains(*q_, *l, s); });
    const bool inNone =
        std::none_of(no.begin(), no.end(), [&](const Leaf* l) { return contains(*q_, *l, s); });
    if (inAll && inNone) return true;
  }
  return false;
}

// ---- witness values ---------------------------------------------------------------------

bool Box::choose(Assignment& out) const {
  for (std::uint32_t s = 0; s < q_->slots.size(); ++s) {
    WitnessValue value;
    if (!chooseSlot(s, value)) return false;
    if (!q_->slots[s].expression()) out[q_->slots[s].attr] = std::move(value);
  }
  return true;
}

std::optional<double> Box::number(std::uint32_t slot) const {
  WitnessValue value;
  if (!chooseSlot(slot, value)) return std::nullopt;
  return value.number;
}

bool Box::allows(std::uint32_t slot, double value) const {
  const State& s = state_[slot];
  const NumericDomain& domain = q_->slots[slot].domain;
  return value >= s.lo && value <= s.hi && !excluded(slot, value) &&
         (!domain.integral || value == std::floor(value));
}

bool Box::chooseSlot(std::uint32_t slot, WitnessValue& out) const {
  const Slot& info = q_->slots[slot];
  const State& s = state_[slot];
  out.type = info.type;
  switch (info.type) {
    case ir::AttrType::Bool:
      if (s.mask == 0) return false;
      out.boolean = s.mask == 0b10;  // false unless it must be true
      return true;
    case ir::AttrType::Enum:
      if ((s.mask & info.valid) == 0) return false;
      out.mask = s.mask & info.valid & (~(s.mask & info.valid) + 1);  // the first value allowed
      return true;
    case ir::AttrType::EnumSet: {
      // The fewest values that meet every positive constraint, greedily; one value when free.
      const std::uint64_t avail = info.valid & ~s.mask;
      gather(slot, LeafKind::SetHas, scratchLeaves_);
      std::uint64_t chosen = 0;
      for (;;) {
        std::uint64_t best = 0;
        int bestCount = 0;
        for (std::uint64_t bits = avail; bits; bits &= bits - 1) {
          const std::uint64_t bit = bits & (~bits + 1);
          int count = 0;
          for (const Leaf* l : scratchLeaves_)
            count += (l->mask & chosen) == 0 && (l->mask & bit) != 0;
          if (count > bestCount) best = bit, bestCount = count;
        }
        if (bestCount == 0) break;
        chosen |= best;
      }
      for (const Leaf* l : scratchLeaves_)
        if ((l->mask & chosen) == 0) return false;
      if (scratchLeaves_.empty() && avail) chosen = avail & (~avail + 1);
      out.mask = chosen;
      return true;
    }
    case ir::AttrType::Number:
    case ir::AttrType::Quantity:
    case ir::AttrType::Date: {
      std::vector<double> points;
      for (std::uint32_t k : applied_) {
        const Leaf& l = q_->leaves[k];
        if (l.slot == slot && l.kind == LeafKind::NotPoint) points.push_back(l.lo);
      }
      const auto v = pickNumber({s.lo, s.hi}, points, info.domain);
      if (!v) return false;
      out.number = *v;
      return true;
    }
    case ir::AttrType::Industry:
    case ir::AttrType::IndustrySet:
      return chooseIndustry(slot, out);
    case ir::AttrType::String:
      return chooseString(slot, out);
  }
  return false;
}

bool Box::chooseIndustry(std::uint32_t slot, WitnessValue& out) const {
  std::vector<const Leaf*> positives;
  gather(slot, LeafKind::IndHas, positives);
  std::vector<std::uint32_t> no;
  negatives(slot, no);
  out.industries.clear();
  if (positives.empty()) {
    const std::uint32_t code = taxonomy_->pick(taxonomy_->roots(), no);
    if (code != sema::kNone) out.industries.push_back(code);
    // A single code must exist; a set may be empty when every code is excluded.
    return code != sema::kNone || q_->slots[slot].type == ir::AttrType::IndustrySet;
  }
  const bool single = q_->slots[slot].type == ir::AttrType::Industry;
  // Positive constraints whose prefix sets meet share one code; others get their own.
  std::vector<std::uint32_t> group;
  bool open = false;
  auto flush = [&] {
    if (!open) return true;
    const std::uint32_t code = taxonomy_->pick(group, no);
    if (code == sema::kNone) return false;
    if (std::find(out.industries.begin(), out.industries.end(), code) == out.industries.end())
      out.industries.push_back(code);
    open = false;
    return true;
  };
  for (const Leaf* l : positives) {
    const auto prefixes = prefixesOf(*q_, *l);
    if (std::any_of(out.industries.begin(), out.industries.end(),
                    [&](std::uint32_t code) { return taxonomy_->underAny(code, prefixes); }))
      continue;
    if (open) {
      std::vector<std::uint32_t> trial = group;
      taxonomy_->intersect(trial, prefixes);
      if (single || taxonomy_->pick(trial, no) != sema::kNone) {
        group = std::move(trial);
        continue;
      }
      if (!flush()) return false;
    }
    group.assign(prefixes.begin(), prefixes.end());
    open = true;
  }
  return flush();
}

bool Box::chooseString(std::uint32_t slot, WitnessValue& out) const {
  std::vector<const Leaf*> yes, no;
  gather(slot, LeafKind::StrIn, yes);
  gather(slot, LeafKind::StrNone, no);
  if (yes.empty()) {
    out.string = freshString(*q_, no);
    return true;
  }
  const Leaf& first = *yes[0];
  for (std::uint32_t k = 0; k < first.count; ++k) {
    const std::string& s = *q_->strings[first.first + k];
    if (std::all_of(yes.begin() + 1, yes.end(),
                    [&](const Leaf* l) { return contains(*q_, *l, s); }) &&
        std::none_of(no.begin(), no.end(), [&](const Leaf* l) { return contains(*q_, *l, s); })) {
      out.string = s;
      return true;
    }
  }
  return false;
}

std::vector<double> Box::candidates(std::uint32_t slot) const {
  const Slot& info = q_->slots[slot];
  const State& s = state_[slot];
  std::vector<double> out;
  WitnessValue natural;
  if (chooseSlot(slot, natural)) out.push_back(natural.number);
  // Only values a drafter would write: an open bound's neighbouring double (5e-324 for
  // `> 0`) can satisfy arithmetic by rounding alone and would make an absurd witness.
  auto drafted = [](double v) {
    return std::isfinite(v) && std::fabs(v) <= 1e12 && std::round(v * 1e6) / 1e6 == v;
  };
  auto add = [&](double v) {
    if (out.size() >= 8 || !drafted(v) || !(v >= s.lo && v <= s.hi) || excluded(slot, v)) return;
    if (info.domain.integral && v != std::floor(v)) return;
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  };
  add(s.lo);
  add(s.hi);
  for (double v : {0.0, 1.0, 2.0, 10.0, -1.0, 0.5, 100.0, 1e6})
    add(info.domain.integral ? info.domain.origin + v : v);
  return out;
}

WitnessValue freeValue(const sema::Program& program, const Taxonomy& taxonomy, std::uint32_t attr) {
  const sema::AttributeInfo& info = program.attributes[attr];
  WitnessValue out;
  out.type = info.type;
  switch (info.type) {
    case ir::AttrType::Bool:
      break;
    case ir::AttrType::Enum:
    case ir::AttrType::EnumSet:
      out.mask = info.enumValues.empty() ? 0 : 1;
      break;
    case ir::AttrType::Number:
    case ir::AttrType::Quantity:
    case ir::AttrType::Date:
      out.number = NumericDomain::of(info.type).origin;
      break;
    case ir::AttrType::Industry:
    case ir::AttrType::IndustrySet:
      if (const std::uint32_t code = taxonomy.pick(taxonomy.roots(), {}); code != sema::kNone)
        out.industries.push_back(code);
      break;
    case ir::AttrType::String:
      out.string = "other";
      break;
  }
  return out;
}

}  // namespace zr::audit::detail

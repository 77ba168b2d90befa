// Candidate rule pairs for the audit: rules that apply together on some unit (Scope edges) and
// read a common attribute. Rules with the same units (every `all` rule of a list, every rule of
// one class …) form one scope group; groups that meet are found per unit, and each meeting pair
// of groups is expanded once, so the work follows the distinct pairs, never units × rules².
#include <algorithm>
#include <unordered_map>

#include "compiler/audit/DepGraph.h"

namespace zr::audit {
namespace {

struct UnitsHash {
  std::size_t operator()(const std::vector<Vertex>* units) const {
    std::size_t h = units->size();
    for (Vertex u : *units) h = h * 1000003u ^ u;
    return h;
  }
};
struct UnitsEqual {
  bool operator()(const std::vector<Vertex>* a, const std::vector<Vertex>* b) const {
    return *a == *b;
  }
};

// Each rule's attributes as a bit set, so a pair is tested in a word or two.
class AttributeBits {
 public:
  explicit AttributeBits(const sema::Program& program)
      : words_((program.attributes.size() + 63) / 64 + 1), bits_(program.rules.size() * words_) {
    for (std::size_t r = 0; r < program.rules.size(); ++r)
      for (std::uint32_t a : program.rules[r].attrs)
        bits_[r * words_ + a / 64] |= std::uint64_t{1} << (a % 64);
  }
  bool share(std::uint32_t a, std::uint32_t b) const {
    const std::uint64_t* x = &bits_[a * words_];
    const std::uint64_t* y = &bits_[b * words_];
    for (std::size_t w = 0; w < words_; ++w)
      if (x[w] & y[w]) return true;
    return false;
  }

 private:
  std::size_t words_;
  std::vector<std::uint64_t> bits_;
};

}  // namespace

std::vector<RulePair> DependencyGraph::candidatePairs() const {
  const auto& ruleVertices = byKind_[static_cast<std::size_t>(VertexKind::Rule)];
  const std::size_t ruleCount = ruleVertices.size();

  // 1. Each rule's units, from its Scope edges; rules with equal unit sets share a group.
  std::vector<std::vector<Vertex>> unitsOf(ruleCount);
  for (std::uint32_t r = 0; r < ruleCount; ++r) {
    for (auto [it, end] = boost::in_edges(ruleVertices[r], graph_); it != end; ++it)
      if (graph_[*it].kind == EdgeKind::Scope) unitsOf[r].push_back(boost::source(*it, graph_));
    std::sort(unitsOf[r].begin(), unitsOf[r].end());
  }
  std::unordered_map<const std::vector<Vertex>*, std::uint32_t, UnitsHash, UnitsEqual> groupOf;
  std::vector<std::vector<std::uint32_t>> groups;  // rules, ascending
  std::vector<const std::vector<Vertex>*> groupUnits;
  for (std::uint32_t r = 0; r < ruleCount; ++r) {
    if (unitsOf[r].empty()) continue;  // meets nothing
    auto [it, inserted] = groupOf.emplace(&unitsOf[r], static_cast<std::uint32_t>(groups.size()));
    if (inserted) {
      groups.emplace_back();
      groupUnits.push_back(&unitsOf[r]);
    }
    groups[it->second].push_back(r);
  }

  // 2. The groups present on each unit; every pair of them meets there.
  std::vector<std::vector<std::uint32_t>> groupsOn(boost::num_vertices(graph_));
  for (std::uint32_t g = 0; g < groups.size(); ++g)
    for (Vertex u : *groupUnits[g]) groupsOn[u].push_back(g);
  std::vector<std::uint64_t> meeting;
  for (const auto& present : groupsOn)
    for (std::size_t i = 0; i < present.size(); ++i)
      for (std::size_t j = i; j < present.size(); ++j)
        meeting.push_back(std::uint64_t{present[i]} << 32 | present[j]);
  std::sort(meeting.begin(), meeting.end());
  meeting.erase(std::unique(meeting.begin(), meeting.end()), meeting.end());

  // 3. Each meeting pair of groups expanded once, filtered by a common attribute.
  AttributeBits attrs(program_);
  std::vector<std::uint64_t> pairs;
  auto add = [&](std::uint32_t a, std::uint32_t b) {
    if (!attrs.share(a, b)) return;
    pairs.push_back(a < b ? std::uint64_t{a} << 32 | b : std::uint64_t{b} << 32 | a);
  };
  for (std::uint64_t key : meeting) {
    const auto& first = groups[key >> 32];
    const auto& second = groups[key & 0xffffffffu];
    if (&first == &second) {
      for (std::size_t i = 0; i < first.size(); ++i)
        for (std::size_t j = i + 1; j < first.size(); ++j) add(first[i], first[j]);
    } else {
      for (std::uint32_t a : first)
        for (std::uint32_t b : second) add(a, b);
    }
  }

  // 4. Sorted by first rule (a counting sort), then by second; already unique, since every rule
  // is in one group and every pair of groups is expanded once.
  std::vector<std::uint32_t> start(ruleCount + 1, 0);
  for (std::uint64_t p : pairs) ++start[(p >> 32) + 1];
  for (std::size_t r = 0; r < ruleCount; ++r) start[r + 1] += start[r];
  std::vector<RulePair> out(pairs.size());
  std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
  for (std::uint64_t p : pairs)
    out[fill[p >> 32]++] = {static_cast<std::uint32_t>(p >> 32),
                            static_cast<std::uint32_t>(p & 0xffffffffu)};
  for (std::size_t r = 0; r < ruleCount; ++r)
    std::sort(out.begin() + start[r], out.begin() + start[r + 1],
              [](const RulePair& a, const RulePair& b) { return a.second < b.second; });
  return out;
}

}  // namespace zr::audit

// Shared by the decision procedure's tests: a small schema and taxonomy compiled through the
// real driver, rules looked up by id, and a witness replayed through the runtime.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/audit/Solver.h"
#include "compiler/driver/Compiler.h"
#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Evaluator.h"

namespace zr::audit::testing {

inline constexpr const char* kSchema = R"(module std.schema
attribute flag : bool
attribute other_flag : bool
attribute change : enum { new "新建", expansion "扩建", renovation "改建" }
attribute activity : set<enum { restoration, research, tourism }>
attribute ratio : number
attribute ratio2 : number
attribute vocs : quantity<t/a>
attribute distance : quantity<km>
attribute industry : set<industry>
attribute main_industry : industry
attribute park : string
attribute approved : date
attribute nox : quantity<kg/a>
)";

inline constexpr const char* kIndustry = R"(module std.industry
industry C "制造业"
industry C26 "化学原料和化学制品制造业"
industry C261 "基础化学原料制造"
industry C2614 "有机化学原料制造"
industry C2619 "其他基础化学原料制造"
industry C262 "肥料制造"
industry C2621 "氮肥制造"
industry C30 "非金属矿物制品业"
industry C301 "水泥、石灰和石膏制造"
industry C3011 "水泥制造"
industry D "电力、热力、燃气及水生产和供应业"
industry D44 "电力、热力生产和供应业"
industry D441 "电力生产"
industry D4411 "火力发电"
)";

inline constexpr const char* kHeader =
    "accesslist \"P\" level province jurisdiction 360000\n"
    "import std.schema, std.industry\n"
    "unit ZH36110210001 \"A\" class priority county 361102\n"
    "unit ZH36110220001 \"B\" class key county 361102\n"
    "open set allowed of activity = {restoration}\n"
    "extend allowed for unit ZH36110220001 += {research}\n";

// Compiles `rules` (source lines after the header) once; conditions are looked up by rule id.
class Compiled {
 public:
  explicit Compiled(const std::string& rules) {
    namespace fs = std::filesystem;
    root_ = fs::temp_directory_path() /
            ("zr-solver-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::remove_all(root_);
    fs::create_directories(root_ / "std");
    std::ofstream(root_ / "std/schema.zr") << kSchema;
    std::ofstream(root_ / "std/industry.zr") << kIndustry;
    std::ofstream(root_ / "p.zr") << kHeader << rules;
    bundle_ =
        driver::compile({(root_ / "p.zr").string()}, {(root_ / "std").string()}, compilation_);
    std::string messages;
    for (const auto& d : compilation_.diagnostics.all())
      messages += d.code + " " + d.message + "\n";
    EXPECT_TRUE(bundle_.has_value()) << messages;
    if (bundle_) evaluator_ = std::make_unique<eval::Evaluator>(*bundle_);
  }
  ~Compiled() { std::filesystem::remove_all(root_); }

  bool ok() const { return bundle_.has_value(); }
  const sema::Program& program() const { return compilation_.program; }
  const ir::Bundle& bundle() const { return *bundle_; }

  const sema::TExpr& condition(const std::string& id) const {
    return program().rules.at(program().ruleIndex.at(id)).condition;
  }

  std::uint32_t attr(const std::string& name) const { return program().attributeIndex.at(name); }
  std::uint32_t industry(const std::string& code) const { return program().industryIndex.at(code); }

  // The open set's members on a unit: base plus the extensions that apply there.
  OpenSetMembers membersOn(const std::string& unitCode) const {
    const std::uint32_t unit = program().unitIndex.at(unitCode);
    return [this, unit](std::uint32_t openSet) {
      const std::uint32_t set = program().openSets.at(openSet);
      std::uint64_t mask = program().sets.at(set).mask;
      for (const auto& e : program().extensions)
        if (e.set == set && std::find(e.units.begin(), e.units.end(), unit) != e.units.end())
          mask |= e.mask;
      return mask;
    };
  }

  // The runtime's truth of rule `id`'s condition on the descriptor `json`.
  eval::Truth replay(const std::string& id, const std::string& json,
                     const std::string& unitCode) const {
    eval::DescriptorParser parser(*bundle_);
    eval::Facts facts;
    const auto error = parser.parse(json, facts);
    EXPECT_FALSE(error.has_value()) << json << ": " << (error ? error->message : "");
    EXPECT_TRUE(facts.invalid.empty())
        << json << ": " << (facts.invalid.empty() ? "" : facts.invalid[0]);
    EXPECT_TRUE(facts.warnings.empty())
        << json << ": " << (facts.warnings.empty() ? "" : facts.warnings[0]);
    std::uint32_t rule = 0;
    while (rule < bundle_->rules.size() && bundle_->rules[rule].id != id) ++rule;
    std::uint32_t unit = 0;
    while (unit < bundle_->units.size() && bundle_->units[unit].code != unitCode) ++unit;
    return evaluator_->evaluate(bundle_->rules.at(rule).condition, facts, unit);
  }

 private:
  std::filesystem::path root_;
  driver::Compilation compilation_;
  std::optional<ir::Bundle> bundle_;
  std::unique_ptr<eval::Evaluator> evaluator_;
};

}  // namespace zr::audit::testing

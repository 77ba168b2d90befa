// The audit checks of LANGUAGE.md §6, one class per check (composed in Audit.cpp). Each reads
// the shared AuditContext and appends findings; a finding with a witness is only appended once
// the witness has passed its replay.
#pragma once

#include <memory>
#include <vector>

#include "compiler/audit/AuditContext.h"
#include "compiler/audit/Finding.h"

namespace zr::geo {
struct GeometrySet;
}

namespace zr::audit {

class Check {
 public:
  virtual ~Check() = default;
  virtual const char* name() const = 0;
  virtual void run(AuditContext& context, std::vector<Finding>& findings) = 0;
};

// ZR0501 / ZR0503 / ZR0504 / ZR0509: a `refine` weaker than the rule it replaces — in what it
// refuses or in when it is in force — or replacing it nowhere, or not decided exactly.
class RelaxationCheck final : public Check {
 public:
  const char* name() const override { return "relaxation"; }
  void run(AuditContext& context, std::vector<Finding>& findings) override;
};

// ZR0510 / ZR0560: a city rule implied by a province rule on all its units: a looser duplicate
// of a province limit (the province governs), or a redundant rule.
class DuplicateCheck final : public Check {
 public:
  const char* name() const override { return "duplicate"; }
  void run(AuditContext& context, std::vector<Finding>& findings) override;
};

// ZR0520: two requirements that no project meeting both guards can satisfy, on some unit.
class ContradictionCheck final : public Check {
 public:
  const char* name() const override { return "contradiction"; }
  void run(AuditContext& context, std::vector<Finding>& findings) override;
};

// ZR0521 / ZR0530 / ZR0531: a city rule that refuses every project it applies to, or none.
class DeadRuleCheck final : public Check {
 public:
  const char* name() const override { return "dead"; }
  void run(AuditContext& context, std::vector<Finding>& findings) override;
};

// ZR0532: a city requirement only on projects that another rule already refuses.
class ShadowCheck final : public Check {
 public:
  const char* name() const override { return "shadowed"; }
  void run(AuditContext& context, std::vector<Finding>& findings) override;
};

// ZR0540–ZR0543: the city's units against the province inventory.
class InventoryCheck final : public Check {
 public:
  const char* name() const override { return "inventory"; }
  void run(AuditContext& context, std::vector<Finding>& findings) override;
};

// ZR0550: cycles among imports, parents, sets and definitions.
class CycleCheck final : public Check {
 public:
  const char* name() const override { return "cycle"; }
  void run(AuditContext& context, std::vector<Finding>& findings) override;
};

// ZR0570–ZR0572: the geometry of a city's units — overlapping units, territory its units leave
// uncovered, units lying in a region they do not declare.
class GeometryCheck final : public Check {
 public:
  explicit GeometryCheck(std::shared_ptr<const geo::GeometrySet> geometry)
      : geometry_(std::move(geometry)) {}
  const char* name() const override { return "geometry"; }
  void run(AuditContext& context, std::vector<Finding>& findings) override;

 private:
  std::shared_ptr<const geo::GeometrySet> geometry_;
};

}  // namespace zr::audit

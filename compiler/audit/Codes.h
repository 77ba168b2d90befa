// Every audit finding code, its check and a one-line summary (SARIF rule metadata; the same
// table is in docs/audit.md, and a test keeps the two in step).
#pragma once

#include <array>
#include <string_view>

namespace zr::audit {

struct CodeInfo {
  std::string_view code, check, summary;
};

inline constexpr std::array<CodeInfo, 16> kCodes{{
    {"ZR0501", "relaxation", "a refine refuses less than the rule it replaces"},
    {"ZR0502", "relaxation", "a city extends a set the province did not open"},
    {"ZR0503", "relaxation", "a refine is in force for a shorter time than the rule it replaces"},
    {"ZR0504", "relaxation", "a refine applies on none of the units of the rule it refines"},
    {"ZR0509", "relaxation",
     "a refine could not be proved at least as strict (not decided exactly)"},
    {"ZR0510", "looser-duplicate", "a city limit looser than the province's on the same units"},
    {"ZR0520", "contradiction", "two requirements no project meeting both conditions can satisfy"},
    {"ZR0521", "contradiction", "a requirement no project it applies to can meet"},
    {"ZR0530", "dead", "a rule whose condition no project satisfies"},
    {"ZR0531", "dead", "a requirement every project it applies to already meets"},
    {"ZR0532", "shadowed", "a requirement only on projects another rule already refuses"},
    {"ZR0540", "inventory", "a unit unknown to the province inventory"},
    {"ZR0541", "inventory", "a unit class different from the province's"},
    {"ZR0542", "inventory", "a unit in a county outside the city"},
    {"ZR0543", "inventory", "province units the city never declares"},
    {"ZR0550", "cycle", "a cycle among imports, parents, sets or definitions"},
}};

// The geometry checks (`zr audit --geometry`), ZR0570–ZR0579; their golden cases run through
// the command line (tests/golden/audit-geo/), since they need geometry files.
inline constexpr std::array<CodeInfo, 3> kGeometryCodes{{
    {"ZR0570", "geometry", "two units of a city overlap"},
    {"ZR0571", "geometry", "the city's units leave part of its territory uncovered"},
    {"ZR0572", "geometry", "a unit lies mostly in a region it does not declare"},
}};

// ZR0560 (redundancy) is informational and listed separately so the table above stays the
// set of findings that can fail an audit.
inline constexpr CodeInfo kRedundancy{"ZR0560", "redundancy",
                                      "a city rule implied by a province rule"};

}  // namespace zr::audit

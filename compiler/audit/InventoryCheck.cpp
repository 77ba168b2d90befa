// The province inventory is authoritative for unit codes and classes (LANGUAGE.md §1): a city
// may detail its units, not invent them, reclassify them or claim another city's counties.
#include <string>

#include "compiler/audit/Checks.h"

namespace zr::audit {

namespace {

bool startsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

const char* className(ast::UnitClass unitClass) {
  switch (unitClass) {
    case ast::UnitClass::Priority:
      return "优先保护 priority";
    case ast::UnitClass::Key:
      return "重点管控 key";
    case ast::UnitClass::General:
      return "一般管控 general";
  }
  return "";
}

}  // namespace

void InventoryCheck::run(AuditContext& context, std::vector<Finding>& findings) {
  const sema::Program& program = context.program();
  auto isProvinceList = [&](std::uint32_t list) {
    return list < program.lists.size() && program.lists[list].level == ast::Level::Province &&
           !program.lists[list].isModule;
  };
  bool provinceHasInventory = false;
  for (const auto& unit : program.units)
    for (std::uint32_t list : unit.declLists) provinceHasInventory |= isProvinceList(list);

  for (std::uint32_t city = 0; city < program.lists.size(); ++city) {
    const sema::ListInfo& cityList = program.lists[city];
    if (!context.isCityList(city) || cityList.isModule) continue;
    std::vector<std::uint32_t> undeclared;
    for (std::uint32_t u = 0; u < program.units.size(); ++u) {
      const sema::UnitInfo& unit = program.units[u];
      const ast::UnitDecl* provinceDecl = nullptr;
      const ast::UnitDecl* cityDecl = nullptr;
      for (std::size_t i = 0; i < unit.decls.size(); ++i) {
        if (isProvinceList(unit.declLists[i]) && !provinceDecl) provinceDecl = unit.decls[i];
        if (unit.declLists[i] == city && !cityDecl) cityDecl = unit.decls[i];
      }
      if (!cityDecl) {
        if (provinceDecl && startsWith(unit.code.substr(2), cityList.prefix) &&
            !cityList.prefix.empty())
          undeclared.push_back(u);
        continue;
      }
      Finding f;
      f.check = "inventory";
      f.severity = FindingSeverity::Error;
      f.units = {unit.code};
      if (!provinceDecl && provinceHasInventory) {
        f.code = "ZR0540";
        f.span = cityDecl->codeSpan;
        f.related.push_back({cityList.span, "declared by " + cityList.name});
        f.message = "unit " + unit.code + " is not in the province's inventory of units";
        f.hint =
            "the province inventory is authoritative for codes: use the province's code, or "
            "have the unit added to the province inventory first";
        findings.push_back(f);
      } else if (provinceDecl && provinceDecl->unitClass != cityDecl->unitClass) {
        f.code = "ZR0541";
        f.span = cityDecl->classSpan.valid() ? cityDecl->classSpan : cityDecl->codeSpan;
        f.related.push_back(
            {provinceDecl->classSpan.valid() ? provinceDecl->classSpan : provinceDecl->codeSpan,
             std::string("the province inventory classes it ") +
                 className(provinceDecl->unitClass)});
        f.message = std::string("unit ") + unit.code + " is declared " +
                    className(cityDecl->unitClass) + " but the province classes it " +
                    className(provinceDecl->unitClass);
        f.hint = "the province's class governs; align the city's declaration";
        findings.push_back(f);
      }
      if (!cityDecl->county.empty() && !cityList.prefix.empty() &&
          !startsWith(cityDecl->county, cityList.prefix)) {
        Finding g;
        g.check = "inventory";
        g.severity = FindingSeverity::Error;
        g.units = {unit.code};
        g.code = "ZR0542";
        g.span = cityDecl->countySpan.valid() ? cityDecl->countySpan : cityDecl->codeSpan;
        g.related.push_back(
            {cityList.span, cityList.name + " has jurisdiction " + cityList.jurisdiction});
        g.message = "unit " + unit.code + " lies in county " + cityDecl->county +
                    ", outside the city's jurisdiction " + cityList.jurisdiction;
        g.hint = "a city declares only units of its own counties";
        findings.push_back(std::move(g));
      }
    }
    if (!undeclared.empty()) {
      Finding f;
      f.code = "ZR0543";
      f.check = "inventory";
      f.severity = FindingSeverity::Warning;
      f.span = cityList.span;
      const ast::UnitDecl* first = nullptr;
      const sema::UnitInfo& firstUnit = program.units[undeclared.front()];
      for (std::size_t i = 0; i < firstUnit.decls.size(); ++i)
        if (isProvinceList(firstUnit.declLists[i])) first = firstUnit.decls[i];
      if (first)
        f.related.push_back(
            {first->codeSpan, "e.g. " + firstUnit.code + " in the province inventory"});
      std::string shown;
      for (std::size_t i = 0; i < undeclared.size(); ++i) {
        if (i < 10) f.units.push_back(program.units[undeclared[i]].code);
        if (i < 3) shown += (i ? ", " : "") + program.units[undeclared[i]].code;
      }
      if (undeclared.size() > 3) shown += " …";
      f.message = std::to_string(undeclared.size()) + " unit(s) of the province inventory in " +
                  cityList.jurisdiction + " are not declared by " + cityList.name + ": " + shown;
      f.hint = "declare every unit of the city, with its name and county, in the city list";
      findings.push_back(std::move(f));
    }
  }
}

}  // namespace zr::audit

// Pass 1: every file belongs to one access list (by its header's name) or is a module.
#include <set>

#include "compiler/sema/Sema.h"

namespace zr::sema {
namespace {

bool isAdminCode(const std::string& code) {
  if (code.size() != 6) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string jurisdictionPrefix(const std::string& code) {
  std::string prefix = code;
  while (prefix.size() >= 2 && prefix.ends_with("00")) prefix.resize(prefix.size() - 2);
  return prefix;
}

}  // namespace

void bindLists(Program& program, DiagnosticSink& sink) {
  program.fileList.assign(program.files.size(), kNone);
  for (std::size_t i = 0; i < program.files.size(); ++i) {
    const ast::File& file = *program.files[i];
    ListInfo info;
    if (file.header) {
      const auto& h = *file.header;
      info.name = h.name;
      info.level = h.level;
      info.jurisdiction = h.jurisdiction;
      info.parentName = h.parent;
      info.span = h.span;
      if (!isAdminCode(h.jurisdiction)) {
        sink.error("ZR0401", h.span,
                   "jurisdiction '" + h.jurisdiction +
                       "' is not a 6-digit GB/T 2260 administrative code")
            .hint = "for example 360000 (江西省) or 361100 (上饶市)";
      }
      info.prefix = jurisdictionPrefix(h.jurisdiction);
    } else if (file.module) {
      info.name = file.module->name;
      info.isModule = true;
      info.level = file.module->level.value_or(ast::Level::Nation);
      info.span = file.module->span;
    } else {
      sink.error("ZR0402", SourceSpan{program.fileIds[i], 1, 1, 1, 2},
                 "file has neither an `accesslist` header nor a `module` declaration")
          .hint = "start the file with: accesslist \"名称\" level province jurisdiction 360000";
      continue;
    }
    auto [it, inserted] = program.listIndex.emplace(info.name, program.lists.size());
    if (inserted) {
      program.lists.push_back(info);
    } else {
      const ListInfo& first = program.lists[it->second];
      if (info.isModule != first.isModule || info.level != first.level ||
          info.jurisdiction != first.jurisdiction || info.parentName != first.parentName) {
        auto& d = sink.error("ZR0407", info.span,
                             "header of '" + info.name + "' differs from its first declaration");
        d.notes.push_back({first.span, "first declared here"});
        d.hint = "every file of one list repeats the same header";
      }
    }
    program.fileList[i] = it->second;
  }
  for (auto& list : program.lists) {
    if (list.parentName.empty()) {
      if (list.level == ast::Level::City && !list.isModule)
        sink.warning("ZR0408", list.span, "city list '" + list.name + "' names no parent list")
            .hint = "add `parent \"<province list name>\"` so the audit can check it";
      continue;
    }
    auto it = program.listIndex.find(list.parentName);
    if (it == program.listIndex.end()) {
      sink.error("ZR0211", list.span, "unknown parent list '" + list.parentName + "'").hint =
          "compile the parent list's files together with this list";
      continue;
    }
    list.parent = it->second;
  }
  // Parent cycles: follow each chain; a chain longer than the list count loops.
  for (std::size_t i = 0; i < program.lists.size(); ++i) {
    std::set<std::uint32_t> seen;
    std::uint32_t at = static_cast<std::uint32_t>(i);
    while (at != kNone && seen.insert(at).second) at = program.lists[at].parent;
    if (at == i) {
      std::string cycle = program.lists[i].name;
      for (std::uint32_t k = program.lists[i].parent; k != i; k = program.lists[k].parent)
        cycle += " -> " + program.lists[k].name;
      sink.error("ZR0409", program.lists[i].span,
                 "parent cycle: " + cycle + " -> " + program.lists[i].name);
      program.lists[i].parent = kNone;
    }
  }
}

}  // namespace zr::sema

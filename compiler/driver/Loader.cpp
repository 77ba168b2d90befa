#include "compiler/driver/Loader.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "compiler/driver/Preparse.h"
#include "compiler/syntax/ParseFile.h"
#include "compiler/util/Suggest.h"

namespace zr::driver {
namespace fs = std::filesystem;

std::string defaultStdlibDir() {
  if (const char* env = std::getenv("ZR_STDLIB"); env && *env) return env;
  return ZR_STDLIB_DIR;
}

namespace {

constexpr const char* kStdPrefix = "<std>/";

struct Loader {
  const LoadOptions& options;
  SourceManager& sources;
  DiagnosticSink& sink;
  sema::Program& program;
  std::map<std::string, bool> state;  // canonical path -> finished (false: on the stack)
  struct Frame {
    std::string key, display;
    SourceSpan importSite;
  };
  std::vector<Frame> stack;  // files being loaded, outermost first
  bool ok = true;

  // Display path: as given for user files, "<std>/…" for the standard library, so that
  // diagnostics, IR spans and bundle hashes do not depend on where the tree is checked out.
  std::string displayPath(const fs::path& resolved, const std::string& given) const {
    std::error_code ec;
    auto stdRoot = fs::weakly_canonical(options.stdlibDir, ec);
    auto canonical = fs::weakly_canonical(resolved, ec);
    auto relative = canonical.lexically_relative(stdRoot);
    if (!relative.empty() && *relative.begin() != "..")
      return kStdPrefix + relative.generic_string();
    return given;
  }

  std::vector<std::string> stdModules() const {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(options.stdlibDir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().extension() != ".zr") continue;
      auto relative = fs::relative(it->path(), options.stdlibDir, ec).replace_extension();
      std::string name = "std";
      for (const auto& part : relative) {
        name += '.';
        name += part.string();
      }
      names.push_back(name);
    }
    return names;
  }

  // `pre`: the file read and perhaps parsed ahead (Preparse.h), for files given by the user.
  void load(const fs::path& path, const std::string& given, SourceSpan importSite,
            Preparsed* pre = nullptr) {
    std::error_code ec;
    std::string key = fs::weakly_canonical(path, ec).string();
    if (auto it = state.find(key); it != state.end()) {
      if (!it->second) reportCycle(key, importSite);
      return;
    }
    std::string text;
    if (pre && pre->read) {
      text = pre->text;
    } else {
      std::ifstream in(path, std::ios::binary);
      if (!in || fs::is_directory(path, ec)) {
        auto& d = sink.error("ZR0004", importSite, "cannot read '" + given + "'");
        d.hint = importSite.valid() ? "check the module name and the standard library directory"
                                    : "check the file name";
        ok = false;
        return;
      }
      std::ostringstream buffer;
      buffer << in.rdbuf();
      text = buffer.str();
    }
    std::string display = displayPath(path, given);
    std::uint32_t id = sources.add(display, std::move(text));
    state[key] = false;
    stack.push_back({key, display, importSite});
    std::optional<ast::File> file;
    if (pre && pre->parsed && pre->id == id) {
      for (const Diagnostic& d : pre->diagnostics.all()) sink.report(d);
      file = std::move(pre->file);
    } else {
      file = syntax::parseFile(sources, id, sink);
    }
    if (!file) {
      ok = false;
    } else {
      auto owned = std::make_unique<ast::File>(std::move(*file));
      owned->path = display;
      const ast::File& parsed = *owned;
      program.files.push_back(std::move(owned));
      program.fileIds.push_back(id);
      for (const auto& decl : parsed.decls) {
        if (const auto* import = std::get_if<ast::ImportDecl>(&decl)) resolveImport(*import, path);
      }
    }
    stack.pop_back();
    state[key] = true;
  }

  void resolveImport(const ast::ImportDecl& import, const fs::path& from) {
    std::string relative;
    for (char c : import.module) relative += c == '.' ? '/' : c;
    relative += ".zr";
    fs::path target;
    if (import.module.rfind("std.", 0) == 0) {
      target = fs::path(options.stdlibDir) / relative.substr(4);
      std::error_code ec;
      if (!fs::exists(target, ec)) {
        auto& d = sink.error("ZR0208", import.span, "unknown module '" + import.module + "'");
        d.hint = didYouMean(import.module, stdModules());
        ok = false;
        return;
      }
    } else {
      target = from.parent_path() / relative;
      std::error_code ec;
      if (!fs::exists(target, ec)) {
        auto& d = sink.error("ZR0208", import.span, "unknown module '" + import.module + "'");
        d.hint =
            "modules outside std.* are looked up next to the importing file, as '" + relative + "'";
        ok = false;
        return;
      }
    }
    load(target, target.generic_string(), import.span);
  }

  void reportCycle(const std::string& key, SourceSpan importSite) {
    std::size_t start = 0;
    while (start < stack.size() && stack[start].key != key) ++start;
    std::string cycle;
    for (std::size_t i = start; i < stack.size(); ++i) cycle += stack[i].display + " -> ";
    cycle += stack[start].display;
    auto& d = sink.error("ZR0209", importSite, "import cycle: " + cycle);
    for (std::size_t i = start + 1; i < stack.size(); ++i)
      d.notes.push_back({stack[i].importSite, "'" + stack[i].display + "' is imported here"});
    d.hint = "move what both files need into a module that imports neither";
    ok = false;
  }
};

}  // namespace

bool loadSources(const std::vector<std::string>& paths, const LoadOptions& options,
                 SourceManager& sources, DiagnosticSink& sink, sema::Program& program) {
  Loader loader{options, sources, sink, program, {}, {}, true};
  std::vector<Preparsed> pre = preparse(paths, sources.fileCount() + 1);
  for (std::size_t i = 0; i < paths.size(); ++i)
    loader.load(paths[i], paths[i], SourceSpan{}, pre.empty() ? nullptr : &pre[i]);
  return loader.ok;
}

}  // namespace zr::driver

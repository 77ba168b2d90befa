#include "compiler/diag/SourceManager.h"

#include <utility>

namespace zr {
namespace {

const std::string kEmpty;

}  // namespace

std::uint32_t SourceManager::add(std::string path, std::string text) {
  File file;
  file.path = std::move(path);
  file.text = std::move(text);
  // Lines end at '\n' (as the lexer counts them); a trailing '\r' is dropped by line().
  file.lineStarts.push_back(0);
  for (std::size_t i = 0; i < file.text.size(); ++i)
    if (file.text[i] == '\n') file.lineStarts.push_back(i + 1);
  files_.push_back(std::move(file));
  return static_cast<std::uint32_t>(files_.size());
}

const std::string& SourceManager::path(std::uint32_t file) const {
  if (file == 0 || file > files_.size()) return kEmpty;
  return files_[file - 1].path;
}

const std::string& SourceManager::text(std::uint32_t file) const {
  if (file == 0 || file > files_.size()) return kEmpty;
  return files_[file - 1].text;
}

std::string_view SourceManager::line(std::uint32_t file, std::uint32_t line) const {
  if (file == 0 || file > files_.size() || line == 0) return {};
  const File& f = files_[file - 1];
  if (line > f.lineStarts.size()) return {};
  std::size_t begin = f.lineStarts[line - 1];
  std::size_t end = line < f.lineStarts.size() ? f.lineStarts[line] - 1 : f.text.size();
  std::string_view view(f.text);
  view = view.substr(begin, end - begin);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  // A UTF-8 byte-order mark is not part of the text: columns on line 1 start after it.
  if (line == 1 && view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
  return view;
}

}  // namespace zr

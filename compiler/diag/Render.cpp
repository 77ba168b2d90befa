#include "compiler/diag/Render.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

namespace zr {
namespace {

// One decoded code point; invalid bytes decode one at a time as U+FFFD, so that a line holding
// malformed UTF-8 (diagnostic ZR0001) still renders and its columns count one per bad byte.
struct Decoded {
  char32_t cp;
  std::size_t length;
  bool valid;
};

Decoded decode(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) return {b0, 1, true};
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return {0xFFFD, 1, false};
  }
  if (i + length > s.size()) return {0xFFFD, 1, false};
  for (std::size_t k = 1; k < length; ++k) {
    unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1, false};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1, false};
  return {cp, length, true};
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Terminal columns taken by a code point: 2 for East Asian wide and full-width characters
// (Han, kana, Hangul, CJK punctuation such as 《》，), 0 for invisible ones, 1 otherwise.
int displayWidth(char32_t cp) {
  // Zero width: combining marks, zero-width spaces and joiners, the byte-order mark.
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF) return 0;
  if (cp < 0x1100) return 1;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x2FFFD) ||
      (cp >= 0x30000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

std::string location(const SourceSpan& span, const SourceManager& sources) {
  std::string out = sources.path(span.file);
  if (span.line != 0) {
    out += ':' + std::to_string(span.line);
    if (span.column != 0) out += ':' + std::to_string(span.column);
  }
  return out;
}

// The source line (invalid bytes shown as U+FFFD) and the caret line under `span`.
void appendSnippet(std::string& out, const SourceSpan& span, const SourceManager& sources) {
  std::string_view text = sources.line(span.file, span.line);
  std::vector<char32_t> cps;
  std::string shown;
  for (std::size_t i = 0; i < text.size();) {
    Decoded d = decode(text, i);
    cps.push_back(d.cp);
    appendUtf8(shown, d.cp);
    i += d.length;
  }
  out += shown;
  out += '\n';

  std::size_t column = span.column == 0 ? 1 : span.column;  // 1-based
  std::string caret;
  for (std::size_t i = 0; i + 1 < column; ++i) {
    if (i < cps.size() && cps[i] == U'\t') {
      caret += '\t';
    } else {
      caret.append(i < cps.size() ? static_cast<std::size_t>(displayWidth(cps[i])) : 1, ' ');
    }
  }
  std::size_t first = column - 1;
  caret += '^';
  if (first < cps.size() && displayWidth(cps[first]) > 1) caret += '~';
  // Continue to the end of the span, or to the end of the line when the span goes on.
  std::size_t end = first + 1;
  if (span.endLine == span.line && span.endColumn > column) {
    end = span.endColumn - 1;
  } else if (span.endLine > span.line) {
    end = cps.size();
  }
  for (std::size_t i = first + 1; i < end && i < cps.size(); ++i)
    caret.append(static_cast<std::size_t>(cps[i] == U'\t' ? 1 : displayWidth(cps[i])), '~');
  out += caret;
  out += '\n';
}

nlohmann::ordered_json orNull(bool present, std::uint32_t value) {
  return present ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::string renderText(const Diagnostic& diagnostic, const SourceManager& sources) {
  std::string out;
  bool located = diagnostic.span.file != 0;
  if (located) out += location(diagnostic.span, sources) + ": ";
  out += severityName(diagnostic.severity);
  out += '[' + diagnostic.code + "]: " + diagnostic.message + '\n';
  if (diagnostic.span.valid()) appendSnippet(out, diagnostic.span, sources);
  for (const auto& note : diagnostic.notes) {
    if (note.span.file != 0) out += location(note.span, sources) + ": ";
    out += "note: " + note.message + '\n';
  }
  if (!diagnostic.hint.empty()) out += "hint: " + diagnostic.hint + '\n';
  return out;
}

std::string renderText(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources) {
  std::string out;
  for (const auto& diagnostic : diagnostics) out += renderText(diagnostic, sources);
  return out;
}

std::string renderLocation(const SourceSpan& span, const SourceManager& sources) {
  return location(span, sources);
}

void appendSourceSnippet(std::string& out, const SourceSpan& span, const SourceManager& sources) {
  appendSnippet(out, span, sources);
}

std::string renderJson(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources) {
  using Json = nlohmann::ordered_json;
  Json array = Json::array();
  for (const auto& d : diagnostics) {
    bool located = d.span.file != 0;
    bool lined = located && d.span.line != 0;
    Json item;
    item["code"] = d.code;
    item["severity"] = severityName(d.severity);
    item["message"] = d.message;
    item["file"] = located ? Json(sources.path(d.span.file)) : Json(nullptr);
    item["line"] = orNull(lined, d.span.line);
    item["column"] = orNull(lined, d.span.column);
    item["end_line"] = orNull(lined, d.span.endLine);
    item["end_column"] = orNull(lined, d.span.endColumn);
    Json notes = Json::array();
    for (const auto& note : d.notes) {
      bool noteLocated = note.span.file != 0;
      bool noteLined = noteLocated && note.span.line != 0;
      Json n;
      n["file"] = noteLocated ? Json(sources.path(note.span.file)) : Json(nullptr);
      n["line"] = orNull(noteLined, note.span.line);
      n["column"] = orNull(noteLined, note.span.column);
      n["message"] = note.message;
      notes.push_back(std::move(n));
    }
    item["notes"] = std::move(notes);
    item["hint"] = d.hint.empty() ? Json(nullptr) : Json(d.hint);
    array.push_back(std::move(item));
  }
  // Messages quote source text, which the parser has validated; replace anything else rather
  // than throw while reporting.
  return array.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace zr

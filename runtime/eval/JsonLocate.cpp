#include "runtime/eval/JsonLocate.h"

#include <fmt/format.h>

#include <vector>

namespace zr::eval {
namespace {

class Locator {
 public:
  Locator(std::string_view s, std::size_t maxDepth) : s_(s), maxDepth_(maxDepth) {}

  std::optional<std::string> run() {
    skipSpace();
    if (i_ == s_.size()) return fail("empty line: expected a JSON object");
    enum class Expect { Value, ValueOrClose, KeyOrClose, Key, Colon, After } state = Expect::Value;
    while (true) {
      skipSpace();
      const bool end = i_ == s_.size();
      const char c = end ? '\0' : s_[i_];
      switch (state) {
        case Expect::ValueOrClose:
          if (c == ']') {
            ++i_;
            stack_.pop_back();
            state = Expect::After;
            break;
          }
          [[fallthrough]];
        case Expect::Value:
          if (end) return fail("unexpected end of line: expected a value");
          if (c == '{' || c == '[') {
            stack_.push_back(c);
            if (stack_.size() > maxDepth_)
              return fail(fmt::format("nesting deeper than {} levels", maxDepth_));
            ++i_;
            state = c == '{' ? Expect::KeyOrClose : Expect::ValueOrClose;
          } else if (auto error = scalar()) {
            return error;
          } else {
            state = Expect::After;
          }
          break;
        case Expect::KeyOrClose:
          if (c == '}') {
            ++i_;
            stack_.pop_back();
            state = Expect::After;
            break;
          }
          [[fallthrough]];
        case Expect::Key:
          if (c != '"')
            return fail(state == Expect::Key ? "expected a string key after ','"
                                             : "expected a string key or '}'");
          if (auto error = string()) return error;
          state = Expect::Colon;
          break;
        case Expect::Colon:
          if (c != ':') return fail("expected ':' after an object key");
          ++i_;
          state = Expect::Value;
          break;
        case Expect::After:
          if (stack_.empty()) {
            if (!end) return fail("unexpected content after the JSON value");
            return std::nullopt;
          }
          if (c == ',') {
            ++i_;
            state = stack_.back() == '{' ? Expect::Key : Expect::Value;
          } else if ((c == '}' && stack_.back() == '{') || (c == ']' && stack_.back() == '[')) {
            ++i_;
            stack_.pop_back();
          } else {
            return fail(stack_.back() == '{' ? "expected ',' or '}' after an object member"
                                             : "expected ',' or ']' after an array element");
          }
          break;
      }
    }
  }

 private:
  std::optional<std::string> fail(std::string_view what) const {
    if (i_ >= s_.size()) return fmt::format("at column {} (end of line): {}", s_.size() + 1, what);
    return fmt::format("at column {}: {}", i_ + 1, what);
  }

  void skipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }
  static bool hex(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

  std::optional<std::string> string() {
    ++i_;  // opening quote
    while (i_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return std::nullopt;
      }
      if (c < 0x20) return fail("control character inside a string (escape it)");
      if (c == '\\') {
        if (i_ + 1 >= s_.size()) break;
        const char e = s_[i_ + 1];
        if (e == 'u') {
          for (std::size_t k = 2; k < 6; ++k)
            if (i_ + k >= s_.size() || !hex(s_[i_ + k])) {
              i_ += 1;
              return fail("\\u must be followed by 4 hex digits");
            }
          i_ += 6;
          continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' &&
            e != 't') {
          ++i_;
          return fail("invalid escape in a string");
        }
        i_ += 2;
        continue;
      }
      ++i_;
    }
    return fail("unterminated string");
  }

  std::optional<std::string> scalar() {
    const char c = s_[i_];
    if (c == '"') return string();
    for (std::string_view word : {"true", "false", "null"})
      if (c == word[0]) {
        if (s_.substr(i_, word.size()) != word)
          return fail("expected a value (an invalid literal)");
        i_ += word.size();
        return std::nullopt;
      }
    if (c == '-' || digit(c)) {
      if (s_[i_] == '-') ++i_;
      if (i_ >= s_.size() || !digit(s_[i_])) return fail("invalid number");
      if (s_[i_] == '0' && i_ + 1 < s_.size() && digit(s_[i_ + 1]))
        return fail("invalid number (leading zero)");
      while (i_ < s_.size() && digit(s_[i_])) ++i_;
      if (i_ < s_.size() && s_[i_] == '.') {
        ++i_;
        if (i_ >= s_.size() || !digit(s_[i_]))
          return fail("invalid number (digits expected after '.')");
        while (i_ < s_.size() && digit(s_[i_])) ++i_;
      }
      if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
        ++i_;
        if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
        if (i_ >= s_.size() || !digit(s_[i_]))
          return fail("invalid number (exponent digits expected)");
        while (i_ < s_.size() && digit(s_[i_])) ++i_;
      }
      return std::nullopt;
    }
    if (c == '\'') return fail("strings take double quotes in JSON");
    return fail("expected a value");
  }

  std::string_view s_;
  std::size_t maxDepth_;
  std::size_t i_ = 0;
  std::vector<char> stack_;
};

}  // namespace

std::optional<std::string> locateJsonError(std::string_view text, std::size_t maxDepth) {
  return Locator(text, maxDepth).run();
}

std::optional<std::size_t> firstInvalidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0)
      len = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
      len = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
      len = 4, cp = c & 0x07, min = 0x10000;
    else
      return i;
    if (i + len > text.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

}  // namespace zr::eval

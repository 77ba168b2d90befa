// The one exception the bundle reader and writer throw: a stable diagnostic code (ZR09xx, listed
// in docs/diagnostics.md and docs/ir.md) plus a message for people.
#pragma once

#include <stdexcept>
#include <string>

namespace zr::ir {

class BundleError : public std::runtime_error {
 public:
  BundleError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  // "ZR0901" not a bundle · "ZR0902" unsupported version · "ZR0903" truncated ·
  // "ZR0904" content hash mismatch · "ZR0905" corrupt content · "ZR0906" file I/O.
  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

}  // namespace zr::ir

// Bundle files (.zrb): a header line, then the canonical JSON body (docs/ir.md).
//
//   ZHUNRU-BUNDLE <version> sha256:<64 hex of the body> <body bytes>\n
//   <body>\n
//
// Writing is deterministic (same Bundle → same bytes). Reading verifies the header, the size
// and the hash, decodes the body and validates every index (checkBundle) before finalize().
#pragma once

#include <string>
#include <string_view>

#include "runtime/ir/BundleError.h"
#include "runtime/ir/Ir.h"

namespace zr::ir {

inline constexpr std::string_view kBundleMagic = "ZHUNRU-BUNDLE";

// The whole file content.
std::string writeBundle(const Bundle& bundle);
// Throws BundleError: ZR0901 not a bundle, ZR0902 unsupported version, ZR0903 truncated,
// ZR0904 hash mismatch, ZR0905 corrupt content. The result is finalized.
Bundle readBundle(std::string_view bytes);
// SHA-256 of the body, 64 lowercase hex digits (the header's "sha256:" value).
std::string bundleHash(const Bundle& bundle);

// File helpers; I/O failures throw BundleError ZR0906 (message names the path and the reason).
Bundle readBundleFile(const std::string& path);
void writeBundleFile(const std::string& path, const Bundle& bundle);

}  // namespace zr::ir

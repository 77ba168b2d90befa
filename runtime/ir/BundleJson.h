// The JSON body of a bundle file (docs/ir.md, "Body"): the Bundle as canonical compact JSON.
// Encoding is deterministic: the same Bundle always gives the same bytes.
#pragma once

#include <string>
#include <string_view>

#include "runtime/ir/Ir.h"

namespace zr::ir {

std::string encodeBundleBody(const Bundle& bundle);
// Decodes a body into a Bundle. Throws BundleError ZR0905 when the text is not JSON or does not
// have the documented shape (missing field, wrong JSON type, unknown enum name). Indices are NOT
// checked here: see checkBundle (BundleCheck.h). Derived fields are left empty.
Bundle decodeBundleBody(std::string_view body);
// The same without copying the body: the caller guarantees that kBodyPadding bytes after
// body.end() are readable (their content does not matter).
inline constexpr std::size_t kBodyPadding = 64;
Bundle decodePaddedBundleBody(std::string_view body);

}  // namespace zr::ir

// The spatial parts of a screening record (docs/ir.md "Screening records"): the overlap of each
// geometry-resolved unit, the "site", "computed" and "conflicts" fields, and their lines in
// the text report. Kept apart from RecordWriter's hot path; each is a no-op for a record
// whose site is given by unit codes only.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/eval/Facts.h"
#include "runtime/eval/RecordWriter.h"
#include "runtime/ir/Ir.h"

namespace zr::eval {

// ,"measure":…,"share":… for a unit resolved from the site's geometry; nothing otherwise.
void appendUnitOverlapJson(const Facts& facts, std::uint32_t unit, std::string& out);
// ,"site":{…} ,"computed":[…] ,"conflicts":[…] (each only when there is something to say).
void appendSpatialJson(const ir::Bundle& bundle, const Facts& facts, std::string& out);
// The warning for a record without units.
std::string_view noUnitMessage(const Facts& facts, Lang lang);
// " (share 73.2 %)" after a unit's line in the text report; nothing when not resolved.
void appendUnitOverlapText(const Facts& facts, std::uint32_t unit, std::string& out, Lang lang);
// The "contradicted declarations" and "computed facts" lines of the text report.
void appendSpatialText(const ir::Bundle& bundle, const Facts& facts, std::string& out, Lang lang);

}  // namespace zr::eval

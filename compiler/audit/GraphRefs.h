// Internal to the dependency graph: the references a definition or rule body makes, found in
// the AST by name (so they are found even where sema could not type the body).
#pragma once

#include <tuple>
#include <vector>

#include "compiler/audit/DepGraph.h"

namespace zr::audit {

struct Ref {
  Vertex target = 0;
  EdgeKind edge = EdgeKind::Reads;
  SourceSpan span;
};

// Source order: file, then line, then column.
inline bool spanLess(const SourceSpan& a, const SourceSpan& b) {
  return std::tie(a.file, a.line, a.column, a.endLine, a.endColumn) <
         std::tie(b.file, b.line, b.column, b.endLine, b.endColumn);
}

// Appends the attributes (Reads), named sets (SetUse) and definitions (DefineUse) that a
// condition refers to. `byKind` maps [VertexKind][Program index] to vertices.
void collectConditionRefs(const sema::Program& program,
                          const std::vector<std::vector<Vertex>>& byKind, const ast::Expr& expr,
                          std::vector<Ref>& out);

}  // namespace zr::audit

#include "compiler/audit/GraphRefs.h"

namespace zr::audit {
namespace {

class RefCollector {
 public:
  RefCollector(const sema::Program& program, const std::vector<std::vector<Vertex>>& byKind,
               std::vector<Ref>& out)
      : p_(program), byKind_(byKind), out_(out) {}

  // A condition: a bare name is a definition.
  void condition(const ast::Expr& expr) {
    if (const auto* name = std::get_if<ast::NameRef>(&expr.node)) {
      if (auto it = p_.defineIndex.find(name->name); it != p_.defineIndex.end())
        add(VertexKind::Define, it->second, EdgeKind::DefineUse, expr.span);
      return;
    }
    std::visit([&](const auto& node) { visit(node, expr); }, expr.node);
  }

 private:
  // A value: a bare name is an enum value or industry code, not a reference.
  void value(const ast::Expr& expr) {
    if (std::holds_alternative<ast::NameRef>(expr.node)) return;
    std::visit([&](const auto& node) { visit(node, expr); }, expr.node);
  }

  void visit(const ast::AttrRef& node, const ast::Expr& expr) {
    if (auto it = p_.attributeIndex.find(node.name); it != p_.attributeIndex.end())
      add(VertexKind::Attribute, it->second, EdgeKind::Reads, expr.span);
  }
  void visit(const ast::Arith& node, const ast::Expr&) {
    value(*node.lhs);
    value(*node.rhs);
  }
  void visit(const ast::Compare& node, const ast::Expr&) {
    value(*node.lhs);
    value(*node.rhs);
  }
  void visit(const ast::Membership& node, const ast::Expr&) {
    value(*node.lhs);
    if (node.setName.empty()) return;
    if (auto it = p_.setIndex.find(node.setName); it != p_.setIndex.end())
      add(VertexKind::Set, it->second, EdgeKind::SetUse, node.setSpan);
  }
  void visit(const ast::And& node, const ast::Expr&) {
    condition(*node.lhs);
    condition(*node.rhs);
  }
  void visit(const ast::Or& node, const ast::Expr&) {
    condition(*node.lhs);
    condition(*node.rhs);
  }
  void visit(const ast::Not& node, const ast::Expr&) { condition(*node.operand); }
  template <typename Literal>
  void visit(const Literal&, const ast::Expr&) {}  // numbers, names, strings, dates, booleans

  void add(VertexKind kind, std::uint32_t index, EdgeKind edge, SourceSpan span) {
    const auto& vertices = byKind_[static_cast<std::size_t>(kind)];
    if (index < vertices.size()) out_.push_back({vertices[index], edge, span});
  }

  const sema::Program& p_;
  const std::vector<std::vector<Vertex>>& byKind_;
  std::vector<Ref>& out_;
};

}  // namespace

void collectConditionRefs(const sema::Program& program,
                          const std::vector<std::vector<Vertex>>& byKind, const ast::Expr& expr,
                          std::vector<Ref>& out) {
  RefCollector(program, byKind, out).condition(expr);
}

}  // namespace zr::audit

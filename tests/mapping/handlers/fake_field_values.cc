#include "tests/mapping/handlers/fake_field_values.h"

#include "mapping/handler_registry.h"

namespace migrate::mapping {

HandlerContext ContextFor(std::string document, std::string field, std::vector<std::string> fields) {
  HandlerContext context;
  context.document = std::move(document);
  context.field = std::move(field);
  context.fields = std::move(fields);
  return context;
}

HandlerRef Ref(std::string class_name, std::vector<HandlerParam> params) {
  HandlerRef ref;
  ref.class_name = std::move(class_name);
  ref.params = std::move(params);
  ref.file = "map.xml";
  ref.line = 7;
  return ref;
}

RunResult RunHandler(const HandlerRef& ref, const HandlerContext& context, Rows target, Rows opposite) {
  absl::StatusOr<std::unique_ptr<const Handler>> handler =
      HandlerRegistry::Default().Create(ref, context);
  if (!handler.ok()) return {handler.status(), {}};
  FakeFieldValues target_values(std::move(target));
  const FakeFieldValues opposite_values(std::move(opposite));
  absl::Status status = (*handler)->Handle(target_values, opposite_values);
  return {status, target_values.rows()};
}

std::vector<Cell> Column(const Rows& rows, size_t field) {
  std::vector<Cell> column;
  for (const auto& row : rows) column.push_back(row[field]);
  return column;
}

}  // namespace migrate::mapping

#include "mapping/handlers/broken_data_report.h"

#include "absl/strings/str_cat.h"

namespace migrate::mapping::handlers {
namespace {

std::optional<size_t> IdField(const HandlerContext& context) {
  if (context.id_field.empty()) return std::nullopt;
  return context.FieldIndex(context.id_field);
}

}  // namespace

BrokenDataReport::BrokenDataReport(const HandlerContext& context)
    : document_(context.document), field_(context.field), id_field_(IdField(context)), warn_(context.warn) {}

std::string BrokenDataReport::Message(const FieldValues& values, size_t row) const {
  return absl::StrCat("Could not unserialize data of ", document_, ".", field_, " with record id ",
                      id_field_.has_value() ? values.Value(row, *id_field_) : absl::string_view());
}

void BrokenDataReport::Warn(const FieldValues& values, size_t row) const {
  if (warn_) warn_(Message(values, row));
}

absl::Status BrokenDataReport::Error(const FieldValues& values, size_t row) const {
  return absl::DataLossError(Message(values, row));
}

}  // namespace migrate::mapping::handlers

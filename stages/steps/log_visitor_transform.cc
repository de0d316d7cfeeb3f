#include "stages/steps/log_visitor_transform.h"

#include <map>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "io/step_sql.h"

namespace migrate::stages {
namespace {

bool IsDecimalInteger(absl::string_view value) {
  return !value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return absl::ascii_isdigit(c); });
}

}  // namespace

absl::Status LogVisitorTransform::Apply(io::RowBatch& target, const io::RowBatch&) const {
  if (columns_.created_at.has_value() && columns_.last_visit_at.has_value()) {
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, *columns_.created_at) && !target.IsNull(row, *columns_.last_visit_at)) {
        target.SetValue(row, *columns_.created_at, std::string(target.Value(row, *columns_.last_visit_at)));
      }
    }
  }
  if (columns_.customer_id.has_value()) return FillCustomers(target);
  return absl::OkStatus();
}

absl::Status LogVisitorTransform::FillCustomers(io::RowBatch& target) const {
  mapping::SqlValues ids;
  for (size_t row = 0; row < target.row_count(); ++row) {
    const absl::string_view id = target.Value(row, columns_.visitor_id);
    if (IsDecimalInteger(id)) ids.emplace_back(std::string(id));
  }
  if (ids.empty()) return absl::OkStatus();
  absl::StatusOr<std::vector<mapping::SourceLookup::Row>> rows =
      lookup_->Query(io::VisitorCustomersSql(database_, log_customer_, ids.size()), ids);
  if (!rows.ok()) return rows.status();
  // Ordered by visitor, then log_id: the last login of a visitor is assigned last and wins.
  std::map<std::string, std::optional<std::string>, std::less<>> customers;
  for (const mapping::SourceLookup::Row& row : *rows) {
    if (row.size() == 2 && row[0].has_value()) customers[*row[0]] = row[1];
  }
  for (size_t row = 0; row < target.row_count(); ++row) {
    auto found = customers.find(target.Value(row, columns_.visitor_id));
    if (found == customers.end() || !found->second.has_value()) {
      target.SetNull(row, *columns_.customer_id);
    } else {
      target.SetValue(row, *columns_.customer_id, *found->second);
    }
  }
  return absl::OkStatus();
}

}  // namespace migrate::stages

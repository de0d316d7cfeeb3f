#include "io/result_set.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace migrate::io {

absl::StatusOr<std::string> ResultSet::Get(size_t row, absl::string_view column) const {
  if (row >= rows_.size()) {
    return absl::OutOfRangeError(absl::StrCat("row ", row, " of ", rows_.size()));
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] != column) continue;
    const std::optional<std::string>& value = rows_[row][i];
    if (!value.has_value()) {
      return absl::FailedPreconditionError(absl::StrCat("column ", column, " is NULL"));
    }
    return *value;
  }
  return absl::NotFoundError(absl::StrCat("no column ", column, " in result"));
}

absl::StatusOr<std::string> ResultSet::Scalar() const {
  if (rows_.size() != 1 || columns_.size() != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("expected one value, got ", rows_.size(), " rows of ", columns_.size(), " columns"));
  }
  if (!rows_[0][0].has_value()) return absl::FailedPreconditionError("the value is NULL");
  return *rows_[0][0];
}

}  // namespace migrate::io

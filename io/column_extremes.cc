#include "io/column_extremes.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/result_set.h"

namespace migrate::io {

absl::StatusOr<std::vector<Extremes>> ReadColumnExtremes(MysqlConnection& connection, const std::string& database,
                                                         const std::string& table,
                                                         const std::vector<ExtremeRequest>& requests) {
  std::vector<Extremes> extremes(requests.size());
  if (requests.empty()) return extremes;
  std::vector<std::string> selected;
  for (const ExtremeRequest& request : requests) {
    const std::string column = QuoteIdentifier(request.column);
    switch (request.kind) {
      case ExtremeKind::kCharLength:
        selected.push_back(absl::StrCat("MAX(CHAR_LENGTH(", column, "))"));
        break;
      case ExtremeKind::kByteLength:
        selected.push_back(absl::StrCat("MAX(LENGTH(", column, "))"));
        break;
      case ExtremeKind::kRange:
        selected.push_back(absl::StrCat("MIN(", column, ")"));
        selected.push_back(absl::StrCat("MAX(", column, ")"));
        break;
    }
  }
  absl::StatusOr<ResultSet> result = connection.Query(absl::StrCat(
      "SELECT ", absl::StrJoin(selected, ", "), " FROM ", QuoteIdentifier(database), ".", QuoteIdentifier(table)));
  if (!result.ok()) return result.status();
  if (result->size() != 1 || result->rows()[0].size() != selected.size()) {
    return absl::InternalError(absl::StrCat("unexpected result reading the extremes of ", table));
  }
  const Row& row = result->rows()[0];
  size_t at = 0;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (requests[i].kind == ExtremeKind::kRange) {
      extremes[i].min = row[at++];
      extremes[i].max = row[at++];
    } else {
      extremes[i].longest = row[at++];
    }
  }
  return extremes;
}

}  // namespace migrate::io

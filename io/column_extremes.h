// The longest value, or the smallest and largest, that some columns of one table hold: what the
// integrity check reads for the columns whose destination is narrower, in one scan of the table.
#ifndef MIGRATE_IO_COLUMN_EXTREMES_H_
#define MIGRATE_IO_COLUMN_EXTREMES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/mysql_connection.h"

namespace migrate::io {

enum class ExtremeKind {
  kCharLength,  // MAX(CHAR_LENGTH(column))
  kByteLength,  // MAX(LENGTH(column))
  kRange,       // MIN(column), MAX(column)
};

struct ExtremeRequest {
  std::string column;
  ExtremeKind kind = ExtremeKind::kCharLength;
};

// As the server writes them; nullopt for a table without a non-NULL value in the column.
struct Extremes {
  std::optional<std::string> longest;  // kCharLength, kByteLength
  std::optional<std::string> min;      // kRange
  std::optional<std::string> max;      // kRange
};

// One Extremes per request, in order.
absl::StatusOr<std::vector<Extremes>> ReadColumnExtremes(MysqlConnection& connection, const std::string& database,
                                                         const std::string& table,
                                                         const std::vector<ExtremeRequest>& requests);

}  // namespace migrate::io

#endif  // MIGRATE_IO_COLUMN_EXTREMES_H_

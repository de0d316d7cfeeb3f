#include "io/key_range_splitter.h"

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "io/mysql_error.h"
#include "io/prepared_query.h"

namespace migrate::io {
namespace {

// The single row of `sql` as a key, or nullopt when it returns no row.
absl::StatusOr<std::optional<Key>> QueryKey(MysqlConnection& connection, const BoundSql& sql) {
  absl::StatusOr<ResultSet> result = QueryBoundText(connection, sql.sql, sql.values);
  if (!result.ok()) return result.status();
  if (result->empty()) return std::nullopt;
  Key key;
  for (const std::optional<std::string>& value : result->rows()[0]) {
    if (!value.has_value()) return absl::FailedPreconditionError("a key column holds NULL");
    key.push_back(*value);
  }
  return key;
}

std::string SelectKey(const std::vector<KeyColumn>& key, const TableSchema& table) {
  return absl::StrCat("SELECT ", KeyOrder(key), " FROM ", QualifiedName(table.database, table.name));
}

// Boundaries at equal steps of the leading integer column: the last key at or below each step.
absl::StatusOr<std::vector<Key>> IntegerBoundaries(MysqlConnection& connection, const TableSchema& table,
                                                   const std::vector<KeyColumn>& key, size_t chunk_count) {
  const std::string leading = QuoteIdentifier(key[0].name);
  absl::StatusOr<ResultSet> extent =
      connection.Query(absl::StrCat("SELECT MIN(", leading, "), MAX(", leading, ") FROM ",
                                    QualifiedName(table.database, table.name)));
  if (!extent.ok()) return extent.status();
  std::vector<Key> boundaries;
  const Row& row = extent->rows()[0];
  if (!row[0].has_value() || !row[1].has_value()) return boundaries;  // An empty table.
  absl::int128 low = 0;
  absl::int128 high = 0;
  if (!absl::SimpleAtoi(*row[0], &low) || !absl::SimpleAtoi(*row[1], &high)) {
    return absl::InternalError(absl::StrCat("MIN/MAX of ", key[0].name, " are not integers"));
  }
  for (size_t i = 1; i < chunk_count; ++i) {
    std::ostringstream step;
    step << low + (high - low) * static_cast<int64_t>(i) / static_cast<int64_t>(chunk_count);
    absl::StatusOr<std::optional<Key>> boundary =
        QueryKey(connection, BoundSql{absl::StrCat(SelectKey(key, table), " WHERE ", leading, " <= ? ORDER BY ",
                                                   KeyOrder(key, /*descending=*/true), " LIMIT 1"),
                                      {BoundValue::Number(step.str())}});
    if (!boundary.ok()) return boundary.status();
    if (!boundary->has_value()) continue;
    if (!boundaries.empty() && boundaries.back() == **boundary) continue;
    boundaries.push_back(std::move(**boundary));
  }
  return boundaries;
}

// Boundaries every `stride` rows of key order, each query starting after the previous boundary.
absl::StatusOr<std::vector<Key>> SampledBoundaries(MysqlConnection& connection, const TableSchema& table,
                                                   const std::vector<KeyColumn>& key, size_t chunk_count,
                                                   uint64_t stride) {
  std::vector<Key> boundaries;
  for (size_t i = 1; i < chunk_count; ++i) {
    BoundSql sql{SelectKey(key, table), {}};
    if (!boundaries.empty()) {
      sql.sql.append(" WHERE ");
      sql.Append(KeyAfterCondition(key, boundaries.back()));
    }
    absl::StrAppend(&sql.sql, " ORDER BY ", KeyOrder(key), " LIMIT 1 OFFSET ", stride - 1);
    absl::StatusOr<std::optional<Key>> boundary = QueryKey(connection, sql);
    if (!boundary.ok()) return boundary.status();
    if (!boundary->has_value()) break;
    boundaries.push_back(std::move(**boundary));
  }
  return boundaries;
}

}  // namespace

absl::StatusOr<std::vector<KeyRange>> SplitKeyRange(MysqlConnection& connection, const TableSchema& table,
                                                    const SplitOptions& options) {
  const std::vector<KeyColumn> key = table.ResumeKey();
  const uint64_t per_chunk = std::max<uint64_t>(options.min_rows_per_chunk, 1);
  const size_t chunk_count =
      std::min<uint64_t>(options.chunk_count, std::max<uint64_t>(table.estimated_rows / per_chunk, 1));
  std::vector<Key> boundaries;
  if (!key.empty() && chunk_count > 1) {
    const ColumnSchema* leading = table.FindColumn(key[0].name);
    const bool integer_leading = leading != nullptr && leading->IsInteger();
    absl::StatusOr<std::vector<Key>> found = std::vector<Key>();
    if (integer_leading) found = IntegerBoundaries(connection, table, key, chunk_count);
    // A composite key whose leading column has few distinct values splits better by sampling.
    const bool too_few = found.ok() && found->size() + 1 < chunk_count && key.size() > 1;
    if (!integer_leading || too_few) {
      found = SampledBoundaries(connection, table, key, chunk_count, table.estimated_rows / chunk_count);
    }
    if (!found.ok()) return WithContext(found.status(), absl::StrCat("splitting ", table.name));
    boundaries = std::move(*found);
  }
  std::vector<KeyRange> ranges(boundaries.size() + 1);
  for (size_t i = 0; i < boundaries.size(); ++i) {
    ranges[i].upto = boundaries[i];
    ranges[i + 1].after = boundaries[i];
  }
  return ranges;
}

}  // namespace migrate::io

#include "io/range_checksum.h"

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/prepared_query.h"

namespace migrate::io {
namespace {

std::string Normalised(const DigestColumn& column) {
  const std::string name = QuoteIdentifier(column.name);
  switch (column.normalisation) {
    case Normalisation::kBinary:
      return name;
    case Normalisation::kText:
      return absl::StrCat("CONVERT(", name, " USING utf8mb4)");
    case Normalisation::kDecimal:
      return absl::StrCat("CAST(", name, " AS DECIMAL(65,", column.scale, "))");
    case Normalisation::kFloat:
      return absl::StrCat("CAST(", name, " AS FLOAT)");
    case Normalisation::kDateTime:
      return absl::StrCat("CAST(", name, " AS DATETIME(6))");
    case Normalisation::kChar:
      return absl::StrCat("CONVERT(CAST(", name, " AS CHAR) USING utf8mb4)");
  }
  return name;
}

// The row's text: the normalised values, then one NULL flag per column.
std::string RowText(const DigestSpec& spec) {
  std::vector<std::string> parts;
  std::vector<std::string> flags;
  for (const DigestColumn& column : spec.columns) {
    parts.push_back(Normalised(column));
    flags.push_back(absl::StrCat("ISNULL(", QuoteIdentifier(column.name), ")"));
  }
  if (flags.empty()) return "''";
  parts.push_back(absl::StrCat("CONCAT(", absl::StrJoin(flags, ", "), ")"));
  return absl::StrCat("CONCAT_WS(CHAR(31), ", absl::StrJoin(parts, ", "), ")");
}

// " WHERE <after> AND <upto>" with its values, or nothing for an unbounded range.
BoundSql RangeCondition(const DigestSpec& spec, const KeyRange& range) {
  BoundSql condition;
  if (range.after.has_value()) {
    condition.sql.append(" WHERE ");
    condition.Append(KeyAfterCondition(spec.key, *range.after));
  }
  if (range.upto.has_value()) {
    condition.sql.append(range.after.has_value() ? " AND " : " WHERE ");
    condition.Append(KeyUptoCondition(spec.key, *range.upto));
  }
  return condition;
}

std::string KeyList(const DigestSpec& spec) {
  return absl::StrJoin(spec.key, ", ",
                       [](std::string* out, const KeyColumn& column) { out->append(QuoteIdentifier(column.name)); });
}

Key KeyOf(const Row& row, size_t key_size) {
  Key key;
  for (size_t i = 0; i < key_size; ++i) key.push_back(row[i].value_or(""));
  return key;
}

}  // namespace

absl::StatusOr<RangeDigest> DigestRange(MysqlConnection& connection, const DigestSpec& spec, const KeyRange& range) {
  BoundSql sql{absl::StrCat("SELECT COUNT(*), COALESCE(SUM(CRC32(", RowText(spec), ")), 0) FROM ",
                            QualifiedName(spec.database, spec.table)),
               {}};
  sql.Append(RangeCondition(spec, range));
  absl::StatusOr<ResultSet> result = QueryBoundText(connection, sql.sql, sql.values);
  if (!result.ok()) return result.status();
  if (result->size() != 1 || result->rows()[0].size() != 2) return absl::InternalError("a digest returned no row");
  RangeDigest digest;
  const Row& row = result->rows()[0];
  if (!absl::SimpleAtoi(row[0].value_or(""), &digest.rows)) return absl::InternalError("a digest's count is no number");
  digest.sum = row[1].value_or("0");
  return digest;
}

absl::StatusOr<std::vector<RowDigest>> DigestRows(MysqlConnection& connection, const DigestSpec& spec,
                                                  const KeyRange& range, size_t limit) {
  BoundSql sql{absl::StrCat("SELECT ", KeyList(spec), ", CRC32(", RowText(spec), ") FROM ",
                            QualifiedName(spec.database, spec.table)),
               {}};
  sql.Append(RangeCondition(spec, range));
  absl::StrAppend(&sql.sql, " ORDER BY ", KeyOrder(spec.key));
  if (limit > 0) absl::StrAppend(&sql.sql, " LIMIT ", limit);
  absl::StatusOr<ResultSet> result = QueryBoundText(connection, sql.sql, sql.values);
  if (!result.ok()) return result.status();
  std::vector<RowDigest> rows;
  rows.reserve(result->size());
  for (const Row& row : result->rows()) {
    RowDigest digest;
    digest.key = KeyOf(row, spec.key.size());
    if (!absl::SimpleAtoi(row.back().value_or(""), &digest.crc)) {
      return absl::InternalError("a row digest is no number");
    }
    rows.push_back(std::move(digest));
  }
  return rows;
}

absl::StatusOr<std::vector<Key>> SampleKeys(MysqlConnection& connection, const DigestSpec& spec, const KeyRange& range,
                                            uint64_t stride, size_t count) {
  std::vector<Key> keys;
  if (stride == 0) return keys;
  KeyRange rest = range;
  for (size_t i = 0; i < count; ++i) {
    BoundSql sql{absl::StrCat("SELECT ", KeyList(spec), " FROM ", QualifiedName(spec.database, spec.table)), {}};
    sql.Append(RangeCondition(spec, rest));
    absl::StrAppend(&sql.sql, " ORDER BY ", KeyOrder(spec.key), " LIMIT 1 OFFSET ", stride - 1);
    absl::StatusOr<ResultSet> result = QueryBoundText(connection, sql.sql, sql.values);
    if (!result.ok()) return result.status();
    if (result->empty()) break;
    keys.push_back(KeyOf(result->rows()[0], spec.key.size()));
    rest.after = keys.back();
  }
  return keys;
}

absl::StatusOr<std::vector<Row>> NormalisedRows(MysqlConnection& connection, const DigestSpec& spec,
                                                const std::vector<Key>& keys) {
  std::vector<std::string> values;
  for (const DigestColumn& column : spec.columns) values.push_back(Normalised(column));
  std::string sql = absl::StrCat("SELECT ", KeyList(spec));
  if (!values.empty()) absl::StrAppend(&sql, ", ", absl::StrJoin(values, ", "));
  const BoundSql listed = KeyInCondition(spec.key, keys);
  absl::StrAppend(&sql, " FROM ", QualifiedName(spec.database, spec.table), " WHERE ", listed.sql);
  absl::StatusOr<ResultSet> result = QueryBoundText(connection, sql, listed.values);
  if (!result.ok()) return result.status();
  return result->rows();
}

}  // namespace migrate::io

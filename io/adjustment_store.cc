#include "io/adjustment_store.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "io/bound_statement.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

constexpr absl::string_view kCreateTable = R"sql(CREATE TABLE IF NOT EXISTS %s (
  `step` VARCHAR(128) NOT NULL,
  `document` VARCHAR(128) NOT NULL,
  `rows` BIGINT NOT NULL DEFAULT 0 COMMENT 'rows the step removed from the document, net of rows it added',
  `updated_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`step`, `document`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
  COMMENT='migrate: row count changes that volume checks allow for')sql";

}  // namespace

absl::StatusOr<AdjustmentStore> AdjustmentStore::Open(MysqlConnection& connection, absl::string_view table) {
  AdjustmentStore store{std::string(table)};
  std::string sql(kCreateTable);
  sql.replace(sql.find("%s"), 2, QuoteIdentifier(table));
  if (absl::Status status = connection.Execute(sql); !status.ok()) {
    return WithContext(status, absl::StrCat("creating the volume adjustments table ", table));
  }
  return store;
}

absl::Status AdjustmentStore::Add(MysqlConnection& connection, absl::string_view step, absl::string_view document,
                                  int64_t rows) const {
  absl::StatusOr<uint64_t> added = ExecuteBound(
      connection,
      absl::StrCat("INSERT INTO ", QuoteIdentifier(table_),
                   " (`step`, `document`, `rows`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `rows` = `rows` + VALUES(`rows`)"),
      {std::string(step), std::string(document), absl::StrCat(rows)});
  return WithContext(added.status(),
                     absl::StrCat("recording the rows ", step, " removed from ", document, " in ", table_));
}

absl::Status AdjustmentStore::Set(MysqlConnection& connection, absl::string_view step, absl::string_view document,
                                  int64_t rows) const {
  absl::Status status =
      ExecuteBound(connection,
                   absl::StrCat("INSERT INTO ", QuoteIdentifier(table_),
                                " (`step`, `document`, `rows`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `rows` = "
                                "VALUES(`rows`)"),
                   {std::string(step), std::string(document), BoundValue::Number(absl::StrCat(rows))})
          .status();
  return WithContext(status, absl::StrCat("recording the rows ", step, " removed from ", document, " in ", table_));
}

absl::StatusOr<std::map<std::string, int64_t>> AdjustmentStore::LoadByDocument(MysqlConnection& connection) const {
  absl::StatusOr<ResultSet> result = connection.Query(absl::StrCat(
      "SELECT `document`, SUM(`rows`) FROM ", QuoteIdentifier(table_), " GROUP BY `document`"));
  if (!result.ok()) return WithContext(result.status(), absl::StrCat("reading ", table_));
  std::map<std::string, int64_t> rows_by_document;
  for (const Row& row : result->rows()) {
    int64_t rows = 0;
    if (!row[0].has_value() || !absl::SimpleAtoi(row[1].value_or(""), &rows)) {
      return absl::DataLossError(absl::StrCat("a malformed row in ", table_));
    }
    if (rows != 0) rows_by_document[*row[0]] = rows;
  }
  return rows_by_document;
}

absl::Status AdjustmentStore::ForgetDocument(MysqlConnection& connection, absl::string_view document) const {
  return WithContext(
      ExecuteBound(connection, absl::StrCat("DELETE FROM ", QuoteIdentifier(table_), " WHERE `document` = ?"),
                   {std::string(document)})
          .status(),
      absl::StrCat("clearing ", document, " in ", table_));
}

absl::Status AdjustmentStore::Reset(MysqlConnection& connection) const {
  return WithContext(connection.Execute(absl::StrCat("DELETE FROM ", QuoteIdentifier(table_))),
                     absl::StrCat("clearing ", table_));
}

}  // namespace migrate::io

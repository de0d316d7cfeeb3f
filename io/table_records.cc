#include "io/table_records.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/bound_statement.h"
#include "io/result_set.h"

namespace migrate::io {
namespace {

constexpr size_t kStatementBytes = 1 << 20;
constexpr size_t kStatementValues = 60000;

// After the statement that wrote `records` [first, end) into `columns`: its changes, to `on_changes`.
absl::Status HandChanges(MysqlConnection& connection, unsigned int warnings, const std::vector<Record>& records,
                         size_t first, size_t end, const std::vector<std::string>& columns,
                         const StatementChangeHandler& on_changes) {
  StatementChanges found;
  found.columns = columns;
  found.rows.Reset(columns.size());
  for (size_t i = first; i < end; ++i) {
    for (const std::string& column : columns) {
      const Value value = FieldOf(records[i], column);
      if (value.has_value()) {
        found.rows.AddValue(*value);
      } else {
        found.rows.AddNull();
      }
    }
    found.rows.FinishRow();
  }
  if (absl::Status status = CollectValueChanges(connection, warnings, found.rows, columns, 0, end - first,
                                                &found.changes);
      !status.ok()) {
    return status;
  }
  return on_changes(found);
}

}  // namespace

Value FieldOf(const Record& record, absl::string_view column) {
  auto it = record.find(column);
  return it == record.end() ? std::nullopt : it->second;
}

absl::StatusOr<std::vector<Record>> ReadRecords(MysqlConnection& connection, absl::string_view database,
                                                absl::string_view table, const std::vector<std::string>& order_by) {
  std::string sql = absl::StrCat("SELECT * FROM ", QualifiedName(database, table));
  if (!order_by.empty()) {
    absl::StrAppend(&sql, " ORDER BY ", absl::StrJoin(order_by, ", ", [](std::string* out, const std::string& c) {
                      out->append(QuoteIdentifier(c));
                    }));
  }
  absl::StatusOr<ResultSet> rows = connection.Query(sql);
  if (!rows.ok()) return rows.status();
  std::vector<Record> records;
  records.reserve(rows->size());
  for (const Row& row : rows->rows()) {
    Record record;
    for (size_t i = 0; i < row.size(); ++i) record.emplace(rows->columns()[i], row[i]);
    records.push_back(std::move(record));
  }
  return records;
}

absl::Status InsertRecords(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                           const std::vector<Record>& records, const StatementChangeHandler& on_changes) {
  std::set<std::string, std::less<>> names;
  for (const Record& record : records) {
    for (const auto& [column, value] : record) names.insert(column);
  }
  const std::vector<std::string> columns(names.begin(), names.end());
  const std::string head =
      absl::StrCat("INSERT INTO ", QualifiedName(database, table), " (",
                   absl::StrJoin(columns, ", ", [](std::string* out, const std::string& c) { out->append(QuoteIdentifier(c)); }),
                   ") VALUES ");
  // Statements of at most about 1 MiB of values and 60,000 of them (a statement binds at most 65,535).
  std::string rows;
  BoundValues values;
  size_t value_bytes = 0;
  size_t first = 0;  // the first record of the statement being built
  auto flush = [&](size_t end) -> absl::Status {
    if (rows.empty()) return absl::OkStatus();
    absl::StatusOr<uint64_t> inserted = ExecuteBound(connection, head + rows, values);
    rows.clear();
    values.clear();
    value_bytes = 0;
    if (!inserted.ok()) return inserted.status();
    const unsigned int warnings = WarningCount(connection);
    const size_t statement_first = first;
    first = end;
    if (warnings == 0 || !on_changes) return absl::OkStatus();
    return HandChanges(connection, warnings, records, statement_first, end, columns, on_changes);
  };
  for (size_t index = 0; index < records.size(); ++index) {
    const Record& record = records[index];
    if (!rows.empty() && (value_bytes > kStatementBytes || values.size() + columns.size() > kStatementValues)) {
      if (absl::Status status = flush(index); !status.ok()) return status;
    }
    rows.append(rows.empty() ? "(" : ", (");
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) rows.append(", ");
      auto field = record.find(columns[i]);
      if (field == record.end()) {
        rows.append("DEFAULT");
      } else {
        rows.append("?");
        values.push_back(field->second);
        value_bytes += field->second.has_value() ? field->second->size() : 0;
      }
    }
    rows.append(")");
  }
  return flush(records.size());
}

absl::Status ReplaceRecords(MysqlConnection& connection, absl::string_view database, absl::string_view table,
                            const std::vector<Record>& records, const StatementChangeHandler& on_changes) {
  if (absl::Status status = connection.Execute(absl::StrCat("TRUNCATE TABLE ", QualifiedName(database, table)));
      !status.ok()) {
    return status;
  }
  return InsertRecords(connection, database, table, records, on_changes);
}

}  // namespace migrate::io

#include "tests/io/io_test_support.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace migrate::io::testing {

std::unique_ptr<MysqlConnection> Connect(const ConnectionOptions& options) {
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = MysqlConnection::Open(options);
  EXPECT_TRUE(connection.ok()) << connection.status();
  return connection.ok() ? std::move(*connection) : nullptr;
}

void Exec(MysqlConnection& connection, absl::string_view sql) {
  absl::Status status = connection.Execute(sql);
  EXPECT_TRUE(status.ok()) << status << "\n  in: " << sql.substr(0, 300);
}

std::vector<Row> Rows(MysqlConnection& connection, absl::string_view sql) {
  absl::StatusOr<ResultSet> result = connection.Query(sql);
  EXPECT_TRUE(result.ok()) << result.status() << "\n  in: " << sql;
  return result.ok() ? result->rows() : std::vector<Row>();
}

std::vector<Row> Rows(const RowBatch& batch) {
  std::vector<Row> rows;
  for (size_t r = 0; r < batch.row_count(); ++r) {
    Row row;
    for (size_t c = 0; c < batch.column_count(); ++c) {
      if (batch.IsNull(r, c)) {
        row.push_back(std::nullopt);
      } else {
        row.push_back(std::string(batch.Value(r, c)));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Row> ReadAll(ChunkReader& reader, size_t* batches) {
  std::vector<Row> rows;
  RowBatch batch;
  size_t count = 0;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&batch);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    ++count;
    for (Row& row : Rows(batch)) rows.push_back(std::move(row));
  }
  if (batches != nullptr) *batches = count;
  return rows;
}

std::string Checksum(MysqlConnection& connection, absl::string_view table) {
  std::vector<Row> rows = Rows(connection, absl::StrCat("CHECKSUM TABLE ", QuoteIdentifier(table)));
  EXPECT_EQ(rows.size(), 1u);
  if (rows.size() != 1 || !rows[0][1].has_value()) return "missing";
  return *rows[0][1];
}

}  // namespace migrate::io::testing

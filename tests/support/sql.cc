#include "tests/support/sql.h"

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"

namespace migrate::testing {

std::unique_ptr<io::MysqlConnection> Connect(const io::ConnectionOptions& options) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open(options);
  EXPECT_TRUE(connection.ok()) << connection.status();
  return connection.ok() ? std::move(*connection) : nullptr;
}

void Exec(io::MysqlConnection& connection, const std::string& sql) {
  absl::Status status = connection.Execute(sql);
  EXPECT_TRUE(status.ok()) << status << "\n" << sql;
}

std::string Scalar(io::MysqlConnection& connection, const std::string& sql) {
  absl::StatusOr<std::string> value = connection.QueryScalar(sql);
  EXPECT_TRUE(value.ok()) << value.status() << "\n" << sql;
  return value.ok() ? *value : "<error>";
}

std::vector<std::string> Rows(io::MysqlConnection& connection, const std::string& sql) {
  absl::StatusOr<io::ResultSet> result = connection.Query(sql);
  EXPECT_TRUE(result.ok()) << result.status() << "\n" << sql;
  std::vector<std::string> rows;
  if (!result.ok()) return rows;
  for (const io::Row& row : result->rows()) {
    rows.push_back(absl::StrJoin(row, "|", [](std::string* out, const std::optional<std::string>& value) {
      out->append(value.has_value() ? *value : "NULL");
    }));
  }
  return rows;
}

}  // namespace migrate::testing

#include "tests/stages/step_test.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/support/test_servers.h"

namespace migrate::testing {
namespace {

std::unique_ptr<io::MysqlConnection> Connect(const io::ConnectionOptions& options) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open(options);
  EXPECT_TRUE(connection.ok()) << connection.status();
  return connection.ok() ? std::move(*connection) : nullptr;
}

}  // namespace

void StepTest::SetUp() {
  source_options_ = TestDatabase(SourceServer());
  destination_options_ = TestDatabase(DestinationServer());
  source_ = Connect(source_options_);
  destination_ = Connect(destination_options_);
  ASSERT_NE(source_, nullptr);
  ASSERT_NE(destination_, nullptr);
  dir_ = ::testing::TempDir() + "/" + source_options_.database;
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
}

void StepTest::Sql(io::MysqlConnection& connection, const std::string& sql) {
  absl::Status status = connection.Execute(sql);
  ASSERT_TRUE(status.ok()) << status << "\n" << sql;
}

std::string StepTest::Scalar(io::MysqlConnection& connection, const std::string& sql) {
  absl::StatusOr<std::string> value = connection.QueryScalar(sql);
  EXPECT_TRUE(value.ok()) << value.status() << "\n" << sql;
  return value.ok() ? *value : "<error>";
}

std::vector<std::string> StepTest::Rows(io::MysqlConnection& connection, const std::string& sql) {
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

std::string StepTest::WriteFile(const std::string& name, const std::string& text) {
  const std::string path = dir_ + "/" + name;
  std::ofstream file(path);
  file << text;
  return path;
}

std::string StepTest::WriteConfig(const std::string& mode, const std::string& steps, const std::string& options) {
  return WriteFile("config.xml", absl::StrCat(R"(<?xml version="1.0" encoding="UTF-8"?>
<config xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
        xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/config.xsd">
  <steps mode=")", mode, R"(">)", steps, R"(
  </steps>
  <source>
    <database host="127.0.0.1" port=")", source_options_.port, R"(" name=")", source_options_.database,
                                              R"(" user="root" />
  </source>
  <destination>
    <database host="127.0.0.1" port=")", destination_options_.port, R"(" name=")",
                                              destination_options_.database, R"(" user="root" />
  </destination>
  <options>
    <log_file>migration.log</log_file>)", options, R"(
  </options>
</config>
)"));
}

ProcessResult StepTest::Migrate(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {MIGRATE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv, dir_);
}

}  // namespace migrate::testing

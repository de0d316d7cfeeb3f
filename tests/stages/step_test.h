// A fixture for tests that run the built migrate binary on a source and a destination database of
// their own, with a config.xml they write: the pattern of tests/cli/migrate_command_test.cc.
#ifndef MIGRATE_TESTS_STAGES_STEP_TEST_H_
#define MIGRATE_TESTS_STAGES_STEP_TEST_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "io/connection_options.h"
#include "io/mysql_connection.h"
#include "tests/support/subprocess.h"

namespace migrate::testing {

class StepTest : public ::testing::Test {
 protected:
  void SetUp() override;

  void Sql(io::MysqlConnection& connection, const std::string& sql);
  std::string Scalar(io::MysqlConnection& connection, const std::string& sql);
  // Every row of `sql`, its values joined by '|' (NULL as "NULL").
  std::vector<std::string> Rows(io::MysqlConnection& connection, const std::string& sql);

  // Writes `text` to `name` in the test's folder and returns its path.
  std::string WriteFile(const std::string& name, const std::string& text);

  // Writes config.xml for the test's databases: `steps` inside <steps mode="`mode`">, then `options`.
  std::string WriteConfig(const std::string& mode, const std::string& steps, const std::string& options);

  // Runs the migrate binary with `args` in the test's folder.
  ProcessResult Migrate(const std::vector<std::string>& args);

  io::ConnectionOptions source_options_;
  io::ConnectionOptions destination_options_;
  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
  std::string dir_;
};

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_STAGES_STEP_TEST_H_

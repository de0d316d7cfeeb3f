// A fixture for tests that run the built migrate binary on a source and a destination database of
// their own, with a config.xml they write into a folder of their own.
#ifndef MIGRATE_TESTS_SUPPORT_MIGRATE_RUN_TEST_H_
#define MIGRATE_TESTS_SUPPORT_MIGRATE_RUN_TEST_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "io/connection_options.h"
#include "io/mysql_connection.h"
#include "tests/support/sql.h"
#include "tests/support/subprocess.h"

namespace migrate::testing {

class MigrateRunTest : public ::testing::Test {
 protected:
  // The Map step's three stages, for WriteConfig's `steps`.
  static constexpr char kMapStep[] = R"(
    <step title="Map Step">
      <integrity>Migration\Step\Map\Integrity</integrity>
      <data>Migration\Step\Map\Data</data>
      <volume>Migration\Step\Map\Volume</volume>
    </step>)";

  void SetUp() override;
  // Removes the test's folder unless the test failed (then it is left for a look).
  void TearDown() override;

  // Writes `text` to `name` in the test's folder and returns its path.
  std::string WriteFile(const std::string& name, const std::string& text);

  // Writes a config.xml for the test's databases: `steps` inside <steps mode="`mode`">, then
  // `options`, and a log_file. With another `destination`, the file is named after its database.
  std::string WriteConfig(const std::string& mode, const std::string& steps, const std::string& options);
  std::string WriteConfig(const std::string& mode, const std::string& steps, const std::string& options,
                          const io::ConnectionOptions& destination);
  // The same with several modes: {mode, steps} pairs.
  std::string WriteConfig(const std::vector<std::pair<std::string, std::string>>& steps_by_mode,
                          const std::string& options, const io::ConnectionOptions& destination);

  // Loads the two SQL dumps into the source and the destination database, at once, with the mariadb
  // client (InnoDB's strict mode off, as Magento 1 dumps' ROW_FORMAT=FIXED needs); a failed load is
  // a test failure.
  void LoadDumps(const std::string& source_dump, const std::string& destination_dump);
  // Loads one SQL dump into `database` the same way.
  void LoadDump(const io::ConnectionOptions& database, const std::string& dump);

  // Runs the migrate binary with `args` in the test's folder.
  ProcessResult Migrate(const std::vector<std::string>& args);
  // Starts it without waiting, e.g. to kill it.
  std::unique_ptr<Subprocess> StartMigrate(const std::vector<std::string>& args);

  io::ConnectionOptions source_options_;
  io::ConnectionOptions destination_options_;
  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
  std::string dir_;
};

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_SUPPORT_MIGRATE_RUN_TEST_H_

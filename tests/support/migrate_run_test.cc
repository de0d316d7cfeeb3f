#include "tests/support/migrate_run_test.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/test_servers.h"

namespace migrate::testing {

void MigrateRunTest::SetUp() {
  source_options_ = TestDatabase(SourceServer());
  destination_options_ = TestDatabase(DestinationServer());
  source_ = Connect(source_options_);
  destination_ = Connect(destination_options_);
  ASSERT_NE(source_, nullptr);
  ASSERT_NE(destination_, nullptr);
  // The process id keeps two checkouts' runs of the same test (or two runs at once) apart.
  dir_ = absl::StrCat(::testing::TempDir(), "/", source_options_.database, "-", getpid());
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
}

void MigrateRunTest::TearDown() {
  if (!HasFailure() && !dir_.empty()) std::filesystem::remove_all(dir_);
}

std::string MigrateRunTest::WriteFile(const std::string& name, const std::string& text) {
  const std::string path = dir_ + "/" + name;
  std::ofstream file(path);
  file << text;
  return path;
}

std::string MigrateRunTest::WriteConfig(const std::string& mode, const std::string& steps,
                                        const std::string& options) {
  return WriteConfig(mode, steps, options, destination_options_);
}

std::string MigrateRunTest::WriteConfig(const std::string& mode, const std::string& steps, const std::string& options,
                                        const io::ConnectionOptions& destination) {
  return WriteConfig({{mode, steps}}, options, destination);
}

std::string MigrateRunTest::WriteConfig(const std::vector<std::pair<std::string, std::string>>& steps_by_mode,
                                        const std::string& options, const io::ConnectionOptions& destination) {
  std::string steps;
  for (const auto& [mode, mode_steps] : steps_by_mode) {
    absl::StrAppend(&steps, "\n  <steps mode=\"", mode, "\">", mode_steps, "\n  </steps>");
  }
  const std::string name = destination.database == destination_options_.database
                               ? "config.xml"
                               : absl::StrCat("config-", destination.database, ".xml");
  return WriteFile(name, absl::StrCat(R"(<?xml version="1.0" encoding="UTF-8"?>
<config xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
        xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/config.xsd">)", steps, R"(
  <source>
    <database host="127.0.0.1" port=")", source_options_.port, R"(" name=")", source_options_.database,
                                      R"(" user="root" password="" />
  </source>
  <destination>
    <database host="127.0.0.1" port=")", destination.port, R"(" name=")", destination.database,
                                      R"(" user="root" />
  </destination>
  <options>
    <log_file>migration.log</log_file>)", options, R"(
  </options>
</config>
)"));
}

namespace {

// The mariadb client line loading `dump` into `database`.
std::string LoadCommand(const io::ConnectionOptions& database, const std::string& dump) {
  return absl::StrCat("mariadb --protocol=TCP -h 127.0.0.1 -P ", database.port, " -u root",
                      " --init-command='SET SESSION innodb_strict_mode=0' ", database.database, " < '", dump, "'");
}

}  // namespace

void MigrateRunTest::LoadDumps(const std::string& source_dump, const std::string& destination_dump) {
  absl::StatusOr<std::string> loaded =
      RunCommand(absl::StrCat(LoadCommand(source_options_, source_dump), " & source_load=$!; ",
                              LoadCommand(destination_options_, destination_dump), " && wait $source_load"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
}

void MigrateRunTest::LoadDump(const io::ConnectionOptions& database, const std::string& dump) {
  absl::StatusOr<std::string> loaded = RunCommand(LoadCommand(database, dump));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
}

ProcessResult MigrateRunTest::Migrate(const std::vector<std::string>& args) { return StartMigrate(args)->Wait(); }

std::unique_ptr<Subprocess> MigrateRunTest::StartMigrate(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {MIGRATE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return std::make_unique<Subprocess>(argv, dir_);
}

}  // namespace migrate::testing

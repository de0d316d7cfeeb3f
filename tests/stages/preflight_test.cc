// The checks before any data moves (stages/preflight.h), through the migrate command on real
// servers: missing trigger definers, missing grants on either side with the GRANT that fixes them,
// what a restricted account cannot check, and that nothing is written when a check fails.
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_connection.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/test_servers.h"

namespace migrate {
namespace {

using ::migrate::testing::Connect;
using ::migrate::testing::Exec;
using ::migrate::testing::MigrateRunTest;
using ::migrate::testing::ProcessResult;
using ::migrate::testing::Scalar;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kIntegrityStep[] = R"(
    <step title="Data Integrity Step">
      <integrity>Migration\Step\DataIntegrity\Integrity</integrity>
    </step>)";

// A shop of two tables, `parent` and `child` (with a foreign key), copied by the Map step; the
// destination's `parent` has a changelog trigger like Magento 2's.
class PreflightTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    Exec(*source_, "CREATE TABLE parent (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB");
    Exec(*source_, "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, CONSTRAINT FK_CHILD_PARENT FOREIGN KEY "
                   "(parent_id) REFERENCES parent (id)) ENGINE=InnoDB");
    Exec(*source_, "INSERT INTO parent VALUES (1, 'a'), (2, 'b')");
    Exec(*source_, "INSERT INTO child VALUES (1, 1), (2, 2), (3, 2)");
    Exec(*destination_, "CREATE TABLE parent (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB");
    Exec(*destination_, "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT) ENGINE=InnoDB");
    Exec(*destination_, "CREATE TABLE parent_cl (id INT) ENGINE=InnoDB");
    WriteFile("map.xml", R"(<map><source/><destination><document_rules><ignore>
      <document>parent_cl</document></ignore></document_rules></destination></map>)");
    // Accounts are server-wide: each test's own names.
    user_ = absl::StrCat("pf", std::hash<std::string>()(source_options_.database) % 100000);
  }

  // A trigger on the destination's `parent` whose definer is `definer` ('user'@'host').
  void AddTrigger(const std::string& definer) {
    Exec(*destination_, absl::StrCat("CREATE DEFINER = ", definer,
                                     " TRIGGER trg_parent_after_insert AFTER INSERT ON parent FOR EACH ROW "
                                     "INSERT INTO parent_cl VALUES (NEW.id)"));
  }

  // Makes `user_` on `connection`'s server with `grants` (statements with USER for the account).
  void MakeUser(io::MysqlConnection& connection, const std::string& grants) {
    const std::string account = absl::StrCat("'", user_, "'@'%'");
    Exec(connection, absl::StrCat("DROP USER IF EXISTS ", account, "; CREATE USER ", account,
                                  " IDENTIFIED BY 'pw'; ", absl::StrReplaceAll(grants, {{"USER", account}})));
  }

  std::string Config(const std::string& steps, bool restricted_source, bool restricted_destination) {
    std::string config = ReadConfig(WriteConfig("data", steps, "<map_file>map.xml</map_file>"));
    const std::string account = absl::StrCat("user=\"", user_, "\" password=\"pw\"");
    if (restricted_source) config = absl::StrReplaceAll(config, {{R"(user="root" password="")", account}});
    if (restricted_destination) config = absl::StrReplaceAll(config, {{R"(user="root" />)", account + " />"}});
    return WriteFile("config.xml", config);
  }

  std::string ReadConfig(const std::string& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  std::string Rows(const std::string& table) { return Scalar(*destination_, "SELECT COUNT(*) FROM " + table); }

  std::string user_;
};

TEST_F(PreflightTest, MissingTriggerDefinerStopsTheRunBeforeAnyRowMoves) {
  const std::string definer = absl::StrCat("'", user_, "_gone'@'%'");
  Exec(*destination_, absl::StrCat("DROP USER IF EXISTS ", definer));
  AddTrigger(definer);
  ProcessResult run = Migrate({"data", Config(kMapStep, false, false)});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat(
                              "[stage: checks before any data moves]: The definer ", definer, " of the trigger of `",
                              destination_options_.database,
                              "` (table parent trigger trg_parent_after_insert) does not exist on the destination "
                              "server, so every write into that table would fail with error 1449")));
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat("CREATE USER ", definer, " IDENTIFIED BY '...'")));
  EXPECT_THAT(run.output, HasSubstr("Nothing was migrated: a check before any data moves failed (see above)"));
  EXPECT_THAT(run.output, Not(HasSubstr("MySQL error 1449")));
  EXPECT_EQ(Rows("child"), "0");
  EXPECT_EQ(Rows("parent"), "0");

  // With the account made, the same run copies everything and the trigger fires.
  Exec(*destination_, absl::StrCat("CREATE USER ", definer, "; GRANT ALL ON `", destination_options_.database,
                                   "`.* TO ", definer));
  ProcessResult again = Migrate({"data", Config(kMapStep, false, false)});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(Rows("parent"), "2");
  EXPECT_EQ(Rows("parent_cl"), "2");
  Exec(*destination_, absl::StrCat("DROP USER ", definer));
}

TEST_F(PreflightTest, SourceTableTheAccountMayNotReadIsNamedWithTheGrant) {
  MakeUser(*source_, absl::StrCat("GRANT SELECT ON `", source_options_.database, "`.`parent` TO USER"));
  ProcessResult run = Migrate({"data", Config(kMapStep, true, false)});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_THAT(run.output,
              HasSubstr(absl::StrCat("The source account '", user_, "'@'%' cannot read every table of `",
                                     source_options_.database,
                                     "`: it has SELECT on only 1 of its tables (parent) by table grants.")));
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat("Grant it with: GRANT SELECT ON `", source_options_.database,
                                                 "`.* TO '", user_, "'@'%';")));
  EXPECT_THAT(run.output, Not(HasSubstr("Destination documents are not mapped")));
  EXPECT_EQ(Rows("parent"), "0");
}

TEST_F(PreflightTest, MissingDestinationPrivilegesAreNamedWithTheGrant) {
  MakeUser(*destination_, absl::StrCat("GRANT SELECT, INSERT, TRIGGER ON `", destination_options_.database,
                                       "`.* TO USER"));
  ProcessResult run = Migrate({"data", Config(kMapStep, false, true)});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat("The destination account '", user_,
                                                 "'@'%' lacks UPDATE, DELETE, CREATE, DROP, ALTER on `",
                                                 destination_options_.database, "`")));
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat("Grant it with: GRANT UPDATE, DELETE, CREATE, DROP, ALTER ON `",
                                                 destination_options_.database, "`.* TO '", user_, "'@'%';")));
  EXPECT_EQ(Rows("parent"), "0");
}

// A read-only source account (SELECT on the database, nothing else) sees the foreign keys: MariaDB
// hides information_schema.REFERENTIAL_CONSTRAINTS from it, which made the step check none.
TEST_F(PreflightTest, ReadOnlySourceAccountChecksEveryForeignKey) {
  MakeUser(*source_, absl::StrCat("GRANT SELECT ON `", source_options_.database, "`.* TO USER"));
  Exec(*source_, "SET foreign_key_checks = 0; INSERT INTO child VALUES (4, 9); SET foreign_key_checks = 1");
  ProcessResult run = Migrate({"data", "-a", Config(absl::StrCat(kIntegrityStep, kMapStep), true, false)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("Foreign key (FK_CHILD_PARENT) constraint fails on source database. Orphan "
                                    "records id: 9 from `child`.`parent_id` has no referenced records in `parent`"));
  EXPECT_THAT(run.output, HasSubstr("1 foreign keys of 2 source tables checked, 1 with orphan records"));
  EXPECT_EQ(Rows("child"), "4");
}

// What a destination account with every needed privilege but no TRIGGER, or no access to the grant
// tables, cannot check is a warning saying what the check needs; the run goes on.
TEST_F(PreflightTest, WhatTheAccountCannotCheckIsAWarningNamingTheGrant) {
  const std::string definer = absl::StrCat("'", user_, "_def'@'%'");
  Exec(*destination_, absl::StrCat("DROP USER IF EXISTS ", definer, "; CREATE USER ", definer, "; GRANT ALL ON `",
                                   destination_options_.database, "`.* TO ", definer));
  AddTrigger(definer);
  const std::string database = destination_options_.database;
  MakeUser(*destination_, absl::StrCat("GRANT ALL ON `", database, "`.* TO USER"));
  ProcessResult run = Migrate({"data", Config(kMapStep, false, true)});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output,
              HasSubstr(absl::StrCat("[WARNING][mode: data][stage: checks before any data moves]: Cannot tell whether ",
                                     definer, ", the definer of the trigger of `", database,
                                     "` (table parent trigger trg_parent_after_insert), exists")));
  EXPECT_THAT(run.output, HasSubstr(absl::StrCat("GRANT SELECT ON mysql.global_priv TO '", user_, "'@'%';")));
  EXPECT_EQ(Rows("parent_cl"), "2");

  Exec(*destination_, absl::StrCat("REVOKE TRIGGER ON `", database, "`.* FROM '", user_, "'@'%'"));
  ProcessResult hidden = Migrate({"data", "-r", Config(kMapStep, false, true)});
  EXPECT_EQ(hidden.exit_code, 0) << hidden.output;
  EXPECT_THAT(hidden.output,
              HasSubstr(absl::StrCat("The definers of the trigger of `", database,
                                     "` (table parent trigger trg_parent_after_insert) are hidden from the "
                                     "destination account '",
                                     user_, "'@'%', which has no TRIGGER privilege on their tables")));
  EXPECT_THAT(hidden.output, HasSubstr(absl::StrCat("GRANT TRIGGER ON `", database, "`.* TO '", user_, "'@'%';")));
  Exec(*destination_, absl::StrCat("DROP USER ", definer));
}

}  // namespace
}  // namespace migrate

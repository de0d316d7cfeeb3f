// The Settings step (Migration\Step\Settings\Integrity, \Data) through the migrate binary, on
// hand-made core_config_data tables: ignored paths (exact and wildcard), a renamed path, value
// handlers, upserts over the destination's rows, and a rerun that changes nothing.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSettingsStep[] = R"(
    <step title="Settings Step">
      <integrity>Migration\Step\Settings\Integrity</integrity>
      <data>Migration\Step\Settings\Data</data>
    </step>)";

constexpr char kSettingsXml[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
          xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/settings.xsd">
  <key>
    <ignore><path>advanced/modules_disable_output/*</path></ignore>
    <ignore><path>dev/debug/profiler</path></ignore>
    <rename><path>old/section/field</path><to>new/section/field</to></rename>
  </key>
  <value>
    <transform>
      <path>catalog/seo/product_url_suffix</path>
      <handler class="\Migration\Handler\Settings\UrlSuffix" />
    </transform>
    <transform>
      <path>catalog/category/root_id</path>
      <handler class="\Migration\Handler\Settings\CategoryRootId" />
    </transform>
  </value>
</settings>
)";

// The destination's table, sorted by key, with config_id.
constexpr char kDestinationRows[] =
    "SELECT config_id, scope, scope_id, path, value FROM core_config_data ORDER BY scope, scope_id, path";

class SettingsStepTest : public MigrateRunTest {
 protected:
  void SetUp() override {
    MigrateRunTest::SetUp();
    Exec(*source_, R"(CREATE TABLE core_config_data (config_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
                       scope VARCHAR(8) NOT NULL DEFAULT 'default', scope_id INT NOT NULL DEFAULT 0,
                       path VARCHAR(255) NOT NULL DEFAULT 'general', value TEXT,
                       UNIQUE KEY UNQ_CORE_CONFIG_DATA_SCOPE_SCOPE_ID_PATH (scope, scope_id, path)) CHARSET utf8mb4)");
    Exec(*source_, R"(INSERT INTO core_config_data (scope, scope_id, path, value) VALUES
                       ('default', 0, 'web/unsecure/base_url', 'http://m1.example.com/'),
                       ('default', 0, 'advanced/modules_disable_output/Mage_Poll', '1'),
                       ('default', 0, 'dev/debug/profiler', '1'),
                       ('default', 0, 'dev/debug/profiler_extra', '1'),
                       ('default', 0, 'old/section/field', 'renamed value'),
                       ('stores', 1, 'catalog/seo/product_url_suffix', 'html'),
                       ('default', 0, 'catalog/seo/product_url_suffix', 'shtml'),
                       ('default', 0, 'catalog/category/root_id', '2'),
                       ('websites', 1, 'general/locale/code', 'de_DE'),
                       ('default', 0, 'design/head/default_title', NULL),
                       ('default', 0, 'general/store_information/name', 'Jürgen''s 日本 \\ shop'))");
    Exec(*destination_, R"(CREATE TABLE core_config_data (config_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
                            scope VARCHAR(8) NOT NULL DEFAULT 'default', scope_id INT NOT NULL DEFAULT 0,
                            path VARCHAR(255) NOT NULL DEFAULT 'general', value TEXT,
                            updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
                            UNIQUE KEY CORE_CONFIG_DATA_SCOPE_SCOPE_ID_PATH (scope, scope_id, path)) CHARSET utf8mb4)");
    Exec(*destination_, R"(INSERT INTO core_config_data (config_id, scope, scope_id, path, value) VALUES
                            (1, 'default', 0, 'web/unsecure/base_url', 'https://m2.example.com/'),
                            (2, 'default', 0, 'general/locale/code', 'en_US'),
                            (3, 'default', 0, 'catalog/seo/product_url_suffix', '.html'),
                            (4, 'default', 0, 'catalog/category/root_id', '2'))");
    WriteFile("settings.xml", kSettingsXml);
  }

  std::string Config() {
    return WriteConfig("settings", kSettingsStep, "\n    <settings_map_file>settings.xml</settings_map_file>");
  }
};

TEST_F(SettingsStepTest, IgnoresRenamesHandlesAndUpserts) {
  const std::string config = Config();
  ProcessResult run = Migrate({"settings", config});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("core_config_data: 9 of 11 source rows written (6 new, 3 over existing or "
                                    "earlier rows), 2 ignored by"));
  const std::vector<std::string> expected = {
      "4|default|0|catalog/category/root_id|NULL",
      "3|default|0|catalog/seo/product_url_suffix|.shtml",
      "7|default|0|design/head/default_title|NULL",
      "5|default|0|dev/debug/profiler_extra|1",
      "2|default|0|general/locale/code|en_US",
      "8|default|0|general/store_information/name|Jürgen's 日本 \\ shop",
      "6|default|0|new/section/field|renamed value",
      "1|default|0|web/unsecure/base_url|http://m1.example.com/",
      "9|stores|1|catalog/seo/product_url_suffix|.html",
      "10|websites|1|general/locale/code|de_DE",
  };
  std::vector<std::string> rows = Rows(*destination_, kDestinationRows);
  // New rows get fresh ids in source order; only the ids of the rows that were there are fixed.
  ASSERT_EQ(rows.size(), expected.size()) << ::testing::PrintToString(rows);
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string row = rows[i].substr(rows[i].find('|'));
    EXPECT_EQ(row, expected[i].substr(expected[i].find('|')));
  }
  EXPECT_THAT(Rows(*destination_, "SELECT config_id, path FROM core_config_data WHERE config_id <= 4 ORDER BY 1"),
              ElementsAre("1|web/unsecure/base_url", "2|general/locale/code", "3|catalog/seo/product_url_suffix",
                          "4|catalog/category/root_id"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM core_config_data WHERE path LIKE 'advanced/%' OR "
                                  "path = 'dev/debug/profiler' OR path = 'old/section/field'"),
            "0");

  // A rerun gives the same table, ids included.
  ProcessResult again = Migrate({"settings", config});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(Rows(*destination_, kDestinationRows), rows);
}

TEST_F(SettingsStepTest, LastSourceRowOfAKeyWins) {
  // old/section/field is renamed onto a path the source also has: Magento keeps the later row's value.
  Exec(*source_, "INSERT INTO core_config_data (scope, scope_id, path, value) "
                "VALUES ('default', 0, 'new/section/field', 'direct')");
  ProcessResult run = Migrate({"settings", Config()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(Scalar(*destination_, "SELECT value FROM core_config_data WHERE path = 'new/section/field'"), "direct");
}

TEST_F(SettingsStepTest, MissingTablesFailIntegrityWithMagentosMessages) {
  Exec(*destination_, "DROP TABLE core_config_data");
  ProcessResult run = Migrate({"settings", Config()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("Integrity check failed due to \"core_config_data\" document does not exist in "
                                    "the destination resource"));

  Exec(*source_, "DROP TABLE core_config_data");
  run = Migrate({"settings", Config()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("Integrity check failed due to \"core_config_data\" document does not exist in "
                                    "the source resource"));
  EXPECT_THAT(run.output, Not(HasSubstr("destination resource")));
}

TEST_F(SettingsStepTest, UnknownHandlerNeededByTheSourceStopsBeforeAnyWrite) {
  std::string xml = kSettingsXml;
  xml.replace(xml.find("Settings\\UrlSuffix"), std::string("Settings\\UrlSuffix").size(), "Settings\\NoSuchThing");
  WriteFile("settings.xml", xml);
  ProcessResult run = Migrate({"settings", "-a", Config()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("settings.xml:12: unknown handler class"));
  EXPECT_THAT(run.output, HasSubstr("NoSuchThing"));
  EXPECT_EQ(Scalar(*destination_, "SELECT value FROM core_config_data WHERE config_id = 1"),
            "https://m2.example.com/");
}

}  // namespace
}  // namespace migrate::testing

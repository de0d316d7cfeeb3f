// The migrate command end to end on real servers: Magento's config and map formats, every rule
// kind, integrity messages word for word, -a, -r, and kill -9 at random points followed by resume.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_connection.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_servers.h"
#include "tests/support/tls_certificates.h"

namespace migrate {
namespace {

using ::migrate::testing::DestinationServer;
using ::migrate::testing::Connect;
using ::migrate::testing::Exec;
using ::migrate::testing::MigrateRunTest;
using ::migrate::testing::Scalar;
using ::migrate::testing::ProcessResult;
using ::migrate::testing::RunCommand;
using ::migrate::testing::SourceDir;
using ::migrate::testing::SourceServer;
using ::migrate::testing::Subprocess;
using ::migrate::testing::TestDatabase;
using ::testing::HasSubstr;
using ::testing::Not;

// The Map step with map.xml of the test's folder, and `options`.
class MigrateCommandTest : public MigrateRunTest {
 protected:
  std::string MapConfig(const std::string& options, const io::ConnectionOptions& destination) {
    return WriteConfig("data", kMapStep, "\n    <map_file>map.xml</map_file>" + options, destination);
  }
};

TEST_F(MigrateCommandTest, HelpAndBadCommandLines) {
  ProcessResult help = Migrate({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.output, HasSubstr("migrate settings|data|delta [-r|--reset] [-a|--auto] [-v|-vv|-q]"));

  ProcessResult bad_mode = Migrate({"migrate:copy", "config.xml"});
  EXPECT_EQ(bad_mode.exit_code, 1);
  EXPECT_THAT(bad_mode.output, HasSubstr("unknown mode 'copy'"));

  ProcessResult missing = Migrate({"migrate:data", "no-such-config.xml"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.output, HasSubstr("no-such-config.xml"));
}

// The revision is a commit of the checkout, HEAD or (a binary built before the last commits) one
// of its ancestors; "unknown" only when the sources are not a git checkout.
TEST_F(MigrateCommandTest, VersionNamesTheCommitOfTheCheckout) {
  ProcessResult version = Migrate({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  std::smatch match;
  ASSERT_TRUE(std::regex_match(version.output, match,
                               std::regex(R"(migrate \d+\.\d+\.\d+ \(git revision ([0-9a-f]{12}|unknown)(-dirty)?\)\n)")))
      << version.output;
  absl::StatusOr<std::string> head = RunCommand(absl::StrCat("git -C '", SourceDir(), "' rev-parse HEAD"));
  if (!head.ok()) {
    EXPECT_EQ(match[1].str(), "unknown");
    return;
  }
  EXPECT_TRUE(RunCommand(absl::StrCat("git -C '", SourceDir(), "' merge-base --is-ancestor ", match[1].str(), " HEAD"))
                  .ok())
      << match[1].str() << " is not HEAD (" << *head << ") or one of its ancestors";
}

// Each bad value is one message naming the file, the line and the option, with exit code 1.
TEST_F(MigrateCommandTest, BadOptionValuesAndADirectoryAreNamedOnce) {
  WriteFile("map.xml", "<map><source/><destination/></map>");
  const std::string config = MapConfig("\n    <threads>0</threads>", destination_options_);
  ProcessResult threads = Migrate({"data", config});
  EXPECT_EQ(threads.exit_code, 1);
  const std::string message = "<threads> value \"0\" is not a whole number from 1 to 1024 (chunks copied at once)";
  EXPECT_THAT(threads.output, HasSubstr(absl::StrCat("migrate: ", config, ":")));
  EXPECT_THAT(threads.output, HasSubstr(message));
  EXPECT_EQ(threads.output.find(message), threads.output.rfind(message)) << threads.output;

  std::filesystem::create_directories(dir_ + "/folder.xml");
  ProcessResult directory = Migrate({"data", dir_ + "/folder.xml"});
  EXPECT_EQ(directory.exit_code, 1);
  EXPECT_THAT(directory.output, HasSubstr(absl::StrCat(dir_, "/folder.xml: is a directory, not an XML file")));
  EXPECT_THAT(directory.output, Not(HasSubstr("malformed XML")));
}

// A handler no data stage could build is an integrity error -a cannot carry past: the run stops
// before any data moves, and the error is printed once (it was again by the data stage).
TEST_F(MigrateCommandTest, HandlerThatCannotWorkStopsUnderAutoAndIsPrintedOnce) {
  Exec(*source_, "CREATE TABLE item (id INT PRIMARY KEY, v VARCHAR(10))");
  Exec(*source_, "INSERT INTO item VALUES (1, 'a')");
  Exec(*destination_, "CREATE TABLE item (id INT PRIMARY KEY, v VARCHAR(10))");
  WriteFile("map.xml", R"(<map><source><field_rules><transform><field>item.v</field>
    <handler class="\Migration\Handler\Convert"><param name="map" value="[a:b;c]"/></handler>
    </transform></field_rules></source><destination/></map>)");
  ProcessResult run = Migrate({"data", "-a", MapConfig("", destination_options_)});
  EXPECT_EQ(run.exit_code, 1);
  const std::string message = "handler \\Migration\\Handler\\Convert: Invalid map provided to convert handler";
  EXPECT_THAT(run.output, HasSubstr(message));
  EXPECT_EQ(run.output.find(message), run.output.rfind(message)) << run.output;
  EXPECT_THAT(run.output, HasSubstr("-a (--auto) carries on past differences, not past these"));
  EXPECT_THAT(run.output, Not(HasSubstr("[stage: data migration]")));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM item"), "0");
}

TEST_F(MigrateCommandTest, MalformedMapStopsBeforeAnyDatabaseWork) {
  WriteFile("map.xml", R"(<?xml version="1.0"?>
<map>
  <source>
    <document_rules>
      <bogus>x</bogus>
    </document_rules>
  </source>
  <destination/>
</map>
)");
  std::string config = MapConfig("", destination_options_);
  ProcessResult run = Migrate({"data", config});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("map.xml:5:"));
  EXPECT_EQ(Scalar(*destination_, absl::StrCat("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '",
                                               destination_options_.database, "'")),
            "0");
}

TEST_F(MigrateCommandTest, PasswordsNeverReachTheOutputOrTheLog) {
  WriteFile("map.xml", "<map><source/><destination/></map>");
  std::string config = MapConfig("", destination_options_);
  std::ifstream in(config);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text = absl::StrReplaceAll(text, {{R"(user="root" password="")", R"(user="nobody" password="Sup3r-s3cret")"}});
  std::ofstream(config) << text;
  ProcessResult run = Migrate({"data", "-vv", config});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("nobody@127.0.0.1"));
  EXPECT_THAT(run.output, Not(HasSubstr("Sup3r-s3cret")));
  std::ifstream log(dir_ + "/migration.log");
  std::string logged((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_THAT(logged, HasSubstr("Access denied"));
  EXPECT_THAT(logged, Not(HasSubstr("Sup3r-s3cret")));
}

// config.xml's ssl_ca means TLS or nothing (the test servers have none), and a relaxed name check
// is a warning of every run.
TEST_F(MigrateCommandTest, SslCaRequiresTlsAndARelaxedNameCheckWarns) {
  WriteFile("map.xml", "<map><source/><destination/></map>");
  Exec(*source_, "CREATE TABLE t (id INT PRIMARY KEY)");
  Exec(*destination_, "CREATE TABLE t (id INT PRIMARY KEY)");
  absl::StatusOr<testing::TlsFiles> files = testing::GenerateTlsFiles(dir_, "test", {"IP:127.0.0.1"});
  ASSERT_TRUE(files.ok()) << files.status();
  std::string config = MapConfig("\n    <ssl_skip_name_check>1</ssl_skip_name_check>", destination_options_);
  std::ifstream in(config);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text = absl::StrReplaceAll(text, {{R"(user="root" password="")",
                                     absl::StrCat(R"(user="root" password="" ssl_ca=")", files->ca_cert, R"(")")}});
  std::ofstream(config) << text;
  ProcessResult run = Migrate({"data", config});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("ssl_skip_name_check is set: the TLS certificates of root@127.0.0.1:"));
  EXPECT_THAT(run.output, HasSubstr("TLS connection (ssl_ca, ssl_cert, ssl_key) failed"));
}

TEST_F(MigrateCommandTest, NotImplementedStepClassesAreListedTogether) {
  WriteFile("map.xml", "<map><source/><destination/></map>");
  std::string config = WriteConfig("data", absl::StrCat(kMapStep, R"(
    <step title="VisualMerchandiser Step">
      <integrity>Migration\Step\VisualMerchandiser\Integrity</integrity>
      <data>Migration\Step\VisualMerchandiser\Data</data>
    </step>)"),
                                   "<map_file>map.xml</map_file>");
  ProcessResult run = Migrate({"data", config});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("not implemented yet"));
  EXPECT_THAT(run.output, HasSubstr("Migration\\Step\\VisualMerchandiser\\Integrity"));
  EXPECT_THAT(run.output, HasSubstr("Migration\\Step\\VisualMerchandiser\\Data"));
  EXPECT_THAT(run.output, Not(HasSubstr("Migration\\Step\\Map")));
}

// Source and destination shaped like a tiny shop, with a rule of every kind between them.
class RulesTest : public MigrateCommandTest {
 protected:
  void SetUp() override {
    MigrateCommandTest::SetUp();
    Exec(*source_, R"(CREATE TABLE customer (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, email VARCHAR(255) NULL,
                       name VARCHAR(255) CHARACTER SET utf8mb4 NULL, legacy_flag TINYINT NULL, old_code VARCHAR(32) NULL,
                       created_at DATETIME NOT NULL, note BLOB NULL))");
    Exec(*source_, R"(INSERT INTO customer SELECT seq, IF(seq MOD 9 = 0, NULL, CONCAT('c', seq, '@example.com')),
                       CONCAT('Jürgen \\ \'O\' 日本 ', seq, '\n🎉'), seq MOD 2, CONCAT('code-', seq),
                       IF(seq MOD 13 = 0, '0000-00-00 00:00:00', '2011-01-01' + INTERVAL seq HOUR),
                       IF(seq MOD 4 = 0, NULL, UNHEX(CONCAT('00', HEX(seq), '00FF')))
                     FROM seq_1_to_3000)");
    Exec(*source_, R"(CREATE TABLE order_item (order_id INT UNSIGNED NOT NULL, item_no SMALLINT UNSIGNED NOT NULL,
                       sku VARCHAR(64) NOT NULL, qty DECIMAL(12,4) NULL, PRIMARY KEY (order_id, item_no)))");
    Exec(*source_, R"(INSERT INTO order_item SELECT seq DIV 4, seq MOD 4, CONCAT('SKU-', seq), IF(seq MOD 5 = 0, NULL, seq / 7)
                     FROM seq_0_to_4999)");
    Exec(*source_, "CREATE TABLE log_visitor (id INT PRIMARY KEY, url VARCHAR(100))");
    Exec(*source_, "INSERT INTO log_visitor VALUES (1, '/a'), (2, '/b')");
    Exec(*source_, "CREATE TABLE log_url (id INT PRIMARY KEY)");

    Exec(*destination_, R"(CREATE TABLE customer_entity (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, email VARCHAR(255) NULL,
                            name VARCHAR(255) CHARACTER SET utf8mb4 NULL, code VARCHAR(32) NULL, created_at DATETIME NOT NULL,
                            note BLOB NULL, website_id SMALLINT NULL, is_active TINYINT NOT NULL DEFAULT 1))");
    Exec(*destination_, R"(CREATE TABLE sales_order_item (order_id INT UNSIGNED NOT NULL, item_no SMALLINT UNSIGNED NOT NULL,
                            sku VARCHAR(64) NOT NULL, qty DECIMAL(12,4) NULL, PRIMARY KEY (order_id, item_no)))");
    WriteFile("map.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<map xmlns:xs="http://www.w3.org/2001/XMLSchema-instance" xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/map.xsd">
  <source>
    <document_rules>
      <ignore><document>log_*</document></ignore>
      <rename><document>customer</document><to>customer_entity</to></rename>
      <rename><document>order_item</document><to>sales_order_item</to></rename>
    </document_rules>
    <field_rules>
      <ignore><field>customer.legacy_flag</field></ignore>
      <move><field>customer.old_code</field><to>customer_entity.code</to></move>
    </field_rules>
  </source>
  <destination>
    <field_rules>
      <ignore><field>customer_entity.is_active</field></ignore>
      <ignore><field>customer_entity.website_id</field></ignore>
      <transform>
        <field>customer_entity.website_id</field>
        <handler class="\Migration\Handler\SetValue"><param name="value" value="1"/></handler>
      </transform>
    </field_rules>
  </destination>
</map>
)");
  }

  std::string CustomerChecksum(io::MysqlConnection& connection, bool destination) {
    return Scalar(connection, absl::StrCat("SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', entity_id, email, HEX(name), ",
                                           destination ? "code" : "old_code",
                                           ", created_at, HEX(note), ISNULL(email), ISNULL(note))))) FROM ",
                                           destination ? "customer_entity" : "customer"));
  }

  std::string ItemChecksum(io::MysqlConnection& connection, const std::string& table) {
    return Scalar(connection, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', order_id, item_no, sku, qty, "
                              "ISNULL(qty))))) FROM " + table);
  }
};

TEST_F(RulesTest, EveryRuleKindArrives) {
  std::string config = MapConfig("<bulk_size>250</bulk_size>", destination_options_);
  ProcessResult run = Migrate({"data", config});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(CustomerChecksum(*destination_, true), CustomerChecksum(*source_, false));
  EXPECT_EQ(ItemChecksum(*destination_, "sales_order_item"), ItemChecksum(*source_, "order_item"));
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(MIN(website_id), MAX(website_id), MIN(is_active)) FROM customer_entity"),
            "111");
  EXPECT_EQ(Scalar(*destination_, "SELECT name FROM customer_entity WHERE entity_id = 7"),
            "Jürgen \\ 'O' 日本 7\n🎉");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM customer_entity WHERE created_at = '0000-00-00 00:00:00'"), "230");
  EXPECT_THAT(run.output, HasSubstr("[INFO][mode: data][stage: integrity check][step: Map Step]: started"));
  EXPECT_THAT(run.output, HasSubstr("Migration completed: documents: 2, rows: 8000"));
  EXPECT_THAT(run.output, Not(HasSubstr("ERROR")));
  std::ifstream log(dir_ + "/migration.log");
  std::string first_line;
  std::getline(log, first_line);
  EXPECT_THAT(first_line, HasSubstr("[mode: data]"));
  EXPECT_THAT(first_line, Not(HasSubstr("\033[")));
}

TEST_F(RulesTest, IntegrityMessagesWordForWordAndAuto) {
  Exec(*source_, "CREATE TABLE extension_a (id INT PRIMARY KEY)");
  Exec(*source_, "CREATE TABLE extension_b (id INT PRIMARY KEY)");
  Exec(*source_, "ALTER TABLE order_item ADD COLUMN gift_message VARCHAR(10) NULL");
  Exec(*destination_, "CREATE TABLE m2_only (id INT PRIMARY KEY)");
  Exec(*destination_, "ALTER TABLE sales_order_item ADD COLUMN product_type VARCHAR(10) NULL, MODIFY qty VARCHAR(20) NULL");
  std::string config = MapConfig("", destination_options_);

  ProcessResult strict = Migrate({"data", config});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_THAT(strict.output, HasSubstr("[ERROR][mode: data][stage: integrity check][step: Map Step]: "
                                       "Source documents are not mapped: extension_a,extension_b"));
  EXPECT_THAT(strict.output, HasSubstr("Destination documents are not mapped: m2_only"));
  EXPECT_THAT(strict.output, HasSubstr("Source fields are not mapped. Document: order_item. Fields: gift_message"));
  EXPECT_THAT(strict.output,
              HasSubstr("Destination fields are not mapped. Document: sales_order_item. Fields: product_type"));
  EXPECT_THAT(strict.output, HasSubstr("[WARNING][mode: data][stage: integrity check][step: Map Step]: "
                                       "Mismatch of data types. Source document: order_item. Fields: qty"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM customer_entity"), "0");

  ProcessResult automatic = Migrate({"data", "-a", config});
  EXPECT_EQ(automatic.exit_code, 0) << automatic.output;
  EXPECT_THAT(automatic.output, HasSubstr("carrying on past the differences above because of -a"));
  EXPECT_EQ(CustomerChecksum(*destination_, true), CustomerChecksum(*source_, false));
}

TEST_F(RulesTest, UnknownHandlerIsAnIntegrityErrorNamingFileAndLine) {
  std::ifstream in(dir_ + "/map.xml");
  std::string map((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  WriteFile("map.xml", absl::StrReplaceAll(map, {{"\\Migration\\Handler\\SetValue", "\\Migration\\Handler\\NoSuchThing"}}));
  ProcessResult run = Migrate({"data", "-a", MapConfig("", destination_options_)});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.output, HasSubstr("map.xml:20: unknown handler class"));
  EXPECT_THAT(run.output, HasSubstr("NoSuchThing"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM customer_entity"), "0");
}

TEST_F(RulesTest, DirectDocumentCopyOnOneServer) {
  io::ConnectionOptions same_server = TestDatabase(SourceServer(), "_dst");
  auto destination = Connect(same_server);
  ASSERT_NE(destination, nullptr);
  Exec(*destination, R"(CREATE TABLE customer_entity (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, email VARCHAR(255) NULL,
                         name VARCHAR(255) CHARACTER SET utf8mb4 NULL, code VARCHAR(32) NULL, created_at DATETIME NOT NULL,
                         note BLOB NULL, website_id SMALLINT NULL, is_active TINYINT NOT NULL DEFAULT 1))");
  Exec(*destination, "CREATE TABLE sales_order_item LIKE " + io::QuoteIdentifier(source_options_.database) + ".order_item");
  ProcessResult run = Migrate({"data", MapConfig("<direct_document_copy>1</direct_document_copy>", same_server)});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("1 documents move unchanged and are copied by INSERT ... SELECT on the server"));
  EXPECT_EQ(ItemChecksum(*destination, "sales_order_item"), ItemChecksum(*source_, "order_item"));
  EXPECT_EQ(CustomerChecksum(*destination, true), CustomerChecksum(*source_, false));
}

TEST_F(RulesTest, PrefixesOnBothSides) {
  Exec(*source_, "RENAME TABLE customer TO m1_customer, order_item TO m1_order_item, log_visitor TO m1_log_visitor, "
                "log_url TO m1_log_url");
  Exec(*destination_, "RENAME TABLE customer_entity TO m2_customer_entity, sales_order_item TO m2_sales_order_item");
  std::string config = MapConfig("<source_prefix>m1_</source_prefix><dest_prefix>m2_</dest_prefix>",
                                   destination_options_);
  ProcessResult run = Migrate({"data", config});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(ItemChecksum(*destination_, "m2_sales_order_item"), ItemChecksum(*source_, "m1_order_item"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM m2_customer_entity"), "3000");
}

// Inserts the rules of `fragment` (the <map> an integrity check prints) into the matching sections
// of `map`, adding a section `map` lacks: what a user does with the printed fragment.
std::string PasteFragment(std::string map, const std::string& fragment) {
  for (const std::string side : {"source", "destination"}) {
    for (const std::string group : {"document_rules", "field_rules"}) {
      const size_t fragment_side = fragment.find("<" + side + ">");
      const size_t fragment_end = fragment.find("</" + side + ">");
      const size_t open = fragment.find("<" + group + ">\n", fragment_side);
      if (open == std::string::npos || open > fragment_end) continue;
      const size_t rules_start = open + group.size() + 3;
      const std::string rules = fragment.substr(rules_start, fragment.find("</" + group + ">", open) - rules_start);
      const size_t map_side = map.find("<" + side + ">");
      const size_t map_end = map.find("</" + side + ">");
      const size_t existing = map.find("<" + group + ">", map_side);
      if (existing != std::string::npos && existing < map_end) {
        map.insert(existing + group.size() + 2, "\n" + rules);
      } else if (group == "document_rules") {
        map.insert(map_side + side.size() + 2, "\n<" + group + ">\n" + rules + "</" + group + ">\n");
      } else {
        map.insert(map_end, "<" + group + ">\n" + rules + "</" + group + ">\n");
      }
    }
  }
  return map;
}

// The printed <map> of what is not mapped, or "" when there is none.
std::string PrintedFragment(const std::string& output) {
  const size_t header = output.find("Rules that map or ignore what is not mapped");
  if (header == std::string::npos) return "";
  const size_t start = output.find("<map>\n", header);
  const size_t end = output.find("</map>\n", start);
  if (start == std::string::npos || end == std::string::npos) return "";
  return output.substr(start, end + 7 - start);
}

TEST_F(RulesTest, FragmentForWhatIsNotMappedPastedIntoTheMapMakesTheCheckPass) {
  Exec(*source_, "CREATE TABLE extension_a (id INT PRIMARY KEY, payload TEXT NULL)");
  Exec(*source_, "CREATE TABLE aw_blog (post_id INT PRIMARY KEY, title VARCHAR(100) NULL)");
  Exec(*source_, "INSERT INTO aw_blog SELECT seq, CONCAT('post ', seq) FROM seq_1_to_40");
  Exec(*source_, "ALTER TABLE order_item ADD COLUMN gift_message VARCHAR(10) NULL, ADD COLUMN points INT NULL");
  Exec(*source_, "UPDATE order_item SET gift_message = CONCAT('gift ', order_id) WHERE item_no = 1");
  Exec(*destination_, "CREATE TABLE aw_blog_post (post_id INT PRIMARY KEY, title VARCHAR(255) NULL)");
  Exec(*destination_, "CREATE TABLE m2_only (id INT PRIMARY KEY)");
  Exec(*destination_,
       "ALTER TABLE sales_order_item ADD COLUMN gift_note VARCHAR(20) NULL, ADD COLUMN product_type CHAR(8) NULL");
  std::string config = MapConfig("", destination_options_);

  ProcessResult failed = Migrate({"data", config});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_THAT(failed.output, HasSubstr("[ERROR][mode: data][stage: integrity check][step: Map Step]: "
                                       "Source documents are not mapped: aw_blog,extension_a\n"));
  EXPECT_THAT(failed.output, HasSubstr("Destination documents are not mapped: aw_blog_post,m2_only\n"));
  EXPECT_THAT(failed.output,
              HasSubstr("Source fields are not mapped. Document: order_item. Fields: gift_message,points\n"));
  EXPECT_THAT(failed.output, HasSubstr("Destination fields are not mapped. Document: sales_order_item. "
                                       "Fields: gift_note,product_type\n"));
  EXPECT_THAT(failed.output, HasSubstr("[INFO][mode: data][stage: integrity check][step: Map Step]: Rules that map or "
                                       "ignore what is not mapped, to paste into the matching sections of the map file "
                                       "(-v says why each):\n<map>\n"));
  const std::string fragment = PrintedFragment(failed.output);
  EXPECT_EQ(fragment, R"(<map>
  <source>
    <document_rules>
      <rename><document>aw_blog</document><to>aw_blog_post</to></rename>
      <ignore><document>extension_a</document></ignore>
    </document_rules>
    <field_rules>
      <move><field>order_item.gift_message</field><to>sales_order_item.gift_note</to></move>
      <ignore><field>order_item.points</field></ignore>
    </field_rules>
  </source>
  <destination>
    <document_rules>
      <ignore><document>m2_only</document></ignore>
    </document_rules>
    <field_rules>
      <ignore><field>sales_order_item.product_type</field></ignore>
    </field_rules>
  </destination>
</map>
)") << failed.output;
  EXPECT_THAT(failed.output, Not(HasSubstr("renamed to aw_blog_post")));

  ProcessResult verbose = Migrate({"data", "-v", config});
  EXPECT_EQ(verbose.exit_code, 1);
  EXPECT_EQ(PrintedFragment(verbose.output), fragment);
  EXPECT_THAT(verbose.output, HasSubstr("[INFO][mode: data][stage: integrity check][step: Map Step]: Source document "
                                        "aw_blog: renamed to aw_blog_post, the one unmapped destination document with "
                                        "the same columns (post_id int, title varchar)\n"));
  EXPECT_THAT(verbose.output, HasSubstr("Source document extension_a: ignored, no unmapped destination document has "
                                        "the same columns\n"));
  EXPECT_THAT(verbose.output, HasSubstr("Source field order_item.gift_message: moved to sales_order_item.gift_note, "
                                        "the one unmapped destination field of type varchar\n"));
  EXPECT_THAT(verbose.output, HasSubstr("Source field order_item.points: ignored, no unmapped field of "
                                        "sales_order_item has type int\n"));
  EXPECT_THAT(verbose.output, HasSubstr("Destination document m2_only: ignored, no unmapped source document is "
                                        "renamed to it\n"));
  EXPECT_THAT(verbose.output, HasSubstr("Destination field sales_order_item.product_type: ignored, no unmapped "
                                        "source field is moved to it\n"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM customer_entity"), "0");

  std::ifstream in(dir_ + "/map.xml");
  std::string map((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  WriteFile("map.xml", PasteFragment(map, fragment));
  ProcessResult clean = Migrate({"data", config});
  ASSERT_EQ(clean.exit_code, 0) << clean.output;
  EXPECT_THAT(clean.output, Not(HasSubstr("not mapped")));
  EXPECT_THAT(clean.output, Not(HasSubstr("ERROR")));
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT(post_id, title)))) FROM aw_blog_post"),
            Scalar(*source_, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT(post_id, title)))) FROM aw_blog"));
  EXPECT_EQ(Scalar(*destination_, "SELECT CONCAT(COUNT(gift_note), ':', SUM(CRC32(gift_note))) FROM sales_order_item"),
            Scalar(*source_, "SELECT CONCAT(COUNT(gift_message), ':', SUM(CRC32(gift_message))) FROM order_item"));
  EXPECT_EQ(ItemChecksum(*destination_, "sales_order_item"), ItemChecksum(*source_, "order_item"));
}

// A bigger copy that a kill -9 can interrupt in the middle.
class ResumeTest : public MigrateCommandTest {
 protected:
  void SetUp() override {
    MigrateCommandTest::SetUp();
    clean_options_ = TestDatabase(DestinationServer(), "_clean");
    clean_ = Connect(clean_options_);
    ASSERT_NE(clean_, nullptr);
    Exec(*source_, R"(CREATE TABLE event (id BIGINT UNSIGNED NOT NULL PRIMARY KEY, store SMALLINT NOT NULL,
                       payload VARCHAR(200) CHARACTER SET utf8mb4 NULL, at DATETIME NULL))");
    Exec(*source_, R"(INSERT INTO event SELECT seq * 3, seq MOD 7, IF(seq MOD 10 = 0, NULL, CONCAT(REPEAT('é', seq MOD 50), seq)),
                       '2015-05-05' + INTERVAL seq SECOND FROM seq_1_to_400000)");
    Exec(*source_, R"(CREATE TABLE link (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b)))");
    Exec(*source_, "INSERT INTO link SELECT seq DIV 10, seq MOD 10 FROM seq_0_to_99999");
    Exec(*source_, "ANALYZE TABLE event, link");
    for (io::MysqlConnection* destination : {destination_.get(), clean_.get()}) {
      Exec(*destination, R"(CREATE TABLE event (id BIGINT UNSIGNED NOT NULL PRIMARY KEY, store SMALLINT NOT NULL,
                             payload VARCHAR(200) CHARACTER SET utf8mb4 NULL, at DATETIME NULL))");
      Exec(*destination, "CREATE TABLE link (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b))");
    }
    WriteFile("map.xml", "<map><source/><destination/></map>");
  }

  // The second column of the first row: the checksum of CHECKSUM TABLE.
  std::string Table(io::MysqlConnection& connection, const std::string& sql) {
    absl::StatusOr<io::ResultSet> result = connection.Query(sql);
    if (!result.ok() || result->empty()) return "<none>";
    return result->rows()[0].size() > 1 && result->rows()[0][1].has_value() ? *result->rows()[0][1] : "<null>";
  }

  io::ConnectionOptions clean_options_;
  std::unique_ptr<io::MysqlConnection> clean_;
};

TEST_F(ResumeTest, KillNineAtRandomPointsThenResumeEqualsACleanRun) {
  const std::string options = "<bulk_size>2000</bulk_size><threads>3</threads>";
  ProcessResult clean = Migrate({"data", MapConfig(options, clean_options_)});
  ASSERT_EQ(clean.exit_code, 0) << clean.output;
  const std::string expected = absl::StrCat(Scalar(*clean_, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, store, payload, at)))) FROM event"),
                                            "/", Scalar(*clean_, "SELECT CONCAT(COUNT(*), ':', SUM(a * 10 + b)) FROM link"));
  ASSERT_THAT(expected, HasSubstr("400000:"));

  const std::string config = MapConfig(options, destination_options_);
  // Kill points at random row counts, in increasing order, so every run dies in the middle of the copy.
  std::mt19937 random(20261122);
  std::vector<int> kill_at;
  for (int i = 0; i < 6; ++i) kill_at.push_back(20000 + static_cast<int>(random() % 440000));
  std::sort(kill_at.begin(), kill_at.end());
  auto monitor = Connect(destination_options_);
  int killed_mid_run = 0;
  for (int target : kill_at) {
    std::unique_ptr<Subprocess> run = StartMigrate({"data", config});
    bool killed = false;
    for (int polls = 0; polls < 3000 && !killed; ++polls) {
      absl::StatusOr<std::string> done = monitor->QueryScalar("SELECT COALESCE(SUM(rows_done), 0) FROM migrate_progress");
      if (done.ok() && std::stoi(*done) >= target) {
        run->Kill(SIGKILL);
        killed = true;
      } else if (!run->Running()) {
        break;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    if (killed && run->Wait().exit_code == 128 + SIGKILL) ++killed_mid_run;
  }
  EXPECT_GE(killed_mid_run, 5);
  ProcessResult finish = Migrate({"data", config});
  ASSERT_EQ(finish.exit_code, 0) << finish.output;
  const std::string actual = absl::StrCat(Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, store, payload, at)))) FROM event"),
                                          "/", Scalar(*destination_, "SELECT CONCAT(COUNT(*), ':', SUM(a * 10 + b)) FROM link"));
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(Table(*destination_, "CHECKSUM TABLE event"), Table(*clean_, "CHECKSUM TABLE event"));
  EXPECT_EQ(Table(*destination_, "CHECKSUM TABLE link"), Table(*clean_, "CHECKSUM TABLE link"));

  // Finished documents are not read again.
  ProcessResult again = Migrate({"data", config});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr("copied 0 rows of 0 documents"));
  EXPECT_THAT(again.output, HasSubstr("2 documents were already finished by an earlier run"));
}

TEST_F(ResumeTest, CtrlCCommitsAndExits130ThenResetStartsOver) {
  const std::string config = MapConfig("<bulk_size>2000</bulk_size><threads>2</threads>", destination_options_);
  std::unique_ptr<Subprocess> run = StartMigrate({"data", config});
  auto monitor = Connect(destination_options_);
  for (int polls = 0; polls < 3000 && run->Running(); ++polls) {
    absl::StatusOr<std::string> done = monitor->QueryScalar("SELECT COALESCE(SUM(rows_done), 0) FROM migrate_progress");
    if (done.ok() && std::stoi(*done) >= 100000) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run->Kill(SIGINT);
  ProcessResult interrupted = run->Wait();
  if (interrupted.exit_code == 0) GTEST_SKIP() << "the copy finished before Ctrl+C arrived";
  EXPECT_EQ(interrupted.exit_code, 130) << interrupted.output;
  EXPECT_THAT(interrupted.output, HasSubstr("run the same command to resume"));

  ProcessResult reset = Migrate({"data", "-r", config});
  ASSERT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_THAT(reset.output, HasSubstr("Reset: saved progress cleared"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM event"), "400000");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM link"), "100000");
}

}  // namespace
}  // namespace migrate

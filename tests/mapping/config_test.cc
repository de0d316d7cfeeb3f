// config.xml: steps, databases, options, path resolution and schema errors.
#include "mapping/config.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kConfig[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<config xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
        xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/config.xsd">
    <steps mode="settings">
        <step title="Settings Step">
            <integrity>Migration\Step\Settings\Integrity</integrity>
            <data>Migration\Step\Settings\Data</data>
        </step>
    </steps>
    <steps mode="data">
        <step title="Map Step">
            <integrity>Migration\Step\Map\Integrity</integrity>
            <data>Migration\Step\Map\Data</data>
            <volume>Migration\Step\Map\Volume</volume>
        </step>
        <step title="Log Step">
            <data>Migration\Step\Log\Data</data>
        </step>
    </steps>
    <steps mode="data">
        <step title="Map Step">
            <data>Vendor\Step\FastMap</data>
            <delta>Migration\Step\Map\Delta</delta>
        </step>
        <step title="Extra Step">
            <volume>Vendor\Step\Extra_Volume</volume>
        </step>
    </steps>
    <source>
        <database host="db1.example.com" port="3307" name="magento1" user="m1" password="s3cret-one"
                  ssl_ca="/ca.pem" ssl_cert="/cert.pem" ssl_key="/key.pem" />
    </source>
    <destination>
        <database host="localhost" name="magento2" user="m2" password="s3cret-two" />
    </destination>
    <options>
        <map_file>etc/map.xml.dist</map_file>
        <bulk_size> 500 </bulk_size>
        <direct_document_copy>1</direct_document_copy>
        <source_prefix>m1_</source_prefix>
        <dest_prefix />
        <my_vendor_option>anything <b>goes</b> here</my_vendor_option>
        <init_statements_source>SET NAMES utf8; SET time_zone = '+00:00'; </init_statements_source>
        <crypt_key>f3e25abe619dae2387df9961594b0789</crypt_key>
        <log_file>migration.log</log_file>
        <log_file>other.log</log_file>
    </options>
</config>
)";

Config ParseOrDie(absl::string_view xml, const std::string& path = "etc/config.xml",
                  const std::string& tool_root = "") {
  absl::StatusOr<Config> config = Config::Parse(path, xml, tool_root);
  EXPECT_TRUE(config.ok()) << config.status();
  return *std::move(config);
}

std::string ParseError(absl::string_view xml) {
  absl::StatusOr<Config> config = Config::Parse("config.xml", xml, "");
  EXPECT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(config.status().message());
}

std::string Minimal(absl::string_view options,
                    absl::string_view database = "<database host=\"h\" name=\"n\" user=\"u\"/>") {
  return absl::StrCat("<config><steps mode=\"data\"/><source>", database,
                      "</source><destination><database host=\"h\" name=\"n\" user=\"u\"/>"
                      "</destination><options>",
                      options, "</options></config>");
}

TEST(ConfigTest, StepsPerModeMergeLikeMagento) {
  const Config config = ParseOrDie(kConfig);
  EXPECT_THAT(config.Modes(), ElementsAre("settings", "data"));
  ASSERT_THAT(config.Steps("settings"), SizeIs(1));
  EXPECT_THAT(config.Steps("delta"), IsEmpty());
  const std::vector<StepConfig>& data = config.Steps("data");
  ASSERT_THAT(data, SizeIs(3));
  EXPECT_EQ(data[0].title, "Map Step");
  EXPECT_EQ(data[0].line, 11);
  // The second "Map Step" replaced its data class and added a delta class.
  ASSERT_THAT(data[0].stages, SizeIs(4));
  EXPECT_EQ(data[0].stages[1].kind, StageKind::kData);
  EXPECT_EQ(data[0].stages[1].class_name, "Vendor\\Step\\FastMap");
  EXPECT_EQ(data[0].stages[1].line, 22);
  EXPECT_EQ(data[0].Stage(StageKind::kDelta)->class_name, "Migration\\Step\\Map\\Delta");
  EXPECT_EQ(data[0].Stage(StageKind::kIntegrity)->class_name, "Migration\\Step\\Map\\Integrity");
  EXPECT_EQ(data[1].title, "Log Step");
  EXPECT_EQ(data[1].Stage(StageKind::kIntegrity), nullptr);
  EXPECT_EQ(data[2].Stage(StageKind::kVolume)->class_name, "Vendor\\Step\\Extra_Volume");
  EXPECT_EQ(StageKindName(StageKind::kVolume), "volume");
}

TEST(ConfigTest, Databases) {
  const Config config = ParseOrDie(kConfig);
  const DatabaseConfig& source = config.source();
  EXPECT_EQ(source.type, "database");
  EXPECT_EQ(source.host, "db1.example.com");
  EXPECT_EQ(source.port, "3307");
  EXPECT_EQ(source.name, "magento1");
  EXPECT_EQ(source.user, "m1");
  EXPECT_EQ(source.password, "s3cret-one");
  EXPECT_EQ(source.ssl_ca, "/ca.pem");
  EXPECT_EQ(source.ssl_cert, "/cert.pem");
  EXPECT_EQ(source.ssl_key, "/key.pem");
  EXPECT_EQ(source.Describe(), "m1@db1.example.com:3307/magento1");
  EXPECT_EQ(config.destination().port, "");
  EXPECT_EQ(config.destination().Describe(), "m2@localhost/magento2");
  EXPECT_THAT(config.destination().Describe(), Not(HasSubstr("s3cret")));
}

TEST(ConfigTest, OptionsKeepEverythingInOrder) {
  const Config config = ParseOrDie(kConfig);
  const ConfigOptions& options = config.options();
  std::vector<std::string> names;
  for (const ConfigOption& option : options.all()) names.push_back(option.name);
  EXPECT_THAT(names, ElementsAre("map_file", "bulk_size", "direct_document_copy", "source_prefix",
                                 "dest_prefix", "my_vendor_option", "init_statements_source",
                                 "crypt_key", "log_file"));
  EXPECT_EQ(options.Get("my_vendor_option"), "anything goes here");
  EXPECT_EQ(options.Find("my_vendor_option")->line, 42);
  // A repeated option keeps its place and takes its last value.
  EXPECT_EQ(options.log_file(), "other.log");
  EXPECT_EQ(options.Find("log_file")->line, 46);
  EXPECT_EQ(options.bulk_size(), 500);
  EXPECT_TRUE(options.direct_document_copy());
  EXPECT_EQ(options.source_prefix(), "m1_");
  EXPECT_EQ(options.dest_prefix(), "");
  EXPECT_TRUE(options.Has("dest_prefix"));
  EXPECT_FALSE(options.Has("eav_map_file"));
  EXPECT_EQ(options.eav_map_file(), "");
  EXPECT_THAT(options.init_statements_source(),
              ElementsAre("SET NAMES utf8", "SET time_zone = '+00:00'"));
  EXPECT_THAT(options.init_statements_destination(), IsEmpty());
  EXPECT_EQ(options.crypt_key(), "f3e25abe619dae2387df9961594b0789");
  EXPECT_EQ(options.map_file(), "etc/map.xml.dist");
  EXPECT_FALSE(options.upgrade_customer_password_hash());
}

TEST(ConfigTest, FlagsAndPrefixesReadAsPhpReadsThem) {
  const ConfigOptions options =
      ParseOrDie(
          Minimal("<direct_document_copy>0</direct_document_copy><source_prefix>0</source_prefix>"
                  "<upgrade_customer_password_hash>false</upgrade_customer_password_hash>"))
          .options();
  EXPECT_FALSE(options.direct_document_copy());
  EXPECT_EQ(options.source_prefix(), "");
  // PHP's (bool)"false" is true.
  EXPECT_TRUE(options.upgrade_customer_password_hash());
  EXPECT_EQ(options.bulk_size(), 0);
}

TEST(ConfigTest, EmptyOptionsAreAllowed) {
  EXPECT_THAT(ParseOrDie(Minimal("")).options().all(), IsEmpty());
}

TEST(ConfigTest, SchemaErrorsNameFileAndLine) {
  EXPECT_EQ(ParseError(Minimal("<bulk_size>many</bulk_size>")),
            "config.xml:1: <bulk_size> value \"many\" is not a whole number from 0 to 1000000 (rows per batch; 0 "
            "picks 5000)");
  EXPECT_EQ(ParseError(Minimal("<bulk_size>99999999999</bulk_size>")),
            "config.xml:1: <bulk_size> value \"99999999999\" is not a whole number from 0 to 1000000 (rows per "
            "batch; 0 picks 5000)");
  EXPECT_EQ(ParseError(Minimal("<map_file>map.txt</map_file>")),
            "config.xml:1: <map_file> value \"map.txt\" is not the path of an .xml or .dist file");
  EXPECT_EQ(ParseError(Minimal("<log_file><x/></log_file>")),
            "config.xml:1: element <x> is not allowed in <log_file>");
  EXPECT_EQ(ParseError(Minimal("", "<database host=\"h\" name=\"n\"/>")),
            "config.xml:1: element <database> lacks attribute user");
  EXPECT_EQ(ParseError(Minimal("", "<database host=\"h\" name=\"n\" user=\"u\" socket=\"/s\"/>")),
            "config.xml:1: attribute socket is not allowed in <database>");
  EXPECT_EQ(ParseError(Minimal("", "<file path=\"x\"/>")),
            "config.xml:1: element <file> is not allowed in <source>");
  EXPECT_EQ(ParseError("<config>\n<steps mode=\"data\">\n<step title=\"S\">\n"
                       "<data>1Bad</data>\n</step>\n</steps>\n</config>"),
            "config.xml:4: <data> value \"1Bad\" is not a class name");
  EXPECT_EQ(ParseError("<config>\n<steps mode=\"data\">\n<step>\n</step>\n</steps>\n</config>"),
            "config.xml:3: element <step> lacks attribute title");
  EXPECT_EQ(ParseError("<config>\n<steps mode=\"data\">\n<step title=\"S\">\n<run>X</run>\n"
                       "</step>\n</steps>\n</config>"),
            "config.xml:4: element <run> is not allowed in <step>");
  EXPECT_EQ(ParseError("<config>\n  <steps mode=\"data\"/>\n</config>"),
            "config.xml:1: element <config> lacks <source>");
  EXPECT_EQ(ParseError("<config/>"), "config.xml:1: element <config> lacks <steps>");
  EXPECT_EQ(ParseError("<config><source/></config>"),
            "config.xml:1: element <source> is not allowed here in <config>: expected <steps>");
  EXPECT_EQ(ParseError("<config>\n<steps mode=\"data\">\n</config>"),
            "config.xml:3: malformed XML: invalid closing tag name");
}

TEST(ConfigTest, PortsMustBePortNumbers) {
  for (const char* port : {"34001x", "-1", "", "0", "99999", "65536", "3306.5"}) {
    EXPECT_EQ(ParseError(Minimal("", absl::StrCat("<database host=\"h\" name=\"n\" user=\"u\"\n port=\"", port,
                                                  "\"/>"))),
              absl::StrCat("config.xml:2: <source> port \"", port,
                           "\" is not a port number (a whole number from 1 to 65535)"))
        << port;
  }
  EXPECT_EQ(ParseError("<config><steps mode=\"data\"/><source><database host=\"h\" name=\"n\" user=\"u\"/>"
                       "</source><destination>\n<database host=\"h\" port=\"x\" name=\"n\" user=\"u\"/>"
                       "</destination></config>"),
            "config.xml:2: <destination> port \"x\" is not a port number (a whole number from 1 to 65535)");
  EXPECT_EQ(ParseOrDie(Minimal("", "<database host=\"h\" port=\"65535\" name=\"n\" user=\"u\"/>")).source().port,
            "65535");
}

TEST(ConfigTest, NumericOptionsAreCheckedWithTheirRange) {
  for (const char* threads : {"0", "-5", "abc", "", "1025", "2.5"}) {
    EXPECT_EQ(ParseError(Minimal(absl::StrCat("\n<threads>", threads, "</threads>"))),
              absl::StrCat("config.xml:2: <threads> value \"", threads,
                           "\" is not a whole number from 1 to 1024 (chunks copied at once)"))
        << threads;
  }
  for (const char* bulk_size : {"-5", "abc", "", "1000001"}) {
    EXPECT_EQ(ParseError(Minimal(absl::StrCat("<bulk_size>", bulk_size, "</bulk_size>"))),
              absl::StrCat("config.xml:1: <bulk_size> value \"", bulk_size,
                           "\" is not a whole number from 0 to 1000000 (rows per batch; 0 picks 5000)"))
        << bulk_size;
  }
  for (const char* interval : {"-1", "abc", "", "1e9", "86401", "inf", "nan"}) {
    EXPECT_EQ(ParseError(Minimal(absl::StrCat("<delta_poll_interval>", interval, "</delta_poll_interval>"))),
              absl::StrCat("config.xml:1: <delta_poll_interval> value \"", interval,
                           "\" is not a number from 0 to 86400 (seconds between delta cycles)"))
        << interval;
  }
  for (const char* limit : {"0", "-1", "lots", "", "1048577", "2.5"}) {
    EXPECT_EQ(ParseError(Minimal(absl::StrCat("<memory_limit>", limit, "</memory_limit>"))),
              absl::StrCat("config.xml:1: <memory_limit> value \"", limit,
                           "\" is not a whole number from 1 to 1048576 (MiB the rows in flight may take; default 512)"))
        << limit;
  }
  for (const char* rows : {"-1", "many", "", "2147483648", "1.5"}) {
    EXPECT_EQ(ParseError(Minimal(absl::StrCat("<defer_indexes_min_rows>", rows, "</defer_indexes_min_rows>"))),
              absl::StrCat("config.xml:1: <defer_indexes_min_rows> value \"", rows,
                           "\" is not a whole number from 0 to 2147483647 (source rows from which an empty table "
                           "gets its secondary keys after the load; default 20000, 0 never)"))
        << rows;
  }
  const ConfigOptions options =
      ParseOrDie(Minimal("<threads> 8 </threads><bulk_size>0</bulk_size><delta_poll_interval>0.5</delta_poll_interval>"
                         "<memory_limit> 64 </memory_limit><defer_indexes_min_rows>0</defer_indexes_min_rows>"))
          .options();
  EXPECT_EQ(options.threads(), 8);
  EXPECT_EQ(options.bulk_size(), 0);
  EXPECT_EQ(options.memory_limit(), 64);
  EXPECT_EQ(ParseOrDie(Minimal("")).options().memory_limit(), 0);
  EXPECT_EQ(options.defer_indexes_min_rows(), 0);
  EXPECT_EQ(ParseOrDie(Minimal("")).options().defer_indexes_min_rows(), -1);
  EXPECT_EQ(options.Get("delta_poll_interval"), "0.5");
}

TEST(ConfigTest, ADirectoryIsNamedAsOne) {
  const std::string directory = ::testing::TempDir() + "/config-dir.xml";
  std::filesystem::create_directories(directory);
  absl::StatusOr<Config> config = Config::Read(directory, "");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message(), absl::StrCat(directory, ": is a directory, not an XML file"));
}

TEST(ConfigTest, PasswordsNeverAppearInErrors) {
  const std::string message =
      ParseError(Minimal("",
                         "<database host=\"h\" name=\"n\" user=\"u\" password=\"pw-123\" "
                         "port=\"1\" bad=\"x\"/>"));
  EXPECT_THAT(message, Not(HasSubstr("pw-123")));
}

class ResolvePathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::path(::testing::TempDir()) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "tool/etc");
    std::filesystem::create_directories(root_ / "configs");
    std::filesystem::create_directories(root_ / "cwd/etc");
    Touch(root_ / "tool/etc/in-tool.xml");
    Touch(root_ / "tool/etc/everywhere.xml");
    Touch(root_ / "configs/etc/in-config-dir.xml");
    Touch(root_ / "configs/etc/everywhere.xml");
    Touch(root_ / "cwd/etc/everywhere.xml");
    previous_cwd_ = std::filesystem::current_path();
    std::filesystem::current_path(root_ / "cwd");
    config_ =
        ParseOrDie(Minimal(""), (root_ / "configs/config.xml").string(), (root_ / "tool").string());
  }

  void TearDown() override { std::filesystem::current_path(previous_cwd_); }

  static void Touch(const std::filesystem::path& path) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << "<groups/>";
  }

  std::filesystem::path root_;
  std::filesystem::path previous_cwd_;
  Config config_ = ParseOrDie(Minimal(""));
};

TEST_F(ResolvePathTest, AsGivenFirst) {
  EXPECT_EQ(*ResolvePath(config_, "etc/everywhere.xml"), "etc/everywhere.xml");
}

TEST_F(ResolvePathTest, ThenToolRoot) {
  EXPECT_EQ(*ResolvePath(config_, "etc/in-tool.xml"), (root_ / "tool/etc/in-tool.xml").string());
}

TEST_F(ResolvePathTest, ThenConfigFolder) {
  EXPECT_EQ(*ResolvePath(config_, "etc/in-config-dir.xml"),
            (root_ / "configs/etc/in-config-dir.xml").string());
}

TEST_F(ResolvePathTest, AbsolutePaths) {
  const std::string absolute = (root_ / "tool/etc/in-tool.xml").string();
  EXPECT_EQ(*ResolvePath(config_, absolute), absolute);
  EXPECT_EQ(ResolvePath(config_, (root_ / "missing.xml").string()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ResolvePathTest, MissingFileListsThePlacesTried) {
  absl::StatusOr<std::string> path = ResolvePath(config_, "etc/missing.xml");
  EXPECT_EQ(path.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(path.status().message(),
            absl::StrCat("file etc/missing.xml not found (tried etc/missing.xml, ",
                         (root_ / "tool/etc/missing.xml").string(), ", ",
                         (root_ / "configs/etc/missing.xml").string(), ")"));
  // A directory is not a file.
  EXPECT_EQ(ResolvePath(config_, "etc").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ResolvePath(config_, "").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(ResolvePathTest, ReadRemembersWhereTheConfigIs) {
  const std::filesystem::path file = root_ / "configs/config.xml";
  std::ofstream(file) << Minimal("<map_file>etc/in-config-dir.xml</map_file>");
  absl::StatusOr<Config> config = Config::Read(file.string(), (root_ / "tool").string());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->path(), file.string());
  EXPECT_EQ(config->directory(), (root_ / "configs").string());
  EXPECT_EQ(config->tool_root(), (root_ / "tool").string());
  EXPECT_EQ(*ResolvePath(*config, config->options().map_file()),
            (root_ / "configs/etc/in-config-dir.xml").string());
}

}  // namespace
}  // namespace migrate::mapping

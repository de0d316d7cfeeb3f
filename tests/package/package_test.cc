// The Debian package end to end: CPack builds it from the build tree, dpkg-deb unpacks it into a
// scratch root, and the tests check what it holds, that every library the binary links comes from a
// package it declares and apt can install, and that the installed binary runs: --help, --version,
// and settings then data on a small generated shop with the installed demo profile.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "generator/generator.h"
#include "generator/schema.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/sql.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_paths.h"

namespace migrate {
namespace {

using ::migrate::testing::MigrateRunTest;
using ::migrate::testing::ProcessResult;
using ::migrate::testing::RunCommand;
using ::migrate::testing::RunProcess;
using ::migrate::testing::Scalar;
using ::migrate::testing::SourceDir;
using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `command_line`; a failure is a test failure, and yields "".
std::string Output(const std::string& command_line) {
  absl::StatusOr<std::string> output = RunCommand(command_line);
  EXPECT_TRUE(output.ok()) << output.status();
  return output.ok() ? *output : "";
}

class PackageTest : public MigrateRunTest {
 protected:
  // Builds the package once for all cases, into a folder of its own, and unpacks it into root/.
  static void SetUpTestSuite() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/migrate-package-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    *folder_ = pattern;
    Output(absl::StrCat("'", MIGRATE_CPACK, "' -G DEB --config '", MIGRATE_CPACK_CONFIG, "' -B '", *folder_, "'"));
    for (const auto& entry : std::filesystem::directory_iterator(*folder_)) {
      if (entry.path().extension() == ".deb") *deb_ = entry.path().string();
    }
    ASSERT_FALSE(deb_->empty()) << "cpack made no .deb in " << *folder_;
    Output(absl::StrCat("dpkg-deb -x '", *deb_, "' '", *folder_, "/root'"));
  }

  // The package's folder stays when a case failed, for a look.
  static void TearDownTestSuite() {
    if (!::testing::UnitTest::GetInstance()->Failed()) std::filesystem::remove_all(*folder_);
  }

  void SetUp() override {
    ASSERT_FALSE(deb_->empty()) << "no package was built";
    MigrateRunTest::SetUp();
  }

  static std::string Installed(const std::string& path) { return absl::StrCat(*folder_, "/root/usr/", path); }

  // A field of the package's control file.
  static std::string Field(const std::string& name) {
    return std::string(absl::StripAsciiWhitespace(Output(absl::StrCat("dpkg-deb -f '", *deb_, "' ", name))));
  }

  static inline std::string* const folder_ = new std::string;
  static inline std::string* const deb_ = new std::string;
};

TEST_F(PackageTest, HoldsTheBinaryTheDemoProfileAndTheReadmeOnly) {
  EXPECT_EQ(Field("Package"), "migrate");
  EXPECT_EQ(Field("Version"), MIGRATE_VERSION);
  std::set<std::string> expected = {"./usr/bin/migrate", "./usr/share/doc/migrate/README.md",
                                    "./usr/share/migrate/demo/config.xml.dist"};
  for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/configs/demo")) {
    if (entry.path().extension() == ".xml") {
      expected.insert("./usr/share/migrate/demo/" + entry.path().filename().string());
    }
  }
  std::set<std::string> files;
  // dpkg-deb -c lists like tar tv: mode, owner, size, date, time, path.
  const std::string listing = Output(absl::StrCat("dpkg-deb -c '", *deb_, "'"));
  for (absl::string_view line : absl::StrSplit(listing, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, ' ', absl::SkipEmpty());
    ASSERT_EQ(fields.size(), 6u) << line;
    if (fields[0][0] == '-') files.insert(fields[5]);
  }
  EXPECT_EQ(files, expected);
}

// dpkg-shlibdeps' Depends: the package of every library the binary needs is declared, and apt can
// install the package with what it declares.
TEST_F(PackageTest, DeclaresTheInstallablePackageOfEveryLinkedLibrary) {
  std::set<std::string> declared;
  for (absl::string_view dependency : absl::StrSplit(Field("Depends"), ',', absl::SkipEmpty())) {
    declared.insert(std::string(absl::StripAsciiWhitespace(dependency.substr(0, dependency.find('(')))));
  }
  std::vector<std::string> libraries;
  const std::string dynamic_section = Output(absl::StrCat("readelf -d '", Installed("bin/migrate"), "'"));
  for (absl::string_view line : absl::StrSplit(dynamic_section, '\n')) {
    const size_t start = line.find("Shared library: [");
    if (start == absl::string_view::npos) continue;
    absl::string_view library = line.substr(start + 17);
    libraries.emplace_back(library.substr(0, library.find(']')));
  }
  std::string query = "dpkg-query -S";
  for (const std::string& library : libraries) absl::StrAppend(&query, " '*/", library, "'");
  // "libtbb12:amd64: /usr/lib/x86_64-linux-gnu/libtbb.so.12", or "libc6:amd64, libc6:i386: ...".
  const std::string owners = Output(query);
  for (const std::string& library : libraries) {
    bool found = false;
    for (absl::string_view line : absl::StrSplit(owners, '\n', absl::SkipEmpty())) {
      if (!absl::EndsWith(line, "/" + library)) continue;
      for (absl::string_view package : absl::StrSplit(line.substr(0, line.find(": ")), ", ")) {
        found |= declared.count(std::string(package.substr(0, package.find(':')))) > 0;
      }
    }
    EXPECT_TRUE(found) << library << " comes from no package Depends names: " << Field("Depends") << "\n" << owners;
  }
  EXPECT_GT(libraries.size(), 5u);
  const std::string simulation =
      Output(absl::StrCat("apt-get install --simulate --reinstall --no-install-recommends '", *deb_, "'"));
  EXPECT_THAT(simulation, HasSubstr("Inst migrate "));
  EXPECT_THAT(simulation, HasSubstr("Conf migrate "));
}

TEST_F(PackageTest, InstalledBinaryPrintsHelpAndTheVersionOfTheBuild) {
  ProcessResult help = RunProcess({Installed("bin/migrate"), "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.output, HasSubstr("migrate settings|data|delta [-r|--reset] [-a|--auto] [-v|-vv|-q]"));
  ProcessResult version = RunProcess({Installed("bin/migrate"), "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(absl::StartsWith(version.output, absl::StrCat("migrate ", MIGRATE_VERSION, " (git revision ")))
      << version.output;
  EXPECT_EQ(version.output, RunProcess({MIGRATE_BINARY, "--version"}).output);
}

// config.xml.dist with the test's databases, saved as config.xml next to the installed profile and
// run from another folder: the profile's files resolve against config.xml's folder.
TEST_F(PackageTest, MigratesAGeneratedShopWithTheInstalledDemoProfile) {
  generator::GeneratorOptions shop;
  shop.connection = source_options_;
  shop.products = 40;
  shop.connections = 1;
  absl::StatusOr<generator::LoadSummary> loaded = generator::GenerateCatalog(shop);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_TRUE(generator::CreateSchema(destination_options_, generator::SchemaKind::kMagento2, 1).ok());

  const std::string sample = ReadFile(Installed("share/migrate/demo/config.xml.dist"));
  const std::string source = R"(port="3306" name="magento1")";
  const std::string destination = R"(port="3306" name="magento2")";
  ASSERT_THAT(sample, HasSubstr(source));
  ASSERT_THAT(sample, HasSubstr(destination));
  const std::string config = Installed("share/migrate/demo/config.xml");
  std::ofstream(config) << absl::StrReplaceAll(
      sample, {{source, absl::StrCat("port=\"", source_options_.port, "\" name=\"", source_options_.database, "\"")},
               {destination, absl::StrCat("port=\"", destination_options_.port, "\" name=\"",
                                          destination_options_.database, "\"")}});

  for (const char* mode : {"settings", "data"}) {
    ProcessResult run = RunProcess({Installed("bin/migrate"), mode, config}, dir_);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_THAT(run.output, HasSubstr("Migration completed"));
  }
  for (const char* table : {"catalog_product_entity", "customer_entity", "sales_flat_order"}) {
    const std::string count = absl::StrCat("SELECT COUNT(*) FROM ", table);
    EXPECT_NE(Scalar(*source_, count), "0") << table;
  }
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM catalog_product_entity"),
            Scalar(*source_, "SELECT COUNT(*) FROM catalog_product_entity"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM customer_entity"),
            Scalar(*source_, "SELECT COUNT(*) FROM customer_entity"));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM sales_order"),
            Scalar(*source_, "SELECT COUNT(*) FROM sales_flat_order"));
}

}  // namespace
}  // namespace migrate

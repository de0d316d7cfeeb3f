#include "tests/stages/stock_sample_test.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "tests/support/mariadb_server.h"

namespace migrate::testing {
namespace {

// The mariadb client line loading `dump` into `database`.
std::string LoadCommand(const io::ConnectionOptions& database, const std::string& dump) {
  return absl::StrCat("mariadb --protocol=TCP -h 127.0.0.1 -P ", database.port, " -u root",
                      " --init-command='SET SESSION innodb_strict_mode=0' ", database.database, " < '", dump, "'");
}

}  // namespace

void StockSampleTest::LoadDumps(const std::string& fixtures) {
  absl::StatusOr<std::string> loaded = RunCommand(absl::StrCat(
      LoadCommand(source_options_, fixtures + "/magento1-1.6.1.0-sample.sql"), " & source_load=$!; ",
      LoadCommand(destination_options_, fixtures + "/magento2-2.4.8-empty.sql"), " && wait $source_load"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
}

std::string StockSampleTest::StockConfigText(const std::string& fixtures) {
  const std::string etc = fixtures + "/magento-dmt/etc/opensource-to-opensource/";
  return absl::StrReplaceAll(
      ReadFile(etc + "1.6.1.0/config.xml.dist"),
      {{R"(<database host="localhost" name="magento1" user="root" />)",
        absl::StrCat(R"(<database host="127.0.0.1" port=")", source_options_.port, R"(" name=")",
                     source_options_.database, R"(" user="root" />)")},
       {R"(<database host="localhost" name="magento2" user="root" />)",
        absl::StrCat(R"(<database host="127.0.0.1" port=")", destination_options_.port, R"(" name=")",
                     destination_options_.database, R"(" user="root" />)")},
       {"etc/opensource-to-opensource/", etc}});
}

std::string StockSampleTest::ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace migrate::testing

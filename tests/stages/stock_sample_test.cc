#include "tests/stages/stock_sample_test.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace migrate::testing {

void StockSampleTest::LoadDumps(const std::string& fixtures) {
  MigrateRunTest::LoadDumps(fixtures + "/magento1-1.6.1.0-sample.sql", fixtures + "/magento2-2.4.8-empty.sql");
  GrantMagentoDefiner(destination_options_.database);
}

void StockSampleTest::GrantMagentoDefiner(const std::string& database) {
  Exec(*destination_,
       absl::StrCat("CREATE USER IF NOT EXISTS 'magento'@'%'; GRANT ALL ON `", database, "`.* TO 'magento'@'%'"));
}

std::string StockSampleTest::StockConfigText(const std::string& fixtures, const std::string& version) {
  const std::string etc = fixtures + "/magento-dmt/etc/opensource-to-opensource/";
  return absl::StrReplaceAll(
      ReadFile(etc + version + "/config.xml.dist"),
      {{R"(<database host="localhost" name="magento1" user="root" />)",
        absl::StrCat(R"(<database host="127.0.0.1" port=")", source_options_.port, R"(" name=")",
                     source_options_.database, R"(" user="root" />)")},
       {R"(<database host="localhost" name="magento2" user="root" />)",
        absl::StrCat(R"(<database host="127.0.0.1" port=")", destination_options_.port, R"(" name=")",
                     destination_options_.database, R"(" user="root" />)")},
       {"etc/opensource-to-opensource/", etc}});
}

std::string StockSampleTest::StockConfigWithDataSteps(const std::string& fixtures,
                                                      const std::vector<std::string>& titles) {
  std::string config = StockConfigText(fixtures);
  const size_t data_steps = config.find(R"(<steps mode="data">)");
  const size_t data_steps_end = config.find("</steps>", data_steps);
  std::string kept;
  for (size_t at = config.find("<step title=", data_steps); at < data_steps_end;
       at = config.find("<step title=", at + 1)) {
    const std::string step = config.substr(at, config.find("</step>", at) + 7 - at);
    for (const std::string& title : titles) {
      if (step.find(absl::StrCat("\"", title, "\"")) != std::string::npos) absl::StrAppend(&kept, step, "\n");
    }
  }
  config.replace(data_steps, data_steps_end - data_steps, absl::StrCat(R"(<steps mode="data">)", "\n", kept));
  return config;
}

std::string StockSampleTest::ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace migrate::testing

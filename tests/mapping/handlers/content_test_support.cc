#include "tests/mapping/handlers/content_test_support.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace migrate::mapping {

Config ConfigWithOptions(const std::vector<std::pair<std::string, std::string>>& options) {
  std::string xml = R"(<config xmlns:xs="http://www.w3.org/2001/XMLSchema-instance">
    <steps mode="data"><step title="Map Step"><data>Migration\Step\Map\Data</data></step></steps>
    <source><database host="localhost" name="m1" user="u" /></source>
    <destination><database host="localhost" name="m2" user="u" /></destination>
    <options>)";
  for (const auto& [name, value] : options) absl::StrAppend(&xml, "<", name, ">", value, "</", name, ">");
  absl::StrAppend(&xml, "</options></config>");
  absl::StatusOr<Config> config = Config::Parse("config.xml", xml, "");
  EXPECT_TRUE(config.ok()) << config.status();
  return *std::move(config);
}

std::string WriteClassMap(const std::vector<std::pair<std::string, std::string>>& renames) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path =
      absl::StrCat(::testing::TempDir(), "class-map-", test->test_suite_name(), "-", test->name(), ".xml");
  std::ofstream file(path);
  file << "<classmap>";
  for (const auto& [from, to] : renames) file << "<rename><from>" << from << "</from><to>" << to << "</to></rename>";
  file << "</classmap>";
  return path;
}

}  // namespace migrate::mapping

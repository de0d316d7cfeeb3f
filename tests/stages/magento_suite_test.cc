#include "tests/stages/magento_suite_test.h"

#include "absl/strings/str_cat.h"

namespace migrate::testing {

void MagentoSuiteTest::LoadFixture(const std::string& fixtures, const std::string& fixture) {
  const std::string resource = absl::StrCat(fixtures, "/magento-dmt-tests/resource/", fixture);
  LoadDumps(resource + "/source.sql", resource + "/dest.sql");
}

std::string MagentoSuiteTest::SuiteConfig(const std::string& fixtures, const std::string& steps,
                                          const std::vector<std::pair<std::string, std::string>>& files_by_option,
                                          const std::string& mode) {
  const std::string files = absl::StrCat(fixtures, "/magento-dmt-tests/testsuite/Migration/_files/");
  std::string options;
  for (const auto& [option, file] : std::vector<std::pair<std::string, std::string>>{
           {"map_file", "map.xml"},
           {"eav_map_file", "map-eav.xml"},
           {"eav_attribute_groups_file", "eav-attribute-groups.xml"},
           {"eav_document_groups_file", "eav-document-groups.xml"},
           {"settings_map_file", "settings.xml"},
           {"class_map", "class-map.xml"},
           {"customer_document_groups_file", "customer-document-groups.xml"},
           {"customer_attribute_groups_file", "customer-attribute-groups.xml"},
           {"customer_map_file", "map-customer.xml"},
           {"stores_map_file", "map-stores.xml"},
           {"tier_price_map_file", "map-tier-price.xml"}}) {
    std::string chosen = file;
    for (const auto& [replaced, replacement] : files_by_option) {
      if (replaced == option) chosen = replacement;
    }
    absl::StrAppend(&options, "\n    <", option, ">", files, chosen, "</", option, ">");
  }
  if (mode == "delta") {
    absl::StrAppend(&options, "\n    <delta_document_groups_file>", files, "deltalog.xml</delta_document_groups_file>");
  }
  absl::StrAppend(&options,
                  "\n    <bulk_size>100</bulk_size>\n    <edition_migrate>opensource-to-opensource</edition_migrate>"
                  "\n    <edition_number>1.9.2.1</edition_number>"
                  "\n    <init_statements_source>SET NAMES utf8;</init_statements_source>"
                  "\n    <init_statements_destination>SET NAMES utf8;</init_statements_destination>");
  return WriteConfig(mode, steps, options);
}

}  // namespace migrate::testing

// A fixture for the cases of Magento's own integration suite (../shared/fixtures/magento-dmt-tests):
// each case loads its @dbFixture's source.sql and dest.sql into the test's databases and runs the
// migrate binary with a config naming the stages the PHP test calls and the suite's _files, with the
// options of the suite's config.xml.
//
// Cases of the suite left out:
// - Step/SalesOrder/{Integrity,Data,Volume}Test and Step/UrlRewrite/Version11410to2000Test: commerce
//   only. The steps they call (Migration\Step\SalesOrder\*, Migration\Step\UrlRewrite\Version11410to2000,
//   whose source is Magento Enterprise 1.14.1.0) are named by Magento's commerce configs alone, by
//   no opensource-to-opensource config.xml.dist, and this tool does not implement them.
// - ResourceModel/SourceDestinationTest: it tests Magento's PHP resource models (getRecordsCount(),
//   getDocument()->getStructure()->getFields()), which have no CLI counterpart. What they read shows
//   through the CLI in the Map cases: the integrity check reports no field difference between
//   table_with_data and table_without_data, and the data stage copies table_with_data's 7 rows into
//   the empty table_without_data (magento_suite_map_test.cc, magento_suite_map_data_test.cc).
#ifndef MIGRATE_TESTS_STAGES_MAGENTO_SUITE_TEST_H_
#define MIGRATE_TESTS_STAGES_MAGENTO_SUITE_TEST_H_

#include <string>
#include <utility>
#include <vector>

#include "tests/support/migrate_run_test.h"

namespace migrate::testing {

class MagentoSuiteTest : public MigrateRunTest {
 protected:
  // Loads resource/`fixture`/source.sql and dest.sql of the suite under `fixtures`.
  void LoadFixture(const std::string& fixtures, const std::string& fixture);

  // A config.xml with `steps` in `mode` and the options of the suite's config.xml (its files by
  // absolute path; those Magento does not ship are left out). `files` replaces the file of an option
  // (e.g. {"tier_price_map_file", "map-tier-price-fail.xml"}, as a PHP test passing another option
  // name does). Its delta groups file (deltalog.xml) is named in delta mode only, so data-mode cases
  // set up no change capture.
  std::string SuiteConfig(const std::string& fixtures, const std::string& steps,
                          const std::vector<std::pair<std::string, std::string>>& files = {},
                          const std::string& mode = "data");
};

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_STAGES_MAGENTO_SUITE_TEST_H_

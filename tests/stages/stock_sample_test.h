// A fixture for tests that run the stock Data Migration Tool config on Magento's real 1.6.1.0 sample
// (source) and 2.4.8 schema (destination) from ../shared/fixtures.
#ifndef MIGRATE_TESTS_STAGES_STOCK_SAMPLE_TEST_H_
#define MIGRATE_TESTS_STAGES_STOCK_SAMPLE_TEST_H_

#include <string>
#include <vector>

#include "tests/support/migrate_run_test.h"

namespace migrate::testing {

class StockSampleTest : public MigrateRunTest {
 protected:
  // Loads the 1.6.1.0 sample into the source and the 2.4.8 schema into the destination, at once;
  // a failed load is a test failure.
  void LoadDumps(const std::string& fixtures);

  // Creates the account 'magento'@'%' that the 2.4.8 dump's triggers name as their definer, with
  // every privilege on `database` of the destination server, as a Magento 2 install has it; without
  // it every run stops at the checks before any data moves. LoadDumps does it for the destination.
  void GrantMagentoDefiner(const std::string& database);

  // The stock config.xml.dist of `version` (1.6.1.0 or 1.9.4.5) with the test's databases and the
  // stock files' absolute paths.
  std::string StockConfigText(const std::string& fixtures, const std::string& version = "1.6.1.0");

  // StockConfigText keeping, of its data steps, those titled `titles` (in the stock order), so a
  // test runs the stock config with the steps this build implements.
  std::string StockConfigWithDataSteps(const std::string& fixtures, const std::vector<std::string>& titles);

  static std::string ReadFile(const std::string& path);
};

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_STAGES_STOCK_SAMPLE_TEST_H_

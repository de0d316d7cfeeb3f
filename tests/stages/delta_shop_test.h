// The fixture of the delta tests on a generated shop (delta_test.cc, delta_catch_up_test.cc): a
// Magento 1 source generated with 120 products, Magento 2's schema in the destination and in a
// reference database, and the demo profile as config.xml for both (EAV, Customer Attributes, Map
// and OrderGrids in data mode; the Customer, Map and OrderGrids deltas with the Customer and Map
// volume checks in delta mode, polling every 0.2 s, bulk_size 300). The demo map leaves Magento 1's
// grids out, so the four grids of Magento 2 are OrderGrids' alone.
//
// It drives shop writers (shop_writer.h) on the source, counts what is pending (changelogs,
// follower keys) and compares every destination table with a fresh `migrate data` of the source.
#ifndef MIGRATE_TESTS_STAGES_DELTA_SHOP_TEST_H_
#define MIGRATE_TESTS_STAGES_DELTA_SHOP_TEST_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/time/time.h"
#include "io/connection_options.h"
#include "io/mysql_connection.h"
#include "tests/support/migrate_run_test.h"

namespace migrate::testing {

class DeltaShopTest : public MigrateRunTest {
 protected:
  void SetUp() override;

  // Runs `migrate data -r -a` on the source as it is into the destination of `config`.
  void CopyAll(const std::string& config);

  // Starts the shop writers, keeps them going for `writing` while `during` runs (polled every
  // 100 ms), then stops them and expects none failed. Returns the operations done.
  uint64_t WriteWhile(absl::Duration writing, const std::function<void()>& during);

  // Changelog rows still waiting, over every changelog of the source.
  int64_t Pending();

  // Keys Map's delta handed to OrderGrids' delta that it has not consumed yet.
  int64_t FollowerPending();

  // Every destination table equals its counterpart in a fresh copy of the final source (into the
  // reference database), and the grids hold every order, invoice and shipment.
  void ExpectDestinationEqualsAFreshCopy();

  static std::string ReadFile(const std::string& path);

  io::ConnectionOptions reference_options_;
  std::string config_;
  std::string reference_config_;

 private:
  // A checksum of every row of `table` over its columns, leaving out those the server fills with
  // its clock when the map gives them nothing (core_config_data.updated_at is the time of the copy).
  static std::string Checksum(io::MysqlConnection& connection, const std::string& table);
};

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_STAGES_DELTA_SHOP_TEST_H_

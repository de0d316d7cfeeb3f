// Rule\ConditionSql: backquoted source table names in stored SQL become their destination tables',
// through the run's map_file (renames, ignores) and the table prefixes, pair after pair as PHP's
// str_replace() with arrays replaces.
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/content_test_support.h"
#include "tests/mapping/handlers/fake_databases.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kMap[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<map xmlns:xs="http://www.w3.org/2001/XMLSchema-instance">
  <source>
    <document_rules>
      <ignore><document>log_*</document></ignore>
      <rename><document>sales_flat_order</document><to>sales_order</to></rename>
      <rename><document>sales_flat_order_item</document><to>sales_order_item</to></rename>
    </document_rules>
  </source>
  <destination><document_rules /></destination>
</map>
)";

std::string WriteMap() {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = absl::StrCat(::testing::TempDir(), "condition-sql-map-", test->name(), ".xml");
  std::ofstream(path) << kMap;
  return path;
}

HandlerContext SegmentContext(const SourceLookup* source, const Config* config) {
  HandlerContext context =
      ContextFor("enterprise_customersegment_segment", "condition_sql", {"segment_id", "condition_sql"});
  context.source = source;
  context.config = config;
  return context;
}

const HandlerRef& ConditionSqlRef() {
  static const HandlerRef* ref = new HandlerRef(Ref("\\Migration\\Handler\\Rule\\ConditionSql"));
  return *ref;
}

TEST(ConditionSqlTest, MappedSourceTablesBecomeTheirDestinationTables) {
  FakeSource source({{"SHOW TABLES",
                      {{"customer_entity"}, {"log_visitor"}, {"sales_flat_order"}, {"sales_flat_order_item"}}}});
  const Config config = ConfigWithOptions({{"map_file", WriteMap()}});
  const Rows rows = {
      {"1", "SELECT 1 FROM `sales_flat_order` AS o JOIN `sales_flat_order_item` AS i ON i.order_id = o.entity_id "
            "JOIN `customer_entity` AS c WHERE `log_visitor`.id = 1 AND o.x = 'sales_flat_order'"},
      {"2", std::nullopt},
      {"3", "no tables here"}};
  RunResult result = RunHandler(ConditionSqlRef(), SegmentContext(&source, &config), rows);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1),
              ElementsAre("SELECT 1 FROM `sales_order` AS o JOIN `sales_order_item` AS i ON i.order_id = o.entity_id "
                          "JOIN `customer_entity` AS c WHERE `log_visitor`.id = 1 AND o.x = 'sales_flat_order'",
                          std::nullopt, "no tables here"));
}

TEST(ConditionSqlTest, PrefixesOfBothSidesAreApplied) {
  FakeSource source({{"SHOW TABLES", {{"m1_sales_flat_order"}, {"m1_customer_entity"}}}});
  const Config config = ConfigWithOptions({{"map_file", WriteMap()}, {"source_prefix", "m1_"}, {"dest_prefix", "m2_"}});
  RunResult result = RunHandler(ConditionSqlRef(), SegmentContext(&source, &config),
                                {{"1", "`m1_sales_flat_order` `m1_customer_entity` `sales_flat_order`"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("`m2_sales_order` `m2_customer_entity` `sales_flat_order`"));
}

TEST(ConditionSqlTest, PairsApplyInTurnOverThePreviousResult) {
  // PHP's str_replace(array, array, subject) runs the pairs one after the other. Here a source table
  // is named like the other's rename target, which Magento's map, looking renames up from either
  // end, maps back: a_old -> x_new, then x_new -> a_old over the result.
  const std::string map = WriteMap();
  std::ofstream(map) << R"(<map><source><document_rules>
      <rename><document>a_old</document><to>x_new</to></rename>
    </document_rules></source><destination><document_rules /></destination></map>)";
  FakeSource source({{"SHOW TABLES", {{"a_old"}, {"x_new"}}}});
  const Config config = ConfigWithOptions({{"map_file", map}});
  RunResult result = RunHandler(ConditionSqlRef(), SegmentContext(&source, &config), {{"1", "`a_old`, `x_new`"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre("`a_old`, `a_old`"));
}

TEST(ConditionSqlTest, WithoutMapFileOrSourceIsAConfigurationError) {
  FakeSource source;
  const Config no_map = ConfigWithOptions({});
  RunResult result = RunHandler(ConditionSqlRef(), SegmentContext(&source, &no_map), {});
  EXPECT_THAT(result.status.message(),
              HasSubstr("map.xml:7: handler \\Migration\\Handler\\Rule\\ConditionSql: Invalid map filename"));
  const Config config = ConfigWithOptions({{"map_file", WriteMap()}});
  RunResult no_source = RunHandler(ConditionSqlRef(), SegmentContext(nullptr, &config), {});
  EXPECT_THAT(no_source.status.message(), HasSubstr("needs the source database"));
}

}  // namespace
}  // namespace migrate::mapping

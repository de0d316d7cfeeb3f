// Which tracked rows a delete reaches through foreign keys, and the SQL that records them.
#include "io/cascade_capture.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::io {
namespace {

using ::testing::HasSubstr;

TableSchema Table(const std::string& name, std::vector<ForeignKeySchema> keys = {}) {
  TableSchema table;
  table.database = "shop";
  table.name = name;
  table.foreign_keys = std::move(keys);
  return table;
}

ForeignKeySchema Key(const std::string& column, const std::string& parent, const std::string& on_delete) {
  return ForeignKeySchema{"FK_" + column, {column}, parent, {"entity_id"}, "CASCADE", on_delete};
}

// order <- item (CASCADE), order <- invoice (CASCADE) <- invoice_grid (CASCADE),
// customer <- order (SET NULL), order <- note (RESTRICT).
DatabaseSchema Shop() {
  DatabaseSchema schema;
  schema["customer"] = Table("customer");
  schema["order"] = Table("order", {Key("customer_id", "customer", "SET NULL")});
  schema["item"] = Table("item", {Key("order_id", "order", "CASCADE")});
  schema["invoice"] = Table("invoice", {Key("order_id", "order", "CASCADE")});
  schema["invoice_grid"] = Table("invoice_grid", {Key("entity_id", "invoice", "CASCADE")});
  schema["note"] = Table("note", {Key("order_id", "order", "RESTRICT")});
  return schema;
}

std::vector<std::string> Targets(const std::vector<CascadeCapture>& captures) {
  std::vector<std::string> targets;
  for (const CascadeCapture& capture : captures) {
    targets.push_back(capture.path.back().child->name + ":" + capture.operation + ":" +
                      std::to_string(capture.path.size()));
  }
  return targets;
}

TEST(CascadeCaptureTest, FollowsCascadesThroughUntrackedTablesToTrackedOnes) {
  const DatabaseSchema schema = Shop();
  // invoice is not tracked, but its grid is: the path goes through it.
  const std::map<std::string, std::vector<std::string>> tracked = {
      {"order", {"entity_id"}}, {"item", {"item_id"}}, {"invoice_grid", {"entity_id"}}, {"note", {"note_id"}}};
  EXPECT_THAT(Targets(FindCascades(schema, "order", tracked)),
              ::testing::UnorderedElementsAre("item:DELETE:1", "invoice_grid:DELETE:2"));
}

TEST(CascadeCaptureTest, SetNullChildrenAreRecordedAsUpdatesAndNotFollowed) {
  const DatabaseSchema schema = Shop();
  const std::map<std::string, std::vector<std::string>> tracked = {
      {"customer", {"entity_id"}}, {"order", {"entity_id"}}, {"item", {"item_id"}}};
  EXPECT_THAT(Targets(FindCascades(schema, "customer", tracked)), ::testing::ElementsAre("order:UPDATE:1"));
}

TEST(CascadeCaptureTest, DepthIsBounded) {
  const DatabaseSchema schema = Shop();
  const std::map<std::string, std::vector<std::string>> tracked = {{"invoice_grid", {"entity_id"}}};
  EXPECT_TRUE(FindCascades(schema, "order", tracked, /*max_depth=*/1).empty());
}

TEST(CascadeCaptureTest, StatementJoinsThePathAndRecordsTheTrackedKey) {
  const DatabaseSchema schema = Shop();
  const std::map<std::string, std::vector<std::string>> tracked = {{"invoice_grid", {"entity_id"}}};
  const std::vector<CascadeCapture> captures = FindCascades(schema, "order", tracked);
  ASSERT_EQ(captures.size(), 1u);
  EXPECT_EQ(CascadeStatement(captures[0]),
            "INSERT INTO `m2_cl_invoice_grid` (`entity_id`, `operation`) SELECT c2.`entity_id`, 'DELETE' FROM "
            "`invoice` AS c1 JOIN `invoice_grid` AS c2 ON c2.`entity_id` = c1.`entity_id` WHERE c1.`order_id` = "
            "OLD.`entity_id` ON DUPLICATE KEY UPDATE `m2_cl_invoice_grid`.`operation` = 'DELETE', "
            "`m2_cl_invoice_grid`.`processed` = 0, `m2_cl_invoice_grid`.`version` = `m2_cl_invoice_grid`.`version` + "
            "1, `m2_cl_invoice_grid`.`changed_at` = NOW(6)");
}

}  // namespace
}  // namespace migrate::io

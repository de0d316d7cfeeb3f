// GetDestinationValue, SalesOrderStatusState\SetVisibleOnFront and GetEventStatus.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;

HandlerContext EntityTypeContext() {
  HandlerContext context = ContextFor("eav_entity_type", "increment_model", {"entity_type_id", "increment_model"});
  context.opposite_fields = {"increment_model", "entity_type_id"};
  return context;
}

TEST(GetDestinationValueTest, TakesTheOppositeValueUnlessItIsNull) {
  const Rows rows = {{"1", "a"}, {"2", "b"}};
  const Rows opposite = {{"Dest\\Model", "1"}, {std::nullopt, "2"}};
  RunResult keep = RunHandler(Ref("\\Migration\\Handler\\GetDestinationValue"), EntityTypeContext(), rows, opposite);
  ASSERT_TRUE(keep.status.ok()) << keep.status;
  EXPECT_THAT(Column(keep.rows, 1), ElementsAre("Dest\\Model", "b"));

  RunResult null = RunHandler(Ref("\\Migration\\Handler\\GetDestinationValue", {{"setNullIfEmpty", "true"}}),
                              EntityTypeContext(), rows, opposite);
  ASSERT_TRUE(null.status.ok()) << null.status;
  EXPECT_THAT(Column(null.rows, 1), ElementsAre("Dest\\Model", std::nullopt));

  RunResult only_true = RunHandler(Ref("\\Migration\\Handler\\GetDestinationValue", {{"setNullIfEmpty", "1"}}),
                                   EntityTypeContext(), rows, opposite);
  EXPECT_THAT(Column(only_true.rows, 1), ElementsAre("Dest\\Model", "b"));
}

TEST(SetVisibleOnFrontTest, InvisibleStatesAndPairs) {
  HandlerContext context =
      ContextFor("sales_order_status_state", "visible_on_front", {"status", "state", "is_default", "visible_on_front"});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SalesOrderStatusState\\SetVisibleOnFront"), context,
                                {{"pending", "new", "1", std::nullopt},
                                 {"pending_payment", "pending_payment", "1", std::nullopt},
                                 {"pending_ogone", "pending_payment", "0", std::nullopt},
                                 {"processed_ogone", "processing", "0", std::nullopt},
                                 {"processing", "processing", "1", std::nullopt},
                                 {"custom", "pending_payment", "0", std::nullopt},
                                 {"processed_ogone", "complete", "0", std::nullopt}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 3), ElementsAre("1", "0", "0", "0", "1", "0", "1"));
}

TEST(GetEventStatusTest, OpenUpcomingOrClosedAgainstNow) {
  HandlerContext context = ContextFor("catalogevent_event", "status", {"event_id", "date_start", "date_end", "status"});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\GetEventStatus"), context,
                                {{"1", "2000-01-01 00:00:00", "2999-01-01 00:00:00", "9"},
                                 {"2", "2998-01-01 00:00:00", "2999-01-01 00:00:00", "9"},
                                 {"3", "2000-01-01 00:00:00", "2001-01-01 00:00:00", "9"},
                                 {"4", std::nullopt, "2999-01-01 00:00:00", "9"},
                                 {"5", "2000-01-01 00:00:00", std::nullopt, "9"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 3), ElementsAre("0", "1", "2", "0", "2"));
}

}  // namespace
}  // namespace migrate::mapping

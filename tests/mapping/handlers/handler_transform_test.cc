// pipeline::HandlerTransform runs a registry handler over real io::RowBatches: the target side is
// rewritten in place, the opposite side is read.
#include <memory>

#include "gtest/gtest.h"
#include "io/row_batch.h"
#include "mapping/handler_registry.h"
#include "pipeline/handler_transform.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::pipeline {
namespace {

TEST(HandlerTransformTest, RewritesTheTargetBatch) {
  mapping::HandlerContext context;
  context.document = "cms_page";
  context.field = "root_template";
  context.fields = {"page_id", "root_template", "content"};
  absl::StatusOr<std::unique_ptr<const mapping::Handler>> handler = mapping::HandlerRegistry::Default().Create(
      mapping::Ref("\\Migration\\Handler\\Convert", {{"map", "[one_column:1column;empty:1column]"}}), context);
  ASSERT_TRUE(handler.ok()) << handler.status();
  HandlerTransform transform(*std::move(handler));

  io::RowBatch target(3);
  const char* templates[] = {"one_column", "two_columns_left", "empty"};
  for (int row = 0; row < 3; ++row) {
    target.AddValue(std::to_string(row + 1));
    target.AddValue(templates[row]);
    if (row == 1) {
      target.AddNull();
    } else {
      target.AddValue("<p>a\0b</p>");
    }
    target.FinishRow();
  }
  const io::RowBatch opposite(0);
  ASSERT_TRUE(transform.Apply(target, opposite).ok());

  EXPECT_EQ(target.Value(0, 1), "1column");
  EXPECT_EQ(target.Value(1, 1), "two_columns_left");
  EXPECT_EQ(target.Value(2, 1), "1column");
  EXPECT_EQ(target.Value(2, 0), "3");
  EXPECT_TRUE(target.IsNull(1, 2));
  EXPECT_EQ(target.Value(0, 2), "<p>a");
}

TEST(HandlerTransformTest, HandlerErrorsPassThrough) {
  mapping::HandlerContext context;
  context.document = "quote_item_option";
  context.field = "value";
  context.fields = {"option_id", "value"};
  context.id_field = "option_id";
  absl::StatusOr<std::unique_ptr<const mapping::Handler>> handler = mapping::HandlerRegistry::Default().Create(
      mapping::Ref("\\Migration\\Handler\\SerializeToJson", {{"migrateBrokenData", "false"}}), context);
  ASSERT_TRUE(handler.ok()) << handler.status();
  HandlerTransform transform(*std::move(handler));
  io::RowBatch target(2);
  target.AddValue("7");
  target.AddValue("broken");
  target.FinishRow();
  absl::Status status = transform.Apply(target, io::RowBatch(0));
  EXPECT_EQ(status.message(), "Could not unserialize data of quote_item_option.value with record id 7");
}

}  // namespace
}  // namespace migrate::pipeline

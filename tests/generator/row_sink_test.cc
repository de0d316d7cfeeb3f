// Row encoding into LOAD DATA text: escaping, numbers, dates, and the column-order check.
#include "generator/row_sink.h"

#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "generator/load_data_format.h"

namespace migrate::generator {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(RowSinkTest, EncodesValuesInLoadDataText) {
  std::vector<std::string> chunks;
  RowSink sink("t", [&](std::string chunk) { chunks.push_back(std::move(chunk)); });
  sink.Int("id", -42).Text("name", "a\tb\nc\\d\re").Null("note").Money("price", 1234).Money("refund", -5);
  sink.Decimal4("weight", 12345).DateTime("created_at", 1483228800).ZeroDateTime("updated_at").EndRow();
  sink.Finish();
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0],
            "-42\ta\\tb\\nc\\\\d\\re\t\\N\t12.34\t-0.05\t1.2345\t2017-01-01 00:00:00\t0000-00-00 00:00:00\n");
  EXPECT_THAT(sink.columns(),
              ElementsAre("id", "name", "note", "price", "refund", "weight", "created_at", "updated_at"));
  EXPECT_EQ(sink.rows(), 1u);
  EXPECT_TRUE(sink.status().ok());
}

TEST(RowSinkTest, FormatsDatesBeforeAndAfterTheEpoch) {
  EXPECT_EQ(FormatDateTime(0), "1970-01-01 00:00:00");
  EXPECT_EQ(FormatDateTime(-1), "1969-12-31 23:59:59");
  EXPECT_EQ(FormatDateTime(951782400), "2000-02-29 00:00:00");
  EXPECT_EQ(FormatDateTime(2147483647), "2038-01-19 03:14:07");
}

TEST(RowSinkTest, HandsOnChunksOfWholeRows) {
  std::vector<std::string> chunks;
  RowSink sink(
      "t", [&](std::string chunk) { chunks.push_back(std::move(chunk)); }, /*chunk_bytes=*/10);
  for (int i = 0; i < 5; ++i) sink.Int("id", 1000000 + i).EndRow();
  sink.Finish();
  EXPECT_EQ(chunks.size(), 3u);
  EXPECT_EQ(absl::StrJoin(chunks, ""), "1000000\n1000001\n1000002\n1000003\n1000004\n");
  for (const std::string& chunk : chunks) EXPECT_EQ(chunk.back(), '\n');
}

TEST(RowSinkTest, ARowThatNamesOtherColumnsIsAnError) {
  RowSink sink("orders", [](std::string) {});
  sink.Int("entity_id", 1).Text("state", "new").EndRow();
  sink.Text("state", "new").Int("entity_id", 2).EndRow();
  EXPECT_FALSE(sink.status().ok());
  EXPECT_THAT(std::string(sink.status().message()), HasSubstr("row 2 of orders writes column state as field 1"));
}

TEST(RowSinkTest, ARowWithMissingFieldsIsAnError) {
  RowSink sink("orders", [](std::string) {});
  sink.Int("entity_id", 1).Text("state", "new").EndRow();
  sink.Int("entity_id", 2).EndRow();
  EXPECT_THAT(std::string(sink.status().message()), HasSubstr("row 2 of orders has 1 fields, the first row had 2"));
}

TEST(LoadDataFormatTest, StatementSpellsOutTheFormat) {
  EXPECT_EQ(LoadDataStatement("we`ird", {"a", "b"}),
            "LOAD DATA LOCAL INFILE 'stream' INTO TABLE `we``ird` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' "
            "ENCLOSED BY '' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' STARTING BY '' (`a`,`b`)");
}

}  // namespace
}  // namespace migrate::generator

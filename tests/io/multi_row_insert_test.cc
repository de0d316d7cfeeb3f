// MultiRowInsertBuilder without a server: statement text, escaping, NULLs, and the size limit.
#include "io/multi_row_insert.h"

#include <mysql.h>

#include <string>

#include "gtest/gtest.h"

namespace migrate::io {
namespace {

class MultiRowInsertTest : public ::testing::Test {
 protected:
  // An unconnected handle escapes with the client's default rules, enough for these checks.
  void SetUp() override { mysql_ = mysql_init(nullptr); }
  void TearDown() override { mysql_close(mysql_); }

  MYSQL* mysql_ = nullptr;
};

TEST_F(MultiRowInsertTest, QuotesAndEscapesValuesAndSpellsNulls) {
  MultiRowInsertBuilder builder(mysql_, "INSERT INTO t (a, b) VALUES ", " ON DUPLICATE KEY UPDATE b = VALUES(b)",
                                1 << 20);
  RowBatch batch(2);
  batch.AddValue("it's");
  batch.AddNull();
  batch.FinishRow();
  batch.AddValue(std::string("a\0b\\\n", 5));
  batch.AddValue("");
  batch.FinishRow();
  std::string statement;
  EXPECT_EQ(builder.Build(batch, 0, &statement), 2u);
  EXPECT_EQ(statement,
            "INSERT INTO t (a, b) VALUES ('it\\'s',NULL),('a\\0b\\\\\\n','') ON DUPLICATE KEY UPDATE b = VALUES(b)");
}

TEST_F(MultiRowInsertTest, SplitsStatementsUnderTheLimitButNeverLeavesARowBehind) {
  const std::string head = "INSERT INTO t (v) VALUES ";
  MultiRowInsertBuilder builder(mysql_, head, "", head.size() + 3 * 12);
  RowBatch batch(1);
  for (const std::string& value : {std::string(10, 'a'), std::string(10, 'b'), std::string(10, 'c'),
                                   std::string(100, 'd'), std::string(1, 'e')}) {
    batch.AddValue(value);
    batch.FinishRow();
  }
  std::string statement;
  // "('aaaaaaaaaa')" is 14 bytes and the separators 1: two rows fit in 36 bytes, three do not.
  size_t next = builder.Build(batch, 0, &statement);
  EXPECT_EQ(next, 2u);
  EXPECT_EQ(statement, head + "('aaaaaaaaaa'),('bbbbbbbbbb')");
  EXPECT_LE(statement.size(), head.size() + 36);
  next = builder.Build(batch, next, &statement);
  EXPECT_EQ(next, 3u);
  // A row longer than the limit goes alone.
  next = builder.Build(batch, next, &statement);
  EXPECT_EQ(next, 4u);
  EXPECT_EQ(statement, head + "('" + std::string(100, 'd') + "')");
  EXPECT_EQ(builder.Build(batch, next, &statement), 5u);
  EXPECT_EQ(statement, head + "('e')");
}

}  // namespace
}  // namespace migrate::io

// io/attribute_rows.h on a real server: the attribute ids a value table holds and eav_attribute
// defines, the count of a set's rows, and the filter that keeps exactly the other rows (NULL
// attribute_ids kept or left out as the set says).
#include "io/attribute_rows.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Connect;
using ::migrate::io::testing::Exec;
using ::migrate::testing::DestinationServer;
using ::migrate::testing::TestDatabase;
using ::testing::ElementsAre;

class AttributeRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_ = TestDatabase(DestinationServer());
    connection_ = Connect(options_);
    ASSERT_NE(connection_, nullptr);
    Exec(*connection_, R"(
      CREATE TABLE vals (value_id INT PRIMARY KEY, attribute_id SMALLINT NULL, value VARCHAR(20), KEY (attribute_id));
      INSERT INTO vals VALUES (1, 10, 'a'), (2, 30, 'b'), (3, 99, 'c'), (4, 10, 'd'), (5, NULL, 'e'), (6, 99, 'f');
      CREATE TABLE eav_attribute (attribute_id SMALLINT PRIMARY KEY);
      INSERT INTO eav_attribute VALUES (30), (10), (20))");
    values_.database = options_.database;
    values_.name = "vals";
    eav_attribute_.database = options_.database;
    eav_attribute_.name = "eav_attribute";
  }

  // The value_ids of the rows `condition` keeps.
  std::vector<std::string> Kept(const std::string& condition) {
    std::vector<std::string> ids;
    for (const Row& row : testing::Rows(
             *connection_, absl::StrCat("SELECT value_id FROM vals WHERE ", condition, " ORDER BY value_id"))) {
      ids.push_back(row[0].value_or("NULL"));
    }
    return ids;
  }

  ConnectionOptions options_;
  std::unique_ptr<MysqlConnection> connection_;
  TableSchema values_;
  TableSchema eav_attribute_;
};

TEST_F(AttributeRowsTest, FindsPresentAndDefinedIds) {
  absl::StatusOr<AttributeIdSet> present = PresentAttributeIds(*connection_, values_);
  ASSERT_TRUE(present.ok()) << present.status();
  EXPECT_THAT(present->ids, ElementsAre(10, 30, 99));
  EXPECT_TRUE(present->null);
  absl::StatusOr<std::vector<int64_t>> defined = DefinedAttributeIds(*connection_, eav_attribute_);
  ASSERT_TRUE(defined.ok()) << defined.status();
  EXPECT_THAT(*defined, ElementsAre(10, 20, 30));
}

TEST_F(AttributeRowsTest, CountAndConditionSplitTheTable) {
  const AttributeIdSet with_null{{30, 99}, true};
  EXPECT_EQ(*CountRowsOfAttributes(*connection_, values_, with_null), 4u);
  EXPECT_THAT(Kept(RowsNotOfAttributes(with_null)), ElementsAre("1", "4"));

  const AttributeIdSet without_null{{30, 99}, false};
  EXPECT_EQ(*CountRowsOfAttributes(*connection_, values_, without_null), 3u);
  EXPECT_THAT(Kept(RowsNotOfAttributes(without_null)), ElementsAre("1", "4", "5"));

  const AttributeIdSet only_null{{}, true};
  EXPECT_EQ(*CountRowsOfAttributes(*connection_, values_, only_null), 1u);
  EXPECT_THAT(Kept(RowsNotOfAttributes(only_null)), ElementsAre("1", "2", "3", "4", "6"));

  const AttributeIdSet nothing;
  EXPECT_EQ(*CountRowsOfAttributes(*connection_, values_, nothing), 0u);
  EXPECT_EQ(RowsNotOfAttributes(nothing), "");
}

}  // namespace
}  // namespace migrate::io

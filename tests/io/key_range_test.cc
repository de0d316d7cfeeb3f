// Key encoding: lossless for any bytes, and malformed text is refused.
#include "io/key_range.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::io {
namespace {

TEST(KeyRangeTest, EncodingRoundTripsAwkwardValues) {
  const std::vector<Key> keys = {
      {},
      {""},
      {"", ""},
      {"42"},
      {"1", "2", "3"},
      {"3:abc", ":", "10:"},
      {std::string("\0\xff\x01'\"\\", 6), "Grüße 日本 🎉", std::string(1000, 'z')},
  };
  for (const Key& key : keys) {
    absl::StatusOr<Key> decoded = DecodeKey(EncodeKey(key));
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, key);
  }
  EXPECT_EQ(EncodeKey({"ab", "", "x:y"}), "2:ab0:3:x:y");
}

TEST(KeyRangeTest, DistinctKeysEncodeDistinctly) {
  EXPECT_NE(EncodeKey({"a", "b"}), EncodeKey({"ab"}));
  EXPECT_NE(EncodeKey({"1:a"}), EncodeKey({"a"}));
  EXPECT_NE(EncodeKey({""}), EncodeKey({}));
}

TEST(KeyRangeTest, MalformedEncodingsAreRefused) {
  for (const char* bad : {"3:ab", "x:ab", ":ab", "2ab", "01:a", "-1:a", "1:a2:b"}) {
    EXPECT_FALSE(DecodeKey(bad).ok()) << bad;
  }
}

TEST(KeyRangeTest, ConditionsHoldPlaceholdersAndBindTheValuesInOrder) {
  const std::vector<KeyColumn> key = {{"id", true}, {"sku", false}};
  const Key bound = {"18446744073709551615", "it's \\ a"};
  const BoundSql after = KeyAfterCondition(key, bound);
  EXPECT_EQ(after.sql, "`id` >= ? AND (`id` > ? OR (`id` = ? AND `sku` > ?))");
  EXPECT_EQ(after.values, (BoundValues{BoundValue::Number(bound[0]), BoundValue::Number(bound[0]),
                                       BoundValue::Number(bound[0]), bound[1]}));
  const BoundSql upto = KeyUptoCondition({{"sku", false}}, {"x'"});
  EXPECT_EQ(upto.sql, "`sku` <= ?");
  EXPECT_EQ(upto.values, BoundValues{"x'"});

  const BoundSql one_column = KeyInCondition({{"id", true}}, {{"1"}, {"2"}});
  EXPECT_EQ(one_column.sql, "`id` IN (?, ?)");
  EXPECT_EQ(one_column.values, (BoundValues{BoundValue::Number("1"), BoundValue::Number("2")}));
  const BoundSql two_columns = KeyInCondition(key, {{"1", "a"}, {"2", std::string("\0'", 2)}});
  EXPECT_EQ(two_columns.sql, "(`id` = ? AND `sku` = ?) OR (`id` = ? AND `sku` = ?)");
  EXPECT_EQ(two_columns.values, (BoundValues{BoundValue::Number("1"), "a", BoundValue::Number("2"),
                                             std::string("\0'", 2)}));
}

TEST(KeyRangeTest, ANumericColumnsValueThatIsNoNumberIsBoundAsText) {
  const BoundSql in = KeyInCondition({{"id", true}}, {{"abc"}});
  ASSERT_EQ(in.values.size(), 1u);
  EXPECT_FALSE(in.values[0].numeric());
}

}  // namespace
}  // namespace migrate::io

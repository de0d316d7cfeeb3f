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

}  // namespace
}  // namespace migrate::io

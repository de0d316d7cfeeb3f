// The PHP serialize writer, and the test checker that the integration tests trust.
#include "generator/php_serialize.h"

#include "gtest/gtest.h"
#include "tests/generator/php_unserialize.h"

namespace migrate::generator {
namespace {

TEST(PhpSerializerTest, WritesPhpFormatWithByteLengths) {
  PhpSerializer php;
  php.BeginArray(4)
      .String("qty")
      .Int(2)
      .String("name")
      .String("Grüße \"x\"")
      .Int(7)
      .Null()
      .String("ok")
      .Bool(true)
      .EndArray();
  EXPECT_EQ(php.Take(), "a:4:{s:3:\"qty\";i:2;s:4:\"name\";s:11:\"Grüße \"x\"\";i:7;N;s:2:\"ok\";b:1;}");
}

TEST(PhpSerializerTest, WritesPricesAsPhpFloats) {
  PhpSerializer php;
  php.Price(1250).Price(1205).Price(1200).Price(7);
  EXPECT_EQ(php.Take(), "d:12.5;d:12.05;d:12;d:0.07;");
}

TEST(PhpSerializerTest, NestedArraysParse) {
  PhpSerializer php;
  php.BeginArray(1)
      .String("info_buyRequest")
      .BeginArray(2)
      .String("options")
      .BeginArray(1)
      .Int(1)
      .String("日本\n\\")
      .EndArray()
      .String("qty")
      .Price(150)
      .EndArray()
      .EndArray();
  EXPECT_TRUE(IsValidPhpSerialized(php.Take()));
}

TEST(PhpUnserializeCheckerTest, RejectsBrokenValues) {
  EXPECT_TRUE(IsValidPhpSerialized("a:0:{}"));
  EXPECT_TRUE(IsValidPhpSerialized("s:6:\"Grüß\";"));
  EXPECT_FALSE(IsValidPhpSerialized("s:4:\"Grüß\";"));              // PHP counts bytes: ü and ß are two each
  EXPECT_FALSE(IsValidPhpSerialized("a:2:{s:1:\"a\";i:1;}"));       // one entry short
  EXPECT_FALSE(IsValidPhpSerialized("a:1:{s:1:\"a\";i:1;}extra"));  // trailing bytes
  EXPECT_FALSE(IsValidPhpSerialized("i:1"));
  EXPECT_FALSE(IsValidPhpSerialized(""));
}

}  // namespace
}  // namespace migrate::generator

// PHP's unserialize() and json_encode(): each input pinned to what PHP 8 gives (the expectations
// were taken from php 8.2's json_encode(unserialize(...)) with warnings turned into errors, as
// Magento's error handler does), except where PHP 8.3+ differs (trailing data) or a PHP class is
// involved (ArrayObject).
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mapping/handlers/php_json.h"
#include "mapping/handlers/php_unserialize.h"

namespace migrate::mapping::php {
namespace {

using namespace std::string_literals;

constexpr char kBroken[] = "<unserialize fails>";
constexpr char kJsonFalse[] = "<json_encode fails>";

std::string ToJson(absl::string_view serialized) {
  Unserializer unserializer;
  if (!unserializer.Parse(serialized)) return kBroken;
  JsonEncoder encoder;
  std::string json;
  if (!encoder.Encode(unserializer, json)) return kJsonFalse;
  return json;
}

struct Case {
  std::string serialized;
  std::string json;
};

void ExpectAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(ToJson(c.serialized), c.json) << "input: " << c.serialized;
  }
}

TEST(PhpJsonTest, Scalars) {
  ExpectAll({
      {"N;", "null"},
      {"b:0;", "false"},
      {"b:1;", "true"},
      {"b:2;", kBroken},
      {"i:42;", "42"},
      {"i:-7;", "-7"},
      {"i:+5;", "5"},
      {"i:007;", "7"},
      {"i:9223372036854775807;", "9223372036854775807"},
      {"i:-9223372036854775808;", "-9223372036854775808"},
      {"i:9223372036854775808;", kBroken},
      {"i:-9223372036854775809;", kBroken},
      {"", "false"},
  });
}

TEST(PhpJsonTest, FloatsAsPhpPrintsThem) {
  ExpectAll({
      {"d:0.1;", "0.1"},
      {"d:1.0E+25;", "1.0e+25"},
      {"d:0.00001;", "1.0e-5"},
      {"d:0.0001;", "0.0001"},
      {"d:0.000123;", "0.000123"},
      {"d:1e17;", "1.0e+17"},
      {"d:1e16;", "10000000000000000"},
      {"d:-0;", "-0"},
      {"d:100;", "100"},
      {"d:1.5;", "1.5"},
      {"d:.5;", "0.5"},
      {"d:5.;", "5"},
      {"d:-1.5e-7;", "-1.5e-7"},
      {"d:5e-324;", "5.0e-324"},
      {"d:1e-300;", "1.0e-300"},
      {"d:1.7976931348623157E+308;", "1.7976931348623157e+308"},
      {"d:123456789.12345;", "123456789.12345"},
      {"d:0.30000000000000004;", "0.30000000000000004"},
      {"d:123456789012345678;", "1.2345678901234568e+17"},
      {"d:NAN;", kJsonFalse},
      {"d:INF;", kJsonFalse},
      {"d:-INF;", kJsonFalse},
      {"d:1e400;", kJsonFalse},
      {"d:abc;", kBroken},
  });
}

TEST(PhpJsonTest, StringsByByteLengthWithPhpEscapes) {
  ExpectAll({
      {"s:5:\"hello\";", "\"hello\""},
      {"s:0:\"\";", "\"\""},
      {"s:6:\"h\xc3\xa9llo\";", "\"h\\u00e9llo\""},
      {"s:4:\"hello\";", kBroken},
      {"s:6:\"hello\";", kBroken},
      {"s:3:\"a/b\";", "\"a\\/b\""},
      {"s:4:\"a\"\\b\";", "\"a\\\"\\\\b\""},
      {"s:3:\"\x01\x7f\t\";", "\"\\u0001\x7f\\t\""},
      {"s:4:\"\xf0\x9f\x98\x80\";", "\"\\ud83d\\ude00\""},
      {"s:4:\"<>&'\";", "\"<>&'\""},
      {"s:3:\"\xe2\x80\xa8\";", "\"\\u2028\""},
      {"s:5:\"\b\f\n\r\0\";"s, "\"\\b\\f\\n\\r\\u0000\""},
      {"S:3:\"\\61bc\";", "\"abc\""},
      {"S:3:\"\\6\";", kBroken},
      // Not UTF-8: a lone byte, a surrogate, an overlong form.
      {"s:1:\"\xff\";", kJsonFalse},
      {"s:3:\"\xed\xa0\x80\";", kJsonFalse},
      {"s:2:\"\xc0\x80\";", kJsonFalse},
  });
}

TEST(PhpJsonTest, ArraysAreListsOnlyWithKeysZeroToN) {
  ExpectAll({
      {"a:0:{}", "[]"},
      {"a:2:{i:0;s:1:\"a\";i:1;s:1:\"b\";}", "[\"a\",\"b\"]"},
      {"a:2:{i:1;s:1:\"a\";i:0;s:1:\"b\";}", "{\"1\":\"a\",\"0\":\"b\"}"},
      {"a:1:{s:1:\"0\";i:5;}", "[5]"},
      {"a:1:{s:2:\"05\";i:5;}", "{\"05\":5}"},
      {"a:1:{s:2:\"-0\";i:5;}", "{\"-0\":5}"},
      {"a:1:{s:2:\"-5\";i:5;}", "{\"-5\":5}"},
      {"a:1:{s:19:\"9223372036854775808\";i:5;}", "{\"9223372036854775808\":5}"},
      {"a:2:{s:1:\"k\";i:1;s:1:\"k\";i:2;}", "{\"k\":2}"},
      {"a:3:{s:1:\"a\";i:1;s:1:\"b\";i:2;s:1:\"a\";i:3;}", "{\"a\":3,\"b\":2}"},
      {"a:1:{i:0;a:1:{s:1:\"x\";a:0:{}}}", "[{\"x\":[]}]"},
  });
}

TEST(PhpJsonTest, MalformedArraysFail) {
  ExpectAll({
      {"a:2:{i:0;i:1;}", kBroken},
      {"a:1:{i:0;i:1;i:1;i:2;}", kBroken},
      {"a:1:{b:1;i:1;}", kBroken},
      {"a:1:{d:1.5;i:1;}", kBroken},
      {"a:1:{N;i:1;}", kBroken},
      {"a:1:{i:0;}", kBroken},
      {"a:1:{}", kBroken},
      {"a:1:{", kBroken},
      {"}", kBroken},
      {"abc", kBroken},
      {"i:5", kBroken},
      // PHP 8.3+ warns about data after the value ("Extra data starting at offset").
      {"a:1:{i:0;i:1;}x", kBroken},
      {"i:5;;", kBroken},
  });
}

TEST(PhpJsonTest, ObjectsKeepPublicPropertiesAndIncompleteClassNames) {
  ExpectAll({
      {"O:8:\"stdClass\":1:{s:1:\"a\";i:1;}", "{\"a\":1}"},
      {"O:8:\"stdClass\":0:{}", "{}"},
      {"O:8:\"STDCLASS\":0:{}", "{}"},
      {"O:8:\"stdClass\":1:{i:5;s:1:\"x\";}", "{\"5\":\"x\"}"},
      {"O:8:\"stdClass\":1:{s:0:\"\";i:1;}", "{\"\":1}"},
      {"O:8:\"stdClass\"::{}", "{}"},
      {"O:8:\"stdClass\":-0:{}", "{}"},
      {"O:3:\"Foo\":1:{s:1:\"a\";i:1;}", "{\"__PHP_Incomplete_Class_Name\":\"Foo\",\"a\":1}"},
      {"O:3:\"Foo\":0:{}", "{\"__PHP_Incomplete_Class_Name\":\"Foo\"}"},
      {"O:3:\"Foo\":1:{s:4:\"\0*\0a\";i:1;}"s,
       "{\"__PHP_Incomplete_Class_Name\":\"Foo\"}"},
      {"O:13:\"Varien_Object\":1:{s:8:\"\0*\0_data\";a:1:{s:1:\"a\";i:1;}}"s,
       "{\"__PHP_Incomplete_Class_Name\":\"Varien_Object\"}"},
      {"O:3:\"Foo\":1:{s:27:\"__PHP_Incomplete_Class_Name\";s:3:\"Bar\";}",
       "{\"__PHP_Incomplete_Class_Name\":\"Bar\"}"},
      {"O:3:\"F-o\":0:{}", kBroken},
      {"O:0:\"\":0:{}", kBroken},
      // No class here has an unserializer or is an enum.
      {"C:11:\"ArrayObject\":21:{x:i:0;a:0:{};m:a:0:{}}", kBroken},
      {"E:7:\"Foo:Bar\";", kBroken},
  });
}

TEST(PhpJsonTest, References) {
  ExpectAll({
      {"a:2:{i:0;a:1:{i:0;i:1;}i:1;R:2;}", "[[1],[1]]"},
      {"a:2:{i:0;i:1;i:1;R:2;}", "[1,1]"},
      {"a:2:{i:0;O:8:\"stdClass\":0:{}i:1;r:2;}", "[{},{}]"},
      // A slot names a place, which a repeated key refills.
      {"a:3:{i:0;i:5;i:0;i:7;i:1;R:2;}", "[7,7]"},
      // A value containing itself unserializes but does not encode.
      {"a:1:{i:0;R:1;}", kJsonFalse},
      {"O:8:\"stdClass\":1:{s:1:\"a\";r:1;}", kJsonFalse},
      {"a:2:{i:0;i:1;i:1;r:2;}", kBroken},  // r: only to objects
      {"a:1:{i:0;R:5;}", kBroken},
      {"a:2:{i:0;i:1;i:1;R:0;}", kBroken},
      {"a:2:{i:0;i:1;i:0;R:2;}", kBroken},  // to its own place
      {"a:1:{i:0;r:1;}", kBroken},
      {"R:1;", kBroken},
  });
}

TEST(PhpJsonTest, DepthLimits) {
  auto nested = [](int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += "a:1:{i:0;";
    text += "N;";
    for (int i = 0; i < depth; ++i) text += "}";
    return text;
  };
  auto list = [](int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += "[";
    text += "null";
    for (int i = 0; i < depth; ++i) text += "]";
    return text;
  };
  EXPECT_EQ(ToJson(nested(512)), list(512));
  EXPECT_EQ(ToJson(nested(513)), kJsonFalse);
  EXPECT_EQ(ToJson(nested(4096)), kJsonFalse);
  EXPECT_EQ(ToJson(nested(4097)), kBroken);
}

TEST(PhpJsonTest, ParserIsReusable) {
  Unserializer unserializer;
  JsonEncoder encoder;
  std::string json;
  ASSERT_TRUE(unserializer.Parse("a:1:{s:1:\"a\";a:1:{i:0;i:1;}}"));
  ASSERT_TRUE(encoder.Encode(unserializer, json));
  EXPECT_EQ(json, "{\"a\":[1]}");
  EXPECT_FALSE(unserializer.Parse("a:1:{"));
  ASSERT_TRUE(unserializer.Parse("s:1:\"x\";"));
  ASSERT_TRUE(encoder.Encode(unserializer, json));
  EXPECT_EQ(json, "\"x\"");
}

}  // namespace
}  // namespace migrate::mapping::php

// Wildcard: Magento's '/^' + pattern-with-'*'-as-'.+' + '/' regex, on both of its paths.
#include "mapping/wildcard.h"

#include "gtest/gtest.h"

namespace migrate::mapping {
namespace {

TEST(WildcardTest, StarIsOneOrMoreCharacters) {
  const Wildcard wildcard("log_*");
  EXPECT_TRUE(wildcard.Matches("log_url"));
  EXPECT_TRUE(wildcard.Matches("log_x"));
  EXPECT_FALSE(wildcard.Matches("log_"));
  EXPECT_FALSE(wildcard.Matches("log"));
}

TEST(WildcardTest, AnchoredAtTheStartOnly) {
  EXPECT_FALSE(Wildcard("log_*").Matches("catalog_log_x"));
  EXPECT_TRUE(Wildcard("a*c").Matches("abc_and_more"));
  EXPECT_TRUE(Wildcard("a*c*e").Matches("abcde"));
  EXPECT_TRUE(Wildcard("a*c*e").Matches("accce"));
  EXPECT_FALSE(Wildcard("a*c*e").Matches("acce"));
  EXPECT_FALSE(Wildcard("a*c*e").Matches("ace"));
  EXPECT_TRUE(Wildcard("*_idx").Matches("catalog_idx"));
  EXPECT_FALSE(Wildcard("*_idx").Matches("_idx"));
}

TEST(WildcardTest, OtherCharactersKeepTheirRegexMeaning) {
  EXPECT_TRUE(Wildcard("a.c*").Matches("abcd"));
  EXPECT_TRUE(Wildcard("a.c*").Matches("a.cd"));
  EXPECT_FALSE(Wildcard("a$b*").Matches("a$bc"));
  EXPECT_TRUE(Wildcard("ab?c*").Matches("acd"));
  // An invalid regex matches nothing, as preg_match() fails on it.
  EXPECT_FALSE(Wildcard("a(b*").Matches("a(bc"));
}

TEST(WildcardTest, SlashesAreLiteral) {
  const Wildcard wildcard("web/cookie/*");
  EXPECT_TRUE(wildcard.Matches("web/cookie/cookie_path"));
  EXPECT_FALSE(wildcard.Matches("web/cookies"));
}

TEST(WildcardTest, IsWildcard) {
  EXPECT_TRUE(Wildcard::IsWildcard("m2_cl_*"));
  EXPECT_FALSE(Wildcard::IsWildcard("core_store"));
}

}  // namespace
}  // namespace migrate::mapping

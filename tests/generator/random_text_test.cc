// The seeded generator's stability (the whole catalog depends on it) and the text helpers.
#include <set>

#include "gtest/gtest.h"
#include "generator/random.h"
#include "generator/scale.h"
#include "generator/text.h"

namespace migrate::generator {
namespace {

TEST(RandomTest, SameStreamSameNumbersOnEveryBuild) {
  Random a = Random::For(1, "product", 42);
  Random b = Random::For(1, "product", 42);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Next(), b.Next());
  // A change of algorithm changes every generated catalog: it must be deliberate.
  EXPECT_EQ(Random(1).Next(), 12966619160104079557ULL);
}

TEST(RandomTest, StreamsAndEntitiesDiffer) {
  std::set<uint64_t> firsts;
  for (uint64_t entity = 0; entity < 100; ++entity) firsts.insert(Random::For(7, "order", entity).Next());
  firsts.insert(Random::For(7, "customer", 0).Next());
  firsts.insert(Random::For(8, "order", 0).Next());
  EXPECT_EQ(firsts.size(), 102u);
}

TEST(RandomTest, BetweenIncludesBothEnds) {
  Random random(3);
  std::set<int64_t> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(random.Between(-2, 2));
  EXPECT_EQ(seen, (std::set<int64_t>{-2, -1, 0, 1, 2}));
}

TEST(TextTest, UrlKeysAreLowercaseAsciiWords) {
  EXPECT_EQ(UrlKey("Men's 15\" Laptop Sleeve"), "men-s-15-laptop-sleeve");
  EXPECT_EQ(UrlKey("本革 ビジネスバッグ"), "item");
  EXPECT_EQ(UrlKey("  Große -- Tasche "), "gro-e-tasche");
}

TEST(TextTest, DescriptionsReachTheirSize) {
  Random random(5);
  for (size_t bytes : {100u, 3000u, 8000u}) {
    EXPECT_GE(Description(random, Language::kGerman, bytes).size(), bytes);
  }
}

TEST(ScaleTest, CountsFollowProducts) {
  const Scale scale = Scale::ForProducts(100000);
  EXPECT_EQ(scale.products, 100000u);
  EXPECT_EQ(scale.categories, 2000u);
  EXPECT_EQ(scale.customers, 50000u);
  EXPECT_EQ(scale.orders, 100000u);
  EXPECT_EQ(scale.abandoned_quotes, 20000u);
  EXPECT_EQ(Scale::ForProducts(10).categories, 12u);
}

}  // namespace
}  // namespace migrate::generator

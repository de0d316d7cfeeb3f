// Magento 1 customer password hashes as the Customer Attributes step writes them for Magento 2.
#include <string>

#include "gtest/gtest.h"
#include "stages/steps/customer/static_attributes.h"

namespace migrate::stages::customer {
namespace {

const std::string kMd5(32, 'a');
const std::string kSha256(64, 'b');
const std::string kSha512(128, 'c');

TEST(UpgradePasswordHashTest, Md5AndSha256GetMagento2sVersionSuffix) {
  EXPECT_EQ(UpgradePasswordHash(kMd5 + ":salt"), kMd5 + ":salt:0");
  EXPECT_EQ(UpgradePasswordHash(kSha256 + ":s:a"), kSha256 + ":s:a:1");
  // A bare md5 has an empty salt, which is what Magento 2 then hashes with.
  EXPECT_EQ(UpgradePasswordHash(kMd5), kMd5 + "::0");
}

TEST(UpgradePasswordHashTest, OtherHashesStayAsTheyAre) {
  EXPECT_EQ(UpgradePasswordHash(kSha512 + ":salt"), kSha512 + ":salt");
  EXPECT_EQ(UpgradePasswordHash("$2y$10$abcdefghijklmnopqrstuv"), "$2y$10$abcdefghijklmnopqrstuv");
  EXPECT_EQ(UpgradePasswordHash(""), "");
}

TEST(UpgradePasswordHashTest, Sha512IsTheHashBeforeTheSalt) {
  EXPECT_TRUE(IsSha512Hash(kSha512 + ":salt"));
  EXPECT_TRUE(IsSha512Hash(kSha512));
  EXPECT_FALSE(IsSha512Hash(kSha256 + ":" + kSha256));
}

}  // namespace
}  // namespace migrate::stages::customer

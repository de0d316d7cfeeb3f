// The privilege check that runs before change capture is set up: SHOW GRANTS lines in, one clear
// message out.
#include "io/trigger_privileges.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::io {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

AccountAccess Account(std::vector<std::string> grants) {
  AccountAccess access;
  access.account = "shop@10.0.0.%";
  access.grants = std::move(grants);
  return access;
}

TEST(TriggerPrivilegesTest, GlobalAllPrivilegesIsEnough) {
  AccountAccess access = Account({"GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"});
  access.binary_logging = true;
  EXPECT_TRUE(CheckChangeCaptureAccess(access, "magento1").ok());
}

TEST(TriggerPrivilegesTest, DatabaseGrantWithTriggerAndCreateIsEnoughWithoutBinaryLog) {
  const AccountAccess access =
      Account({"GRANT USAGE ON *.* TO `shop`@`10.0.0.%` IDENTIFIED BY PASSWORD '*ABCDEF'",
               "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, TRIGGER ON `magento1`.* TO `shop`@`10.0.0.%`"});
  EXPECT_TRUE(CheckChangeCaptureAccess(access, "magento1").ok());
  // Another database's grant does not count.
  const absl::Status other = CheckChangeCaptureAccess(access, "magento1_copy");
  EXPECT_THAT(other.message(), HasSubstr("lacks TRIGGER and CREATE"));
}

TEST(TriggerPrivilegesTest, MissingTriggerNamesTheGrantThatFixesIt) {
  const absl::Status status = CheckChangeCaptureAccess(
      Account({"GRANT SELECT, CREATE ON `magento1`.* TO `shop`@`10.0.0.%`"}), "magento1");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), AllOf(HasSubstr("'shop'@'10.0.0.%'"), HasSubstr("lacks TRIGGER."),
                                      HasSubstr("GRANT TRIGGER ON `magento1`.* TO 'shop'@'10.0.0.%';")));
}

TEST(TriggerPrivilegesTest, PasswordHashesNeverReachTheMessage) {
  const absl::Status status = CheckChangeCaptureAccess(
      Account({"GRANT USAGE ON *.* TO `shop`@`10.0.0.%` IDENTIFIED BY PASSWORD '*94BDCEBE19083CE2A1F959FD02F964C7'"}),
      "magento1");
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), Not(HasSubstr("94BDCEBE")));
}

TEST(TriggerPrivilegesTest, BinaryLoggingNeedsSuperOrTrustFunctionCreators) {
  AccountAccess access = Account({"GRANT ALL PRIVILEGES ON `magento1`.* TO `shop`@`10.0.0.%`"});
  access.binary_logging = true;
  const absl::Status status = CheckChangeCaptureAccess(access, "magento1");
  EXPECT_THAT(status.message(), AllOf(HasSubstr("1419"), HasSubstr("GRANT SUPER ON *.* TO 'shop'@'10.0.0.%'"),
                                      HasSubstr("SET GLOBAL log_bin_trust_function_creators = 1")));
  access.trust_function_creators = true;
  EXPECT_TRUE(CheckChangeCaptureAccess(access, "magento1").ok());
  access.trust_function_creators = false;
  access.grants.push_back("GRANT SUPER ON *.* TO `shop`@`10.0.0.%`");
  EXPECT_TRUE(CheckChangeCaptureAccess(access, "magento1").ok());
}

TEST(TriggerPrivilegesTest, DatabasePatternsAndColumnListsAreUnderstood) {
  const AccountAccess access = Account({"GRANT SELECT (`a`, `b`), TRIGGER, CREATE ON `magento\\_%`.* TO `shop`@`h`"});
  EXPECT_TRUE(CheckChangeCaptureAccess(access, "magento_1").ok());
  EXPECT_FALSE(CheckChangeCaptureAccess(access, "magentox1").ok());
}

TEST(TriggerPrivilegesTest, RoutineGrantsAreIgnored) {
  const AccountAccess access = Account({"GRANT EXECUTE, ALTER ROUTINE ON PROCEDURE `magento1`.`p` TO `shop`@`h`"});
  EXPECT_FALSE(CheckChangeCaptureAccess(access, "magento1").ok());
}

}  // namespace
}  // namespace migrate::io

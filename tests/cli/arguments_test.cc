// The command line and the log line format.
#include "cli/arguments.h"

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "cli/log_line.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::cli {
namespace {

using ::testing::HasSubstr;

TEST(ArgumentsTest, ModesFlagsAndMagentoSpelling) {
  absl::StatusOr<Arguments> parsed = ParseArguments({"migrate:data", "-r", "--auto", "-vv", "etc/config.xml"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->mode, Mode::kData);
  EXPECT_TRUE(parsed->reset);
  EXPECT_TRUE(parsed->auto_resolve);
  EXPECT_EQ(parsed->verbosity, Verbosity::kDebug);
  EXPECT_EQ(parsed->config_path, "etc/config.xml");

  parsed = ParseArguments({"-q", "settings", "c.xml"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->mode, Mode::kSettings);
  EXPECT_EQ(parsed->verbosity, Verbosity::kQuiet);
  EXPECT_FALSE(parsed->reset);

  parsed = ParseArguments({"delta", "--reset", "c.xml"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->mode, Mode::kDelta);
}

TEST(ArgumentsTest, HelpWinsAndErrorsSayWhat) {
  absl::StatusOr<Arguments> help = ParseArguments({"data", "--bogus", "-h"});
  ASSERT_TRUE(help.ok());
  EXPECT_TRUE(help->help);
  EXPECT_THAT(HelpText(), HasSubstr("130"));

  EXPECT_THAT(std::string(ParseArguments({"data", "--bogus", "c.xml"}).status().message()),
              HasSubstr("unknown option '--bogus'"));
  EXPECT_THAT(std::string(ParseArguments({"copy", "c.xml"}).status().message()), HasSubstr("unknown mode 'copy'"));
  EXPECT_THAT(std::string(ParseArguments({"data"}).status().message()), HasSubstr("usage: migrate"));
  EXPECT_FALSE(ParseArguments({"data", "a.xml", "b.xml"}).ok());
}

TEST(ArgumentsTest, VersionSkipsTheOtherChecksAndTheFirstRequestWins) {
  absl::StatusOr<Arguments> version = ParseArguments({"data", "--bogus", "--version"});
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_TRUE(version->version);
  EXPECT_FALSE(version->help);

  absl::StatusOr<Arguments> help = ParseArguments({"--help", "--version"});
  ASSERT_TRUE(help.ok());
  EXPECT_TRUE(help->help);
  EXPECT_FALSE(help->version);

  absl::StatusOr<Arguments> run = ParseArguments({"data", "c.xml"});
  ASSERT_TRUE(run.ok());
  EXPECT_FALSE(run->version);
  EXPECT_THAT(HelpText(), HasSubstr("--version"));
}

TEST(LogLineTest, MagentoFormatLeavesOutEmptyParts) {
  absl::Time when = absl::FromCivil(absl::CivilSecond(2026, 11, 22, 3, 56, 53), absl::LocalTimeZone());
  EXPECT_EQ(FormatLogLine(when, stages::LogLevel::kInfo, {"data", "data migration", "Map Step"}, "started"),
            "[2026-11-22 03:56:53][INFO][mode: data][stage: data migration][step: Map Step]: started");
  EXPECT_EQ(FormatLogLine(when, stages::LogLevel::kError, {"data", "", ""}, "boom"),
            "[2026-11-22 03:56:53][ERROR][mode: data]: boom");
}

}  // namespace
}  // namespace migrate::cli

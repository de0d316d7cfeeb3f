// Where tests find the project's files and the shared Magento fixtures.
#ifndef MIGRATE_TESTS_SUPPORT_TEST_PATHS_H_
#define MIGRATE_TESTS_SUPPORT_TEST_PATHS_H_

#include <optional>
#include <string>

namespace migrate::testing {

// The project's source root (where CMakeLists.txt is).
std::string SourceDir();

// ../shared/fixtures next to the checkout, or nullopt when it is absent (a user's fresh clone).
std::optional<std::string> FixturesDir();

// Skips the current test, saying why, when ../shared/fixtures is absent; else yields its path.
#define MIGRATE_FIXTURES_OR_SKIP(var)                                                          \
  const std::optional<std::string> var##_optional = ::migrate::testing::FixturesDir();        \
  if (!var##_optional.has_value()) {                                                          \
    GTEST_SKIP() << "../shared/fixtures is absent: this case needs the real Magento fixtures"; \
  }                                                                                           \
  const std::string& var = *var##_optional

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_SUPPORT_TEST_PATHS_H_

#include "tests/support/test_paths.h"

#include <filesystem>

namespace migrate::testing {

std::string SourceDir() { return MIGRATE_SOURCE_DIR; }

std::optional<std::string> FixturesDir() {
  std::error_code error;
  std::filesystem::path dir = std::filesystem::weakly_canonical(MIGRATE_FIXTURES_DIR, error);
  if (error || !std::filesystem::is_directory(dir / "magento-dmt", error)) return std::nullopt;
  return dir.string();
}

}  // namespace migrate::testing

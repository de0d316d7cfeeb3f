#include "cli/tool_root.h"

#include <cstdlib>
#include <filesystem>

namespace migrate::cli {

std::string FindToolRoot(const std::string& config_path) {
  if (const char* root = std::getenv("MIGRATE_TOOL_ROOT"); root != nullptr && root[0] != '\0') return root;
  std::error_code error;
  std::filesystem::path folder = std::filesystem::absolute(config_path, error).parent_path();
  if (error) return "";
  for (std::filesystem::path candidate = folder.parent_path(); !candidate.empty(); candidate = candidate.parent_path()) {
    if (std::filesystem::is_directory(candidate / "etc", error)) return candidate.string();
    if (candidate == candidate.root_path()) break;
  }
  return "";
}

}  // namespace migrate::cli

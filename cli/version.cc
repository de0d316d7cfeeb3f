#include "cli/version.h"

#include "absl/strings/str_cat.h"

namespace migrate::cli {

const char kVersion[] = MIGRATE_VERSION;

std::string VersionText() { return absl::StrCat("migrate ", kVersion, " (git revision ", kGitRevision, ")\n"); }

}  // namespace migrate::cli

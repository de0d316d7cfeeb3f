// What `migrate --version` prints: the project's version (project(... VERSION) of CMakeLists.txt)
// and the git revision the binary was built from (cli/git_revision.cmake, at every build).
#ifndef MIGRATE_CLI_VERSION_H_
#define MIGRATE_CLI_VERSION_H_

#include <string>

namespace migrate::cli {

// "0.1.0".
extern const char kVersion[];
// 12 hex digits, with "-dirty" when the tree had uncommitted changes, or "unknown" (no git checkout).
extern const char kGitRevision[];

// "migrate 0.1.0 (git revision 0123456789ab)\n".
std::string VersionText();

}  // namespace migrate::cli

#endif  // MIGRATE_CLI_VERSION_H_

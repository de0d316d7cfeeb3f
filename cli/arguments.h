// The command line of the migrate binary, parsed.
//
//   migrate settings|data|delta [-r|--reset] [-a|--auto] [-v|-vv|-q] path/to/config.xml
//   migrate delta --setup-only path/to/config.xml
//   migrate --help | --version
//
// Magento's spelling of the modes (migrate:settings, migrate:data, migrate:delta) is accepted too.
// Parsing never exits the process: --help, --version and errors come back as values for main() to print.
#ifndef MIGRATE_CLI_ARGUMENTS_H_
#define MIGRATE_CLI_ARGUMENTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace migrate::cli {

enum class Mode { kSettings, kData, kDelta };

enum class Verbosity { kQuiet, kNormal, kVerbose, kDebug };

struct Arguments {
  Mode mode = Mode::kData;
  bool reset = false;
  bool auto_resolve = false;
  bool help = false;
  bool version = false;
  // delta --setup-only: install the change capture, then stop.
  bool setup_only = false;
  Verbosity verbosity = Verbosity::kNormal;
  std::string config_path;
};

// Parses argv[1..]; `args` excludes the program name. A request for help or the version sets `help`
// or `version` (the first one given) and skips the other checks.
absl::StatusOr<Arguments> ParseArguments(const std::vector<std::string>& args);

// "settings", "data" or "delta".
const char* ModeName(Mode mode);

// The text of `migrate --help`.
std::string HelpText();

}  // namespace migrate::cli

#endif  // MIGRATE_CLI_ARGUMENTS_H_

#include "cli/arguments.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace migrate::cli {
namespace {

absl::StatusOr<Mode> ParseMode(absl::string_view word) {
  absl::ConsumePrefix(&word, "migrate:");
  if (word == "settings") return Mode::kSettings;
  if (word == "data") return Mode::kData;
  if (word == "delta") return Mode::kDelta;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown mode '", word, "': expected settings, data or delta (see migrate --help)"));
}

}  // namespace

const char* ModeName(Mode mode) {
  switch (mode) {
    case Mode::kSettings:
      return "settings";
    case Mode::kData:
      return "data";
    case Mode::kDelta:
      return "delta";
  }
  return "data";
}

absl::StatusOr<Arguments> ParseArguments(const std::vector<std::string>& args) {
  Arguments parsed;
  std::vector<std::string> positional;
  for (const std::string& arg : args) {
    if (arg == "-h" || arg == "--help") {
      parsed.help = true;
      return parsed;
    }
    if (arg == "--version") {
      parsed.version = true;
      return parsed;
    }
  }
  for (const std::string& arg : args) {
    if (arg == "-r" || arg == "--reset") {
      parsed.reset = true;
    } else if (arg == "-a" || arg == "--auto") {
      parsed.auto_resolve = true;
    } else if (arg == "--setup-only") {
      parsed.setup_only = true;
    } else if (arg == "-q" || arg == "--quiet") {
      parsed.verbosity = Verbosity::kQuiet;
    } else if (arg == "-v" || arg == "--verbose") {
      parsed.verbosity = Verbosity::kVerbose;
    } else if (arg == "-vv" || arg == "-vvv") {
      parsed.verbosity = Verbosity::kDebug;
    } else if (absl::StartsWith(arg, "-") && arg != "-") {
      return absl::InvalidArgumentError(absl::StrCat("unknown option '", arg, "' (see migrate --help)"));
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) {
    return absl::InvalidArgumentError(
        "usage: migrate settings|data|delta [-r|--reset] [-a|--auto] [--setup-only] [-v|-vv|-q] "
        "path/to/config.xml");
  }
  absl::StatusOr<Mode> mode = ParseMode(positional[0]);
  if (!mode.ok()) return mode.status();
  parsed.mode = *mode;
  parsed.config_path = positional[1];
  if (parsed.setup_only && parsed.mode != Mode::kDelta) {
    return absl::InvalidArgumentError("--setup-only goes with delta: migrate delta --setup-only config.xml");
  }
  return parsed;
}

std::string HelpText() {
  return R"(migrate: moves a Magento 1 database into Magento 2, reading the Data Migration Tool's own config files.

Usage:
  migrate settings|data|delta [-r|--reset] [-a|--auto] [-v|-vv|-q] path/to/config.xml
  migrate delta --setup-only path/to/config.xml
  migrate --help | --version
  (migrate:settings, migrate:data and migrate:delta are accepted too)

Modes:
  settings  Runs the steps of <steps mode="settings">: store structure and system configuration
            (core_config_data through the settings map).
  data      Integrity check, then the data copy, then the volume check, for the steps of
            <steps mode="data">. Progress is saved in the destination with every batch: after a crash
            or Ctrl+C, run the same command again and it resumes at the last committed batch.
  delta     Replays the changes recorded on the source since `data` ran, in a loop until Ctrl+C or
            SIGTERM, which finish the changes in hand and end with exit code 0. `data` sets up the
            recording (when config.xml names delta_document_groups_file): a changelog table m2_cl_<table>
            and AFTER INSERT/UPDATE/DELETE triggers for every table that file lists. Each cycle replays
            the tables of the delta steps' groups (Map Step: group delta_map) through the same map and
            handlers as `data`, then waits delta_poll_interval seconds (option of config.xml; default 5,
            fractions allowed). A killed delta loses nothing: run it again.

Options:
  -r, --reset   Start over: clear the saved progress of this mode and empty the destination tables
                this run writes, saying which, then migrate from the beginning.
                With delta, -r is refused: delta carries on from the changelogs; run `data -r` instead.
  -a, --auto    Carry on past integrity check failures (each one is still listed).
  --setup-only  With delta: install the changelogs and triggers, then stop (for a source whose `data`
                ran without delta_document_groups_file; changes made before are not captured).
  -v            More output; -vv also prints debug messages.
  -q            Errors only.
  -h, --help    This text.
  --version     The version and the git revision this binary was built from.

Exit codes: 0 success (and delta stopped by Ctrl+C or SIGTERM), 1 failure, 130 settings or data
stopped by Ctrl+C or SIGTERM (progress up to the last batch is kept).

Messages go to the console (coloured on a terminal) and, without colour, to the file named by the
log_file option of config.xml. Passwords are never printed.
)";
}

}  // namespace migrate::cli

#include "cli/arguments.h"

#include <limits>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace migrate::cli {
namespace {

absl::StatusOr<Mode> ParseMode(absl::string_view word) {
  absl::ConsumePrefix(&word, "migrate:");
  if (word == "settings") return Mode::kSettings;
  if (word == "data") return Mode::kData;
  if (word == "delta") return Mode::kDelta;
  if (word == "verify") return Mode::kVerify;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown mode '", word, "': expected settings, data, delta or verify (see migrate --help)"));
}

// The SECONDS of --timeout: a number > 0, fractions allowed.
absl::StatusOr<absl::Duration> ParseTimeout(absl::string_view text) {
  double seconds = 0;
  if (!absl::SimpleAtod(text, &seconds) || !(seconds > 0) || seconds == std::numeric_limits<double>::infinity()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--timeout wants a number of seconds greater than 0, not '", text, "'"));
  }
  return absl::Seconds(seconds);
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
    case Mode::kVerify:
      return "verify";
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
  bool timeout_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-r" || arg == "--reset") {
      parsed.reset = true;
    } else if (arg == "-a" || arg == "--auto") {
      parsed.auto_resolve = true;
    } else if (arg == "--setup-only") {
      parsed.setup_only = true;
    } else if (arg == "--until-caught-up") {
      parsed.until_caught_up = true;
    } else if (arg == "--timeout" || absl::StartsWith(arg, "--timeout=")) {
      if (arg == "--timeout" && i + 1 == args.size()) {
        return absl::InvalidArgumentError("--timeout wants a number of seconds: --timeout 600");
      }
      absl::StatusOr<absl::Duration> timeout =
          ParseTimeout(arg == "--timeout" ? absl::string_view(args[++i]) : absl::string_view(arg).substr(10));
      if (!timeout.ok()) return timeout.status();
      parsed.timeout = *timeout;
      timeout_given = true;
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
        "usage: migrate settings|data|delta|verify [-r|--reset] [-a|--auto] [--setup-only] "
        "[--until-caught-up [--timeout SECONDS]] [-v|-vv|-q] path/to/config.xml");
  }
  absl::StatusOr<Mode> mode = ParseMode(positional[0]);
  if (!mode.ok()) return mode.status();
  parsed.mode = *mode;
  parsed.config_path = positional[1];
  if (parsed.setup_only && parsed.mode != Mode::kDelta) {
    return absl::InvalidArgumentError("--setup-only goes with delta: migrate delta --setup-only config.xml");
  }
  if (parsed.until_caught_up && parsed.mode != Mode::kDelta) {
    return absl::InvalidArgumentError("--until-caught-up goes with delta: migrate delta --until-caught-up config.xml");
  }
  if (parsed.until_caught_up && parsed.setup_only) {
    return absl::InvalidArgumentError("--until-caught-up and --setup-only do not go together: set up first, then replay");
  }
  if (timeout_given && !parsed.until_caught_up) {
    return absl::InvalidArgumentError(
        "--timeout goes with --until-caught-up: migrate delta --until-caught-up --timeout SECONDS config.xml");
  }
  if (parsed.mode == Mode::kVerify && (parsed.reset || parsed.auto_resolve)) {
    return absl::InvalidArgumentError("verify takes no -r or -a: migrate verify config.xml");
  }
  return parsed;
}

std::string HelpText() {
  return R"(migrate: moves a Magento 1 database into Magento 2, reading the Data Migration Tool's own config files.

Usage:
  migrate settings|data|delta [-r|--reset] [-a|--auto] [-v|-vv|-q] path/to/config.xml
  migrate delta --setup-only path/to/config.xml
  migrate delta --until-caught-up [--timeout SECONDS] path/to/config.xml
  migrate verify [-v|-vv|-q] path/to/config.xml
  migrate --help | --version
  (migrate:settings, migrate:data, migrate:delta and migrate:verify are accepted too)

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
            fractions allowed). A killed delta loses nothing: run it again. With --until-caught-up
            it stops by itself once nothing is pending (see below).
  verify    Compares the destination with the source under the map, after data (or while or after
            delta), changing neither: each document of the Map and Stores steps, in parallel key
            ranges, by checksums the servers compute (a differing range is narrowed down to its
            keys). Prints "equal" or the first differing keys and columns per document, and a
            summary; exit code 0 only when every document is equal.

Options:
  -r, --reset   Start over: clear the saved progress of this mode and empty the destination tables
                this run writes, saying which, then migrate from the beginning.
                With delta, -r is refused: delta carries on from the changelogs; run `data -r` instead.
  -a, --auto    Carry on past integrity check failures (each one is still listed).
  --setup-only  With delta: install the changelogs and triggers, then stop (for a source whose `data`
                ran without delta_document_groups_file; changes made before are not captured).
  --until-caught-up
                With delta, for the cutover once the shop's writes are stopped: replay until nothing
                is pending (after a cycle, every changelog of the delta steps is empty in one snapshot
                of the source and no key waits for a follower's delta), then run the
                volume checks. Exit 0: every change committed before that snapshot is in Magento 2
                and the volume checks passed; 1: a volume check failed, the timeout passed, or an
                error (the last message says which); 130: stopped by Ctrl+C or SIGTERM first.
  --timeout SECONDS
                With --until-caught-up: give up (exit 1, naming what is still pending) when not
                caught up after SECONDS (fractions allowed; checked between cycles). Without it,
                a shop that keeps writing keeps the replay going until Ctrl+C.
  -v            More output; -vv also prints debug messages.
  -q            Errors only.
  -h, --help    This text.
  --version     The version and the git revision this binary was built from.

Exit codes: 0 success (and delta stopped by Ctrl+C or SIGTERM; verify: all equal), 1 failure
(verify: a difference), 130 settings, data, verify or delta --until-caught-up stopped by Ctrl+C or
SIGTERM (settings and data keep their progress up to the last batch).

Messages go to the console (coloured on a terminal) and, without colour, to the file named by the
log_file option of config.xml. Passwords are never printed.
)";
}

}  // namespace migrate::cli

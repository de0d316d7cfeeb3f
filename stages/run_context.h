// Everything the stages of one run share: the config, the command line's choices, connections,
// schemas, the log, the stop request, and the run's totals.
//
// Schemas are introspected once, on first use, and kept for the run. Thread-safe for the
// accessors; the totals are atomics, added to by data stages.
#ifndef MIGRATE_STAGES_RUN_CONTEXT_H_
#define MIGRATE_STAGES_RUN_CONTEXT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "io/connection_options.h"
#include "io/table_schema.h"
#include "mapping/config.h"
#include "mapping/document_prefix.h"
#include "pipeline/cancellation.h"
#include "pipeline/connection_source.h"
#include "pipeline/coordinator.h"
#include "pipeline/memory_budget.h"
#include "pipeline/value_change_log.h"
#include "stages/run_log.h"

namespace migrate::stages {

struct RunOptions {
  std::string mode;  // "settings", "data", "delta" or "verify"
  bool auto_resolve = false;
  bool reset = false;
  // Chunks copied at once (config option `threads`; 0 picks the default).
  size_t threads = 0;
  // Rows per batch (config option `bulk_size`; 0 picks the default).
  size_t bulk_size = 0;
  // Delta only: install the change capture of the delta groups file, then stop (--setup-only).
  bool setup_only = false;
  // Delta only: the pause between replay cycles (config option `delta_poll_interval`, seconds).
  absl::Duration poll_interval = absl::Seconds(5);
  // Delta only: stop once nothing is pending, then pass the volume checks or fail (--until-caught-up).
  bool until_caught_up = false;
  // With until_caught_up: fail when still not caught up after this long (--timeout).
  absl::Duration catch_up_timeout = absl::InfiniteDuration();
  // A value the destination would change stops the run (config option `value_changes` = fatal);
  // otherwise such changes are warnings.
  bool value_changes_fatal = false;
};

// A run's totals, for the summary line.
struct RunTotals {
  std::atomic<uint64_t> documents{0};
  std::atomic<uint64_t> rows{0};
};

// ConnectionOptions for a <source> or <destination> database of config.xml, with its init statements
// and the TLS options of config.xml's <options>.
io::ConnectionOptions ToConnectionOptions(const mapping::DatabaseConfig& database,
                                          std::vector<std::string> init_statements,
                                          const mapping::ConfigOptions& options);

class RunContext {
 public:
  RunContext(const mapping::Config& config, RunOptions options, RunLog* log,
             const pipeline::Cancellation* cancellation, pipeline::CopyListener* listener);

  const mapping::Config& config() const { return config_; }
  const RunOptions& options() const { return options_; }
  RunLog* log() const { return log_; }
  const pipeline::Cancellation& cancellation() const { return *cancellation_; }
  pipeline::CopyListener* listener() const { return listener_; }
  const pipeline::ConnectionSource& connections() const { return connections_; }
  const mapping::DocumentPrefixes& prefixes() const { return prefixes_; }
  RunTotals& totals() { return totals_; }
  // The values the destination changed on the way in, from every writer of the run.
  pipeline::ValueChangeLog& value_changes() const { return *value_changes_; }

  // The tables of each side, as introspected on first use.
  absl::StatusOr<const io::DatabaseSchema*> SourceSchema();
  absl::StatusOr<const io::DatabaseSchema*> DestinationSchema();

  // Coordinator options for a data stage of `step`.
  pipeline::CoordinatorOptions CopyOptions(absl::string_view step, absl::string_view stage) const;
  // Chunks copied (or verified) at once: option threads, or the default.
  size_t Threads() const;
  // Rows per batch: option bulk_size, or the default.
  size_t BulkSize() const;
  // Source rows from which a table filled from empty gets its secondary keys after the load:
  // option defer_indexes_min_rows, or the default; UINT64_MAX when the option is 0 (never).
  uint64_t MinRowsToDeferIndexes() const;

  // A file option resolved as Magento resolves it, with an error naming the option.
  absl::StatusOr<std::string> ResolveFileOption(absl::string_view option) const;

 private:
  absl::StatusOr<const io::DatabaseSchema*> LoadSchema(bool source);

  const mapping::Config& config_;
  const RunOptions options_;
  RunLog* log_;
  const pipeline::Cancellation* cancellation_;
  pipeline::CopyListener* listener_;
  const mapping::DocumentPrefixes prefixes_;
  const pipeline::ConnectionSource connections_;
  RunTotals totals_;
  const std::unique_ptr<pipeline::ValueChangeLog> value_changes_;
  // The bytes every copy's rows in flight share (config option memory_limit, MiB).
  const std::unique_ptr<pipeline::MemoryBudget> memory_;

  std::mutex mutex_;
  std::optional<io::DatabaseSchema> source_schema_;
  std::optional<io::DatabaseSchema> destination_schema_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_RUN_CONTEXT_H_

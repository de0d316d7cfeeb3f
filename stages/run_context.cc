#include "stages/run_context.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "io/mysql_error.h"

namespace migrate::stages {
namespace {

// bench/compare --sweep on the 2-core reference machine (README, Performance): at 20 million rows,
// threads 2 took 0.90 of threads 4's wall time (medians of 3) and half its peak memory; at 3.7 million
// rows bulk_size 1000 and 5000 at 2 and 4 threads were within the noise, 20000 slower.
constexpr size_t kDefaultThreads = 2;
constexpr size_t kDefaultBulkSize = 5000;
constexpr size_t kDefaultMemoryLimitMiB = 512;
// A guess, not measured (README, "Secondary keys after the load").
constexpr uint64_t kDefaultMinRowsToDeferIndexes = 20000;

size_t MemoryLimitBytes(const mapping::ConfigOptions& options) {
  const size_t mib = options.memory_limit() > 0 ? options.memory_limit() : kDefaultMemoryLimitMiB;
  return mib << 20;
}

}  // namespace

io::ConnectionOptions ToConnectionOptions(const mapping::DatabaseConfig& database,
                                          std::vector<std::string> init_statements,
                                          const mapping::ConfigOptions& config_options) {
  io::ConnectionOptions options;
  options.host = database.host.empty() ? "localhost" : database.host;
  unsigned int port = 0;
  if (!database.port.empty() && absl::SimpleAtoi(database.port, &port)) options.port = port;
  options.user = database.user;
  options.password = database.password;
  options.database = database.name;
  options.ssl_ca = database.ssl_ca;
  options.ssl_cert = database.ssl_cert;
  options.ssl_key = database.ssl_key;
  options.ssl_verify_server_name = !config_options.ssl_skip_name_check();
  options.init_statements = std::move(init_statements);
  return options;
}

RunContext::RunContext(const mapping::Config& config, RunOptions options, RunLog* log,
                       const pipeline::Cancellation* cancellation, pipeline::CopyListener* listener)
    : config_(config),
      options_(std::move(options)),
      log_(log),
      cancellation_(cancellation),
      listener_(listener),
      prefixes_(mapping::DocumentPrefixes::FromOptions(config.options())),
      connections_(ToConnectionOptions(config.source(), config.options().init_statements_source(), config.options()),
                   ToConnectionOptions(config.destination(), config.options().init_statements_destination(),
                                       config.options())),
      value_changes_(std::make_unique<pipeline::ValueChangeLog>(options_.value_changes_fatal)),
      memory_(std::make_unique<pipeline::MemoryBudget>(MemoryLimitBytes(config.options()))) {}

absl::StatusOr<const io::DatabaseSchema*> RunContext::SourceSchema() { return LoadSchema(true); }

absl::StatusOr<const io::DatabaseSchema*> RunContext::DestinationSchema() { return LoadSchema(false); }

absl::StatusOr<const io::DatabaseSchema*> RunContext::LoadSchema(bool source) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<io::DatabaseSchema>& cached = source ? source_schema_ : destination_schema_;
  if (cached.has_value()) return &*cached;
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection =
      source ? connections_.OpenSource() : connections_.OpenDestination();
  if (!connection.ok()) return connection.status();
  const io::ConnectionOptions& options = source ? connections_.source() : connections_.destination();
  absl::StatusOr<io::DatabaseSchema> schema = io::LoadDatabaseSchema(**connection, options.database);
  if (!schema.ok()) {
    return io::WithContext(schema.status(), absl::StrCat("reading the tables of ", options.Describe()));
  }
  cached = std::move(*schema);
  return &*cached;
}

pipeline::CoordinatorOptions RunContext::CopyOptions(absl::string_view step, absl::string_view stage) const {
  pipeline::CoordinatorOptions copy;
  copy.step = std::string(step);
  copy.stage = std::string(stage);
  copy.threads = Threads();
  copy.chunk.batch_size = BulkSize();
  copy.chunk.value_changes = value_changes_.get();
  copy.chunk.memory = memory_.get();
  copy.min_rows_to_defer_indexes = MinRowsToDeferIndexes();
  return copy;
}

size_t RunContext::Threads() const { return options_.threads > 0 ? options_.threads : kDefaultThreads; }

size_t RunContext::BulkSize() const { return options_.bulk_size > 0 ? options_.bulk_size : kDefaultBulkSize; }

uint64_t RunContext::MinRowsToDeferIndexes() const {
  const int option = config_.options().defer_indexes_min_rows();
  if (option < 0) return kDefaultMinRowsToDeferIndexes;
  return option == 0 ? UINT64_MAX : static_cast<uint64_t>(option);
}

absl::StatusOr<std::string> RunContext::ResolveFileOption(absl::string_view option) const {
  const std::string& value = config_.options().Get(option);
  if (value.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(config_.path(), ": option ", option, " is not set"));
  }
  absl::StatusOr<std::string> path = mapping::ResolvePath(config_, value);
  if (!path.ok()) return io::WithContext(path.status(), absl::StrCat(config_.path(), ": option ", option));
  return path;
}

}  // namespace migrate::stages

#include "generator/loader.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "generator/load_data_format.h"
#include "generator/local_infile_loader.h"
#include "io/mysql_connection.h"
#include "generator/chunk_queue.h"
#include "generator/row_sink.h"

namespace migrate::generator {
namespace {

// 2017-01-01 00:00:00 UTC: what NOW() and CURRENT_TIMESTAMP say in a loading session.
constexpr int64_t kFixedClock = 1483228800;
constexpr size_t kChunksAhead = 4;

std::vector<std::string> SessionSettings() {
  return {
      "SET SESSION foreign_key_checks = 0, sql_mode = 'NO_AUTO_VALUE_ON_ZERO', time_zone = '+00:00', "
      "timestamp = " +
      std::to_string(kFixedClock)};
}

// The server's first warnings, for an error message.
std::string WarningsText(io::MysqlConnection& connection) {
  absl::StatusOr<io::ResultSet> warnings = connection.Query("SHOW WARNINGS LIMIT 5");
  if (!warnings.ok()) return std::string(warnings.status().message());
  std::string text;
  for (const io::Row& row : warnings->rows()) {
    absl::StrAppend(&text, "; ", row.size() > 2 && row[2].has_value() ? *row[2] : "?");
  }
  return text;
}

absl::Status ExecuteAll(io::MysqlConnection& connection, const std::vector<std::string>& statements,
                        absl::string_view table) {
  for (const std::string& statement : statements) {
    if (absl::Status status = connection.Execute(statement); !status.ok()) {
      return absl::Status(status.code(), absl::StrCat("preparing or finishing ", table, ": ", status.message()));
    }
  }
  return absl::OkStatus();
}

// Streams the rows `spec` generates (on a thread of their own, into `sink`) to the server, checks
// what the server says, and runs the statements that follow the load.
absl::StatusOr<uint64_t> StreamRows(io::MysqlConnection& connection, const TableSpec& spec, RowSink& sink,
                                    ChunkQueue& queue) {
  std::thread producer([&] {
    spec.emit(sink);
    sink.Finish();
    queue.Close();
  });
  absl::StatusOr<LoadDataResult> result = LoadDataResult{};
  std::string first_chunk;
  if (queue.Pop(first_chunk)) {
    bool first_pending = true;
    result =
        LoadDataLocalInfile(connection, LoadDataStatement(spec.name, sink.columns()), [&](std::string& chunk) {
          if (first_pending) {
            first_pending = false;
            chunk.swap(first_chunk);
            return true;
          }
          return queue.Pop(chunk);
        });
    if (!result.ok()) queue.Cancel();
  }
  producer.join();

  if (!sink.status().ok()) return sink.status();
  if (!result.ok()) {
    return absl::Status(result.status().code(), absl::StrCat("loading ", spec.name, ": ", result.status().message()));
  }
  if (result->warnings > 0) {
    return absl::InternalError(absl::StrCat("loading ", spec.name, " raised ", result->warnings,
                                            " warnings, the first: ", WarningsText(connection)));
  }
  if (result->rows != sink.rows()) {
    return absl::InternalError(
        absl::StrCat("loading ", spec.name, ": generated ", sink.rows(), " rows, the server stored ", result->rows));
  }
  if (absl::Status status = ExecuteAll(connection, spec.after_load, spec.name); !status.ok()) return status;
  return result->rows;
}

absl::StatusOr<uint64_t> LoadTable(io::MysqlConnection& connection, const TableSpec& spec, Progress& progress) {
  if (absl::Status status = ExecuteAll(connection, spec.before_load, spec.name); !status.ok()) return status;
  ChunkQueue queue(kChunksAhead);
  RowSink sink(spec.name, [&queue](std::string chunk) { queue.Push(std::move(chunk)); });
  progress.Started(&sink);
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<uint64_t> rows = StreamRows(connection, spec, sink, queue);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.Finished(&sink, rows.ok() ? *rows : sink.rows(), seconds);
  return rows;
}

}  // namespace

absl::StatusOr<LoadSummary> LoadTables(const io::ConnectionOptions& connection, TableList tables, int connections,
                                       Progress& progress) {
  std::stable_sort(tables.begin(), tables.end(),
                   [](const TableSpec& a, const TableSpec& b) { return a.expected_rows > b.expected_rows; });
  io::ConnectionOptions options = connection;
  options.allow_local_infile = true;
  options.init_statements = SessionSettings();

  const auto start = std::chrono::steady_clock::now();
  std::atomic<size_t> next_table{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  absl::Status first_error;
  LoadSummary summary;
  auto fail = [&](absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex);
    if (first_error.ok()) first_error = std::move(status);
    failed = true;
  };
  auto worker = [&] {
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> session = io::MysqlConnection::Open(options);
    if (!session.ok()) return fail(session.status());
    while (!failed) {
      const size_t index = next_table++;
      if (index >= tables.size()) return;
      const auto table_start = std::chrono::steady_clock::now();
      absl::StatusOr<uint64_t> rows = LoadTable(**session, tables[index], progress);
      if (!rows.ok()) return fail(rows.status());
      std::lock_guard<std::mutex> lock(mutex);
      summary.tables.push_back({tables[index].name, *rows,
                                std::chrono::duration<double>(std::chrono::steady_clock::now() - table_start).count()});
      summary.rows += *rows;
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < std::max(connections, 1); ++i) workers.emplace_back(worker);
  for (std::thread& thread : workers) thread.join();
  if (!first_error.ok()) return first_error;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace migrate::generator

// Measures delta's lag and the triggers' cost, on a shop that `migrate data` has copied (so change
// capture is installed) and while `migrate delta` runs against it:
//
// 1. Lag: writer threads update one tracked column of --rows rows of --table at --rate changes per
//    second for --seconds, each change writing a new, increasing sequence number; a poller reads the
//    destination's highest number every 2 ms. A change's lag is the time from its commit on the
//    source to the first poll that sees it (or a later one) on the destination.
// 2. Trigger cost: the same updates at full speed on one connection, on the tracked table and on an
//    untracked copy of it (bench_untracked_<table>, made and dropped here), in alternating seconds,
//    --cost_seconds of each.
//
// Prints both as text and, with --csv, one CSV line.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "io/connection_options.h"
#include "io/mysql_connection.h"

ABSL_FLAG(std::string, host, "127.0.0.1", "server host of both databases");
ABSL_FLAG(int, source_port, 3306, "source server port");
ABSL_FLAG(int, destination_port, 3307, "destination server port");
ABSL_FLAG(std::string, user, "root", "user on both servers");
ABSL_FLAG(std::string, source_database, "magento1", "the Magento 1 database");
ABSL_FLAG(std::string, destination_database, "magento2", "the Magento 2 database");
ABSL_FLAG(std::string, table, "catalog_product_entity_decimal", "a tracked table, same name on both sides");
ABSL_FLAG(std::string, key, "value_id", "its key column");
ABSL_FLAG(std::string, column, "value", "a numeric column copied unchanged");
ABSL_FLAG(int, rows, 1000, "rows the writers cycle through");
ABSL_FLAG(int, rate, 1000, "changes per second");
ABSL_FLAG(int, seconds, 30, "seconds of writes");
ABSL_FLAG(int, writers, 2, "writer connections");
ABSL_FLAG(int, cost_seconds, 10, "seconds of full-speed writes per table for the trigger cost; 0 skips it");
ABSL_FLAG(bool, csv, false, "also print one CSV line: rate,achieved,p50_ms,p99_ms,max_ms,tracked_ops,untracked_ops");

namespace migrate::bench {
namespace {

// Sequence numbers start above every value the rows hold (and at least here), so that each run's
// numbers are new to the destination.
constexpr int64_t kLowestSequence = 10000000;

io::ConnectionOptions Options(int port, const std::string& database) {
  io::ConnectionOptions options;
  options.host = absl::GetFlag(FLAGS_host);
  options.port = port;
  options.user = absl::GetFlag(FLAGS_user);
  options.database = database;
  return options;
}

std::unique_ptr<io::MysqlConnection> OpenOrDie(const io::ConnectionOptions& options) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open(options);
  if (!connection.ok()) {
    std::fprintf(stderr, "delta_lag: %s\n", std::string(connection.status().message()).c_str());
    std::exit(1);
  }
  return std::move(*connection);
}

void ExecOrDie(io::MysqlConnection& connection, const std::string& sql) {
  if (absl::Status status = connection.Execute(sql); !status.ok()) {
    std::fprintf(stderr, "delta_lag: %s\n", std::string(status.message()).c_str());
    std::exit(1);
  }
}

std::vector<std::string> Keys(io::MysqlConnection& connection, const std::string& table) {
  absl::StatusOr<io::ResultSet> rows = connection.Query(absl::StrCat(
      "SELECT ", absl::GetFlag(FLAGS_key), " FROM ", table, " ORDER BY ", absl::GetFlag(FLAGS_key), " LIMIT ",
      absl::GetFlag(FLAGS_rows)));
  if (!rows.ok() || rows->empty()) {
    std::fprintf(stderr, "delta_lag: no rows in %s\n", table.c_str());
    std::exit(1);
  }
  std::vector<std::string> keys;
  for (const io::Row& row : rows->rows()) keys.push_back(*row[0]);
  return keys;
}

int64_t FirstSequence(io::MysqlConnection& connection, const std::string& table, const std::vector<std::string>& keys) {
  absl::StatusOr<std::string> max = connection.QueryScalar(
      absl::StrCat("SELECT COALESCE(MAX(", absl::GetFlag(FLAGS_column), "), 0) FROM ", table, " WHERE ",
                   absl::GetFlag(FLAGS_key), " IN (", absl::StrJoin(keys, ","), ")"));
  const int64_t highest = max.ok() ? static_cast<int64_t>(std::stod(*max)) : 0;
  return std::max(kLowestSequence, highest + 1);
}

std::string UpdateSql(const std::string& table, int64_t sequence, const std::string& key) {
  return absl::StrCat("UPDATE ", table, " SET ", absl::GetFlag(FLAGS_column), " = ", sequence, " WHERE ",
                      absl::GetFlag(FLAGS_key), " = ", key);
}

struct LagResult {
  double achieved_rate = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  size_t seen = 0, written = 0;
};

LagResult MeasureLag(const std::vector<std::string>& keys, int64_t first) {
  const std::string table = absl::GetFlag(FLAGS_table);
  const int rate = absl::GetFlag(FLAGS_rate);
  const int writers = absl::GetFlag(FLAGS_writers);
  const size_t capacity = static_cast<size_t>(rate) * absl::GetFlag(FLAGS_seconds) * 2 + 1000;
  // Commit time of each change, in ns since the epoch; 0 until committed.
  std::unique_ptr<std::atomic<int64_t>[]> committed(new std::atomic<int64_t>[capacity]());
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> last_committed{-1};
  std::atomic<bool> stop{false};

  std::vector<std::thread> threads;
  const absl::Time start = absl::Now();
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      auto connection = OpenOrDie(Options(absl::GetFlag(FLAGS_source_port), absl::GetFlag(FLAGS_source_database)));
      const absl::Duration pause = absl::Seconds(1) * writers / rate;
      absl::Time due = absl::Now() + pause * w / writers;
      while (!stop.load()) {
        const int64_t n = next.fetch_add(1);
        if (static_cast<size_t>(n) >= capacity) break;
        ExecOrDie(*connection, UpdateSql(table, first + n, keys[n % keys.size()]));
        committed[n].store(absl::ToUnixNanos(absl::Now()));
        int64_t seen = last_committed.load();
        while (n > seen && !last_committed.compare_exchange_weak(seen, n)) {
        }
        due += pause;
        absl::SleepFor(due - absl::Now());
      }
    });
  }

  // The poller: the highest sequence number visible on the destination.
  std::vector<double> lags_ms;
  auto destination =
      OpenOrDie(Options(absl::GetFlag(FLAGS_destination_port), absl::GetFlag(FLAGS_destination_database)));
  const std::string poll = absl::StrCat("SELECT COALESCE(MAX(", absl::GetFlag(FLAGS_column), "), 0) FROM ", table,
                                        " WHERE ", absl::GetFlag(FLAGS_key), " IN (", absl::StrJoin(keys, ","), ")");
  int64_t visible = -1;
  const absl::Time writes_end = start + absl::Seconds(absl::GetFlag(FLAGS_seconds));
  absl::Time give_up = absl::InfiniteFuture();
  while (absl::Now() < give_up) {
    if (!stop.load() && absl::Now() >= writes_end) {
      stop = true;
      for (std::thread& thread : threads) thread.join();
      give_up = absl::Now() + absl::Seconds(60);
    }
    absl::StatusOr<std::string> max = destination->QueryScalar(poll);
    const absl::Time now = absl::Now();
    if (max.ok()) {
      const int64_t top = static_cast<int64_t>(std::stod(*max)) - first;
      for (int64_t n = visible + 1; n <= top && static_cast<size_t>(n) < capacity; ++n) {
        const int64_t at = committed[n].load();
        if (at != 0) lags_ms.push_back(absl::ToDoubleMilliseconds(now - absl::FromUnixNanos(at)));
      }
      visible = std::max(visible, top);
    }
    if (stop.load() && visible >= last_committed.load()) break;
    absl::SleepFor(absl::Milliseconds(2));
  }

  LagResult result;
  result.written = static_cast<size_t>(last_committed.load() + 1);
  result.achieved_rate = result.written / absl::GetFlag(FLAGS_seconds);
  result.seen = lags_ms.size();
  if (!lags_ms.empty()) {
    std::sort(lags_ms.begin(), lags_ms.end());
    result.p50_ms = lags_ms[lags_ms.size() / 2];
    result.p99_ms = lags_ms[std::min(lags_ms.size() - 1, lags_ms.size() * 99 / 100)];
    result.max_ms = lags_ms.back();
  }
  return result;
}

// Full-speed single-row updates on `table` for one second; returns how many.
int64_t UpdatesInASecond(io::MysqlConnection& connection, const std::string& table,
                         const std::vector<std::string>& keys, int64_t first) {
  const absl::Time end = absl::Now() + absl::Seconds(1);
  int64_t n = 0;
  while (absl::Now() < end) {
    ExecOrDie(connection, UpdateSql(table, first + n, keys[n % keys.size()]));
    ++n;
  }
  return n;
}

int Main() {
  const std::string table = absl::GetFlag(FLAGS_table);
  auto source = OpenOrDie(Options(absl::GetFlag(FLAGS_source_port), absl::GetFlag(FLAGS_source_database)));
  const std::vector<std::string> keys = Keys(*source, table);

  const LagResult lag = MeasureLag(keys, FirstSequence(*source, table, keys));
  std::printf("lag at %d changes/s (achieved %.0f/s, %zu changes, %zu seen): p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
              absl::GetFlag(FLAGS_rate), lag.achieved_rate, lag.written, lag.seen, lag.p50_ms, lag.p99_ms,
              lag.max_ms);

  double tracked = 0, untracked = 0;
  if (absl::GetFlag(FLAGS_cost_seconds) > 0) {
    const std::string copy = "bench_untracked_" + table;
    ExecOrDie(*source, absl::StrCat("DROP TABLE IF EXISTS ", copy, "; CREATE TABLE ", copy, " LIKE ", table,
                                    "; INSERT INTO ", copy, " SELECT * FROM ", table));
    // Alternating seconds, so that whatever else the machine does weighs on both alike.
    const int seconds = absl::GetFlag(FLAGS_cost_seconds);
    for (int second = 0; second < seconds; ++second) {
      untracked += UpdatesInASecond(*source, copy, keys, FirstSequence(*source, copy, keys));
      tracked += UpdatesInASecond(*source, table, keys, FirstSequence(*source, table, keys));
    }
    untracked /= seconds;
    tracked /= seconds;
    ExecOrDie(*source, "DROP TABLE " + copy);
    std::printf("source writes, one connection: %.0f updates/s with the triggers, %.0f without: the triggers cost "
                "%.1f %%\n",
                tracked, untracked, 100.0 * (1.0 - tracked / untracked));
  }
  if (absl::GetFlag(FLAGS_csv)) {
    std::printf("%d,%.0f,%.1f,%.1f,%.1f,%.0f,%.0f\n", absl::GetFlag(FLAGS_rate), lag.achieved_rate, lag.p50_ms,
                lag.p99_ms, lag.max_ms, tracked, untracked);
  }
  return 0;
}

}  // namespace
}  // namespace migrate::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return migrate::bench::Main();
}

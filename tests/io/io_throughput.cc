// Measures the io/ engine parts on throwaway servers: rows/s of the chunk reader (one and two
// connections), of the bulk writer with array binding and with the multi-row INSERT fallback (one
// and two connections), and of the destination server's own INSERT ... SELECT for comparison.
// Run on demand, not by ctest:
//   build/tests/io/io_throughput --rows=1000000 --batch=10000
// Each write is checked against the source by CHECKSUM TABLE; a mismatch exits non-zero.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "io/bulk_writer.h"
#include "io/chunk_reader.h"
#include "io/key_range_splitter.h"
#include "io/session_setup.h"
#include "io/table_schema.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/or_die.h"

ABSL_FLAG(int, rows, 1000000, "rows in the narrow test table");
ABSL_FLAG(int, batch, 10000, "rows per batch");
ABSL_FLAG(int64_t, max_statement_bytes, 1 << 20, "the writers' statement size limit");
ABSL_FLAG(int, repeat, 3, "runs of each measurement; the median is reported");

namespace migrate::io {
namespace {

constexpr char kTable[] = R"sql(CREATE TABLE narrow (
  id INT UNSIGNED NOT NULL PRIMARY KEY,
  qty INT NOT NULL,
  sku VARCHAR(32) NOT NULL,
  price DECIMAL(12,4) NULL,
  updated_at DATETIME NOT NULL
) ENGINE=InnoDB)sql";

using testing::Check;
using testing::Die;

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds (user + system) this process has used.
double ClientCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Runs `measure` (which returns the rows it moved) --repeat times and prints the median rate
// with the slowest and fastest runs, and this client's CPU time per million rows.
void Measure(const std::string& what, const std::function<uint64_t()>& measure) {
  std::vector<double> rates;
  uint64_t rows = 0;
  const double cpu_start = ClientCpuSeconds();
  const int runs = std::max(1, absl::GetFlag(FLAGS_repeat));
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    rows = measure();
    rates.push_back(rows / Seconds(start));
  }
  const double cpu_per_million = (ClientCpuSeconds() - cpu_start) / runs / (rows / 1e6);
  std::sort(rates.begin(), rates.end());
  std::cout << absl::StrFormat("%-50s %8d rows %9.0f rows/s (%.0f .. %.0f), client CPU %.2f s per 1M rows\n",
                               what, rows, rates[rates.size() / 2], rates.front(), rates.back(), cpu_per_million);
}

std::string LoadAverage() {
  std::ifstream file("/proc/loadavg");
  std::string one, five;
  file >> one >> five;
  return absl::StrCat(one, " ", five);
}

ChunkReaderOptions ReaderOptions(const TableSchema& table, const KeyRange& range) {
  ChunkReaderOptions options;
  options.table = table.name;
  options.columns = table.ColumnNames();
  options.key = table.ResumeKey();
  options.range = range;
  options.batch_size = absl::GetFlag(FLAGS_batch);
  return options;
}

uint64_t ReadRange(const ConnectionOptions& source, const TableSchema& table, const KeyRange& range,
                   std::vector<RowBatch>* keep) {
  std::unique_ptr<MysqlConnection> connection = Check(OpenSourceSession(source));
  ChunkReader reader(*connection, ReaderOptions(table, range));
  RowBatch batch;
  uint64_t rows = 0;
  while (Check(reader.Next(&batch))) {
    rows += batch.row_count();
    if (keep != nullptr) {
      keep->push_back(std::move(batch));
      batch = RowBatch();
    }
  }
  return rows;
}

// Writes batches [first, last) one transaction per batch.
void WriteBatches(const ConnectionOptions& destination, const TableSchema& table, bool multi_row,
                  const std::vector<RowBatch>& batches, size_t first, size_t last) {
  std::unique_ptr<MysqlConnection> connection = Check(OpenDestinationSession(destination));
  BulkWriterOptions options;
  options.table = table.name;
  options.columns = table.ColumnNames();
  options.force_multi_row_insert = multi_row;
  options.max_statement_bytes = absl::GetFlag(FLAGS_max_statement_bytes);
  std::unique_ptr<BulkWriter> writer = Check(BulkWriter::Create(*connection, options));
  if (writer->uses_array_binding() == multi_row) Die(absl::InternalError("unexpected writer path"));
  for (size_t i = first; i < last; ++i) {
    Check(connection->Execute("BEGIN"));
    Check(writer->Write(batches[i]));
    Check(connection->Execute("COMMIT"));
  }
}

std::string Checksum(MysqlConnection& connection, const std::string& table) {
  return Check(connection.Query(absl::StrCat("CHECKSUM TABLE ", table))).rows()[0][1].value_or("NULL");
}

int Run() {
  const int row_count = absl::GetFlag(FLAGS_rows);
  auto source_server = Check(testing::MariadbServer::Start("io-throughput-source"));
  auto destination_server = Check(testing::MariadbServer::Start("io-throughput-destination"));
  ConnectionOptions source = source_server->Options();
  ConnectionOptions destination = destination_server->Options();
  {
    auto s = Check(MysqlConnection::Open(source));
    auto d = Check(MysqlConnection::Open(destination));
    Check(s->Execute("CREATE DATABASE bench"));
    Check(d->Execute("CREATE DATABASE bench"));
  }
  source.database = "bench";
  destination.database = "bench";
  auto source_connection = Check(OpenSourceSession(source));
  auto destination_connection = Check(OpenDestinationSession(destination));
  Check(source_connection->Execute(kTable));
  Check(destination_connection->Execute(kTable));
  Check(source_connection->Execute(absl::StrCat(
      "INSERT INTO narrow SELECT seq, seq % 1000, CONCAT('SKU-', LPAD(seq, 10, '0')), "
      "IF(seq % 10 = 0, NULL, seq / 100), '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_",
      row_count)));
  Check(source_connection->Execute("ANALYZE TABLE narrow"));
  const std::string expected = Checksum(*source_connection, "narrow");
  const TableSchema table = Check(LoadDatabaseSchema(*source_connection, "bench")).at("narrow");
  std::cout << "narrow table: " << row_count << " rows of 5 columns, batch " << absl::GetFlag(FLAGS_batch)
            << " rows, median of " << absl::GetFlag(FLAGS_repeat)
            << " runs; servers from scripts/mariadb-server; load average at the start: " << LoadAverage() << "\n";

  Measure("read, 1 connection", [&] { return ReadRange(source, table, KeyRange{}, nullptr); });

  const std::vector<KeyRange> halves = Check(SplitKeyRange(*source_connection, table, {2, 1000}));
  Measure(absl::StrCat("read, ", halves.size(), " connections (key-range chunks)"), [&] {
    std::vector<uint64_t> counts(halves.size());
    std::vector<std::thread> readers;
    for (size_t i = 0; i < halves.size(); ++i) {
      readers.emplace_back([&, i] { counts[i] = ReadRange(source, table, halves[i], nullptr); });
    }
    for (std::thread& reader : readers) reader.join();
    return std::accumulate(counts.begin(), counts.end(), uint64_t{0});
  });

  std::vector<RowBatch> batches;
  ReadRange(source, table, KeyRange{}, &batches);

  for (bool multi_row : {false, true}) {
    for (size_t threads : {1, 2}) {
      const std::string what = absl::StrCat("write, ", multi_row ? "multi-row INSERT" : "array binding", ", ",
                                            threads, " connection", threads > 1 ? "s" : "");
      Measure(what, [&] {
        Check(destination_connection->Execute("TRUNCATE TABLE narrow"));
        std::vector<std::thread> writers;
        for (size_t t = 0; t < threads; ++t) {
          writers.emplace_back([&, t] {
            WriteBatches(destination, table, multi_row, batches, batches.size() * t / threads,
                         batches.size() * (t + 1) / threads);
          });
        }
        for (std::thread& writer : writers) writer.join();
        if (Checksum(*destination_connection, "narrow") != expected) Die(absl::DataLossError("checksum mismatch"));
        return static_cast<uint64_t>(row_count);
      });
    }
  }

  Measure("server's own INSERT ... SELECT * on the destination", [&] {
    Check(destination_connection->Execute("DROP TABLE IF EXISTS narrow_copy; CREATE TABLE narrow_copy LIKE narrow"));
    Check(destination_connection->Execute("INSERT INTO narrow_copy SELECT * FROM narrow"));
    return static_cast<uint64_t>(row_count);
  });
  std::cout << "load average (1 and 5 min) at the end: " << LoadAverage() << "\n";
  return 0;
}

}  // namespace
}  // namespace migrate::io

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return migrate::io::Run();
}

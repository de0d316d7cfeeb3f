// What a batch costs the destination server, written two ways: io::BulkWriter's array binding
// (COM_STMT_BULK_EXECUTE, the engine's writer) and LOAD DATA LOCAL INFILE streamed from memory (the
// batch encoded in LOAD DATA's text format, generator/load_data_format.h, and handed to the server by
// Connector/C's local infile handler, generator/local_infile_loader.h: no file on disk). Batches of
// --batch rows, each in its own transaction, on a destination session (io/session_setup.h), into
// tables shaped like Magento 2's with their secondary indexes:
//   product_varchar: catalog_product_entity_varchar, its primary key, unique key and two secondary
//     keys, 53 value bytes a row;
//   product_varchar_pk_only: the same with its primary key alone, to see what the indexes cost;
//   order_item: sales_order_item-like, 40 columns (ids, dates, text, a serialized blob, decimals,
//     NULLs), its primary key and two secondary keys, about 480 value bytes a row.
// For each table the ways run alternately, --repeat rounds (the order flips every round), each into
// the emptied table, and the program prints per run and as medians: wall time, the destination
// server's CPU (utime + stime of mariadbd from /proc/<pid>/stat) and this client's CPU, per million
// rows, and the ratio LOAD DATA / array binding. Every run's contents are checked by CHECKSUM TABLE
// against the first run's. Then the client's encoding alone: io::FillBindArrays against LOAD DATA's
// escaping of every value, as the generator escapes (a switch per byte) and by a 256-entry table.
// What it showed is in README.md, Performance: the engine keeps array binding.
// Run on demand, not by ctest (it starts its own throwaway server):
//   build/bench/load_data_bench --rows=600000 --repeat=5 [--tables=product_varchar,order_item]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/synthetic_rows.h"
#include "generator/load_data_format.h"
#include "generator/local_infile_loader.h"
#include "io/bulk_writer.h"
#include "io/row_batch.h"
#include "io/session_setup.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/or_die.h"

ABSL_FLAG(int, rows, 300000, "rows written into each narrow table per run (the wide table gets a quarter)");
ABSL_FLAG(int, batch, 5000, "rows per batch (and per transaction)");
ABSL_FLAG(int, repeat, 3, "rounds; each runs both ways on every table");
ABSL_FLAG(std::vector<std::string>, tables, {}, "the tables to measure (default all): product_varchar, "
          "product_varchar_pk_only, order_item");
ABSL_FLAG(std::vector<std::string>, ways, {}, "the ways to run (default both): array_binding, load_data; one alone "
          "is for profiling the server (perf record -p PID)");

namespace migrate::bench {
namespace {

using testing::Check;
using testing::Die;

struct Table {
  std::string name;
  std::string create;
  RowShape shape;
  // Shape columns left out of the table (by name).
  std::vector<std::string> dropped;
  size_t rows;
};

std::string OrderItemTable() {
  std::string sql =
      "CREATE TABLE order_item (item_id INT UNSIGNED NOT NULL AUTO_INCREMENT, order_id INT UNSIGNED NOT NULL "
      "DEFAULT 0, parent_item_id INT UNSIGNED NULL, quote_item_id INT UNSIGNED NULL, store_id SMALLINT UNSIGNED "
      "NULL, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP NOT NULL DEFAULT "
      "CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, product_id INT UNSIGNED NULL, product_type VARCHAR(255) "
      "NULL, product_options LONGTEXT NULL, weight DECIMAL(12,4) NULL DEFAULT 0.0000, is_virtual SMALLINT "
      "UNSIGNED NULL, sku VARCHAR(255) NULL, name VARCHAR(255) NULL, description TEXT NULL";
  const std::vector<std::string> columns = ShapeColumns(RowShape::kOrderItem);
  for (size_t i = 15; i < columns.size(); ++i) absl::StrAppend(&sql, ", ", columns[i], " DECIMAL(20,4) NULL");
  absl::StrAppend(&sql,
                  ", PRIMARY KEY (item_id), KEY SALES_ORDER_ITEM_ORDER_ID (order_id), KEY SALES_ORDER_ITEM_STORE_ID "
                  "(store_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
  return sql;
}

std::vector<Table> Tables(size_t rows) {
  const std::string varchar_columns =
      "value_id INT NOT NULL AUTO_INCREMENT, attribute_id SMALLINT UNSIGNED NOT NULL DEFAULT 0, store_id "
      "SMALLINT UNSIGNED NOT NULL DEFAULT 0, entity_id INT UNSIGNED NOT NULL DEFAULT 0, value VARCHAR(255) NULL, "
      "PRIMARY KEY (value_id)";
  return {
      {"product_varchar",
       absl::StrCat("CREATE TABLE product_varchar (", varchar_columns,
                    ", UNIQUE KEY ENTITY_ATTRIBUTE_STORE (entity_id, attribute_id, store_id), KEY ATTRIBUTE_ID "
                    "(attribute_id), KEY STORE_ID (store_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"),
       RowShape::kEavValue,
       {"entity_type_id"},
       rows},
      {"product_varchar_pk_only",
       absl::StrCat("CREATE TABLE product_varchar_pk_only (", varchar_columns, ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"),
       RowShape::kEavValue,
       {"entity_type_id"},
       rows},
      {"order_item", OrderItemTable(), RowShape::kOrderItem, {}, rows / 4},
  };
}

// The table's columns and its rows in batches of `batch_rows`.
std::vector<io::RowBatch> MakeBatches(const Table& table, size_t batch_rows, std::vector<std::string>* columns) {
  const std::vector<std::string> shape_columns = ShapeColumns(table.shape);
  std::vector<size_t> kept;
  columns->clear();
  for (size_t i = 0; i < shape_columns.size(); ++i) {
    if (std::find(table.dropped.begin(), table.dropped.end(), shape_columns[i]) != table.dropped.end()) continue;
    kept.push_back(i);
    columns->push_back(shape_columns[i]);
  }
  std::vector<io::RowBatch> batches;
  for (size_t first = 0; first < table.rows; first += batch_rows) {
    io::RowBatch& batch = batches.emplace_back(kept.size());
    for (size_t index = first; index < std::min(table.rows, first + batch_rows); ++index) {
      const std::vector<std::optional<std::string>> row = MakeRow(table.shape, index);
      for (size_t column : kept) {
        if (row[column].has_value()) {
          batch.AddValue(*row[column]);
        } else {
          batch.AddNull();
        }
      }
      batch.FinishRow();
    }
  }
  return batches;
}

// A batch in LOAD DATA's default text format (generator/load_data_format.h).
void EncodeBatch(const io::RowBatch& batch, std::string* out) {
  out->clear();
  for (size_t row = 0; row < batch.row_count(); ++row) {
    for (size_t column = 0; column < batch.column_count(); ++column) {
      if (column > 0) out->push_back('\t');
      if (batch.IsNull(row, column)) {
        out->append(generator::kLoadDataNull.data(), generator::kLoadDataNull.size());
      } else {
        generator::AppendLoadDataEscaped(*out, batch.Value(row, column));
      }
    }
    out->push_back('\n');
  }
}

// The same bytes as EncodeBatch, the bytes to escape found by a 256-entry table instead of a switch:
// what escaping costs when done as cheaply as plain C++ allows.
void EncodeBatchByTable(const io::RowBatch& batch, std::string* out) {
  static const std::array<char, 256> kEscapeOf = [] {
    std::array<char, 256> table{};
    table['\\'] = '\\';
    table['\t'] = 't';
    table['\n'] = 'n';
    table['\r'] = 'r';
    table[0] = '0';
    return table;
  }();
  out->clear();
  for (size_t row = 0; row < batch.row_count(); ++row) {
    for (size_t column = 0; column < batch.column_count(); ++column) {
      if (column > 0) out->push_back('\t');
      if (batch.IsNull(row, column)) {
        out->append(generator::kLoadDataNull.data(), generator::kLoadDataNull.size());
        continue;
      }
      const absl::string_view value = batch.Value(row, column);
      size_t plain_from = 0;
      for (size_t i = 0; i < value.size(); ++i) {
        const char escaped = kEscapeOf[static_cast<unsigned char>(value[i])];
        if (escaped == 0 && value[i] != 0) continue;
        out->append(value.data() + plain_from, i - plain_from);
        out->push_back('\\');
        out->push_back(escaped);
        plain_from = i + 1;
      }
      out->append(value.data() + plain_from, value.size() - plain_from);
    }
    out->push_back('\n');
  }
}

double ProcessCpuSeconds(int pid) {
  std::ifstream file(absl::StrCat("/proc/", pid, "/stat"));
  std::string stat((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) start at field 3, the state.
  std::istringstream rest(stat.substr(stat.rfind(')') + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int number = 3; number <= 15 && rest >> field; ++number) {
    if (number == 14) utime = std::atof(field.c_str());
    if (number == 15) stime = std::atof(field.c_str());
  }
  return (utime + stime) / sysconf(_SC_CLK_TCK);
}

double ClientCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

std::string LoadAverage() {
  std::ifstream file("/proc/loadavg");
  std::string one, five;
  file >> one >> five;
  return absl::StrCat(one, " ", five);
}

using WriteBatches = std::function<void(io::MysqlConnection&, const std::vector<io::RowBatch>&)>;

void WriteByArrayBinding(const std::string& table, const std::vector<std::string>& columns,
                         io::MysqlConnection& connection, const std::vector<io::RowBatch>& batches) {
  io::BulkWriterOptions options;
  options.table = table;
  options.columns = columns;
  std::unique_ptr<io::BulkWriter> writer = Check(io::BulkWriter::Create(connection, options));
  if (!writer->uses_array_binding()) Die(absl::InternalError("the server refused array binding"));
  for (const io::RowBatch& batch : batches) {
    Check(connection.Execute("START TRANSACTION"));
    Check(writer->Write(batch));
    if (!writer->value_changes().empty()) Die(absl::InternalError("array binding: the server changed values"));
    Check(connection.Execute("COMMIT"));
  }
}

void WriteByLoadData(const std::string& table, const std::vector<std::string>& columns, io::MysqlConnection& connection,
                     const std::vector<io::RowBatch>& batches) {
  const std::string statement = generator::LoadDataStatement(table, columns);
  std::string encoded;
  for (const io::RowBatch& batch : batches) {
    Check(connection.Execute("START TRANSACTION"));
    EncodeBatch(batch, &encoded);
    bool sent = false;
    const generator::LoadDataResult result =
        Check(generator::LoadDataLocalInfile(connection, statement, [&](std::string& chunk) {
          if (sent) return false;
          chunk.swap(encoded);
          sent = true;
          return true;
        }));
    if (result.rows != batch.row_count() || result.warnings != 0) {
      Die(absl::InternalError(absl::StrCat("LOAD DATA stored ", result.rows, " of ", batch.row_count(),
                                           " rows with ", result.warnings, " warnings")));
    }
    Check(connection.Execute("COMMIT"));
  }
}

struct Run {
  double wall = 0;
  double server_cpu = 0;
  double client_cpu = 0;
};

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Client CPU seconds per million rows of encoding every batch `passes` times.
double EncodingCost(const std::vector<io::RowBatch>& batches, size_t rows, int passes,
                    const std::function<void(const io::RowBatch&)>& encode) {
  const double start = ClientCpuSeconds();
  for (int pass = 0; pass < passes; ++pass) {
    for (const io::RowBatch& batch : batches) encode(batch);
  }
  return (ClientCpuSeconds() - start) / passes / (rows / 1e6);
}

int Main() {
  const size_t batch_rows = static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_batch)));
  const int rounds = std::max(1, absl::GetFlag(FLAGS_repeat));
  auto server = Check(testing::MariadbServer::Start("load-data-bench"));
  io::ConnectionOptions options = server->Options();
  {
    auto root = Check(io::MysqlConnection::Open(options));
    Check(root->Execute("CREATE DATABASE bench"));
  }
  options.database = "bench";
  options.allow_local_infile = true;
  auto connection = Check(io::OpenDestinationSession(options));
  std::cout << "destination: MariaDB " << Check(connection->QueryScalar("SELECT VERSION()"))
            << " from scripts/mariadb-server (pid " << server->pid() << "); batches of " << batch_rows
            << " rows, one transaction each; " << rounds << " rounds alternating; load average " << LoadAverage()
            << "\n";

  std::vector<std::string> ways;
  for (const auto& [flag, way] : {std::pair<std::string, std::string>{"array_binding", "array binding"},
                                  {"load_data", "LOAD DATA"}}) {
    const std::vector<std::string> wanted_ways = absl::GetFlag(FLAGS_ways);
    if (wanted_ways.empty() || std::find(wanted_ways.begin(), wanted_ways.end(), flag) != wanted_ways.end()) {
      ways.push_back(way);
    }
  }
  const std::vector<std::string> wanted = absl::GetFlag(FLAGS_tables);
  for (const Table& table : Tables(static_cast<size_t>(absl::GetFlag(FLAGS_rows)))) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), table.name) == wanted.end()) continue;
    Check(connection->Execute(table.create));
    std::vector<std::string> columns;
    const std::vector<io::RowBatch> batches = MakeBatches(table, batch_rows, &columns);
    size_t bytes = 0;
    for (const io::RowBatch& batch : batches) bytes += batch.ValueBytes();
    std::cout << absl::StrFormat("\n%s: %d rows, %d columns, %.0f value bytes a row\n", table.name, table.rows,
                                 columns.size(), static_cast<double>(bytes) / table.rows);

    const std::map<std::string, WriteBatches> writers = {
        {"array binding",
         [&](io::MysqlConnection& c, const std::vector<io::RowBatch>& b) { WriteByArrayBinding(table.name, columns, c, b); }},
        {"LOAD DATA",
         [&](io::MysqlConnection& c, const std::vector<io::RowBatch>& b) { WriteByLoadData(table.name, columns, c, b); }},
    };
    std::map<std::string, std::vector<Run>> runs;
    std::string expected;
    for (int round = 0; round < rounds; ++round) {
      for (size_t i = 0; i < ways.size(); ++i) {
        const std::string& way = ways[(i + round) % ways.size()];
        Check(connection->Execute(absl::StrCat("TRUNCATE TABLE ", table.name)));
        std::this_thread::sleep_for(std::chrono::seconds(1));
        Run run;
        const double server_start = ProcessCpuSeconds(server->pid());
        const double client_start = ClientCpuSeconds();
        const auto start = std::chrono::steady_clock::now();
        writers.at(way)(*connection, batches);
        run.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        run.client_cpu = ClientCpuSeconds() - client_start;
        run.server_cpu = ProcessCpuSeconds(server->pid()) - server_start;
        const std::string checksum =
            Check(connection->Query(absl::StrCat("CHECKSUM TABLE ", table.name))).rows()[0][1].value_or("NULL");
        if (expected.empty()) expected = checksum;
        if (checksum != expected) Die(absl::DataLossError(absl::StrCat(way, ": checksum differs")));
        runs[way].push_back(run);
        const double millions = table.rows / 1e6;
        std::cout << absl::StrFormat(
            "  round %d %-14s wall %6.2f s  server CPU %6.2f s/M rows  client CPU %5.2f s/M rows  load %s\n",
            round + 1, way, run.wall, run.server_cpu / millions, run.client_cpu / millions, LoadAverage());
      }
    }
    const double millions = table.rows / 1e6;
    std::map<std::string, Run> medians;
    for (const std::string& way : ways) {
      std::vector<double> wall, server_cpu, client_cpu;
      for (const Run& run : runs[way]) {
        wall.push_back(run.wall);
        server_cpu.push_back(run.server_cpu / millions);
        client_cpu.push_back(run.client_cpu / millions);
      }
      medians[way] = {Median(wall), Median(server_cpu), Median(client_cpu)};
      std::cout << absl::StrFormat("  median %-14s wall %6.2f s  server CPU %6.2f s/M rows  client CPU %5.2f s/M rows\n",
                                   way, medians[way].wall, medians[way].server_cpu, medians[way].client_cpu);
    }
    if (ways.size() < 2) continue;
    const Run& bound = medians["array binding"];
    const Run& load = medians["LOAD DATA"];
    std::cout << absl::StrFormat("  LOAD DATA / array binding: wall %.2f, server CPU %.2f, client CPU %.2f\n",
                                 load.wall / bound.wall, load.server_cpu / bound.server_cpu,
                                 load.client_cpu / bound.client_cpu);

    io::BindArrays arrays;
    std::vector<size_t> slices;
    std::string encoded;
    const double bind_cost = EncodingCost(batches, table.rows, 5, [&](const io::RowBatch& batch) {
      io::FillBindArrays(batch, 1 << 20, &arrays, &slices);
    });
    const double escape_cost =
        EncodingCost(batches, table.rows, 5, [&](const io::RowBatch& batch) { EncodeBatch(batch, &encoded); });
    const double table_cost =
        EncodingCost(batches, table.rows, 5, [&](const io::RowBatch& batch) { EncodeBatchByTable(batch, &encoded); });
    std::string by_switch;
    for (const io::RowBatch& batch : batches) {
      EncodeBatch(batch, &by_switch);
      EncodeBatchByTable(batch, &encoded);
      if (by_switch != encoded) Die(absl::InternalError("the two escapers differ"));
    }
    std::cout << absl::StrFormat(
        "  client encoding alone: FillBindArrays %.3f s/M rows, LOAD DATA escaping %.3f s/M rows (by a table "
        "%.3f)\n",
        bind_cost, escape_cost, table_cost);
  }
  std::cout << "\nload average at the end: " << LoadAverage() << "\n";
  return 0;
}

}  // namespace
}  // namespace migrate::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return migrate::bench::Main();
}

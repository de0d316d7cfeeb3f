// Writer encoding: what io::BulkWriter prepares on the client for each batch, without sending it.
// - Array binding: io::FillBindArrays, the column-wise parameter arrays and statement slices.
// - Multi-row INSERT text: io::MultiRowInsertBuilder, escaping every value (mysql_real_escape_string
//   on an unconnected handle, utf8mb4 as the writer's connection uses) into 1 MiB statements.
#include <benchmark/benchmark.h>
#include <mysql.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "bench/per_row.h"
#include "bench/synthetic_rows.h"
#include "io/bulk_writer.h"
#include "io/multi_row_insert.h"
#include "io/row_batch.h"

namespace migrate::bench {
namespace {

constexpr size_t kStatementBytes = 1 << 20;

void BM_WriterBindArrays(benchmark::State& state) {
  const RowShape shape = static_cast<RowShape>(state.range(0));
  const size_t rows = static_cast<size_t>(state.range(1));
  io::RowBatch batch;
  FillBatch(shape, rows, &batch);
  io::BindArrays arrays;
  std::vector<size_t> slice_starts;
  for (auto _ : state) {
    io::FillBindArrays(batch, kStatementBytes, &arrays, &slice_starts);
    benchmark::DoNotOptimize(arrays.values.data());
  }
  state.SetLabel(absl::StrCat(ShapeName(shape), ", ", slice_starts.size(), " statements"));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * batch.ValueBytes()));
  ReportPerRow(state, rows);
}

void BM_WriterMultiRowInsert(benchmark::State& state) {
  const RowShape shape = static_cast<RowShape>(state.range(0));
  const size_t rows = static_cast<size_t>(state.range(1));
  io::RowBatch batch;
  FillBatch(shape, rows, &batch);
  MYSQL* mysql = mysql_init(nullptr);
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const std::string head = absl::StrCat("INSERT INTO `t` (`", absl::StrJoin(ShapeColumns(shape), "`, `"), "`) VALUES ");
  io::MultiRowInsertBuilder builder(mysql, head, "", kStatementBytes);
  std::string statement;
  size_t statements = 0;
  for (auto _ : state) {
    statements = 0;
    for (size_t row = 0; row < rows; ++statements) row = builder.Build(batch, row, &statement);
    benchmark::DoNotOptimize(statement.data());
  }
  state.SetLabel(absl::StrCat(ShapeName(shape), ", ", statements, " statements"));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * batch.ValueBytes()));
  ReportPerRow(state, rows);
  mysql_close(mysql);
}

BENCHMARK(BM_WriterBindArrays)
    ->ArgNames({"shape", "batch"})
    ->ArgsProduct({{static_cast<int>(RowShape::kEavValue), static_cast<int>(RowShape::kOrderItem)}, {5000}});
BENCHMARK(BM_WriterMultiRowInsert)
    ->ArgNames({"shape", "batch"})
    ->ArgsProduct({{static_cast<int>(RowShape::kEavValue), static_cast<int>(RowShape::kOrderItem)}, {5000}});

}  // namespace
}  // namespace migrate::bench

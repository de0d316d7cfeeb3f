// Writer encoding: what io::BulkWriter prepares on the client for each batch, without sending it.
// - Array binding: io::FillBindArrays, the column-wise parameter arrays and statement slices.
// - Multi-row INSERT: io::MultiRowInsertRows, the rows of each statement of bound values under
//   1 MiB (the values are bound where they lie, as for array binding).
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
  size_t statements = 0;
  for (auto _ : state) {
    statements = 0;
    for (size_t row = 0; row < rows; ++statements) row += io::MultiRowInsertRows(batch, row, kStatementBytes);
    benchmark::DoNotOptimize(statements);
  }
  state.SetLabel(absl::StrCat(ShapeName(shape), ", ", statements, " statements"));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * batch.ValueBytes()));
  ReportPerRow(state, rows);
}

BENCHMARK(BM_WriterBindArrays)
    ->ArgNames({"shape", "batch"})
    ->ArgsProduct({{static_cast<int>(RowShape::kEavValue), static_cast<int>(RowShape::kOrderItem)}, {5000}});
BENCHMARK(BM_WriterMultiRowInsert)
    ->ArgNames({"shape", "batch"})
    ->ArgsProduct({{static_cast<int>(RowShape::kEavValue), static_cast<int>(RowShape::kOrderItem)}, {5000}});

}  // namespace
}  // namespace migrate::bench

// The batch mapper (pipeline/batch_mapper.h): source batch -> destination batch under a CopyPlan
// that, like the demo map, keeps most columns, renames and reorders some, ignores one and fills one
// destination-only column with its initial value.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/per_row.h"
#include "bench/synthetic_rows.h"
#include "io/row_batch.h"
#include "pipeline/batch_mapper.h"
#include "pipeline/copy_plan.h"

namespace migrate::bench {
namespace {

pipeline::CopyPlan MakePlan(RowShape shape) {
  pipeline::CopyPlan plan;
  plan.source_columns = ShapeColumns(shape);
  // Every source column but the second, in reverse order (a column move for each), then one
  // column no source feeds.
  for (size_t i = plan.source_columns.size(); i-- > 0;) {
    if (i == 1) continue;
    plan.destination_columns.push_back({plan.source_columns[i] + "_renamed", i, std::nullopt});
  }
  plan.destination_columns.push_back({"destination_only", std::nullopt, std::string("0")});
  return plan;
}

void BM_BatchMapper(benchmark::State& state) {
  const RowShape shape = static_cast<RowShape>(state.range(0));
  const size_t rows = static_cast<size_t>(state.range(1));
  const pipeline::CopyPlan plan = MakePlan(shape);
  const pipeline::BatchMapper mapper(plan);
  io::RowBatch source;
  FillBatch(shape, rows, &source);
  io::RowBatch destination;
  for (auto _ : state) {
    mapper.Map(source, destination);
    benchmark::DoNotOptimize(destination.ValueBytes());
  }
  state.SetLabel(ShapeName(shape));
  ReportPerRow(state, rows);
}

BENCHMARK(BM_BatchMapper)
    ->ArgNames({"shape", "batch"})
    ->ArgsProduct({{static_cast<int>(RowShape::kEavValue), static_cast<int>(RowShape::kOrderItem)}, {5000}});

}  // namespace
}  // namespace migrate::bench

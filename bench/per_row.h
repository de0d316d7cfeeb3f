// Reports a benchmark's cost per row: items_per_second and a "per_row" counter (seconds per row,
// printed with SI prefixes, e.g. 120n = 120 ns), so a regression of any pipeline part shows as a
// bigger number in one column.
#ifndef MIGRATE_BENCH_PER_ROW_H_
#define MIGRATE_BENCH_PER_ROW_H_

#include <benchmark/benchmark.h>

#include <cstddef>

namespace migrate::bench {

// Call after the timing loop; `rows` is the rows one iteration handles.
inline void ReportPerRow(benchmark::State& state, size_t rows) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
  state.counters["per_row"] = benchmark::Counter(
      static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace migrate::bench

#endif  // MIGRATE_BENCH_PER_ROW_H_

// Reader decoding: how io::ChunkReader moves a streamed result row (MYSQL_ROW: value pointers and
// lengths, NULL as a null pointer) into a recycled io::RowBatch and tracks the last key. Fetching
// from a server needs a live connection, so this measures the fill path ChunkReader::Drain runs on
// each row after mysql_fetch_row, over rows held in memory the way Connector/C holds them.
#include <benchmark/benchmark.h>

#include <optional>
#include <string>
#include <vector>

#include "bench/per_row.h"
#include "bench/synthetic_rows.h"
#include "io/key_range.h"
#include "io/row_batch.h"

namespace migrate::bench {
namespace {

// Rows as Connector/C hands them out: one pointer and one length per column, NULL as nullptr.
struct ServerRows {
  std::vector<std::string> storage;
  std::vector<std::vector<const char*>> pointers;
  std::vector<std::vector<unsigned long>> lengths;
};

ServerRows MakeServerRows(RowShape shape, size_t rows) {
  ServerRows result;
  std::vector<std::vector<std::optional<std::string>>> values;
  size_t cells = 0;
  for (size_t i = 0; i < rows; ++i) {
    values.push_back(MakeRow(shape, i));
    cells += values.back().size();
  }
  result.storage.reserve(cells);
  for (const auto& row : values) {
    std::vector<const char*> pointers;
    std::vector<unsigned long> lengths;
    for (const std::optional<std::string>& value : row) {
      if (value.has_value()) {
        result.storage.push_back(*value);
        pointers.push_back(result.storage.back().data());
        lengths.push_back(value->size());
      } else {
        pointers.push_back(nullptr);
        lengths.push_back(0);
      }
    }
    result.pointers.push_back(std::move(pointers));
    result.lengths.push_back(std::move(lengths));
  }
  return result;
}

void BM_ReaderFill(benchmark::State& state) {
  const RowShape shape = static_cast<RowShape>(state.range(0));
  const size_t rows = static_cast<size_t>(state.range(1));
  const ServerRows server = MakeServerRows(shape, rows);
  const size_t columns = server.pointers.front().size();
  io::RowBatch batch;
  io::Key last_key(1);
  for (auto _ : state) {
    batch.Reset(columns);
    for (size_t r = 0; r < rows; ++r) {
      const std::vector<const char*>& row = server.pointers[r];
      const std::vector<unsigned long>& lengths = server.lengths[r];
      for (size_t c = 0; c < columns; ++c) {
        if (row[c] == nullptr) {
          batch.AddNull();
        } else {
          batch.AddValue(absl::string_view(row[c], lengths[c]));
        }
      }
      batch.FinishRow();
      last_key[0].assign(row[0], lengths[0]);
    }
    benchmark::DoNotOptimize(batch.ValueBytes());
  }
  state.SetLabel(ShapeName(shape));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * batch.ValueBytes()));
  ReportPerRow(state, rows);
}

BENCHMARK(BM_ReaderFill)
    ->ArgNames({"shape", "batch"})
    ->ArgsProduct({{static_cast<int>(RowShape::kEavValue), static_cast<int>(RowShape::kOrderItem)}, {5000}});

}  // namespace
}  // namespace migrate::bench

#include "pipeline/batch_mapper.h"

namespace migrate::pipeline {

std::optional<absl::string_view> BatchMapper::Mapped(const io::RowBatch& source, size_t row,
                                                     const DestinationColumn& column) {
  if (!column.source_index.has_value()) return column.initial;
  if (source.IsNull(row, *column.source_index)) return std::nullopt;
  return source.Value(row, *column.source_index);
}

void BatchMapper::Map(const io::RowBatch& source, io::RowBatch& destination) const {
  const std::vector<DestinationColumn>& columns = plan_.destination_columns;
  destination.Reset(columns.size());
  destination.Reserve(source.row_count());
  for (size_t row = 0; row < source.row_count(); ++row) {
    for (const DestinationColumn& column : columns) {
      if (std::optional<absl::string_view> value = Mapped(source, row, column)) {
        destination.AddBorrowed(*value);
      } else {
        destination.AddNull();
      }
    }
    destination.FinishRow();
  }
}

void BatchMapper::MapRewrittenColumns(const io::RowBatch& source, io::RowBatch& destination) const {
  const std::vector<DestinationColumn>& columns = plan_.destination_columns;
  for (size_t index = 0; index < columns.size(); ++index) {
    const DestinationColumn& column = columns[index];
    const bool source_rewritten = column.source_index.has_value() && source.Rewritten(*column.source_index);
    if (!source_rewritten && !destination.Rewritten(index)) continue;
    for (size_t row = 0; row < source.row_count(); ++row) {
      if (std::optional<absl::string_view> value = Mapped(source, row, column)) {
        destination.SetBorrowed(row, index, *value);
      } else {
        destination.SetNull(row, index);
      }
    }
  }
}

}  // namespace migrate::pipeline

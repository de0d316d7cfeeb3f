#include "pipeline/batch_mapper.h"

namespace migrate::pipeline {

void BatchMapper::Map(const io::RowBatch& source, io::RowBatch& destination) const {
  const std::vector<DestinationColumn>& columns = plan_.destination_columns;
  destination.Reset(columns.size());
  destination.Reserve(source.row_count(), source.ValueBytes());
  for (size_t row = 0; row < source.row_count(); ++row) {
    for (const DestinationColumn& column : columns) {
      if (column.source_index.has_value()) {
        if (source.IsNull(row, *column.source_index)) {
          destination.AddNull();
        } else {
          destination.AddValue(source.Value(row, *column.source_index));
        }
      } else if (column.initial.has_value()) {
        destination.AddValue(*column.initial);
      } else {
        destination.AddNull();
      }
    }
    destination.FinishRow();
  }
}

}  // namespace migrate::pipeline

// Deterministic in-memory rows shaped like the generated Magento 1 catalog, for the micro
// benchmarks: no server is involved, so the figures are the client's own cost per row.
//
// Two shapes: a narrow EAV value row (catalog_product_entity_varchar: 6 columns, ~60 bytes) and a
// wide order item row (sales_flat_order_item-like: 40 columns, ~700 bytes, NULLs, decimals, dates,
// multibyte text and a PHP-serialized product_options). Values are the text-protocol bytes a reader
// receives.
#ifndef MIGRATE_BENCH_SYNTHETIC_ROWS_H_
#define MIGRATE_BENCH_SYNTHETIC_ROWS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "io/row_batch.h"

namespace migrate::bench {

enum class RowShape { kEavValue, kOrderItem };

// The shape's name for benchmark labels.
const char* ShapeName(RowShape shape);

// The shape's column names, in row order; the first is the primary key.
std::vector<std::string> ShapeColumns(RowShape shape);

// Row `index` of the shape: one optional per column (nullopt is NULL).
std::vector<std::optional<std::string>> MakeRow(RowShape shape, size_t index);

// A batch of rows 0 .. rows-1 of the shape.
void FillBatch(RowShape shape, size_t rows, io::RowBatch* batch);

// A PHP-serialized array as Magento 1 stores it in payment additional_information.
std::string SerializedPaymentInfo(size_t index);

}  // namespace migrate::bench

#endif  // MIGRATE_BENCH_SYNTHETIC_ROWS_H_

#include "bench/synthetic_rows.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace migrate::bench {
namespace {

constexpr const char* kWords[] = {"Tröja", "blue", "Größe", "\"quoted\"", "back\\slash", "line\nbreak",
                                  "日本語", "cotton", "O'Neil", "premium"};

std::string Words(size_t index, size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) text.push_back(' ');
    text.append(kWords[(index * 7 + i * 3) % std::size(kWords)]);
  }
  return text;
}

std::string Decimal(size_t index) { return absl::StrFormat("%d.%04d", index % 1000, (index * 37) % 10000); }

std::string Date(size_t index) {
  return absl::StrFormat("2014-%02d-%02d %02d:%02d:%02d", 1 + index % 12, 1 + index % 28, index % 24, index % 60,
                         (index * 7) % 60);
}

std::string ProductOptions(size_t index) {
  const std::string sku = absl::StrCat("SKU-", index);
  return absl::StrCat("a:2:{s:15:\"info_buyRequest\";a:3:{s:4:\"uenc\";s:8:\"aHR0cDov\";s:7:\"product\";s:",
                      std::to_string(index).size(), ":\"", index, "\";s:3:\"qty\";i:", 1 + index % 5,
                      ";}s:3:\"sku\";s:", sku.size(), ":\"", sku, "\";}");
}

}  // namespace

const char* ShapeName(RowShape shape) { return shape == RowShape::kEavValue ? "eav_value" : "order_item"; }

std::vector<std::string> ShapeColumns(RowShape shape) {
  if (shape == RowShape::kEavValue) {
    return {"value_id", "entity_type_id", "attribute_id", "store_id", "entity_id", "value"};
  }
  std::vector<std::string> columns = {"item_id", "order_id", "parent_item_id", "quote_item_id", "store_id",
                                      "created_at", "updated_at", "product_id", "product_type", "product_options",
                                      "weight", "is_virtual", "sku", "name", "description"};
  while (columns.size() < 40) columns.push_back(absl::StrCat("amount_", columns.size()));
  return columns;
}

std::vector<std::optional<std::string>> MakeRow(RowShape shape, size_t index) {
  std::vector<std::optional<std::string>> row;
  if (shape == RowShape::kEavValue) {
    row = {std::to_string(index + 1), "4", std::to_string(60 + index % 40), std::to_string(index % 3),
           std::to_string(1 + index / 8), Words(index, 3 + index % 5)};
    return row;
  }
  row = {std::to_string(index + 1),
         std::to_string(1 + index / 3),
         index % 4 == 0 ? std::optional<std::string>() : std::to_string(index),
         std::to_string(index * 2 + 1),
         std::to_string(1 + index % 3),
         Date(index),
         Date(index + 1),
         std::to_string(1 + index % 65000),
         index % 5 == 0 ? "configurable" : "simple",
         ProductOptions(index),
         Decimal(index),
         "0",
         absl::StrCat("SKU-", index),
         Words(index, 4),
         index % 3 == 0 ? std::optional<std::string>() : std::optional<std::string>(Words(index + 1, 12))};
  while (row.size() < 40) {
    row.push_back(index % 7 == row.size() % 7 ? std::optional<std::string>() : Decimal(index + row.size()));
  }
  return row;
}

void FillBatch(RowShape shape, size_t rows, io::RowBatch* batch) {
  batch->Reset(ShapeColumns(shape).size());
  for (size_t i = 0; i < rows; ++i) {
    for (const std::optional<std::string>& value : MakeRow(shape, i)) {
      if (value.has_value()) {
        batch->AddValue(*value);
      } else {
        batch->AddNull();
      }
    }
    batch->FinishRow();
  }
}

std::string SerializedPaymentInfo(size_t index) {
  const std::string token = absl::StrCat("tok_", index * 7919);
  return absl::StrCat("a:3:{s:12:\"method_title\";s:11:\"Credit Card\";s:8:\"cc_last4\";s:4:\"",
                      absl::StrFormat("%04d", index % 10000), "\";s:5:\"token\";s:", token.size(), ":\"", token,
                      "\";}");
}

}  // namespace migrate::bench

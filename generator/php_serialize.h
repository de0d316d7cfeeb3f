// Writes values in PHP's serialize() format, as Magento 1 stores arrays in text columns
// (sales_flat_order_item.product_options, sales_flat_quote_item_option.value, payment
// additional_information, some core_config_data values).
//
// The caller writes an array's size first, then alternating keys and values:
//   PhpSerializer php;
//   php.BeginArray(2).String("qty").Int(1).String("product").String("42").EndArray();
//   php.Take() == "a:2:{s:3:\"qty\";i:1;s:7:\"product\";s:2:\"42\";}"
// String lengths are counted in bytes, as PHP counts them, so multibyte UTF-8 stays valid.
#ifndef MIGRATE_SCRIPTS_GENERATOR_PHP_SERIALIZE_H_
#define MIGRATE_SCRIPTS_GENERATOR_PHP_SERIALIZE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace migrate::generator {

class PhpSerializer {
 public:
  PhpSerializer& BeginArray(size_t size);
  PhpSerializer& EndArray();
  PhpSerializer& String(absl::string_view value);
  PhpSerializer& Int(int64_t value);
  // A float with two decimals, as PHP writes prices: d:12.5;
  PhpSerializer& Price(int64_t cents);
  PhpSerializer& Bool(bool value);
  PhpSerializer& Null();

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_PHP_SERIALIZE_H_

#include "io/bound_value.h"

#include <mysql.h>

#include <cstring>

#include "absl/strings/numbers.h"

namespace migrate::io {

BoundValue BoundValue::Number(std::string text) {
  BoundValue value(std::move(text));
  value.numeric_ = true;
  return value;
}

ParameterBinds::ParameterBinds() = default;
ParameterBinds::~ParameterBinds() = default;

MYSQL_BIND* ParameterBinds::Fill(const BoundValues& values) {
  const size_t n = values.size();
  binds_.assign(n, MYSQL_BIND{});
  integers_.assign(n, 0);
  lengths_.assign(n, 0);
  nulls_.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    MYSQL_BIND& bind = binds_[i];
    bind.is_null = &nulls_[i];
    bind.length = &lengths_[i];
    if (!values[i].text().has_value()) {
      nulls_[i] = 1;
      bind.buffer_type = MYSQL_TYPE_NULL;
      continue;
    }
    const std::string& text = *values[i].text();
    uint64_t unsigned_value = 0;
    if (values[i].numeric() && absl::SimpleAtoi(text, &integers_[i])) {
      bind.buffer_type = MYSQL_TYPE_LONGLONG;
      bind.buffer = &integers_[i];
      continue;
    }
    if (values[i].numeric() && absl::SimpleAtoi(text, &unsigned_value)) {
      std::memcpy(&integers_[i], &unsigned_value, sizeof(unsigned_value));
      bind.buffer_type = MYSQL_TYPE_LONGLONG;
      bind.buffer = &integers_[i];
      bind.is_unsigned = 1;
      continue;
    }
    bind.buffer_type = values[i].numeric() ? MYSQL_TYPE_NEWDECIMAL : MYSQL_TYPE_STRING;
    bind.buffer = const_cast<char*>(text.data());
    bind.buffer_length = text.size();
    lengths_[i] = text.size();
  }
  return binds_.data();
}

}  // namespace migrate::io

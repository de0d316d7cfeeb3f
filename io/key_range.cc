#include "io/key_range.h"

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/mysql_connection.h"

namespace migrate::io {
namespace {

bool LooksNumeric(const std::string& value) {
  return !value.empty() && value.find_first_not_of("0123456789.-+eE") == std::string::npos;
}

BoundValue Value(const KeyColumn& column, const std::string& value) {
  return column.numeric && LooksNumeric(value) ? BoundValue::Number(value) : BoundValue(value);
}

BoundSql KeyCondition(const std::vector<KeyColumn>& key, const Key& bound, bool after) {
  const size_t n = key.size();
  std::vector<std::string> name(n);
  for (size_t i = 0; i < n; ++i) name[i] = QuoteIdentifier(key[i].name);
  const char* strict = after ? " > ?" : " < ?";
  const char* last = after ? " > ?" : " <= ?";
  BoundSql condition;
  if (n == 1) {
    condition.sql = absl::StrCat(name[0], last);
    condition.values.push_back(Value(key[0], bound[0]));
    return condition;
  }

  // The leading conjunct gives the optimizer a plain range on k1, the disjunction the exact order.
  condition.sql = absl::StrCat(name[0], after ? " >= ?" : " <= ?", " AND (");
  condition.values.push_back(Value(key[0], bound[0]));
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) absl::StrAppend(&condition.sql, " OR (");
    for (size_t j = 0; j < i; ++j) {
      absl::StrAppend(&condition.sql, name[j], " = ? AND ");
      condition.values.push_back(Value(key[j], bound[j]));
    }
    absl::StrAppend(&condition.sql, name[i], i + 1 == n ? last : strict, i > 0 ? ")" : "");
    condition.values.push_back(Value(key[i], bound[i]));
  }
  condition.sql.append(")");
  return condition;
}

}  // namespace

BoundSql KeyAfterCondition(const std::vector<KeyColumn>& key, const Key& bound) {
  return KeyCondition(key, bound, /*after=*/true);
}

BoundSql KeyUptoCondition(const std::vector<KeyColumn>& key, const Key& bound) {
  return KeyCondition(key, bound, /*after=*/false);
}

BoundSql KeyInCondition(const std::vector<KeyColumn>& key, const std::vector<Key>& keys) {
  BoundSql condition;
  if (key.size() == 1) {
    condition.sql = absl::StrCat(QuoteIdentifier(key[0].name), " IN (");
    for (size_t i = 0; i < keys.size(); ++i) {
      condition.sql.append(i == 0 ? "?" : ", ?");
      condition.values.push_back(Value(key[0], keys[i][0]));
    }
    condition.sql.append(")");
    return condition;
  }
  for (size_t k = 0; k < keys.size(); ++k) {
    condition.sql.append(k == 0 ? "(" : " OR (");
    for (size_t i = 0; i < key.size(); ++i) {
      absl::StrAppend(&condition.sql, i > 0 ? " AND " : "", QuoteIdentifier(key[i].name), " = ?");
      condition.values.push_back(Value(key[i], keys[k][i]));
    }
    condition.sql.append(")");
  }
  return condition;
}

std::string KeyOrder(const std::vector<KeyColumn>& key, bool descending) {
  return absl::StrJoin(key, ", ", [descending](std::string* out, const KeyColumn& column) {
    absl::StrAppend(out, QuoteIdentifier(column.name), descending ? " DESC" : "");
  });
}

std::string EncodeKey(const Key& key) {
  std::string encoded;
  for (const std::string& value : key) {
    absl::StrAppend(&encoded, value.size(), ":");
    encoded.append(value);
  }
  return encoded;
}

absl::StatusOr<Key> DecodeKey(absl::string_view encoded) {
  Key key;
  const size_t total = encoded.size();
  while (!encoded.empty()) {
    const size_t colon = encoded.find(':');
    size_t length = 0;
    const absl::string_view digits = encoded.substr(0, colon);
    const bool canonical = !digits.empty() && (digits.size() == 1 || digits[0] != '0') &&
                           digits.find_first_not_of("0123456789") == absl::string_view::npos;
    if (colon == absl::string_view::npos || !canonical || !absl::SimpleAtoi(digits, &length) ||
        length > encoded.size() - colon - 1) {
      return absl::DataLossError(absl::StrCat("malformed encoded key at byte ", total - encoded.size()));
    }
    key.emplace_back(encoded.substr(colon + 1, length));
    encoded.remove_prefix(colon + 1 + length);
  }
  return key;
}

}  // namespace migrate::io

#include "io/key_range.h"

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace migrate::io {
namespace {

bool LooksNumeric(const std::string& value) {
  return !value.empty() && value.find_first_not_of("0123456789.-+eE") == std::string::npos;
}

std::string Literal(MysqlConnection& connection, const KeyColumn& column, const std::string& value) {
  return column.numeric && LooksNumeric(value) ? value : connection.Quote(value);
}

std::string KeyCondition(MysqlConnection& connection, const std::vector<KeyColumn>& key, const Key& bound,
                         bool after) {
  const size_t n = key.size();
  std::vector<std::string> name(n), literal(n);
  for (size_t i = 0; i < n; ++i) {
    name[i] = QuoteIdentifier(key[i].name);
    literal[i] = Literal(connection, key[i], bound[i]);
  }
  const char* strict = after ? " > " : " < ";
  const char* last = after ? " > " : " <= ";
  if (n == 1) return absl::StrCat(name[0], last, literal[0]);

  // The leading conjunct gives the optimizer a plain range on k1, the disjunction the exact order.
  std::vector<std::string> disjuncts;
  for (size_t i = 0; i < n; ++i) {
    std::string term;
    for (size_t j = 0; j < i; ++j) absl::StrAppend(&term, name[j], " = ", literal[j], " AND ");
    absl::StrAppend(&term, name[i], i + 1 == n ? last : strict, literal[i]);
    disjuncts.push_back(i == 0 ? term : absl::StrCat("(", term, ")"));
  }
  return absl::StrCat(name[0], after ? " >= " : " <= ", literal[0], " AND (", absl::StrJoin(disjuncts, " OR "),
                      ")");
}

}  // namespace

std::string KeyAfterCondition(MysqlConnection& connection, const std::vector<KeyColumn>& key, const Key& bound) {
  return KeyCondition(connection, key, bound, /*after=*/true);
}

std::string KeyUptoCondition(MysqlConnection& connection, const std::vector<KeyColumn>& key, const Key& bound) {
  return KeyCondition(connection, key, bound, /*after=*/false);
}

std::string KeyInCondition(MysqlConnection& connection, const std::vector<KeyColumn>& key,
                           const std::vector<Key>& keys) {
  if (key.size() == 1) {
    return absl::StrCat(QuoteIdentifier(key[0].name), " IN (",
                        absl::StrJoin(keys, ", ", [&](std::string* out, const Key& value) {
                          absl::StrAppend(out, Literal(connection, key[0], value[0]));
                        }),
                        ")");
  }
  return absl::StrJoin(keys, " OR ", [&](std::string* out, const Key& value) {
    out->append("(");
    for (size_t i = 0; i < key.size(); ++i) {
      absl::StrAppend(out, i > 0 ? " AND " : "", QuoteIdentifier(key[i].name), " = ",
                      Literal(connection, key[i], value[i]));
    }
    out->append(")");
  });
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

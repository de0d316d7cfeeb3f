// Key tuples and key ranges: how readers, the splitter and the progress store name a position in a
// table's key order.
//
// A Key holds the text values of a table's resume-key columns (TableSchema::ResumeKey()), in
// key-column order, exactly as the server returned them, so bound back they name the same row.
// A KeyRange is the half-open interval (after, upto] of key order; a missing bound is unbounded.
// EncodeKey/DecodeKey give a lossless, binary-safe and unambiguous byte form for storage.
#ifndef MIGRATE_IO_KEY_RANGE_H_
#define MIGRATE_IO_KEY_RANGE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/bound_value.h"

namespace migrate::io {

using Key = std::vector<std::string>;

struct KeyRange {
  // Exclusive lower bound; nullopt starts at the table's first row.
  std::optional<Key> after;
  // Inclusive upper bound; nullopt runs to the table's last row.
  std::optional<Key> upto;

  bool operator==(const KeyRange&) const = default;
};

// One column of a resume key. Values of numeric columns are bound as numbers (BoundValue::Number),
// so large BIGINT and DECIMAL keys compare exactly (see io/bound_value.h).
struct KeyColumn {
  std::string name;
  bool numeric = false;

  bool operator==(const KeyColumn&) const = default;
};

// "The key of the row is after `bound`" (in key order, exclusive). A composite key is spelled so
// that MariaDB's range optimizer scans the key's index:
//   k1 >= ? AND (k1 > ? OR (k1 = ? AND k2 > ?) OR ...)
// with the bound's values bound in that order. `bound` must have one value per key column.
BoundSql KeyAfterCondition(const std::vector<KeyColumn>& key, const Key& bound);

// "The key of the row is at or before `bound`" (inclusive), spelled as above.
BoundSql KeyUptoCondition(const std::vector<KeyColumn>& key, const Key& bound);

// "The key of the row is one of `keys`": `k IN (?, ?)` for one column, otherwise
// `(k1 = ? AND k2 = ?) OR ...`, which MariaDB's range optimizer turns into index lookups. `keys`
// must not be empty.
BoundSql KeyInCondition(const std::vector<KeyColumn>& key, const std::vector<Key>& keys);

// "`k1`, `k2`" or, descending, "`k1` DESC, `k2` DESC".
std::string KeyOrder(const std::vector<KeyColumn>& key, bool descending = false);

// Each value as its decimal byte length, ':', then its bytes: "2:ab0:3:x:y" is {"ab", "", "x:y"}.
std::string EncodeKey(const Key& key);

// The inverse of EncodeKey; errors on any text EncodeKey cannot produce.
absl::StatusOr<Key> DecodeKey(absl::string_view encoded);

}  // namespace migrate::io

#endif  // MIGRATE_IO_KEY_RANGE_H_

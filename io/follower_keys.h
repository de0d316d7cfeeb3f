// The hand-off of replayed keys from Map's delta to the steps that follow its tables (OrderGrids,
// Inventory): the destination table migrate_delta_followers (follower, document, key_value), one
// row per key a follower has still to consume.
//
// Map's delta records a page's keys here after applying the page and before it removes the
// page's changelog rows; a follower reads its pending keys, refreshes what they change and
// removes them in the SAME destination transaction as the refresh (Remove on the connection whose
// transaction is open). Recording is idempotent (a key pending twice is one row), so a kill between
// any two of these statements makes Map's delta replay and record the page again, and a key is
// removed only together with its refresh: none is lost.
//
// A key is stored as its columns' values joined by ',' (the follower documents have one integer
// key column). Not thread-safe; plain data plus the connection the caller passes.
#ifndef MIGRATE_IO_FOLLOWER_KEYS_H_
#define MIGRATE_IO_FOLLOWER_KEYS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"

namespace migrate::io {

inline constexpr char kFollowerKeysTable[] = "migrate_delta_followers";

struct FollowerKey {
  // The source document (e.g. sales_flat_order) and its key's text.
  std::string document;
  std::string key;

  bool operator==(const FollowerKey&) const = default;
};

class FollowerKeys {
 public:
  // The table `table` (prefix applied) in `database`.
  FollowerKeys(std::string database, std::string table = kFollowerKeysTable);

  // Creates the table when it is missing.
  absl::Status Create(MysqlConnection& connection) const;

  // Records `keys` of `document` as pending for each of `followers` (an existing row stays).
  absl::Status Record(MysqlConnection& connection, const std::vector<std::string>& followers,
                      const std::string& document, const std::vector<Key>& keys) const;

  // Up to `limit` pending keys of `follower`, in (document, key) order. Reads with FOR UPDATE when
  // `lock` (inside the caller's transaction), so that the rows removed are the rows read.
  absl::StatusOr<std::vector<FollowerKey>> ReadPending(MysqlConnection& connection, const std::string& follower,
                                                       size_t limit, bool lock = false) const;

  // Removes `keys` of `follower`; returns how many rows went.
  absl::StatusOr<uint64_t> Remove(MysqlConnection& connection, const std::string& follower,
                                  const std::vector<FollowerKey>& keys) const;

  absl::StatusOr<uint64_t> CountPending(MysqlConnection& connection, const std::string& follower) const;

 private:
  std::string database_;
  std::string table_;
};

// The text FollowerKeys stores for `key`.
std::string FollowerKeyText(const Key& key);

}  // namespace migrate::io

#endif  // MIGRATE_IO_FOLLOWER_KEYS_H_

// A source table's changelog (io/change_capture.h) as `migrate delta` replays it: pages of pending
// changes in key order, and their removal once applied.
//
// RemoveApplied deletes an entry only while its version is still the one ReadPending returned: a
// change committed after the read raised the version, so its entry stays pending and is applied by
// a later replay. Replaying applies the current rows of the changed keys, so applying an entry
// twice (a replay killed between applying and removing) gives the same destination.
// RemoveApplied never waits for a lock a shop transaction holds (it skips those entries, which
// that transaction's change keeps pending), so the shop's writes never deadlock with it.
// Not thread-safe; plain data plus the connection the caller passes.
#ifndef MIGRATE_IO_CHANGELOG_H_
#define MIGRATE_IO_CHANGELOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"

namespace migrate::io {

struct ChangelogEntry {
  Key key;
  uint64_t version = 0;
};

struct ChangelogPage {
  std::vector<ChangelogEntry> entries;
  // How long ago (on the source's clock) the oldest change of the page was made.
  absl::Duration oldest_age;
};

class Changelog {
 public:
  // The changelog of `table` in `database`, keyed by `key` (the columns change capture records).
  Changelog(std::string database, std::string table, std::vector<KeyColumn> key);

  const std::vector<KeyColumn>& key() const { return key_; }
  // The changelog table's name (m2_cl_<table>).
  const std::string& name() const { return name_; }

  // Up to `limit` pending entries whose key is after `after` (all when nullopt), in key order.
  absl::StatusOr<ChangelogPage> ReadPending(MysqlConnection& connection, const std::optional<Key>& after,
                                            size_t limit) const;

  // Removes the entries whose version is unchanged since they were read and that no other
  // transaction holds; returns how many.
  absl::StatusOr<uint64_t> RemoveApplied(MysqlConnection& connection, const std::vector<ChangelogEntry>& entries) const;

  absl::StatusOr<uint64_t> CountPending(MysqlConnection& connection) const;

 private:
  std::string QualifiedName() const;

  std::string database_;
  std::string name_;
  std::vector<KeyColumn> key_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_CHANGELOG_H_

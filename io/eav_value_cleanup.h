// The destination-only SQL of Magento's PostProcessing step: set-based deletes of EAV values that
// no longer belong, and the move of multiselect values from a text to a varchar value table.
//
// Every function runs one or two statements on the connection it is given, on tables named by
// their TableSchema (database and name, quoted), and never begins or commits a transaction, so the
// caller can commit a change together with its record (io/adjustment_store.h). Deletes are anti-joins
// (DELETE t FROM t LEFT JOIN ... WHERE other.key IS NULL), never correlated subqueries, and return the
// rows deleted from `t` alone. The deletes of leftover values first find, from the distinct
// attribute_ids of the value table (its attribute_id index, read without visiting its rows), the
// attributes whose values may go, and then visit only those attributes' rows: a table with nothing
// to delete is not scanned, and no other row is locked.
//
// The value tables are Magento 2's: attribute_id, store_id, entity_id and value, with a unique key
// on (entity_id, attribute_id, store_id).
#ifndef MIGRATE_IO_EAV_VALUE_CLEANUP_H_
#define MIGRATE_IO_EAV_VALUE_CLEANUP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"
#include "io/table_schema.h"
#include "io/value_change.h"

namespace migrate::io {

// Deletes the rows of `values` whose attribute_id has no row in `eav_attribute`.
absl::StatusOr<uint64_t> DeleteValuesOfUnknownAttributes(MysqlConnection& connection, const TableSchema& values,
                                                         const TableSchema& eav_attribute);

// Deletes the rows of the product value table `values` with a non-NULL value whose attribute is not
// in the attribute set of their product (`product_entity`.attribute_set_id, by entity_id) according
// to `entity_attribute` (eav_entity_attribute). Rows of products that do not exist stay.
absl::StatusOr<uint64_t> DeleteValuesOutsideAttributeSet(MysqlConnection& connection, const TableSchema& values,
                                                         const TableSchema& product_entity,
                                                         const TableSchema& entity_attribute);

// Deletes the rows of `table` whose `column` is one of `values` (through an index on `column` where
// the table has one); nothing when `values` is empty.
absl::StatusOr<uint64_t> DeleteRowsWithValues(MysqlConnection& connection, const TableSchema& table,
                                              absl::string_view column, const std::vector<int64_t>& values);

// The attribute_ids, ascending, of the attributes of entity type `entity_type_code` (looked up in
// `entity_type`, eav_entity_type) whose `column` in `eav_attribute` equals `value`.
absl::StatusOr<std::vector<int64_t>> FindAttributeIds(MysqlConnection& connection, const TableSchema& eav_attribute,
                                                      const TableSchema& entity_type,
                                                      absl::string_view entity_type_code, absl::string_view column,
                                                      absl::string_view value);

// The declared length of a varchar or char column ("varchar(255)" -> 255), or nullopt.
std::optional<uint64_t> CharacterLength(const ColumnSchema& column);

// The values of `attribute_ids` in `from` that move into `to`: those whose value is NULL or at most
// `max_chars` characters long. Longer ones stay in `from` (they would be cut short in `to`).
struct ValueMove {
  const TableSchema* from = nullptr;
  const TableSchema* to = nullptr;
  std::vector<int64_t> attribute_ids;
  uint64_t max_chars = 0;
};

// Names one row of a value table.
struct ValueRowId {
  std::string attribute_id;
  std::string entity_id;
  std::string store_id;
};

// The rows of the move's attributes in `from` too long for `to`: the first `limit` (by entity_id,
// attribute_id, store_id), and how many there are in all.
struct TooLongValues {
  std::vector<ValueRowId> first;
  uint64_t total = 0;
};
absl::StatusOr<TooLongValues> FindValuesTooLong(MysqlConnection& connection, const ValueMove& move, size_t limit);

// How many of the rows that move would add a row to `to` rather than replace the value of a row it
// has with the same (entity_id, attribute_id, store_id). Without a unique key on exactly those
// columns in `to`, every row adds one.
absl::StatusOr<uint64_t> CountValuesNewTo(MysqlConnection& connection, const ValueMove& move);

// INSERT INTO to (attribute_id, store_id, entity_id, value) SELECT ... FROM from ... ON DUPLICATE KEY
// UPDATE value = VALUES(value), then DELETE of the same rows from `from`. The values the server
// changed on the way into `to` go to `on_changes` (io/value_change.h) before the DELETE; an error it
// returns stops the move. Returns the rows deleted from `from`.
absl::StatusOr<uint64_t> MoveValues(MysqlConnection& connection, const ValueMove& move,
                                    const StatementChangeHandler& on_changes = nullptr);

}  // namespace migrate::io

#endif  // MIGRATE_IO_EAV_VALUE_CLEANUP_H_

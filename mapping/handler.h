// A transform handler: Magento's \Migration\Handler\* class, run batch at a time on one field.
//
// A Handler is created once per document and field by the HandlerRegistry, bound to a
// HandlerContext: field positions are resolved then, never per row. Handle() rewrites the handled
// field in every row of `target` and may read `opposite`, the other side of the same rows, like
// Magento's handle($recordToHandle, $oppositeRecord). Handle() is const and may run concurrently on
// different batches: implementations keep no mutable state (locals or thread_local scratch only).
//
// Handlers see rows through FieldValues, so mapping/ stays free of io/; pipeline/ adapts its batches.
#ifndef MIGRATE_MAPPING_HANDLER_H_
#define MIGRATE_MAPPING_HANDLER_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace migrate::mapping {

class Config;

// One side (source or destination) of a batch, as handlers see it: row_count() rows of the side's
// fields, in HandlerContext order. A view returned by Value() stays valid until the next Set() or
// SetNull() on the same FieldValues.
class FieldValues {
 public:
  virtual ~FieldValues() = default;
  virtual size_t row_count() const = 0;
  virtual bool IsNull(size_t row, size_t field) const = 0;
  // The bytes of a cell; empty for NULL.
  virtual absl::string_view Value(size_t row, size_t field) const = 0;
  virtual void Set(size_t row, size_t field, absl::string_view value) = 0;
  virtual void SetNull(size_t row, size_t field) = 0;
};

// The values of one statement's `?` placeholders, in order; nullopt is NULL. Values are always bound
// (sent apart from the SQL text), never spelled into it; a statement holds at most 65,535 of them.
using SqlValues = std::vector<std::optional<std::string>>;

// Read-only queries on the source database, for the handlers that, like Magento's, look values up
// (core_config_data, eav_attribute, ...): small tables once, when they are created; large ones
// (sales_flat_quote_item, ...) a batch of keys at a time from Handle(). Implemented over a source
// connection outside mapping/; thread-safe, and alive while the handlers it was given to run.
class SourceLookup {
 public:
  using Row = std::vector<std::optional<std::string>>;

  virtual ~SourceLookup() = default;
  // The table of a source document: the source prefix added, quoted as an SQL identifier.
  virtual std::string Table(absl::string_view document) const = 0;
  // Runs `sql` with `values` bound to its placeholders.
  virtual absl::StatusOr<std::vector<Row>> Query(absl::string_view sql, const SqlValues& values) const = 0;
};

// The destination database, for the handlers that, like Magento's Synonym, Gallery\InsertValueToEntity
// and Sequence, write rows to tables other than the one being copied. Implemented over a destination
// connection (the copy's session: foreign key checks off) outside mapping/; thread-safe (statements
// are serialised), autocommit, and alive while the handlers it was given to run. Handle() may run
// again on the same rows after a killed run resumes, so what handlers execute must be idempotent
// (INSERT IGNORE on a unique key, or INSERT ... SELECT ... WHERE NOT EXISTS).
class DestinationAccess {
 public:
  using Row = std::vector<std::optional<std::string>>;

  virtual ~DestinationAccess() = default;
  // The table of a destination document: the destination prefix added, quoted as an SQL identifier.
  virtual std::string Table(absl::string_view document) const = 0;
  // Run `sql` with `values` bound to its placeholders.
  virtual absl::StatusOr<std::vector<Row>> Query(absl::string_view sql, const SqlValues& values) const = 0;
  virtual absl::Status Execute(absl::string_view sql, const SqlValues& values) const = 0;
};

// What a handler is bound to, resolved once per document.
struct HandlerContext {
  // The handled document (as the map names it) and field.
  std::string document;
  std::string field;
  // The handled side's fields, in batch column order; `field` must be among them.
  std::vector<std::string> fields;
  // The other side's fields, in its batch column order.
  std::vector<std::string> opposite_fields;
  // The handled document's record id field (Magento's DocumentIdField: the auto-increment primary
  // key column, else the first primary key column), named in warnings; "" when it has none.
  std::string id_field;
  // Options such as crypt_key; may be null (tests).
  const Config* config = nullptr;
  // The source database, for handlers that look values up; may be null when none needs it.
  const SourceLookup* source = nullptr;
  // The destination database, for handlers that write beside the copy; may be null when none needs it.
  const DestinationAccess* destination = nullptr;
  // Receives Magento's warnings (e.g. "Could not unserialize data of ..."); may be called from
  // several threads at once; null drops them.
  std::function<void(absl::string_view)> warn;

  // The position of `name` among `fields` / `opposite_fields`, or nullopt.
  std::optional<size_t> FieldIndex(absl::string_view name) const;
  std::optional<size_t> OppositeFieldIndex(absl::string_view name) const;
  void Warn(absl::string_view message) const {
    if (warn) warn(message);
  }
};

class Handler {
 public:
  virtual ~Handler() = default;
  // Rewrites the handled field in every row of `target`; `opposite` is the other side's rows
  // (read-only). An error stops the run (Magento's handler threw).
  virtual absl::Status Handle(FieldValues& target, const FieldValues& opposite) const = 0;
};

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_HANDLER_H_

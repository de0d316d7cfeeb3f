// Source look-ups shared by the handlers that read the source database (SourceLookup): whole small
// tables at creation, and the values of one batch's keys from Handle().
#ifndef MIGRATE_MAPPING_HANDLERS_SOURCE_QUERIES_H_
#define MIGRATE_MAPPING_HANDLERS_SOURCE_QUERIES_H_

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mapping/handler.h"
#include "mapping/handler_registry.h"

namespace migrate::mapping::handlers {

using ValueByKey = absl::flat_hash_map<std::string, std::optional<std::string>>;

// `name` quoted as an SQL identifier (a column named by a map param).
std::string QuoteColumn(absl::string_view name);

// The source, or "<file:line>: handler <class>: needs the source database" when the context has none.
absl::StatusOr<const SourceLookup*> NeedSource(const HandlerArgs& args);

// "?, ?, ?": `count` placeholders, for an IN list of bound values.
std::string Placeholders(size_t count);

// The first column of `sql`'s first row; nullopt when there is no row or the value is NULL.
absl::StatusOr<std::optional<std::string>> FetchFirst(const SourceLookup& source, absl::string_view sql,
                                                      const SqlValues& bound = {});

// The non-NULL values of the first column of `sql`'s rows.
absl::StatusOr<absl::flat_hash_set<std::string>> FetchColumn(const SourceLookup& source, absl::string_view sql,
                                                             const SqlValues& bound = {});

// The first column of `sql`'s rows mapped to the second; the first row wins for a repeated key, as
// Magento's fetchOne() takes the first row; rows with a NULL key are skipped.
absl::StatusOr<ValueByKey> FetchPairs(const SourceLookup& source, absl::string_view sql,
                                      const SqlValues& bound = {});

// For the non-NULL values of column `key_field` in `rows`: `value_column` of the source document
// `document`'s row whose `key_column` equals it (keys deduplicated and bound, one query per 10,000). Keys the
// document lacks are absent from the result.
absl::StatusOr<ValueByKey> FetchForBatch(const SourceLookup& source, absl::string_view document,
                                         absl::string_view key_column, absl::string_view value_column,
                                         const FieldValues& rows, size_t key_field);

}  // namespace migrate::mapping::handlers

#endif  // MIGRATE_MAPPING_HANDLERS_SOURCE_QUERIES_H_

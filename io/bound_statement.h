// One statement with its values bound to `?` placeholders (a server-side prepared statement).
//
// The values travel apart from the SQL text, as bytes in the session's character set: no value can
// end a string literal, whatever the character set or sql_mode. The statement is prepared, run once
// and closed. Result values are fetched as text: integers, DECIMAL, strings and temporal values read
// as the text protocol gives them; FLOAT and DOUBLE are formatted by the client library, which may
// spell them differently, so queries whose rows must read exactly as the text protocol gives them
// use io/prepared_query.h instead.
#ifndef MIGRATE_IO_BOUND_STATEMENT_H_
#define MIGRATE_IO_BOUND_STATEMENT_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/bound_value.h"
#include "io/mysql_connection.h"
#include "io/result_set.h"

namespace migrate::io {

// Runs `sql` with `values` bound and buffers its whole result (empty for a statement without one).
absl::StatusOr<ResultSet> QueryBound(MysqlConnection& connection, absl::string_view sql, const BoundValues& values);

// Shorthand for QueryBound(...)->Scalar().
absl::StatusOr<std::string> QueryBoundScalar(MysqlConnection& connection, absl::string_view sql,
                                             const BoundValues& values);

// Runs `sql` with `values` bound; returns the rows it changed.
absl::StatusOr<uint64_t> ExecuteBound(MysqlConnection& connection, absl::string_view sql, const BoundValues& values);

}  // namespace migrate::io

#endif  // MIGRATE_IO_BOUND_STATEMENT_H_

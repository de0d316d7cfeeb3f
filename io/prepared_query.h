// A query prepared once on the server and run many times with its values bound, whose rows arrive
// in the text protocol: byte for byte what the same query spelled with literals returns (FLOAT and
// DOUBLE as the server spells them, zero dates, BIT and binary bytes), where a binary-protocol
// result would be re-spelled by the client library. What the chunk readers page with.
//
// The query is prepared with SQL PREPARE. Each run binds the values to session variables through a
// statement prepared in the binary protocol (`SET @migrate_value_0 = ?, ...`: the values never
// become SQL text), then `EXECUTE migrate_<n> USING @migrate_value_0, ...` hands them to the
// query's placeholders, where they count as literals: a string compared with a column takes the
// column's collation, so the column's index serves. Two round trips per run. The variables'
// names are the same for every query, so a session never holds more of them than one query has
// values.
//
// Not thread-safe; borrows the connection, which must outlive it. Destruction deallocates the
// statement on the server.
#ifndef MIGRATE_IO_PREPARED_QUERY_H_
#define MIGRATE_IO_PREPARED_QUERY_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/bound_value.h"
#include "io/mysql_connection.h"
#include "io/result_set.h"

struct st_mysql_stmt;

namespace migrate::io {

class PreparedQuery {
 public:
  // Prepares `sql`, whose values are `?` placeholders.
  static absl::StatusOr<std::unique_ptr<PreparedQuery>> Prepare(MysqlConnection& connection, absl::string_view sql);

  PreparedQuery(const PreparedQuery&) = delete;
  PreparedQuery& operator=(const PreparedQuery&) = delete;
  ~PreparedQuery();

  // Binds `values` (one per placeholder) and sends the query; its result then waits on the
  // connection, to be read with mysql_use_result or mysql_store_result.
  absl::Status Send(const BoundValues& values);

  // Runs the query with `values` bound and buffers its whole result.
  absl::StatusOr<ResultSet> Query(const BoundValues& values);

 private:
  PreparedQuery(MysqlConnection& connection, std::string name);
  // Binds `values` to the user variables, preparing their SET when the number of values changes.
  absl::Status Bind(const BoundValues& values);
  void CloseSet();

  MysqlConnection& connection_;
  std::string name_;
  // `SET @name_0 = ?, ...` for set_size_ values; null before the first run with values.
  st_mysql_stmt* set_ = nullptr;
  size_t set_size_ = 0;
  std::string execute_sql_;
  ParameterBinds binds_;
};

// Runs `sql` once with `values` bound to its placeholders; the result as a plain query of the same
// text with literals would give it (see above).
absl::StatusOr<ResultSet> QueryBoundText(MysqlConnection& connection, absl::string_view sql,
                                         const BoundValues& values);

}  // namespace migrate::io

#endif  // MIGRATE_IO_PREPARED_QUERY_H_

// One client session with a MySQL or MariaDB server, through MariaDB Connector/C.
//
// Not thread-safe: a connection belongs to one thread at a time. Errors come back as absl::Status
// (see io/mysql_error.h) naming the server by ConnectionOptions::Describe(), never by password.
// The init statements of the options run on every successful Open(). With a TLS file in the options,
// Open() fails unless the session is TLS with a verified server certificate (ConnectionOptions).
#ifndef MIGRATE_IO_MYSQL_CONNECTION_H_
#define MIGRATE_IO_MYSQL_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "io/connection_options.h"
#include "io/result_set.h"

struct st_mysql;

namespace migrate::io {

class MysqlConnection {
 public:
  static absl::StatusOr<std::unique_ptr<MysqlConnection>> Open(const ConnectionOptions& options);

  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;
  ~MysqlConnection();

  // Runs one statement (several separated by ';' only with allow_multi_statements) and discards any
  // result.
  absl::Status Execute(absl::string_view sql);

  // Runs one statement and buffers its whole result.
  absl::StatusOr<ResultSet> Query(absl::string_view sql);

  // Shorthand for Query(sql)->Scalar().
  absl::StatusOr<std::string> QueryScalar(absl::string_view sql);

  // Rows changed by the last Execute().
  uint64_t affected_rows() const { return affected_rows_; }

  const ConnectionOptions& options() const { return options_; }

  // The raw handle, for io/ code that needs the C API directly (prepared statements, bulk loads).
  st_mysql* handle() { return mysql_; }

  // The error of the last failed call on the raw handle, as a status.
  absl::Status LastError() const;

 private:
  MysqlConnection(st_mysql* mysql, ConnectionOptions options);

  st_mysql* mysql_;
  ConnectionOptions options_;
  uint64_t affected_rows_ = 0;
};

// Quotes a MySQL identifier: `name`, with backticks doubled.
std::string QuoteIdentifier(absl::string_view name);

// `database`.`table`, or just `table` when `database` is empty (the session's default database).
std::string QualifiedName(absl::string_view database, absl::string_view table);

}  // namespace migrate::io

#endif  // MIGRATE_IO_MYSQL_CONNECTION_H_

// Small conveniences for tests that talk to the test servers: a failed call is a test failure
// (with the statement), never an exception or a crash.
#ifndef MIGRATE_TESTS_SUPPORT_SQL_H_
#define MIGRATE_TESTS_SUPPORT_SQL_H_

#include <memory>
#include <string>
#include <vector>

#include "io/connection_options.h"
#include "io/mysql_connection.h"

namespace migrate::testing {

// Opens a connection; yields nullptr after a test failure when it cannot.
std::unique_ptr<io::MysqlConnection> Connect(const io::ConnectionOptions& options);

// Runs `sql` (several statements allowed).
void Exec(io::MysqlConnection& connection, const std::string& sql);

// The single value of `sql`; "<error>" after a test failure when the query fails.
std::string Scalar(io::MysqlConnection& connection, const std::string& sql);

// Every row of `sql`, its values joined by '|' (NULL as "NULL").
std::vector<std::string> Rows(io::MysqlConnection& connection, const std::string& sql);

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_SUPPORT_SQL_H_

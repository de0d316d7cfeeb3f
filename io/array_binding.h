// MariaDB's array binding (COM_STMT_BULK_EXECUTE): one prepared statement executed for many rows of
// parameters in one round trip. What the bulk writer and the keyed delete share.
#ifndef MIGRATE_IO_ARRAY_BINDING_H_
#define MIGRATE_IO_ARRAY_BINDING_H_

#include "io/mysql_connection.h"

namespace migrate::io {

// Whether the server is MariaDB and announces bulk operations among its extended capabilities
// (what MARIADB_STMT_BULK_SUPPORTED tests, through the public API).
bool ServerSupportsArrayBinding(MysqlConnection& connection);

// Whether a failed bulk execution means the server (or a proxy before it) refuses the command
// rather than the statement: the caller then sends its rows another way.
bool IsUnsupportedCommand(unsigned int error_number);

}  // namespace migrate::io

#endif  // MIGRATE_IO_ARRAY_BINDING_H_

#include "io/array_binding.h"

#include <mysql.h>

namespace migrate::io {

bool ServerSupportsArrayBinding(MysqlConnection& connection) {
  unsigned long capabilities = 0;
  unsigned long extended = 0;
  if (mariadb_get_infov(connection.handle(), MARIADB_CONNECTION_SERVER_CAPABILITIES, &capabilities) != 0 ||
      mariadb_get_infov(connection.handle(), MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES, &extended) != 0) {
    return false;
  }
  return (capabilities & CLIENT_MYSQL) == 0 && (extended & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32)) != 0;
}

bool IsUnsupportedCommand(unsigned int error_number) {
  return error_number == 1047      // ER_UNKNOWN_COM_ERROR
         || error_number == 1295   // ER_UNSUPPORTED_PS
         || error_number == 2054   // CR_NOT_IMPLEMENTED
         || error_number == 5003;  // CR_FUNCTION_NOT_SUPPORTED
}

}  // namespace migrate::io

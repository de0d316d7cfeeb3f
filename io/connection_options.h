// Where and how to reach one MySQL/MariaDB database.
//
// Plain data, filled from config.xml's <database> element or by tests. Describe() is the only way an
// options object reaches a log or an error message, and it never includes the password.
#ifndef MIGRATE_IO_CONNECTION_OPTIONS_H_
#define MIGRATE_IO_CONNECTION_OPTIONS_H_

#include <string>
#include <vector>

namespace migrate::io {

struct ConnectionOptions {
  std::string host = "localhost";
  unsigned int port = 3306;
  // A unix socket path; when set it is used instead of host and port.
  std::string socket;
  std::string user = "root";
  std::string password;
  // The default database of the session; may be empty.
  std::string database;
  // TLS files. With any of them set the connection requires TLS (no plaintext fallback) and checks
  // the server's certificate against ssl_ca and, when ssl_verify_server_name, the host name.
  std::string ssl_ca;
  std::string ssl_cert;
  std::string ssl_key;
  bool ssl_verify_server_name = true;
  // Statements run right after connecting, and again after every reconnect.
  std::vector<std::string> init_statements;
  // Allows LOAD DATA LOCAL INFILE on this connection.
  bool allow_local_infile = false;
  // Accepts several ';'-separated statements per call. For test fixtures and the generator's scripts
  // only: the product's sessions (io/session_setup.h) always turn it off.
  bool allow_multi_statements = false;

  bool UsesTls() const { return !ssl_ca.empty() || !ssl_cert.empty() || !ssl_key.empty(); }

  // "user@host:port/database" or "user@unix:socket/database"; never the password.
  std::string Describe() const;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_CONNECTION_OPTIONS_H_

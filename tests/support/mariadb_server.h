// A throwaway MariaDB server for one test binary, run by scripts/mariadb-server.
//
// Start() picks a free 127.0.0.1 port, initialises a datadir in a new temporary folder and waits
// until the server answers; the destructor stops it by its pid and removes the folder. The script's
// watchdog stops the server if this process dies without running the destructor.
#ifndef MIGRATE_TESTS_SUPPORT_MARIADB_SERVER_H_
#define MIGRATE_TESTS_SUPPORT_MARIADB_SERVER_H_

#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "io/connection_options.h"

namespace migrate::testing {

class MariadbServer {
 public:
  // `name` labels the temporary folder; `extra_options` go to mariadbd as they are.
  static absl::StatusOr<std::unique_ptr<MariadbServer>> Start(absl::string_view name,
                                                              const std::vector<std::string>& extra_options = {});

  MariadbServer(const MariadbServer&) = delete;
  MariadbServer& operator=(const MariadbServer&) = delete;
  ~MariadbServer();

  // Stops the server and removes its folder. Safe to call twice.
  absl::Status Stop();

  // Root over TCP on 127.0.0.1:port(), with `database` as the default database, accepting several
  // statements per call (for fixtures).
  io::ConnectionOptions Options(absl::string_view database = "") const;

  const std::string& dir() const { return dir_; }
  const std::string& socket() const { return socket_; }
  int port() const { return port_; }
  int pid() const { return pid_; }

 private:
  MariadbServer(std::string dir, int port, int pid);

  std::string dir_;
  std::string socket_;
  int port_;
  int pid_;
};

// Runs a shell command line; returns its standard output, or an error with its output when it
// exits non-zero.
absl::StatusOr<std::string> RunCommand(const std::string& command_line);

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_SUPPORT_MARIADB_SERVER_H_

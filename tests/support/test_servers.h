// The source and destination servers every integration test of one binary shares.
//
// The servers start on first use, so a binary whose cases all skip starts none, and stop when the
// binary exits (normally, on a fatal test failure, or on SIGINT/SIGTERM; after SIGKILL the start
// script's watchdog stops them). Each test works in databases of its own, made by TestDatabase().
// Binaries linked with migrate_test_servers get this file's main().
#ifndef MIGRATE_TESTS_SUPPORT_TEST_SERVERS_H_
#define MIGRATE_TESTS_SUPPORT_TEST_SERVERS_H_

#include <string>
#include "absl/strings/string_view.h"

#include "io/connection_options.h"
#include "tests/support/mariadb_server.h"

namespace migrate::testing {

// The shared servers; a failed start aborts the binary with the server's error.
MariadbServer& SourceServer();
MariadbServer& DestinationServer();

// Drops and creates a database named after the current test (plus `suffix`) on `server` and
// returns root's options for it.
io::ConnectionOptions TestDatabase(MariadbServer& server, absl::string_view suffix = "");

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_SUPPORT_TEST_SERVERS_H_

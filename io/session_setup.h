// Opens source and destination sessions set up for copying data exactly and fast.
//
// Destination: foreign_key_checks = 0 (documents load in any order), sql_mode =
// 'NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES' (a 0 in an auto-increment column stays 0; no strict
// mode, NO_ZERO_DATE or NO_ZERO_IN_DATE, so Magento 1's zero dates are stored as they are),
// time_zone = '+00:00', unique_checks = 0 only when asked, and sql_log_bin = 0 when the user may
// set it (the error is ignored when not). Source: time_zone = '+00:00', so TIMESTAMP values travel
// as UTC text and round-trip exactly, even across a daylight-saving change.
// The user's init statements (ConnectionOptions::init_statements) run last and may override the
// above, except what keeps values exact and SQL text unambiguous: after them a utf8/utf8mb3 character
// set is raised back to utf8mb4 and any other is refused; an sql_mode with NO_BACKSLASH_ESCAPES or
// ANSI_QUOTES is refused, and so is a destination sql_mode without NO_AUTO_VALUE_ON_ZERO and
// ALLOW_INVALID_DATES (errors name init_statements_source or init_statements_destination). Sessions
// never accept several statements per call, whatever the options say, and require TLS when a TLS
// file is given. Reconnect through these functions too, so a new session is set up the same way.
#ifndef MIGRATE_IO_SESSION_SETUP_H_
#define MIGRATE_IO_SESSION_SETUP_H_

#include <memory>

#include "absl/status/statusor.h"
#include "io/connection_options.h"
#include "io/mysql_connection.h"

namespace migrate::io {

struct DestinationSessionOptions {
  // unique_checks = 0: faster loads into tables with secondary unique keys; the caller then
  // guarantees there are no duplicates (e.g. a copy into empty tables from a source with the same keys).
  bool disable_unique_checks = false;
};

absl::StatusOr<std::unique_ptr<MysqlConnection>> OpenSourceSession(const ConnectionOptions& options);

absl::StatusOr<std::unique_ptr<MysqlConnection>> OpenDestinationSession(
    const ConnectionOptions& options, const DestinationSessionOptions& session = {});

}  // namespace migrate::io

#endif  // MIGRATE_IO_SESSION_SETUP_H_

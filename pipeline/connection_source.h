// Opens the connections a copy needs, with the session each side wants already set up, and
// retries lost servers with backoff.
//
// Open*() try up to `attempts` times, waiting initial_backoff, then twice as long each time, while
// the error is a lost or refused connection (io::RetryKind::kReconnect); any other error returns at
// once. The failed attempts' own time (a connect timeout) counts against the sum of those waits, so
// a server that stays away is given up on after about that long, and the error says how many
// attempts were made over how much real time.
#ifndef MIGRATE_PIPELINE_CONNECTION_SOURCE_H_
#define MIGRATE_PIPELINE_CONNECTION_SOURCE_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "io/connection_options.h"
#include "io/mysql_connection.h"
#include "io/session_setup.h"

namespace migrate::pipeline {

struct RetryPolicy {
  int attempts = 6;
  absl::Duration initial_backoff = absl::Milliseconds(250);
};

// Sessions come from io/session_setup.h: the destination's accepts Magento 1's values as they are.
class ConnectionSource {
 public:
  ConnectionSource(io::ConnectionOptions source, io::ConnectionOptions destination, RetryPolicy retry = {},
                   io::DestinationSessionOptions session = {})
      : source_(std::move(source)), destination_(std::move(destination)), retry_(retry), session_(session) {}

  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> OpenSource() const;
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> OpenDestination() const;

  // Open `connection` to the source (destination) unless it is open already: for stages that keep
  // their connections from one delta cycle to the next and drop them after an error.
  absl::Status EnsureSource(std::unique_ptr<io::MysqlConnection>& connection) const;
  absl::Status EnsureDestination(std::unique_ptr<io::MysqlConnection>& connection) const;

  const io::ConnectionOptions& source() const { return source_; }
  const io::ConnectionOptions& destination() const { return destination_; }
  const RetryPolicy& retry() const { return retry_; }

 private:
  io::ConnectionOptions source_;
  io::ConnectionOptions destination_;
  RetryPolicy retry_;
  io::DestinationSessionOptions session_;
};

using Opener = std::function<absl::StatusOr<std::unique_ptr<io::MysqlConnection>>(const io::ConnectionOptions&)>;

// Opens `options` through `open`, retrying as `retry` says; see ConnectionSource.
absl::StatusOr<std::unique_ptr<io::MysqlConnection>> OpenWithRetry(const io::ConnectionOptions& options,
                                                                   const RetryPolicy& retry, const Opener& open);

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_CONNECTION_SOURCE_H_

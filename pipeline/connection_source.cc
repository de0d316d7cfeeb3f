#include "pipeline/connection_source.h"

#include "absl/strings/str_cat.h"
#include "io/mysql_error.h"
#include "io/session_setup.h"

namespace migrate::pipeline {

absl::StatusOr<std::unique_ptr<io::MysqlConnection>> OpenWithRetry(const io::ConnectionOptions& options,
                                                                   const RetryPolicy& retry, const Opener& open) {
  absl::Duration backoff = retry.initial_backoff;
  absl::Duration waited;
  absl::Status last;
  for (int attempt = 1; attempt <= retry.attempts; ++attempt) {
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = open(options);
    if (connection.ok()) return connection;
    last = connection.status();
    if (!io::IsConnectionLost(io::MysqlErrorNumber(last))) return last;
    if (attempt == retry.attempts) break;
    absl::SleepFor(backoff);
    waited += backoff;
    backoff *= 2;
  }
  return absl::UnavailableError(absl::StrCat("server ", options.Describe(), " stayed unreachable after ",
                                             retry.attempts, " attempts over ", absl::FormatDuration(waited),
                                             ": ", last.message()));
}

absl::StatusOr<std::unique_ptr<io::MysqlConnection>> ConnectionSource::OpenSource() const {
  return OpenWithRetry(source_, retry_, [](const io::ConnectionOptions& options) {
    return io::OpenSourceSession(options);
  });
}

absl::StatusOr<std::unique_ptr<io::MysqlConnection>> ConnectionSource::OpenDestination() const {
  return OpenWithRetry(destination_, retry_, [this](const io::ConnectionOptions& options) {
    return io::OpenDestinationSession(options, session_);
  });
}

absl::Status ConnectionSource::EnsureSource(std::unique_ptr<io::MysqlConnection>& connection) const {
  if (connection != nullptr) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> opened = OpenSource();
  if (!opened.ok()) return opened.status();
  connection = std::move(*opened);
  return absl::OkStatus();
}

absl::Status ConnectionSource::EnsureDestination(std::unique_ptr<io::MysqlConnection>& connection) const {
  if (connection != nullptr) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> opened = OpenDestination();
  if (!opened.ok()) return opened.status();
  connection = std::move(*opened);
  return absl::OkStatus();
}

}  // namespace migrate::pipeline

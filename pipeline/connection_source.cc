#include "pipeline/connection_source.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "io/retry.h"
#include "io/session_setup.h"

namespace migrate::pipeline {
namespace {

// The error text without " on <server>": the message names the server once, at its start.
std::string WithoutServer(absl::string_view message, const io::ConnectionOptions& options) {
  return absl::StrReplaceAll(message, {{absl::StrCat(" on ", options.Describe()), ""}});
}

}  // namespace

absl::StatusOr<std::unique_ptr<io::MysqlConnection>> OpenWithRetry(const io::ConnectionOptions& options,
                                                                   const RetryPolicy& retry, const Opener& open) {
  // The time the waits between attempts would take; failed attempts (a connect timeout takes
  // seconds) count against it too, so a server that stays away is given up on in about this time.
  absl::Duration budget;
  for (int attempt = 1; attempt < retry.attempts; ++attempt) budget += retry.initial_backoff * (1 << (attempt - 1));
  const absl::Time start = absl::Now();
  absl::Duration backoff = retry.initial_backoff;
  absl::Status last;
  int attempts = 0;
  while (true) {
    ++attempts;
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = open(options);
    if (connection.ok()) return connection;
    last = connection.status();
    if (io::WhatRetryFixes(last) != io::RetryKind::kReconnect) return last;
    const absl::Duration left = budget - (absl::Now() - start);
    if (attempts >= retry.attempts || left <= absl::ZeroDuration()) break;
    absl::SleepFor(std::min(backoff, left));
    backoff *= 2;
  }
  return absl::UnavailableError(absl::StrCat("server ", options.Describe(), " stayed unreachable after ", attempts,
                                             attempts == 1 ? " attempt" : " attempts", " over ",
                                             absl::StrFormat("%.2fs", absl::ToDoubleSeconds(absl::Now() - start)),
                                             ": ", WithoutServer(last.message(), options)));
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

#include "stages/destination_lookup.h"

#include "absl/strings/str_replace.h"
#include "mapping/document_prefix.h"

namespace migrate::stages {

absl::Status ConnectionDestinationAccess::Connect() const {
  if (connection_ != nullptr) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> opened = connections_.OpenDestination();
  if (!opened.ok()) return opened.status();
  connection_ = std::move(*opened);
  return absl::OkStatus();
}

std::string ConnectionDestinationAccess::Table(absl::string_view document) const {
  return io::QuoteIdentifier(mapping::AddDocumentPrefix(destination_prefix_, document));
}

std::string ConnectionDestinationAccess::Quote(absl::string_view value) const {
  // As ConnectionSourceLookup::Quote: utf8mb4 session without NO_BACKSLASH_ESCAPES.
  return "'" + absl::StrReplaceAll(value, {{"\\", "\\\\"}, {"'", "''"}, {std::string(1, '\0'), "\\0"}}) + "'";
}

absl::StatusOr<std::vector<mapping::DestinationAccess::Row>> ConnectionDestinationAccess::Query(
    absl::string_view sql) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (absl::Status status = Connect(); !status.ok()) return status;
  absl::StatusOr<io::ResultSet> result = connection_->Query(sql);
  if (!result.ok()) return result.status();
  return result->rows();
}

absl::Status ConnectionDestinationAccess::Execute(absl::string_view sql) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (absl::Status status = Connect(); !status.ok()) return status;
  return connection_->Execute(sql);
}

}  // namespace migrate::stages

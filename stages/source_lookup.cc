#include "stages/source_lookup.h"

#include "absl/strings/str_replace.h"
#include "mapping/document_prefix.h"

namespace migrate::stages {

absl::Status ConnectionSourceLookup::Connect() const {
  if (connection_ != nullptr) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> opened = connections_.OpenSource();
  if (!opened.ok()) return opened.status();
  connection_ = std::move(*opened);
  return absl::OkStatus();
}

std::string ConnectionSourceLookup::Table(absl::string_view document) const {
  return io::QuoteIdentifier(mapping::AddDocumentPrefix(source_prefix_, document));
}

std::string ConnectionSourceLookup::Quote(absl::string_view value) const {
  // Standard SQL escaping that needs no connection: the session's character set is utf8mb4 and
  // NO_BACKSLASH_ESCAPES is off, so doubling quotes and backslashes is exact.
  return "'" + absl::StrReplaceAll(value, {{"\\", "\\\\"}, {"'", "''"}, {std::string(1, '\0'), "\\0"}}) + "'";
}

absl::StatusOr<std::vector<mapping::SourceLookup::Row>> ConnectionSourceLookup::Query(absl::string_view sql) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (absl::Status status = Connect(); !status.ok()) return status;
  absl::StatusOr<io::ResultSet> result = connection_->Query(sql);
  if (!result.ok()) return result.status();
  return result->rows();
}

}  // namespace migrate::stages

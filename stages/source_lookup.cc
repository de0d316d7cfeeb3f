#include "stages/source_lookup.h"

#include "io/bound_statement.h"
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

absl::StatusOr<std::vector<mapping::SourceLookup::Row>> ConnectionSourceLookup::Query(
    absl::string_view sql, const mapping::SqlValues& values) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (absl::Status status = Connect(); !status.ok()) return status;
  absl::StatusOr<io::ResultSet> result = io::QueryBound(*connection_, sql, io::BoundValues(values.begin(), values.end()));
  if (!result.ok()) return result.status();
  return result->rows();
}

}  // namespace migrate::stages

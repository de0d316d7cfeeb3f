#include "stages/destination_lookup.h"

#include "io/bound_statement.h"
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

absl::StatusOr<std::vector<mapping::DestinationAccess::Row>> ConnectionDestinationAccess::Query(
    absl::string_view sql, const mapping::SqlValues& values) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (absl::Status status = Connect(); !status.ok()) return status;
  absl::StatusOr<io::ResultSet> result = io::QueryBound(*connection_, sql, io::BoundValues(values.begin(), values.end()));
  if (!result.ok()) return result.status();
  return result->rows();
}

absl::Status ConnectionDestinationAccess::Execute(absl::string_view sql, const mapping::SqlValues& values) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (absl::Status status = Connect(); !status.ok()) return status;
  return io::ExecuteBound(*connection_, sql, io::BoundValues(values.begin(), values.end())).status();
}

}  // namespace migrate::stages

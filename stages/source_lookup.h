// The source database as handlers look values up in it (mapping::SourceLookup), over one source
// connection opened on first use. Thread-safe: queries are serialised. Values are bound
// (io/bound_statement.h), never spelled into the SQL.
#ifndef MIGRATE_STAGES_SOURCE_LOOKUP_H_
#define MIGRATE_STAGES_SOURCE_LOOKUP_H_

#include <memory>
#include <mutex>

#include "io/mysql_connection.h"
#include "mapping/handler.h"
#include "pipeline/connection_source.h"

namespace migrate::stages {

class ConnectionSourceLookup : public mapping::SourceLookup {
 public:
  // `connections` must outlive the lookup.
  ConnectionSourceLookup(const pipeline::ConnectionSource& connections, std::string source_prefix)
      : connections_(connections), source_prefix_(std::move(source_prefix)) {}

  std::string Table(absl::string_view document) const override;
  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql, const mapping::SqlValues& values) const override;

 private:
  absl::Status Connect() const;

  const pipeline::ConnectionSource& connections_;
  const std::string source_prefix_;
  mutable std::mutex mutex_;
  mutable std::unique_ptr<io::MysqlConnection> connection_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_SOURCE_LOOKUP_H_

// The destination database as handlers write beside the copy (mapping::DestinationAccess), over one
// destination connection opened on first use with the copy's session (foreign key checks off, the
// init statements), autocommit. Thread-safe: statements are serialised, which is what makes the
// handlers' check-then-insert statements safe from one another. Values are bound
// (io/bound_statement.h), never spelled into the SQL.
#ifndef MIGRATE_STAGES_DESTINATION_LOOKUP_H_
#define MIGRATE_STAGES_DESTINATION_LOOKUP_H_

#include <memory>
#include <mutex>
#include <string>

#include "io/mysql_connection.h"
#include "mapping/handler.h"
#include "pipeline/connection_source.h"

namespace migrate::stages {

class ConnectionDestinationAccess : public mapping::DestinationAccess {
 public:
  // `connections` must outlive the access.
  ConnectionDestinationAccess(const pipeline::ConnectionSource& connections, std::string destination_prefix)
      : connections_(connections), destination_prefix_(std::move(destination_prefix)) {}

  std::string Table(absl::string_view document) const override;
  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql, const mapping::SqlValues& values) const override;
  absl::Status Execute(absl::string_view sql, const mapping::SqlValues& values) const override;

 private:
  absl::Status Connect() const;

  const pipeline::ConnectionSource& connections_;
  const std::string destination_prefix_;
  mutable std::mutex mutex_;
  mutable std::unique_ptr<io::MysqlConnection> connection_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_DESTINATION_LOOKUP_H_

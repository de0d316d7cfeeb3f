// The DDL the generator creates: Magento 1 (1.9) for the tables it fills, and Magento 2.4 for the
// destination tables a migration of them writes. Both are compiled into the binary.
#ifndef MIGRATE_SCRIPTS_GENERATOR_SCHEMA_H_
#define MIGRATE_SCRIPTS_GENERATOR_SCHEMA_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/connection_options.h"

namespace migrate::generator {

enum class SchemaKind { kMagento1, kMagento2 };

// "magento1" or "magento2".
absl::StatusOr<SchemaKind> ParseSchemaKind(absl::string_view name);

// The whole SQL file: comments and CREATE TABLE statements, parents before children.
absl::string_view SchemaSql(SchemaKind kind);

// The tables the schema creates, in creation order.
std::vector<std::string> SchemaTables(SchemaKind kind);

// The CREATE TABLE statements, in creation order.
std::vector<absl::string_view> SchemaStatements(SchemaKind kind);

// Drops the schema's tables where they exist in the database of `options` and creates them all,
// empty, spread over `connections` connections: creating a table mostly waits for the disk, so
// several at once finish sooner.
absl::Status CreateSchema(const io::ConnectionOptions& options, SchemaKind kind, int connections = 4);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_SCHEMA_H_

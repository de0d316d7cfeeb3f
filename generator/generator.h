// generate_catalog's whole job: create the database and the schema, and (for Magento 1, unless
// schema only) fill every table of the schema with a deterministic catalog of the chosen scale.
#ifndef MIGRATE_SCRIPTS_GENERATOR_GENERATOR_H_
#define MIGRATE_SCRIPTS_GENERATOR_GENERATOR_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "io/connection_options.h"
#include "generator/loader.h"
#include "generator/progress.h"
#include "generator/schema.h"

namespace migrate::generator {

struct GeneratorOptions {
  // Where to generate; `database` is created when missing.
  io::ConnectionOptions connection;
  uint32_t products = 1000;
  uint64_t seed = 1;
  SchemaKind schema = SchemaKind::kMagento1;
  // Create the tables only. Always the case for the Magento 2 schema.
  bool schema_only = false;
  int connections = 2;
  // Tables expected to hold at least this many rows get their secondary and foreign keys built
  // after the load (deferred_keys.h); 0 defers them for every table.
  uint64_t defer_keys_from_rows = 50000;
  Progress::Mode progress = Progress::Mode::kQuiet;
};

// Drops and recreates the schema's tables, then fills them. Same seed and products, same table
// contents, byte for byte.
absl::StatusOr<LoadSummary> GenerateCatalog(const GeneratorOptions& options);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_GENERATOR_H_

// The schema SQL files, compiled into the binary (the definitions are generated at build time by
// embed_schema.cmake from schema/magento1.sql and schema/magento2.sql). Use schema.h instead.
#ifndef MIGRATE_SCRIPTS_GENERATOR_EMBEDDED_SCHEMA_H_
#define MIGRATE_SCRIPTS_GENERATOR_EMBEDDED_SCHEMA_H_

namespace migrate::generator {

extern const char kMagento1SchemaSql[];
extern const char kMagento2SchemaSql[];

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_EMBEDDED_SCHEMA_H_

// Reads every map, groups, class-map and settings file config.xml names, before any database is
// touched, so a malformed file or an element its XSD does not allow stops the run with
// "file:line: ..." and nothing half-written.
#ifndef MIGRATE_STAGES_CONFIG_FILES_H_
#define MIGRATE_STAGES_CONFIG_FILES_H_

#include "absl/status/status.h"
#include "stages/run_context.h"

namespace migrate::stages {

absl::Status CheckConfigFiles(const RunContext& context);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_CONFIG_FILES_H_

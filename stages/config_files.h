// Reads the map, groups, class-map and settings files config.xml names for the steps of the run's
// mode, before any database is touched, so a malformed file or an element its XSD does not allow
// stops the run with "file:line: ..." and nothing half-written.
//
// As Magento reads a file only when a configured step uses it, a file option that none of the mode's
// step classes reads is only checked for a warning: a missing or unreadable file there does not stop
// the run. The options each of Magento's step classes reads are known by its namespace
// (Migration\Step\Eav\... reads eav_map_file, ...); a class of another namespace (an extension's
// step) may read any option, so with one every file is checked as before. delta_document_groups_file
// is read by data mode (change capture) and delta mode, class_map by every map's handlers.
#ifndef MIGRATE_STAGES_CONFIG_FILES_H_
#define MIGRATE_STAGES_CONFIG_FILES_H_

#include <vector>

#include "absl/status/status.h"
#include "mapping/config.h"
#include "stages/run_context.h"

namespace migrate::stages {

absl::Status CheckConfigFiles(const RunContext& context, const std::vector<mapping::StepConfig>& steps);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_CONFIG_FILES_H_

// Magento's Map\Delta: replays the changes the source's changelogs hold (io/changelog.h) for the
// documents of one group of the delta groups file that map_file maps, through the same mapping and
// handlers as the Map step's copy (pipeline/delta_apply.h).
//
// This is the generic delta step: any table listed in deltalog.xml and mapped by map.xml is served,
// so a third-party extension's tables need only those two files. Each Run() is one replay cycle
// over the group's documents: per document, pages of pending changes in key order, each applied in
// one destination transaction and then removed from the changelog, until none is left or a stop
// is requested (the page in hand is finished first). A listed table the source lacks, or that the
// map does not move, is skipped, as Magento skips it; a missing changelog stops the run with
// Magento's "Deltalog for X is not installed" and how to install it.
#ifndef MIGRATE_STAGES_STEPS_MAP_DELTA_STEP_H_
#define MIGRATE_STAGES_STEPS_MAP_DELTA_STEP_H_

#include <memory>
#include <string>
#include <vector>

#include "io/changelog.h"
#include "io/mysql_connection.h"
#include "pipeline/delta_apply.h"
#include "stages/destination_lookup.h"
#include "stages/source_lookup.h"
#include "stages/step_stage.h"
#include "stages/steps/map_step.h"

namespace migrate::stages {

class MapDelta : public StepStage {
 public:
  // Replays group `group` of the delta groups file through the map of `spec`.
  MapDelta(std::string group, MapStepSpec spec) : group_(std::move(group)), spec_(std::move(spec)) {}

  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;

 private:
  struct Document {
    pipeline::DeltaPlan plan;
    io::Changelog changelog;
  };

  absl::Status Prepare(RunContext& context, const StepLog& log);
  absl::Status Connect(RunContext& context);
  absl::Status Replay(RunContext& context, const Document& document, const StepLog& log);

  const std::string group_;
  const MapStepSpec spec_;
  bool prepared_ = false;
  std::unique_ptr<ConnectionSourceLookup> lookup_;
  std::unique_ptr<ConnectionDestinationAccess> destination_access_;
  std::vector<Document> documents_;
  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_MAP_DELTA_STEP_H_

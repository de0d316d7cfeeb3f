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
//
// Followers (stages/delta_followers.h): for a document an active follower step (OrderGrids,
// Inventory) follows, each page's keys are recorded for that follower in the destination's
// migrate_delta_followers after the page is applied and before its changelog rows are removed, so
// a kill between any two steps replays and records the page again and the follower never misses a
// key the changelog no longer holds.
#ifndef MIGRATE_STAGES_STEPS_MAP_DELTA_STEP_H_
#define MIGRATE_STAGES_STEPS_MAP_DELTA_STEP_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/changelog.h"
#include "io/follower_keys.h"
#include "io/mysql_connection.h"
#include "pipeline/delta_apply.h"
#include "stages/change_capture_setup.h"
#include "stages/copy_plan_builder.h"
#include "stages/destination_lookup.h"
#include "stages/map_documents.h"
#include "stages/source_lookup.h"
#include "stages/step_stage.h"
#include "stages/steps/map_step.h"

namespace migrate::stages {

// What a step adds to the generic replay of its delta group (e.g. the Customer step's static
// columns, filled from other documents' rows).
class DeltaExtension {
 public:
  virtual ~DeltaExtension() = default;

  // Adjusts a document's copy plan before its changes are replayed: the columns and filters the
  // step's data stage adds to what the map gives.
  virtual absl::Status AdjustPlan(RunContext& context, const DocumentPair& pair, const mapping::SourceLookup& lookup,
                                  pipeline::CopyPlan& plan) = 0;

  // Keys of other documents of the group (by source document name) whose destination rows a
  // replayed page of `document` (`keys`) changes too. They are replayed after the page and before
  // its changelog rows are removed, so a kill in between replays both again.
  virtual absl::StatusOr<std::vector<std::pair<std::string, std::vector<io::Key>>>> AlsoChanged(
      RunContext& context, const std::string& document, const std::vector<io::Key>& keys,
      io::MysqlConnection& source) = 0;
};

// The delta plan of one document: its copy plan (with the extension's adjustments when given),
// written as upserts, and where its changelog key sits on both sides.
absl::StatusOr<pipeline::DeltaPlan> MakeDeltaPlan(RunContext& context, const DocumentPair& pair,
                                                  const DeltaDocument& document, const HandlerSetup& setup,
                                                  DeltaExtension* extension);

// OK when the changelog of source table `table` (document `document`) exists, else Magento's
// "Deltalog for X is not installed" and the two ways to install it.
absl::Status RequireChangelog(io::MysqlConnection& source, const std::string& database, const std::string& table,
                              const std::string& document);

class MapDelta : public StepStage {
 public:
  // Replays group `group` of the delta groups file through the map of `spec`, with a step's
  // `extension` when given.
  MapDelta(std::string group, MapStepSpec spec, std::unique_ptr<DeltaExtension> extension = nullptr)
      : group_(std::move(group)), spec_(std::move(spec)), extension_(std::move(extension)) {}

  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
  // The pending entries of each replayed document's changelog.
  absl::StatusOr<std::vector<PendingChanges>> Pending(RunContext& context, io::MysqlConnection& source,
                                                      io::MysqlConnection& destination) override;

 private:
  struct Document {
    pipeline::DeltaPlan plan;
    io::Changelog changelog;
    // The active followers of the document (stages/delta_followers.h).
    std::vector<std::string> followers;
  };

  absl::Status Prepare(RunContext& context, const StepLog& log);
  absl::Status Connect(RunContext& context);
  absl::Status Replay(RunContext& context, const Document& document, const StepLog& log);
  // Replays what the extension says a page of `document` also changed.
  absl::StatusOr<pipeline::DeltaApplyResult> ReplayAlsoChanged(RunContext& context, const Document& document,
                                                               const std::vector<io::Key>& keys);

  const std::string group_;
  const MapStepSpec spec_;
  const std::unique_ptr<DeltaExtension> extension_;
  bool prepared_ = false;
  std::unique_ptr<ConnectionSourceLookup> lookup_;
  std::unique_ptr<ConnectionDestinationAccess> destination_access_;
  std::vector<Document> documents_;
  std::optional<io::FollowerKeys> follower_keys_;
  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_MAP_DELTA_STEP_H_

// Magento's Map step (Migration\Step\Map\Integrity, \Data, \Volume): every source document that
// map_file does not ignore is copied into the destination document it maps to, field by field
// through the map's renames, moves, ignores and handlers.
//
// Documents of the map_document_groups group "destination_documents_update_on_duplicate" are
// upserted into what the destination already holds; every other destination document is emptied
// before its first batch, as Magento's Map step does. With direct_document_copy=1 and both databases
// on one server, documents whose rows move unchanged are copied by one INSERT ... SELECT.
#ifndef MIGRATE_STAGES_STEPS_MAP_STEP_H_
#define MIGRATE_STAGES_STEPS_MAP_STEP_H_

#include <set>
#include <string>
#include <vector>

#include "stages/map_documents.h"
#include "stages/step_stage.h"

namespace migrate::stages {

// What distinguishes one Map-like step from another.
struct MapStepSpec {
  // The option naming its map file: "map_file" for Map, "stores_map_file" for Stores.
  std::string map_option;
  // The source documents it moves; empty means every document the map does not ignore.
  std::vector<std::string> documents;
};

// Magento's Map step; Stores is the same over core_store, core_store_group and core_website.
MapStepSpec MapStep();
MapStepSpec StoresStep();

// The document pairs of the step's map file (and document list).
absl::StatusOr<MapDocuments> LoadMapDocuments(RunContext& context, const MapStepSpec& spec);

// The destination documents the step upserts rather than empties and inserts (map_document_groups'
// group destination_documents_update_on_duplicate).
absl::StatusOr<std::set<std::string>> UpsertDocuments(RunContext& context);

class MapIntegrity : public StepStage {
 public:
  explicit MapIntegrity(MapStepSpec spec) : spec_(std::move(spec)) {}
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;

 private:
  MapStepSpec spec_;
};

class MapData : public StepStage {
 public:
  MapData(std::string step, MapStepSpec spec) : step_(std::move(step)), spec_(std::move(spec)) {}
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;

 private:
  std::string step_;
  MapStepSpec spec_;
};

class MapVolume : public StepStage {
 public:
  explicit MapVolume(MapStepSpec spec) : spec_(std::move(spec)) {}
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;

 private:
  MapStepSpec spec_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_MAP_STEP_H_

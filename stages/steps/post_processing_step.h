// Magento's PostProcessing step (Migration\Step\PostProcessing\Data; data mode only, listed last):
// SQL on the destination alone that tidies what the copy left, in this order:
//   1. EAV leftovers: in each table of group documents_leftover_values of eav_document_groups_file,
//      the rows whose attribute_id is not in eav_attribute are deleted.
//   2. Attribute-set leftovers: in each table of group documents_attribute_set_leftover_values, the
//      rows with a value whose attribute is not in their product's attribute set are deleted.
//   3. catalog_category_product rows of the root category (category_id = 1) are deleted.
//   4. The values of catalog_product's multiselect attributes move from catalog_product_entity_text to
//      catalog_product_entity_varchar (upserted). A value longer than the varchar column stays in
//      _text, named in a warning, rather than being cut short as Magento's tool does.
//   5. catalog_product's url_path values are deleted from catalog_product_entity_varchar.
// Each action logs one INFO line with its counts. Tables are the destination's, with dest_prefix; a
// group's table the destination lacks (or without the columns needed) is skipped and named in that
// line; an action whose fixed tables (eav_attribute, ...) are missing is skipped with a warning.
// Every delete is one set-based statement per table, in one transaction with its record.
//
// Volume adjustments. The step records, per destination table, the rows it removed, net of the rows
// it added (the varchar rows of step 4), in migrate_volume_adjustments (io/adjustment_store.h) under
// step "PostProcessing"; MapVolume adds a table's figure to its destination count before comparing
// it with the source's, so Map's volume check still passes on a rerun and in delta mode.
// Each table's change and the increment of its figure commit in one transaction (step 4 moves and
// records both tables in one), so the figure counts exactly the rows this step has removed:
//   - kill -9 before a COMMIT rolls back the change and its record together; the rerun does both;
//   - a rerun finds nothing left to delete or move and adds 0;
//   - when the copy starts a table afresh (-r, or an unfinished copy of a table without a key) it
//     forgets that table's figure (pipeline/coordinator.cc), and this step counts its rows again.
// Map's copy leaves out the rows actions 1 and 5 would delete where that is sound
// (post_processing_leftouts.h) and records them here as this step's, so those actions then find
// nothing to delete and log 0.
// Not covered: a delta cycle that replays a source row this step removed (a changed url_path, a
// multiselect value written to _text again) puts it back without changing the figure, so delta's
// volume check warns (as Magento's does), and a later `migrate data` without -r removes the row again
// and counts it twice (Magento's recomputed figure would not); `migrate data -r` starts clean.
// Magento instead stores source rows (mapped through map_file) minus destination rows, computed after
// the step. That is also safe under kill -9, but it hides any row the copy lost or added for another
// reason, and it needs the source and the map at post-processing time; we record what we did instead.
#ifndef MIGRATE_STAGES_STEPS_POST_PROCESSING_STEP_H_
#define MIGRATE_STAGES_STEPS_POST_PROCESSING_STEP_H_

#include "absl/strings/string_view.h"
#include "stages/step_stage.h"

namespace migrate::stages {

// The `step` under which the adjustments are recorded.
inline constexpr char kPostProcessingAdjustmentStep[] = "PostProcessing";
// The option naming the groups file of action 1 and 2, action 1's group, and the entity type of the
// products whose values actions 2, 4 and 5 concern.
inline constexpr absl::string_view kPostProcessingGroupsOption = "eav_document_groups_file";
inline constexpr absl::string_view kLeftoverValuesGroup = "documents_leftover_values";
inline constexpr absl::string_view kPostProcessingProductType = "catalog_product";

class PostProcessingData : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_POST_PROCESSING_STEP_H_

// The rows of Map's copy that PostProcessing (post_processing_step.h) would delete right after it,
// left out of the copy instead of written and deleted again: in each Map document whose
// destination table is in group documents_leftover_values of eav_document_groups_file, the source
// rows whose attribute_id the destination's eav_attribute lacks (PostProcessing's action 1), and in
// catalog_product_entity_varchar the products' url_path values (action 5).
//
// LeaveOutPostProcessingLeftovers() gives each such plan a filter (io/attribute_rows.h) and the
// count of the rows it leaves out (CopyPlan::left_out), which the coordinator records as
// PostProcessing's rows removed when it starts the document afresh; so Map's volume check, verify
// and PostProcessing's own figures come out as if Map had copied the rows and PostProcessing had
// deleted them, and PostProcessing finds nothing of theirs left to delete.
//
// Only where the end state is the same, so the plans stay as they are unless:
//   - the mode's steps run PostProcessing's data stage after the Map step `map_step`;
//   - neither a step in between nor Map itself writes eav_attribute (the EAV and Customer
//     Attributes data stages do; EAV before Map is what PostProcessing will see), so the
//     attributes missing from eav_attribute now are those missing when PostProcessing runs;
// and, per document: it is inserted into an emptied table that no other document of the step
// writes, with no filter of its own, and its attribute_id reaches the destination unchanged (the
// same column on both sides, no handler on it on either side). A document that fails these is
// copied whole and named in the INFO line; the others' left-out rows are counted in it.
//
// The attribute ids are read when Map's data stage starts (EAV, which fills eav_attribute, has
// run), and a resumed copy reads the same ones. The delta builds its own plans and is unaffected.
#ifndef MIGRATE_STAGES_STEPS_POST_PROCESSING_LEFTOUTS_H_
#define MIGRATE_STAGES_STEPS_POST_PROCESSING_LEFTOUTS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "pipeline/copy_plan.h"
#include "stages/map_documents.h"
#include "stages/run_context.h"
#include "stages/run_log.h"

namespace migrate::stages {

// Adds the filters to `plans`, which are the copy plans of `pairs`, one for one, of the Map step
// titled `map_step`; logs one INFO line when PostProcessing follows Map, saying what it left out
// or why it left out nothing.
absl::Status LeaveOutPostProcessingLeftovers(RunContext& context, absl::string_view map_step,
                                             const std::vector<DocumentPair>& pairs,
                                             std::vector<pipeline::CopyPlan>& plans, const StepLog& log);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_POST_PROCESSING_LEFTOUTS_H_

// Magento's Ratings step (Migration\Step\Ratings\Integrity, \Data, \Volume), on the destination
// only, after Map has copied rating (with is_active set to 0 by the stock map) and rating_store.
//
// Integrity: both tables exist (ERROR `"rating" or "rating_store" documents do not exist in the
// destination resource`), and rating has is_active (ERROR `"is_active" field does not exist in
// "rating" document of the destination resource`).
// Data: every rating assigned to a store view (rating_store.store_id > 0) gets is_active = 1, in
// one UPDATE on the server. Nothing is set to 0, as in Magento; rerunning it changes nothing more.
// Volume: every such rating is active, else ERROR `Mismatch of entities in the documents: rating,
// rating_store`.
//
// Differs from Magento:
// - The tables are looked up under dest_prefix (Magento's integrity check looks for the bare
//   names, so with a prefix it always fails).
// - The update is one statement with a subquery instead of an id list built in the client.
// - The volume check counts the ratings that exist: a rating_store row of a rating that is gone (an
//   orphan, which the Data Integrity step reports) is not a mismatch here, where Magento's count
//   of ids makes it one.
#ifndef MIGRATE_STAGES_STEPS_RATINGS_STEP_H_
#define MIGRATE_STAGES_STEPS_RATINGS_STEP_H_

#include "stages/step_stage.h"

namespace migrate::stages {

class RatingsIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class RatingsData : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class RatingsVolume : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_RATINGS_STEP_H_

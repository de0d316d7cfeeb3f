// Magento's Tier Price delta (Migration\Step\TierPrice\Delta): replays group delta_tier_price of the
// delta groups file into Magento 2's catalog_product_entity_tier_price through the data stage's
// plans (tier_price_map_file, AdjustTierPricePlan in tier_price_step.h).
//
// The changelogs are keyed by business keys, as the stock deltalog.xml has them: tier prices by
// (entity_id, all_groups, customer_group_id, qty, website_id), group prices (where edition_number
// makes them a source document) by the same without qty. The two documents meet in one destination
// row at qty 1 (a group price replaces the value of a tier price at qty 1 in data mode), so each page
// of either changelog is replayed by destination key, in ONE destination transaction:
//   1. the page's destination keys are a tier price's own key and a group price's key at qty 1;
//   2. the tier prices holding those keys are upserted, then the group prices at qty 1 (which win,
//      as in data mode);
//   3. the keys neither document holds any more are deleted (an exact-key delete of the unique key).
// So a deleted group price that shadowed a tier price at qty 1 leaves that tier price's value, and a
// deleted tier price under a group price leaves the group price, as a fresh `migrate data` would.
// Then the page's changelog rows are removed by version (io/changelog.h): a change committed
// meanwhile stays pending, and a kill at any moment replays at most a page again.
//
// value_id: an updated row keeps its id (the upsert leaves value_id out), a new row gets the
// destination's next id. After catch-up the table equals a fresh `migrate data` of the source in
// every column but value_id. A changed key (an UPDATE of qty) is captured under its old and its new
// key (io/change_capture.h), so the old row goes.
#ifndef MIGRATE_STAGES_STEPS_TIER_PRICE_DELTA_H_
#define MIGRATE_STAGES_STEPS_TIER_PRICE_DELTA_H_

#include <memory>
#include <optional>
#include <vector>

#include "io/changelog.h"
#include "io/mysql_connection.h"
#include "pipeline/delta_apply.h"
#include "stages/destination_lookup.h"
#include "stages/source_lookup.h"
#include "stages/step_stage.h"

namespace migrate::stages {

class TierPriceDelta : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
  // The pending entries of the two changelogs.
  absl::StatusOr<std::vector<PendingChanges>> Pending(RunContext& context, io::MysqlConnection& source,
                                                      io::MysqlConnection& destination) override;

 private:
  struct Document {
    pipeline::DeltaPlan plan;
    // Absent when the delta groups file does not list the document.
    std::optional<io::Changelog> changelog;
  };

  absl::Status Prepare(RunContext& context, const StepLog& log);
  absl::Status Replay(RunContext& context, const Document& document, const StepLog& log);
  // Steps 1-3 above for the keys of a page of `document`; returns the rows written and deleted.
  // The values the destination changes are recorded in the run's log (fatal: the page rolls back).
  absl::StatusOr<pipeline::DeltaApplyResult> ApplyPage(RunContext& context, const Document& document,
                                                       const std::vector<io::Key>& keys);

  bool prepared_ = false;
  std::unique_ptr<ConnectionSourceLookup> lookup_;
  std::unique_ptr<ConnectionDestinationAccess> destination_access_;
  std::optional<Document> tier_;
  std::optional<Document> group_;
  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_TIER_PRICE_DELTA_H_

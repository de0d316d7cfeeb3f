// Magento's Tier Price step (Migration\Step\TierPrice\Integrity, \Data, \Volume): Magento 1's tier
// prices (catalog_product_entity_tier_price) and, from 1.7 on, its group prices
// (catalog_product_entity_group_price) into Magento 2's catalog_product_entity_tier_price, through
// tier_price_map_file. The group price table is a source document unless edition_number is empty or
// one of Magento's editions without it (1.6.x, 1.11.x); both documents go to the one destination
// document by that fixed list, not by the map; the map's field rules apply.
//
// Integrity: Magento's generic field check of each source document against the destination
// document, and of the destination document against the tier price document.
// Data: the destination document is emptied before the first tier price batch (not on resume); the
// tier prices are copied, then the group prices, each with the copy engine (progress, resume). Every
// row gets a new value_id (Magento's Data sets it to NULL in code, whatever the map says; the stock
// map's SetValue says the same); a group price becomes a tier price of
// qty 1 and, on the unique (entity_id, all_groups, customer_group_id, qty, website_id), replaces the
// value of a tier price at qty 1 as Magento's insert-on-duplicate does.
// Volume: the distinct unique keys of the source rows (group prices at qty 1) against the rows of
// the destination document; else ERROR "Mismatch of amount of entities in documents".
//
// Differs from Magento:
// - A group price that meets a tier price keeps that row's value_id: the duplicate-key update leaves
//   value_id out. Magento's update list includes value_id = NULL, which gives the row a fresh
//   auto-increment id (and leaves a gap).
// - qty 1 of a group price is written explicitly rather than left to the column's default.
// - Pages are keyset ranges over value_id (resumable), not LIMIT/OFFSET without ORDER BY.
#ifndef MIGRATE_STAGES_STEPS_TIER_PRICE_STEP_H_
#define MIGRATE_STAGES_STEPS_TIER_PRICE_STEP_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "pipeline/copy_plan.h"
#include "stages/map_documents.h"
#include "stages/step_stage.h"

namespace migrate::stages {

// The step's documents: each source document paired with the destination's tier price table by
// tier_price_map_file, and what is missing.
struct TierPriceDocuments {
  MapDocuments documents;
  std::vector<std::string> missing_source;
  bool destination_missing = false;
  // The group price table, when it is a source document and exists.
  const io::TableSchema* group_price = nullptr;
  const io::TableSchema* tier_price = nullptr;
};

absl::StatusOr<TierPriceDocuments> PairTierPriceDocuments(RunContext& context);

// Fits the copy plan of a pair to what the step writes: a group price's qty 1, value_id left to
// the destination and kept on a duplicate key (the update columns are every other column).
void AdjustTierPricePlan(const DocumentPair& pair, bool group_price, pipeline::CopyPlan& plan);

class TierPriceIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class TierPriceData : public StepStage {
 public:
  explicit TierPriceData(std::string step) : step_(std::move(step)) {}
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;

 private:
  std::string step_;
};

class TierPriceVolume : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_TIER_PRICE_STEP_H_

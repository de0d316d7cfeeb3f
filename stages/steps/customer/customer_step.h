// Magento's Customer Attributes step (Migration\Step\Customer\Integrity, \Data, \Volume): customers
// and their addresses, with the attributes Magento 2 keeps in static columns of customer_entity and
// customer_address_entity moved there from Magento 1's value tables.
//
// Files: customer_map_file (the documents' rules), customer_document_groups_file (source_documents,
// source_entity_documents, and one group per entity type code listing its documents),
// customer_attribute_groups_file (per entity document, the attribute codes of its static columns).
//
// Integrity: every listed code must be an attribute of its entity type in Magento 1 ("Attribute %s
// does not exist in the type %s", always an error), then the documents through the map.
// Data: every document through the copy engine (parallel, resumable like Map's); the entity
// documents get their static columns (static_attributes.h); the value tables leave out the rows of
// the listed attributes, except password_hash values that are sha512 hashes (128 characters before
// the salt): Magento 2 cannot check those without the Data Migration Tool's login plugin, so they
// stay where that plugin looks for them. Then Magento 2's eav_attribute marks the listed attributes
// static. Volume: each document's rows against the source's (the left-out rows not counted).
//
// Delta (Migration\Step\Customer\Delta): group delta_customer of the delta groups file replayed
// through the customer map like the Map step's delta (map_delta_step.h), with the same static
// columns and value-table rows as the data stage, so a replayed document equals a fresh copy. A
// changed value of a static attribute also replays its entity, so the column follows (Magento's
// delta waits for the entity's own row to change); a deleted one reaches the column when the
// entity changes (Magento 1 saves an entity's updated_at with its values).
#ifndef MIGRATE_STAGES_STEPS_CUSTOMER_CUSTOMER_STEP_H_
#define MIGRATE_STAGES_STEPS_CUSTOMER_CUSTOMER_STEP_H_

#include <memory>
#include <string>

#include "stages/step_stage.h"

namespace migrate::stages::customer {

class CustomerIntegrity : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

class CustomerData : public StepStage {
 public:
  explicit CustomerData(std::string step) : step_(std::move(step)) {}
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;

 private:
  std::string step_;
};

class CustomerVolume : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
};

// The Customer step's delta stage.
std::unique_ptr<StepStage> MakeCustomerDelta();

}  // namespace migrate::stages::customer

#endif  // MIGRATE_STAGES_STEPS_CUSTOMER_CUSTOMER_STEP_H_

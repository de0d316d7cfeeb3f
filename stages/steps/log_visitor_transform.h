// The Log step's rewrite of customer_visitor rows (a destination transform of the log_visitor copy).
//
// customer_id: each visitor's customer from Magento 1's log_customer, the latest login (highest
// log_id) when a visitor logged in more than once; NULL for a visitor that never logged in. One
// source query per batch. created_at: Magento 1's first_visit_at may be NULL where Magento 2's
// created_at may not; such a row gets its last_visit_at. Thread-safe (the lookup serialises).
#ifndef MIGRATE_STAGES_STEPS_LOG_VISITOR_TRANSFORM_H_
#define MIGRATE_STAGES_STEPS_LOG_VISITOR_TRANSFORM_H_

#include <optional>
#include <string>

#include "mapping/handler.h"
#include "pipeline/batch_transform.h"

namespace migrate::stages {

struct VisitorColumns {
  // Destination batch columns; customer_id, created_at and last_visit_at may be absent.
  size_t visitor_id = 0;
  std::optional<size_t> customer_id;
  std::optional<size_t> created_at;
  std::optional<size_t> last_visit_at;
};

class LogVisitorTransform : public pipeline::BatchTransform {
 public:
  // `lookup` must outlive the transform; `database` and `log_customer` (prefixed) name the table.
  LogVisitorTransform(const mapping::SourceLookup* lookup, std::string database, std::string log_customer,
                      VisitorColumns columns)
      : lookup_(lookup), database_(std::move(database)), log_customer_(std::move(log_customer)), columns_(columns) {}

  absl::Status Apply(io::RowBatch& target, const io::RowBatch& opposite) const override;

 private:
  absl::Status FillCustomers(io::RowBatch& target) const;

  const mapping::SourceLookup* lookup_;
  const std::string database_;
  const std::string log_customer_;
  const VisitorColumns columns_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_LOG_VISITOR_TRANSFORM_H_

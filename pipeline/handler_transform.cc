#include "pipeline/handler_transform.h"

namespace migrate::pipeline {
namespace {

// A RowBatch seen as mapping::FieldValues. Set() on a batch adapted read-only is a programming error.
class BatchValues : public mapping::FieldValues {
 public:
  explicit BatchValues(io::RowBatch& batch) : batch_(&batch), const_batch_(batch) {}
  explicit BatchValues(const io::RowBatch& batch) : batch_(nullptr), const_batch_(batch) {}

  size_t row_count() const override { return const_batch_.row_count(); }
  bool IsNull(size_t row, size_t field) const override { return const_batch_.IsNull(row, field); }
  absl::string_view Value(size_t row, size_t field) const override {
    return const_batch_.Value(row, field);
  }
  void Set(size_t row, size_t field, absl::string_view value) override {
    batch_->SetValue(row, field, value);
  }
  void SetNull(size_t row, size_t field) override { batch_->SetNull(row, field); }

 private:
  io::RowBatch* const batch_;
  const io::RowBatch& const_batch_;
};

}  // namespace

absl::Status HandlerTransform::Apply(io::RowBatch& target, const io::RowBatch& opposite) const {
  BatchValues target_values(target);
  const BatchValues opposite_values(opposite);
  return handler_->Handle(target_values, opposite_values);
}

}  // namespace migrate::pipeline

// Test support for handler tests: FieldValues over a table of optional strings, and a one-call way
// to create a handler from the default registry and run it over such a table.
#ifndef MIGRATE_TESTS_MAPPING_HANDLERS_FAKE_FIELD_VALUES_H_
#define MIGRATE_TESTS_MAPPING_HANDLERS_FAKE_FIELD_VALUES_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "mapping/handler.h"
#include "mapping/handler_ref.h"

namespace migrate::mapping {

using Cell = std::optional<std::string>;
using Rows = std::vector<std::vector<Cell>>;

class FakeFieldValues : public FieldValues {
 public:
  explicit FakeFieldValues(Rows rows) : rows_(std::move(rows)) {}

  size_t row_count() const override { return rows_.size(); }
  bool IsNull(size_t row, size_t field) const override { return !rows_[row][field].has_value(); }
  absl::string_view Value(size_t row, size_t field) const override {
    const Cell& cell = rows_[row][field];
    return cell.has_value() ? absl::string_view(*cell) : absl::string_view();
  }
  void Set(size_t row, size_t field, absl::string_view value) override {
    rows_[row][field] = std::string(value);
  }
  void SetNull(size_t row, size_t field) override { rows_[row][field].reset(); }

  const Rows& rows() const { return rows_; }

 private:
  Rows rows_;
};

// A context handling `field` of `document`, whose rows have `fields`.
HandlerContext ContextFor(std::string document, std::string field, std::vector<std::string> fields);

// A HandlerRef of `class_name` with `params` ({name, value}), written at "map.xml:7".
HandlerRef Ref(std::string class_name, std::vector<HandlerParam> params = {});

// Creates the handler with HandlerRegistry::Default() for `context` and runs it over `target` and
// `opposite`; the rows after the run, or the error of creation or of the run.
struct RunResult {
  absl::Status status;
  Rows rows;
};
RunResult RunHandler(const HandlerRef& ref, const HandlerContext& context, Rows target,
              Rows opposite = {});

// The values of column `field`, one per row.
std::vector<Cell> Column(const Rows& rows, size_t field);

}  // namespace migrate::mapping

#endif  // MIGRATE_TESTS_MAPPING_HANDLERS_FAKE_FIELD_VALUES_H_

// Magento's report of a value unserialize() rejects, shared by SerializeToJson and its variants:
// "Could not unserialize data of <document>.<field> with record id <id>", <id> being the row's value
// of the document's record id field ("" when the document has none), given as a warning or as the
// error that stops the run.
#ifndef MIGRATE_MAPPING_HANDLERS_BROKEN_DATA_REPORT_H_
#define MIGRATE_MAPPING_HANDLERS_BROKEN_DATA_REPORT_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "mapping/handler.h"

namespace migrate::mapping::handlers {

class BrokenDataReport {
 public:
  explicit BrokenDataReport(const HandlerContext& context);

  std::string Message(const FieldValues& values, size_t row) const;
  // Gives the message to the context's warning sink, if it has one.
  void Warn(const FieldValues& values, size_t row) const;
  // The message as a DataLossError.
  absl::Status Error(const FieldValues& values, size_t row) const;

 private:
  const std::string document_;
  const std::string field_;
  const std::optional<size_t> id_field_;
  const std::function<void(absl::string_view)> warn_;
};

}  // namespace migrate::mapping::handlers

#endif  // MIGRATE_MAPPING_HANDLERS_BROKEN_DATA_REPORT_H_

#include "stages/steps/ratings_step.h"

#include <algorithm>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "io/result_set.h"
#include "io/table_sql.h"
#include "io/transaction.h"
#include "io/value_change.h"
#include "mapping/document_prefix.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kRating = "rating";
constexpr absl::string_view kRatingStore = "rating_store";

struct RatingTables {
  std::string database;
  std::string rating;
  std::string rating_store;
};

RatingTables TablesOf(const RunContext& context) {
  return {context.connections().destination().database,
          mapping::AddDocumentPrefix(context.prefixes().destination, kRating),
          mapping::AddDocumentPrefix(context.prefixes().destination, kRatingStore)};
}

// "ratings assigned to a store view" as SQL: the rating ids of rating_store with store_id > 0.
std::string AssignedRatings(const RatingTables& tables) {
  return absl::StrCat("SELECT DISTINCT `rating_id` FROM ", io::QualifiedName(tables.database, tables.rating_store),
                      " WHERE `store_id` > 0");
}

}  // namespace

absl::StatusOr<bool> RatingsIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  const RatingTables tables = TablesOf(context);
  absl::StatusOr<std::optional<std::vector<std::string>>> rating =
      io::TableColumns(**destination, tables.database, tables.rating);
  if (!rating.ok()) return rating.status();
  absl::StatusOr<bool> rating_store = io::TableExists(**destination, tables.database, tables.rating_store);
  if (!rating_store.ok()) return rating_store.status();
  if (!rating->has_value() || !*rating_store) {
    log.Error(absl::StrCat("\"", kRating, "\" or \"", kRatingStore,
                           "\" documents do not exist in the destination resource"));
    return false;
  }
  if (std::find((*rating)->begin(), (*rating)->end(), "is_active") == (*rating)->end()) {
    log.Error(absl::StrCat("\"is_active\" field does not exist in \"", kRating,
                           "\" document of the destination resource"));
    return false;
  }
  return true;
}

absl::StatusOr<bool> RatingsData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  const RatingTables tables = TablesOf(context);
  absl::StatusOr<io::ResultSet> assigned =
      (*destination)->Query(absl::StrCat(AssignedRatings(tables), " ORDER BY `rating_id`"));
  if (!assigned.ok()) return assigned.status();
  // One UPDATE per rating (a store's few), so that a value the destination changes names its rating.
  const io::StatementChangeHandler record = ValueChangeRecorder(context, tables.rating, {"rating_id"});
  absl::StatusOr<io::Transaction> transaction = io::Transaction::Begin(**destination);
  if (!transaction.ok()) return transaction.status();
  uint64_t activated = 0;
  for (const io::Row& row : assigned->rows()) {
    absl::StatusOr<uint64_t> updated = io::ExecuteRowWrite(
        **destination,
        io::BoundSql{absl::StrCat("UPDATE ", io::QualifiedName(tables.database, tables.rating),
                                  " SET `is_active` = 1 WHERE `rating_id` = ?"),
                     {io::BoundValue::Number(row[0].value_or(""))}},
        {"rating_id", "is_active"}, {row[0], "1"}, record);
    if (!updated.ok()) return updated.status();
    activated += *updated;
  }
  if (absl::Status status = transaction->Commit(); !status.ok()) return status;
  log.Info(absl::StrCat(activated, " ratings assigned to a store view made active"));
  return true;
}

absl::StatusOr<bool> RatingsVolume::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  const RatingTables tables = TablesOf(context);
  absl::StatusOr<uint64_t> inactive =
      io::CountRows(**destination, tables.database, tables.rating,
                    absl::StrCat("NOT (`is_active` <=> 1) AND `rating_id` IN (", AssignedRatings(tables), ")"));
  if (!inactive.ok()) return inactive.status();
  if (*inactive == 0) return true;
  log.Error(absl::StrCat("Mismatch of entities in the documents: ", kRating, ", ", kRatingStore));
  return false;
}

}  // namespace migrate::stages

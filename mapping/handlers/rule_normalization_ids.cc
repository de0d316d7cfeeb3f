// \Migration\Handler\Rule\NormalizationIds(normalizationDocument, normalizationField) (catalogrule and
// salesrule customer_group_ids / website_ids): Magento 2 keeps a rule's groups and websites in link
// tables, so each comma-separated id of the handled field becomes a row (rule_id, id) of the
// destination document `normalizationDocument`, its id in column `normalizationField`. The rule id
// column is rule_id, or row_id when edition_migrate is not opensource-to-opensource (Commerce
// staging) and the table has a row_id column. The handled field itself is left as it is.
// Departures from Magento, which empties the whole link table before writing each rule's rows (so
// only the last rule kept its links): nothing is emptied; a batch's rows go in one INSERT IGNORE on
// the table's primary key, so a batch handled again after a resumed run adds nothing. Empty pieces
// (an empty or NULL field, "1,,2") give no row, where Magento would link id 0 (for customer groups,
// NOT LOGGED IN) or fail on a strict server.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "mapping/config.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/source_queries.h"

namespace migrate::mapping::handlers {
namespace {

constexpr absl::string_view kOpenSourceToOpenSource = "opensource-to-opensource";

class NormalizationIds : public Handler {
 public:
  NormalizationIds(size_t field, size_t rule_id, const DestinationAccess& destination, std::string statement_head)
      : field_(field), rule_id_(rule_id), destination_(destination), statement_head_(std::move(statement_head)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    std::string tuples;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_)) continue;
      const std::string rule_id =
          target.IsNull(row, rule_id_) ? "NULL" : destination_.Quote(target.Value(row, rule_id_));
      for (absl::string_view id : absl::StrSplit(target.Value(row, field_), ',', absl::SkipEmpty())) {
        absl::StrAppend(&tuples, tuples.empty() ? "" : ", ", "(", rule_id, ", ", destination_.Quote(id), ")");
      }
    }
    if (tuples.empty()) return absl::OkStatus();
    return destination_.Execute(absl::StrCat(statement_head_, tuples));
  }

 private:
  const size_t field_;
  const size_t rule_id_;
  const DestinationAccess& destination_;
  // "INSERT IGNORE INTO `table` (rule_id, `field`) VALUES ".
  const std::string statement_head_;
};

}  // namespace

HandlerOrError MakeRuleNormalizationIds(const HandlerArgs& args) {
  absl::StatusOr<std::string> document = args.Required("normalizationDocument");
  if (!document.ok()) return document.status();
  absl::StatusOr<std::string> normalization_field = args.Required("normalizationField");
  if (!normalization_field.ok()) return normalization_field.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> rule_id = args.Field("rule_id");
  if (!rule_id.ok()) return rule_id.status();
  const DestinationAccess* destination = args.context().destination;
  if (destination == nullptr) return args.Error("needs the destination database");
  const std::string table = destination->Table(*document);
  std::string rule_column = "rule_id";
  const Config* config = args.context().config;
  if (config != nullptr && config->options().edition_migrate() != kOpenSourceToOpenSource) {
    absl::StatusOr<std::vector<DestinationAccess::Row>> row_id =
        destination->Query(absl::StrCat("SHOW COLUMNS FROM ", table, " LIKE 'row_id'"));
    if (!row_id.ok()) return row_id.status();
    if (!row_id->empty()) rule_column = "row_id";
  }
  return std::make_unique<NormalizationIds>(
      *field, *rule_id, *destination,
      absl::StrCat("INSERT IGNORE INTO ", table, " (", rule_column, ", ", QuoteColumn(*normalization_field),
                   ") VALUES "));
}

}  // namespace migrate::mapping::handlers

// \Migration\Handler\Rule\NormalizationIds(normalizationDocument, normalizationField) (catalogrule and
// salesrule customer_group_ids / website_ids): Magento 2 keeps a rule's groups and websites in link
// tables, so each comma-separated id of the handled field becomes a row (rule_id, id) of the
// destination document `normalizationDocument`, its id in column `normalizationField`. The rule id
// column is rule_id, or row_id when edition_migrate is not opensource-to-opensource (Commerce
// staging) and the table has a row_id column. The handled field itself is left as it is.
// Departures from Magento, which empties the whole link table before writing each rule's rows (so
// only the last rule kept its links): a batch replaces the links of its own rules only, with one
// DELETE of its rule ids and one INSERT IGNORE of their links, so a batch handled again (a resumed
// run, a delta replaying an updated rule) leaves exactly the rule's current ids. Empty pieces (an
// empty or NULL field, "1,,2") give no row, where Magento would link id 0 (for customer groups, NOT
// LOGGED IN) or fail on a strict server.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "mapping/config.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/source_queries.h"

namespace migrate::mapping::handlers {
namespace {

constexpr absl::string_view kOpenSourceToOpenSource = "opensource-to-opensource";

class NormalizationIds : public Handler {
 public:
  NormalizationIds(size_t field, size_t rule_id, const DestinationAccess& destination, std::string table,
                   std::string rule_column, std::string id_column)
      : field_(field),
        rule_id_(rule_id),
        destination_(destination),
        table_(std::move(table)),
        rule_column_(std::move(rule_column)),
        id_column_(std::move(id_column)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    SqlValues rule_ids;
    SqlValues links;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, rule_id_)) continue;
      const std::string rule_id(target.Value(row, rule_id_));
      rule_ids.emplace_back(rule_id);
      if (target.IsNull(row, field_)) continue;
      for (absl::string_view id : absl::StrSplit(target.Value(row, field_), ',', absl::SkipEmpty())) {
        links.emplace_back(rule_id);
        links.emplace_back(std::string(id));
      }
    }
    if (rule_ids.empty()) return absl::OkStatus();
    if (absl::Status deleted = destination_.Execute(
            absl::StrCat("DELETE FROM ", table_, " WHERE ", rule_column_, " IN (", Placeholders(rule_ids.size()), ")"),
            rule_ids);
        !deleted.ok()) {
      return deleted;
    }
    if (links.empty()) return absl::OkStatus();
    std::string tuples;
    for (size_t i = 0; i < links.size(); i += 2) tuples.append(i == 0 ? "(?, ?)" : ", (?, ?)");
    return destination_.Execute(
        absl::StrCat("INSERT IGNORE INTO ", table_, " (", rule_column_, ", ", id_column_, ") VALUES ", tuples), links);
  }

 private:
  const size_t field_;
  const size_t rule_id_;
  const DestinationAccess& destination_;
  const std::string table_;
  const std::string rule_column_;
  const std::string id_column_;
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
        destination->Query(absl::StrCat("SHOW COLUMNS FROM ", table, " LIKE 'row_id'"), {});
    if (!row_id.ok()) return row_id.status();
    if (!row_id->empty()) rule_column = "row_id";
  }
  return std::make_unique<NormalizationIds>(*field, *rule_id, *destination, table, rule_column,
                                            QuoteColumn(*normalization_field));
}

}  // namespace migrate::mapping::handlers

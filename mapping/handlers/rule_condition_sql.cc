// \Migration\Handler\Rule\ConditionSql (Commerce maps: customer segment condition_sql): SQL stored in
// a field names source tables; each backquoted source table name becomes its destination table's.
// At creation, like Magento, it pairs every table of the source (SHOW TABLES, the source prefix
// stripped) that the run's map_file does not ignore with its destination document (renamed or not):
// "`<source prefix><document>`" -> "`<dest prefix><destination document>`". Handle() replaces them
// as PHP's str_replace() with arrays does: each pair in turn, in SHOW TABLES order, over the result
// of the pair before. NULL stays NULL.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "mapping/config.h"
#include "mapping/document_prefix.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/source_queries.h"
#include "mapping/map_rules.h"

namespace migrate::mapping::handlers {
namespace {

using TableRenames = std::vector<std::pair<std::string, std::string>>;

class ConditionSql : public Handler {
 public:
  ConditionSql(size_t field, TableRenames renames) : field_(field), renames_(std::move(renames)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local std::string value;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_)) continue;
      const absl::string_view original = target.Value(row, field_);
      if (!absl::StrContains(original, '`')) continue;
      value.assign(original.data(), original.size());
      bool changed = false;
      for (const auto& [from, to] : renames_) {
        if (from == to || !absl::StrContains(value, from)) continue;
        absl::StrReplaceAll({{from, to}}, &value);
        changed = true;
      }
      if (changed) target.Set(row, field_, value);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const TableRenames renames_;
};

}  // namespace

HandlerOrError MakeRuleConditionSql(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<const SourceLookup*> source = NeedSource(args);
  if (!source.ok()) return source.status();
  const Config* config = args.context().config;
  if (config == nullptr || config->options().map_file().empty()) {
    return args.Error("Invalid map filename: (map_file option not set)");
  }
  absl::StatusOr<std::string> map_path = ResolvePath(*config, config->options().map_file());
  if (!map_path.ok()) return args.Error(absl::StrCat("Invalid map filename: ", map_path.status().message()));
  absl::StatusOr<MapRules> map = MapRules::Read(*map_path);
  if (!map.ok()) return map.status();
  absl::StatusOr<std::vector<SourceLookup::Row>> tables = (*source)->Query("SHOW TABLES", {});
  if (!tables.ok()) return tables.status();

  const DocumentPrefixes prefixes = DocumentPrefixes::FromOptions(config->options());
  TableRenames renames;
  for (const SourceLookup::Row& row : *tables) {
    if (row.empty() || !row[0].has_value()) continue;
    const std::string document = RemoveDocumentPrefix(prefixes.source, *row[0]);
    std::optional<std::string> destination = map->DocumentMap(document, Side::kSource);
    if (!destination.has_value()) continue;
    renames.emplace_back(absl::StrCat("`", AddDocumentPrefix(prefixes.source, document), "`"),
                         absl::StrCat("`", AddDocumentPrefix(prefixes.destination, *destination), "`"));
  }
  return std::make_unique<ConditionSql>(*field, std::move(renames));
}

}  // namespace migrate::mapping::handlers

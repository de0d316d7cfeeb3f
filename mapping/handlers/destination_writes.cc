// Magento's handlers that write rows into destination tables beside the one being copied, through
// HandlerContext::destination. The handled field itself is left as it is. Each batch's rows go in one
// statement that is idempotent, so a batch handled again after a killed run resumes adds nothing:
// - \Migration\Handler\Synonym (catalogsearch_query.synonym_for): for a row whose synonym_for is not
//   empty, a search_synonyms row (synonyms = synonym_for . '"' . query_text . '",', as Magento writes
//   it; store_id; website_id of that store in the source's core_store, 0 when unknown), inserted
//   only when no row with the same three values exists (INSERT ... SELECT ... WHERE NOT EXISTS; the
//   destination access serialises statements, so two batches cannot race).
// - \Migration\Handler\Gallery\InsertValueToEntity (catalog_product_entity_media_gallery.value_id):
//   a catalog_product_entity_media_gallery_value_to_entity row (value_id, entity_id), or (value_id,
//   row_id) when edition_migrate is not opensource-to-opensource and that destination table has a
//   row_id column (Magento's Commerce staging); INSERT IGNORE on its primary key.
// - \Migration\Handler\Sequence(table): a `table` row (sequence_value) for each truthy field value;
//   INSERT IGNORE on sequence_value, its primary key. Departures from Magento: the table is not
//   emptied first (that would undo a resumed run's work; --reset empties what the run writes), and
//   created_in / updated_in of the opposite record are not set (handlers cannot write the opposite
//   side): map them with SetValue (1 and 2147483647).
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "mapping/config.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"
#include "mapping/handlers/source_queries.h"

namespace migrate::mapping::handlers {
namespace {

constexpr absl::string_view kOpenSourceToOpenSource = "opensource-to-opensource";

absl::StatusOr<const DestinationAccess*> NeedDestination(const HandlerArgs& args) {
  if (args.context().destination == nullptr) return args.Error("needs the destination database");
  return args.context().destination;
}

class Synonym : public Handler {
 public:
  Synonym(size_t field, size_t store_id, size_t query_text, ValueByKey store_websites,
          const DestinationAccess& destination)
      : field_(field),
        store_id_(store_id),
        query_text_(query_text),
        store_websites_(std::move(store_websites)),
        destination_(destination),
        table_(destination.Table("search_synonyms")) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    std::vector<std::string> selects;
    SqlValues values;
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view synonyms = target.Value(row, field_);
      if (!php::Truthy(target.IsNull(row, field_), synonyms)) continue;
      const std::string store = std::string(target.Value(row, store_id_));
      std::string website = "0";
      if (auto it = store_websites_.find(store); it != store_websites_.end() && it->second.has_value()) {
        website = *it->second;
      }
      selects.push_back("SELECT ? AS synonyms, ? AS store_id, ? AS website_id");
      values.emplace_back(absl::StrCat(synonyms, "\"", target.Value(row, query_text_), "\","));
      values.emplace_back(store);
      values.emplace_back(std::move(website));
    }
    if (selects.empty()) return absl::OkStatus();
    return destination_.Execute(absl::StrCat(
        "INSERT INTO ", table_, " (synonyms, store_id, website_id) SELECT n.synonyms, n.store_id, n.website_id FROM (",
        absl::StrJoin(selects, " UNION ALL "), ") AS n WHERE NOT EXISTS (SELECT 1 FROM ", table_,
        " AS s WHERE s.synonyms = n.synonyms AND s.store_id = n.store_id AND s.website_id = n.website_id)"),
        values);
  }

 private:
  const size_t field_;
  const size_t store_id_;
  const size_t query_text_;
  const ValueByKey store_websites_;
  const DestinationAccess& destination_;
  const std::string table_;
};

// INSERT IGNORE of one or two columns per row.
class InsertIgnore : public Handler {
 public:
  // `columns` of `table` get the values of `fields`; rows whose `required` field is not truthy are
  // skipped (nullopt: none skipped). No columns: nothing is written.
  InsertIgnore(const DestinationAccess& destination, std::string table, std::vector<std::string> columns,
               std::vector<size_t> fields, std::optional<size_t> required)
      : destination_(destination),
        table_(std::move(table)),
        columns_(std::move(columns)),
        fields_(std::move(fields)),
        required_(required) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    std::vector<std::string> tuples;
    SqlValues values;
    const std::string tuple = absl::StrCat("(", Placeholders(fields_.size()), ")");
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (required_.has_value() && !php::CellTruthy(target, row, *required_)) continue;
      for (size_t field : fields_) {
        values.push_back(target.IsNull(row, field) ? std::nullopt
                                                   : std::optional<std::string>(target.Value(row, field)));
      }
      tuples.push_back(tuple);
    }
    if (tuples.empty() || columns_.empty()) return absl::OkStatus();
    return destination_.Execute(absl::StrCat("INSERT IGNORE INTO ", table_, " (", absl::StrJoin(columns_, ", "),
                                             ") VALUES ", absl::StrJoin(tuples, ", ")),
                                values);
  }

 private:
  const DestinationAccess& destination_;
  const std::string table_;
  const std::vector<std::string> columns_;
  const std::vector<size_t> fields_;
  const std::optional<size_t> required_;
};

}  // namespace

HandlerOrError MakeSynonym(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> store_id = args.Field("store_id");
  if (!store_id.ok()) return store_id.status();
  absl::StatusOr<size_t> query_text = args.Field("query_text");
  if (!query_text.ok()) return query_text.status();
  absl::StatusOr<const SourceLookup*> source = NeedSource(args);
  if (!source.ok()) return source.status();
  absl::StatusOr<const DestinationAccess*> destination = NeedDestination(args);
  if (!destination.ok()) return destination.status();
  absl::StatusOr<ValueByKey> store_websites = FetchPairs(
      **source, absl::StrCat("SELECT store_id, website_id FROM ", (*source)->Table("core_store")));
  if (!store_websites.ok()) return store_websites.status();
  return std::make_unique<Synonym>(*field, *store_id, *query_text, *std::move(store_websites), **destination);
}

HandlerOrError MakeGalleryInsertValueToEntity(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> entity_id = args.Field("entity_id");
  if (!entity_id.ok()) return entity_id.status();
  absl::StatusOr<const DestinationAccess*> destination = NeedDestination(args);
  if (!destination.ok()) return destination.status();
  const std::string table = (*destination)->Table("catalog_product_entity_media_gallery_value_to_entity");
  std::string entity_column = "entity_id";
  const Config* config = args.context().config;
  if (config != nullptr && config->options().edition_migrate() != kOpenSourceToOpenSource) {
    absl::StatusOr<std::vector<DestinationAccess::Row>> row_id =
        (*destination)->Query(absl::StrCat("SHOW COLUMNS FROM ", table, " LIKE 'row_id'"), {});
    if (!row_id.ok()) return row_id.status();
    if (!row_id->empty()) entity_column = "row_id";
  }
  return std::make_unique<InsertIgnore>(**destination, table, std::vector<std::string>{"value_id", entity_column},
                                        std::vector<size_t>{*field, *entity_id}, std::nullopt);
}

HandlerOrError MakeSequence(const HandlerArgs& args) {
  absl::StatusOr<std::string> table = args.Required("table");
  if (!table.ok()) return table.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<const DestinationAccess*> destination = NeedDestination(args);
  if (!destination.ok()) return destination.status();
  if (table->empty()) return std::make_unique<InsertIgnore>(**destination, "", std::vector<std::string>{},
                                                            std::vector<size_t>{}, std::nullopt);
  return std::make_unique<InsertIgnore>(**destination, (*destination)->Table(*table),
                                        std::vector<std::string>{"sequence_value"}, std::vector<size_t>{*field},
                                        *field);
}

}  // namespace migrate::mapping::handlers

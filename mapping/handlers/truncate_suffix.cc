// \Migration\Handler\TruncateSuffix(suffixPath, attributeCodes, entityTypeCode): strips the URL
// suffix from url_key / url_path values (catalog_*_entity_varchar rows).
// At creation, like Magento on its first row, it reads from the source: the suffix, the `value` of
// the first core_config_data row whose path is `suffixPath` (".html" when there is none or it is
// falsy), and the attribute ids of `attributeCodes` ("[code,code]") for `entityTypeCode`. Rows whose
// attribute_id is one of them lose the suffix at the end of the value (or before a final "\n", as
// PCRE's '$' matches); NULL stays NULL.
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"
#include "mapping/handlers/source_queries.h"

namespace migrate::mapping::handlers {
namespace {

constexpr absl::string_view kDefaultSuffix = ".html";

class TruncateSuffix : public Handler {
 public:
  TruncateSuffix(size_t field, size_t attribute_id, std::string suffix,
                 absl::flat_hash_set<std::string> attribute_ids)
      : field_(field),
        attribute_id_(attribute_id),
        suffix_(std::move(suffix)),
        attribute_ids_(std::move(attribute_ids)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_) || target.IsNull(row, attribute_id_)) continue;
      if (!attribute_ids_.contains(target.Value(row, attribute_id_))) continue;
      const absl::string_view value = target.Value(row, field_);
      if (absl::EndsWith(value, suffix_)) {
        target.Set(row, field_, value.substr(0, value.size() - suffix_.size()));
      } else if (absl::EndsWith(value, "\n") &&
                 absl::EndsWith(value.substr(0, value.size() - 1), suffix_)) {
        thread_local std::string kept;
        kept.assign(value.data(), value.size() - 1 - suffix_.size());
        kept.push_back('\n');
        target.Set(row, field_, kept);
      }
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t attribute_id_;
  const std::string suffix_;
  const absl::flat_hash_set<std::string> attribute_ids_;
};

}  // namespace

HandlerOrError MakeTruncateSuffix(const HandlerArgs& args) {
  absl::StatusOr<std::string> suffix_path = args.Required("suffixPath");
  if (!suffix_path.ok()) return suffix_path.status();
  absl::StatusOr<std::string> attribute_codes = args.Required("attributeCodes");
  if (!attribute_codes.ok()) return attribute_codes.status();
  absl::StatusOr<std::string> entity_type_code = args.Required("entityTypeCode");
  if (!entity_type_code.ok()) return entity_type_code.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> attribute_id = args.Field("attribute_id");
  if (!attribute_id.ok()) return attribute_id.status();
  const SourceLookup* source = args.context().source;
  if (source == nullptr) return args.Error("needs the source database to read the suffix");

  absl::StatusOr<std::optional<std::string>> configured_suffix =
      FetchFirst(*source, absl::StrCat("SELECT value FROM ", source->Table("core_config_data"), " WHERE path = ? LIMIT 1"),
                 {*suffix_path});
  if (!configured_suffix.ok()) return configured_suffix.status();
  std::string suffix(kDefaultSuffix);
  if (configured_suffix->has_value() && php::Truthy(false, **configured_suffix)) suffix = **configured_suffix;

  absl::string_view codes = *attribute_codes;
  while (absl::ConsumeSuffix(&codes, "]")) {}
  while (absl::ConsumePrefix(&codes, "[")) {}
  SqlValues values;
  for (absl::string_view code : absl::StrSplit(codes, ',')) values.emplace_back(std::string(code));
  const size_t code_count = values.size();
  values.emplace_back(*entity_type_code);
  absl::StatusOr<absl::flat_hash_set<std::string>> attribute_ids = FetchColumn(
      *source,
      absl::StrCat("SELECT ea.attribute_id FROM ", source->Table("eav_attribute"), " AS ea JOIN ",
                   source->Table("eav_entity_type"), " AS eet ON ea.entity_type_id = eet.entity_type_id",
                   " WHERE ea.attribute_code IN (", Placeholders(code_count), ") AND eet.entity_type_code = ?"),
      values);
  if (!attribute_ids.ok()) return attribute_ids.status();
  return std::make_unique<TruncateSuffix>(*field, *attribute_id, std::move(suffix), *std::move(attribute_ids));
}

}  // namespace migrate::mapping::handlers

// Magento's handlers for EAV value rows (catalog_*_entity_varchar/text, customer_eav_attribute, ...),
// each acting only on rows whose attribute_id is one of a set of source attribute ids read once, at
// creation:
// - \Migration\Handler\SetValueAttributeCondition(attributeCode, value): rows of an attribute whose
//   attribute_code is `attributeCode` (any entity type) get `value`; "NULL" or "null" is SQL NULL.
// - \Migration\Handler\ConvertEavValue(map, attributeCode): rows of an attribute called
//   `attributeCode` have their value replaced through `map`, written "[from:to;from:to]" as for
//   Convert (brackets trimmed, each pair trimmed, "Invalid map provided to convert handler" for a
//   pair without exactly one ':'); values not in the map stay.
// - \Migration\Handler\CleanMultiselect: rows of catalog_product multiselect attributes have the
//   empty items of their comma-separated value dropped ("24,,,41,0," -> "24,41": PHP's array_filter
//   drops "" and "0"); NULL becomes "" as PHP's explode() makes it.
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "mapping/handlers/convert_map.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/set_constant.h"
#include "mapping/handlers/source_queries.h"

namespace migrate::mapping::handlers {
namespace {

using AttributeIds = absl::flat_hash_set<std::string>;

bool OfAttribute(const FieldValues& values, size_t row, size_t attribute_id, const AttributeIds& ids) {
  return !values.IsNull(row, attribute_id) && ids.contains(values.Value(row, attribute_id));
}

class SetValueAttributeCondition : public Handler {
 public:
  SetValueAttributeCondition(size_t field, size_t attribute_id, AttributeIds ids, std::optional<std::string> value)
      : field_(field), attribute_id_(attribute_id), ids_(std::move(ids)), value_(std::move(value)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (OfAttribute(target, row, attribute_id_, ids_)) SetOrNull(target, row, field_, value_);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t attribute_id_;
  const AttributeIds ids_;
  const std::optional<std::string> value_;
};

class ConvertEavValue : public Handler {
 public:
  ConvertEavValue(size_t field, size_t attribute_id, AttributeIds ids, ConvertMap map)
      : field_(field), attribute_id_(attribute_id), ids_(std::move(ids)), map_(std::move(map)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (!OfAttribute(target, row, attribute_id_, ids_)) continue;
      auto it = map_.find(target.Value(row, field_));
      if (it != map_.end()) target.Set(row, field_, it->second);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t attribute_id_;
  const AttributeIds ids_;
  const ConvertMap map_;
};

class CleanMultiselect : public Handler {
 public:
  CleanMultiselect(size_t field, size_t attribute_id, AttributeIds ids)
      : field_(field), attribute_id_(attribute_id), ids_(std::move(ids)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local std::string cleaned;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (!OfAttribute(target, row, attribute_id_, ids_)) continue;
      cleaned.clear();
      for (absl::string_view item : absl::StrSplit(target.Value(row, field_), ',')) {
        if (item.empty() || item == "0") continue;
        if (!cleaned.empty()) cleaned.push_back(',');
        cleaned.append(item.data(), item.size());
      }
      target.Set(row, field_, cleaned);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t attribute_id_;
  const AttributeIds ids_;
};

// The ids of the source attributes called `code`, of any entity type.
absl::StatusOr<AttributeIds> AttributeIdsOf(const HandlerArgs& args, absl::string_view code) {
  absl::StatusOr<const SourceLookup*> source = NeedSource(args);
  if (!source.ok()) return source.status();
  return FetchColumn(**source,
                     absl::StrCat("SELECT attribute_id FROM ", (*source)->Table("eav_attribute"),
                                  " WHERE attribute_code = ?"),
                     {std::string(code)});
}

}  // namespace

HandlerOrError MakeSetValueAttributeCondition(const HandlerArgs& args) {
  absl::StatusOr<std::string> code = args.Required("attributeCode");
  if (!code.ok()) return code.status();
  absl::StatusOr<std::string> value = args.Required("value");
  if (!value.ok()) return value.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> attribute_id = args.Field("attribute_id");
  if (!attribute_id.ok()) return attribute_id.status();
  absl::StatusOr<AttributeIds> ids = AttributeIdsOf(args, *code);
  if (!ids.ok()) return ids.status();
  std::optional<std::string> constant;
  if (*value != "NULL" && *value != "null") constant = *std::move(value);
  return std::make_unique<SetValueAttributeCondition>(*field, *attribute_id, *std::move(ids), std::move(constant));
}

HandlerOrError MakeConvertEavValue(const HandlerArgs& args) {
  absl::StatusOr<std::string> written = args.Required("map");
  if (!written.ok()) return written.status();
  absl::StatusOr<std::string> code = args.Required("attributeCode");
  if (!code.ok()) return code.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> attribute_id = args.Field("attribute_id");
  if (!attribute_id.ok()) return attribute_id.status();
  absl::StatusOr<ConvertMap> map = ParseConvertMap(args, *written);
  if (!map.ok()) return map.status();
  absl::StatusOr<AttributeIds> ids = AttributeIdsOf(args, *code);
  if (!ids.ok()) return ids.status();
  return std::make_unique<ConvertEavValue>(*field, *attribute_id, *std::move(ids), *std::move(map));
}

HandlerOrError MakeCleanMultiselect(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> attribute_id = args.Field("attribute_id");
  if (!attribute_id.ok()) return attribute_id.status();
  absl::StatusOr<const SourceLookup*> source = NeedSource(args);
  if (!source.ok()) return source.status();
  absl::StatusOr<AttributeIds> ids = FetchColumn(
      **source, absl::StrCat("SELECT ea.attribute_id FROM ", (*source)->Table("eav_attribute"), " AS ea JOIN ",
                             (*source)->Table("eav_entity_type"),
                             " AS eet ON ea.entity_type_id = eet.entity_type_id",
                             " WHERE ea.frontend_input = 'multiselect' AND eet.entity_type_code = 'catalog_product'"));
  if (!ids.ok()) return ids.status();
  return std::make_unique<CleanMultiselect>(*field, *attribute_id, *std::move(ids));
}

}  // namespace migrate::mapping::handlers

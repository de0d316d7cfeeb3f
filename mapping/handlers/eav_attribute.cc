// Magento's handlers for eav_attribute and catalog_eav_attribute rows (map-eav.xml):
// - \Migration\Handler\EavAttribute\ConvertModel: a Magento 1 model class name (attribute_model,
//   backend_model, ...) becomes its Magento 2 class through class-map.xml (config option class_map).
//   An empty value (PHP's empty(): NULL, "", "0") takes the opposite record's value of the same field
//   when that is not empty; an empty value, or one the class map does not name or maps to nothing,
//   becomes NULL (Magento's newer convertClassName(), which gives "" for a class it does not name).
// - \Migration\Handler\EavAttribute\ApplyTo: the field takes the opposite record's value of the same
//   field (NULL when it has none), except that an attribute the opposite record does not know
//   (its attribute_id empty) and that the source marks is_user_defined gets NULL.
// - \Migration\Handler\EavAttribute\BackendTypeForMultiselect: "varchar" for multiselect attributes
//   (frontend_input) of the catalog_product entity type; other rows stay.
// The source tables these read (eav_attribute, eav_entity_type) are read once, at creation.
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "mapping/class_map.h"
#include "mapping/handlers/class_map_option.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"
#include "mapping/handlers/source_queries.h"

namespace migrate::mapping::handlers {
namespace {

class ConvertModel : public Handler {
 public:
  ConvertModel(size_t field, std::optional<size_t> opposite_field, std::shared_ptr<const ClassMap> class_map)
      : field_(field), opposite_field_(opposite_field), class_map_(std::move(class_map)) {}

  absl::Status Handle(FieldValues& target, const FieldValues& opposite) const override {
    thread_local std::string converted;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (!php::CellTruthy(target, row, field_)) {
        if (opposite_field_.has_value() && php::CellTruthy(opposite, row, *opposite_field_)) {
          target.Set(row, field_, opposite.Value(row, *opposite_field_));
        } else {
          target.SetNull(row, field_);
        }
        continue;
      }
      converted = class_map_->Convert(target.Value(row, field_));
      if (converted.empty()) {
        target.SetNull(row, field_);
      } else {
        target.Set(row, field_, converted);
      }
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const std::optional<size_t> opposite_field_;
  const std::shared_ptr<const ClassMap> class_map_;
};

class ApplyTo : public Handler {
 public:
  ApplyTo(size_t field, size_t attribute_id, std::optional<size_t> opposite_field,
          std::optional<size_t> opposite_attribute_id, absl::flat_hash_set<std::string> user_defined)
      : field_(field),
        attribute_id_(attribute_id),
        opposite_field_(opposite_field),
        opposite_attribute_id_(opposite_attribute_id),
        user_defined_(std::move(user_defined)) {}

  absl::Status Handle(FieldValues& target, const FieldValues& opposite) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      const bool opposite_knows_attribute =
          opposite_attribute_id_.has_value() && php::CellTruthy(opposite, row, *opposite_attribute_id_);
      if (!opposite_knows_attribute && !target.IsNull(row, attribute_id_) &&
          user_defined_.contains(target.Value(row, attribute_id_))) {
        target.SetNull(row, field_);
      } else if (opposite_field_.has_value() && !opposite.IsNull(row, *opposite_field_)) {
        target.Set(row, field_, opposite.Value(row, *opposite_field_));
      } else {
        target.SetNull(row, field_);
      }
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t attribute_id_;
  const std::optional<size_t> opposite_field_;
  const std::optional<size_t> opposite_attribute_id_;
  const absl::flat_hash_set<std::string> user_defined_;
};

class BackendTypeForMultiselect : public Handler {
 public:
  BackendTypeForMultiselect(size_t field, size_t frontend_input, size_t entity_type_id,
                            std::optional<std::string> product_type_id)
      : field_(field),
        frontend_input_(frontend_input),
        entity_type_id_(entity_type_id),
        product_type_id_(std::move(product_type_id)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    if (!product_type_id_.has_value()) return absl::OkStatus();
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, frontend_input_) || target.Value(row, frontend_input_) != "multiselect") continue;
      if (target.IsNull(row, entity_type_id_) || target.Value(row, entity_type_id_) != *product_type_id_) continue;
      target.Set(row, field_, "varchar");
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t frontend_input_;
  const size_t entity_type_id_;
  const std::optional<std::string> product_type_id_;
};

}  // namespace

HandlerOrError MakeEavAttributeConvertModel(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<std::shared_ptr<const ClassMap>> class_map = ClassMapOption(args);
  if (!class_map.ok()) return class_map.status();
  return std::make_unique<ConvertModel>(*field, args.context().OppositeFieldIndex(args.context().field),
                                        *std::move(class_map));
}

HandlerOrError MakeEavAttributeApplyTo(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> attribute_id = args.Field("attribute_id");
  if (!attribute_id.ok()) return attribute_id.status();
  absl::StatusOr<const SourceLookup*> source = NeedSource(args);
  if (!source.ok()) return source.status();
  absl::StatusOr<absl::flat_hash_set<std::string>> user_defined = FetchColumn(
      **source, absl::StrCat("SELECT attribute_id FROM ", (*source)->Table("eav_attribute"),
                             " WHERE is_user_defined <> 0"));
  if (!user_defined.ok()) return user_defined.status();
  return std::make_unique<ApplyTo>(*field, *attribute_id, args.context().OppositeFieldIndex(args.context().field),
                                   args.context().OppositeFieldIndex("attribute_id"), *std::move(user_defined));
}

HandlerOrError MakeEavAttributeBackendTypeForMultiselect(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> frontend_input = args.Field("frontend_input");
  if (!frontend_input.ok()) return frontend_input.status();
  absl::StatusOr<size_t> entity_type_id = args.Field("entity_type_id");
  if (!entity_type_id.ok()) return entity_type_id.status();
  absl::StatusOr<const SourceLookup*> source = NeedSource(args);
  if (!source.ok()) return source.status();
  absl::StatusOr<std::optional<std::string>> product_type_id = FetchFirst(
      **source, absl::StrCat("SELECT entity_type_id FROM ", (*source)->Table("eav_entity_type"),
                             " WHERE entity_type_code = 'catalog_product' LIMIT 1"));
  if (!product_type_id.ok()) return product_type_id.status();
  return std::make_unique<BackendTypeForMultiselect>(*field, *frontend_input, *entity_type_id,
                                                     *std::move(product_type_id));
}

}  // namespace migrate::mapping::handlers

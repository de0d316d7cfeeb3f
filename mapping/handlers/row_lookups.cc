// Magento's handlers that fill a field with a value found in another source table, by a key of the
// same row. Small tables are read once at creation; large ones a batch at a time (one query with the
// batch's distinct keys), so no handler queries per row as Magento's do.
// - \Migration\Handler\ProductAlertStoreId: product_alert_*.store_id = the default store of the row's
//   website (core_website.default_group_id -> core_store_group.default_store_id); rows whose
//   website_id is empty (NULL, "", "0") stay; a website the source lacks gives NULL (Magento's false).
// - \Migration\Handler\SetDefaultWebsiteId: every row gets the handled field's column of the
//   core_website row marked is_default = 1 (NULL when there is none).
// - \Migration\Handler\QuoteMultiAddressStoreId: quote_address_item.store_id = the store_id of the
//   sales_flat_quote_item whose item_id is the row's quote_item_id (NULL when there is none).
// - \Migration\Handler\BundleParentProduct(parentField, documentWithProductId, fieldWithProductId):
//   the field = `fieldWithProductId` of the `documentWithProductId` row whose `parentField` equals
//   the row's `parentField`, when that is truthy; otherwise the field stays.
// - \Migration\Handler\Gallery\SetEntityId: the field (entity_id) = the same column of the source's
//   catalog_product_entity_media_gallery row whose value_id is the row's value_id, as an integer
//   (0 when there is none, as PHP's (int) false).
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_truth.h"
#include "mapping/handlers/set_constant.h"
#include "mapping/handlers/source_queries.h"

namespace migrate::mapping::handlers {
namespace {

// Sets `field` from `values` by the row's `key_field`; `missing` (nullopt: NULL) for keys not found or
// found with a NULL value.
void SetFromKeys(FieldValues& target, size_t field, size_t key_field, const ValueByKey& values,
                 const std::optional<std::string>& missing) {
  for (size_t row = 0; row < target.row_count(); ++row) {
    const std::optional<std::string>* value = &missing;
    if (!target.IsNull(row, key_field)) {
      auto it = values.find(target.Value(row, key_field));
      if (it != values.end() && it->second.has_value()) value = &it->second;
    }
    SetOrNull(target, row, field, *value);
  }
}

class ProductAlertStoreId : public Handler {
 public:
  ProductAlertStoreId(size_t field, size_t website_id, ValueByKey default_stores)
      : field_(field), website_id_(website_id), default_stores_(std::move(default_stores)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (!php::CellTruthy(target, row, website_id_)) continue;
      auto it = default_stores_.find(target.Value(row, website_id_));
      if (it != default_stores_.end()) {
        SetOrNull(target, row, field_, it->second);
      } else {
        target.SetNull(row, field_);
      }
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t website_id_;
  const ValueByKey default_stores_;
};

// The field from `value_column` of the source `document`'s row whose `key_column` is the row's key.
class BatchLookup : public Handler {
 public:
  struct Spec {
    std::string document;
    std::string key_column;
    std::string value_column;
    // The value for keys not found; nullopt is NULL.
    std::optional<std::string> missing;
    // Only truthy values found are set; other rows stay (BundleParentProduct).
    bool only_truthy = false;
  };

  BatchLookup(size_t field, size_t key_field, const SourceLookup& source, Spec spec)
      : field_(field), key_field_(key_field), source_(source), spec_(std::move(spec)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    absl::StatusOr<ValueByKey> values =
        FetchForBatch(source_, spec_.document, spec_.key_column, spec_.value_column, target, key_field_);
    if (!values.ok()) return values.status();
    if (!spec_.only_truthy) {
      SetFromKeys(target, field_, key_field_, *values, spec_.missing);
      return absl::OkStatus();
    }
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, key_field_)) continue;
      auto it = values->find(target.Value(row, key_field_));
      if (it == values->end() || !it->second.has_value() || !php::Truthy(false, *it->second)) continue;
      target.Set(row, field_, *it->second);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t key_field_;
  const SourceLookup& source_;
  const Spec spec_;
};

HandlerOrError MakeBatchLookup(const HandlerArgs& args, absl::string_view key_field, BatchLookup::Spec spec) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> key = args.Field(key_field);
  if (!key.ok()) return key.status();
  absl::StatusOr<const SourceLookup*> source = NeedSource(args);
  if (!source.ok()) return source.status();
  return std::make_unique<BatchLookup>(*field, *key, **source, std::move(spec));
}

}  // namespace

HandlerOrError MakeProductAlertStoreId(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> website_id = args.Field("website_id");
  if (!website_id.ok()) return website_id.status();
  absl::StatusOr<const SourceLookup*> source = NeedSource(args);
  if (!source.ok()) return source.status();
  absl::StatusOr<ValueByKey> default_stores = FetchPairs(
      **source, absl::StrCat("SELECT cw.website_id, csg.default_store_id FROM ", (*source)->Table("core_website"),
                             " AS cw JOIN ", (*source)->Table("core_store_group"),
                             " AS csg ON csg.group_id = cw.default_group_id"));
  if (!default_stores.ok()) return default_stores.status();
  return std::make_unique<ProductAlertStoreId>(*field, *website_id, *std::move(default_stores));
}

HandlerOrError MakeSetDefaultWebsiteId(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<const SourceLookup*> source = NeedSource(args);
  if (!source.ok()) return source.status();
  absl::StatusOr<std::optional<std::string>> website =
      FetchFirst(**source, absl::StrCat("SELECT ", QuoteColumn(args.context().field), " FROM ",
                                        (*source)->Table("core_website"), " WHERE is_default = 1 LIMIT 1"));
  if (!website.ok()) return website.status();
  return MakeSetConstant(*field, *std::move(website));
}

HandlerOrError MakeQuoteMultiAddressStoreId(const HandlerArgs& args) {
  return MakeBatchLookup(args, "quote_item_id", {"sales_flat_quote_item", "item_id", "store_id", std::nullopt});
}

HandlerOrError MakeBundleParentProduct(const HandlerArgs& args) {
  absl::StatusOr<std::string> parent_field = args.Required("parentField");
  if (!parent_field.ok()) return parent_field.status();
  absl::StatusOr<std::string> document = args.Required("documentWithProductId");
  if (!document.ok()) return document.status();
  absl::StatusOr<std::string> product_field = args.Required("fieldWithProductId");
  if (!product_field.ok()) return product_field.status();
  return MakeBatchLookup(args, *parent_field,
                         {*document, *parent_field, *product_field, std::nullopt, /*only_truthy=*/true});
}

HandlerOrError MakeGallerySetEntityId(const HandlerArgs& args) {
  return MakeBatchLookup(args, "value_id",
                         {"catalog_product_entity_media_gallery", "value_id", args.context().field, "0"});
}

}  // namespace migrate::mapping::handlers

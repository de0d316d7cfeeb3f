// Magento 1's EAV metadata for the generated shop: entity types with their real ids and models,
// attributes with their real codes, ids, backend types and models, attribute sets and groups,
// select options with store labels, and the catalog_eav_attribute and customer_eav_attribute rows.
//
// Value tables find their attributes here with AttributeId(), which checks the backend type, so an
// EAV value can only land in the table that matches its attribute.
#ifndef MIGRATE_SCRIPTS_GENERATOR_EAV_METADATA_H_
#define MIGRATE_SCRIPTS_GENERATOR_EAV_METADATA_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "generator/table_spec.h"

namespace migrate::generator {

// eav_entity_type ids of a Magento 1.9 install.
enum EntityType : uint16_t {
  kCustomerEntity = 1,
  kCustomerAddressEntity = 2,
  kCategoryEntity = 3,
  kProductEntity = 4,
  kOrderEntity = 5,
  kInvoiceEntity = 6,
  kCreditmemoEntity = 7,
  kShipmentEntity = 8,
};

// Default attribute sets of categories and products; products also use the others in
// kProductAttributeSets (customers and addresses have attribute set 0 in their rows, as in Magento 1).
inline constexpr uint16_t kCategoryAttributeSet = 3;
inline constexpr uint16_t kDefaultProductAttributeSet = 4;
inline constexpr uint16_t kProductAttributeSets[] = {4, 4, 4, 9, 10, 11, 12, 13};

// The id of attribute `code` of `entity`. Aborts, naming the attribute, when there is no such
// attribute or its backend type is not `backend_type`: that is a bug in the generator.
uint16_t AttributeId(EntityType entity, absl::string_view code, absl::string_view backend_type);

// The option ids of a select attribute, in sort order.
std::vector<uint32_t> OptionIds(EntityType entity, absl::string_view code);

// eav_entity_type, eav_attribute, eav_attribute_set, eav_attribute_group, eav_entity_attribute,
// eav_attribute_option, eav_attribute_option_value, eav_attribute_label, catalog_eav_attribute,
// customer_eav_attribute, customer_form_attribute.
void AddEavMetadataTables(TableList& tables);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_EAV_METADATA_H_

// The factories of the handlers in mapping/handlers/, one per Magento class; RegisterDefaultHandlers
// registers them under Magento's class names. Each file's comment gives its class's semantics.
#ifndef MIGRATE_MAPPING_HANDLERS_FACTORIES_H_
#define MIGRATE_MAPPING_HANDLERS_FACTORIES_H_

#include <memory>

#include "absl/status/statusor.h"
#include "mapping/handler.h"
#include "mapping/handler_registry.h"

namespace migrate::mapping::handlers {

using HandlerOrError = absl::StatusOr<std::unique_ptr<const Handler>>;

HandlerOrError MakeSetValue(const HandlerArgs& args);             // set_value.cc
HandlerOrError MakeConvert(const HandlerArgs& args);              // convert.cc
HandlerOrError MakeAddPrefix(const HandlerArgs& args);            // add_prefix.cc
HandlerOrError MakeFieldCopy(const HandlerArgs& args);            // field_copy.cc
HandlerOrError MakeStoreGroupCode(const HandlerArgs& args);       // store_group_code.cc
HandlerOrError MakeTruncateSuffix(const HandlerArgs& args);       // truncate_suffix.cc
HandlerOrError MakeSerializeToJson(const HandlerArgs& args);      // serialize_to_json.cc
HandlerOrError MakeSettingsUrlSuffix(const HandlerArgs& args);    // settings_handlers.cc
HandlerOrError MakeSettingsCategoryRootId(const HandlerArgs& args);  // settings_handlers.cc
HandlerOrError MakeEavAttributeConvertModel(const HandlerArgs& args);               // eav_attribute.cc
HandlerOrError MakeEavAttributeApplyTo(const HandlerArgs& args);                    // eav_attribute.cc
HandlerOrError MakeEavAttributeBackendTypeForMultiselect(const HandlerArgs& args);  // eav_attribute.cc
HandlerOrError MakeEavAttributeGroupSetGroupCode(const HandlerArgs& args);          // set_group_code.cc
HandlerOrError MakeSetValueAttributeCondition(const HandlerArgs& args);             // eav_value.cc
HandlerOrError MakeConvertEavValue(const HandlerArgs& args);                        // eav_value.cc
HandlerOrError MakeCleanMultiselect(const HandlerArgs& args);                       // eav_value.cc
HandlerOrError MakeProductAlertStoreId(const HandlerArgs& args);                    // row_lookups.cc
HandlerOrError MakeSetDefaultWebsiteId(const HandlerArgs& args);                    // row_lookups.cc
HandlerOrError MakeQuoteMultiAddressStoreId(const HandlerArgs& args);               // row_lookups.cc
HandlerOrError MakeBundleParentProduct(const HandlerArgs& args);                    // row_lookups.cc
HandlerOrError MakeGallerySetEntityId(const HandlerArgs& args);                     // row_lookups.cc
HandlerOrError MakeSynonym(const HandlerArgs& args);                                // destination_writes.cc
HandlerOrError MakeGalleryInsertValueToEntity(const HandlerArgs& args);             // destination_writes.cc
HandlerOrError MakeSequence(const HandlerArgs& args);                               // destination_writes.cc
HandlerOrError MakeGetDestinationValue(const HandlerArgs& args);                    // record_rules.cc
HandlerOrError MakeSalesOrderStatusStateSetVisibleOnFront(const HandlerArgs& args);  // record_rules.cc
HandlerOrError MakeGetEventStatus(const HandlerArgs& args);                         // record_rules.cc
HandlerOrError MakeConvertTimestampToDate(const HandlerArgs& args);                 // date_ip.cc
HandlerOrError MakeConvertIp(const HandlerArgs& args);                              // date_ip.cc
HandlerOrError MakeConvertDateFormat(const HandlerArgs& args);                      // date_ip.cc
HandlerOrError MakeTimezone(const HandlerArgs& args);                               // date_ip.cc
HandlerOrError MakeEncrypt(const HandlerArgs& args);                                  // encrypt.cc
HandlerOrError MakeSettingsEncrypt(const HandlerArgs& args);                          // encrypt.cc
HandlerOrError MakeSerializeToJsonItemOption(const HandlerArgs& args);  // serialize_to_json_variants.cc
HandlerOrError MakeSerializeToJsonConvertWithConditions(const HandlerArgs& args);  // serialize_to_json_variants.cc
HandlerOrError MakeSerializeToJsonSalesOrderItem(const HandlerArgs& args);  // serialize_to_json_variants.cc
HandlerOrError MakeRuleSerializedData(const HandlerArgs& args);                       // rule_serialized_data.cc
HandlerOrError MakeClassMap(const HandlerArgs& args);                                 // class_map_handlers.cc
HandlerOrError MakePlaceholder(const HandlerArgs& args);                              // class_map_handlers.cc
HandlerOrError MakeSetHash(const HandlerArgs& args);                                  // set_hash.cc
HandlerOrError MakeSettingsTemplate(const HandlerArgs& args);                         // settings_template.cc
HandlerOrError MakeRuleNormalizationIds(const HandlerArgs& args);                     // rule_normalization_ids.cc
HandlerOrError MakeRuleConditionSql(const HandlerArgs& args);                         // rule_condition_sql.cc

}  // namespace migrate::mapping::handlers

#endif  // MIGRATE_MAPPING_HANDLERS_FACTORIES_H_

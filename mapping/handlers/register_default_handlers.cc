// The list of every handler implemented, under the class names Magento's map and settings files use.
#include "mapping/handler_registry.h"
#include "mapping/handlers/factories.h"

namespace migrate::mapping {

void RegisterDefaultHandlers(HandlerRegistry& registry) {
  using namespace handlers;  // NOLINT(build/namespaces): the factories are listed below.
  registry.Register("Migration\\Handler\\SetValue", MakeSetValue);
  registry.Register("Migration\\Handler\\Convert", MakeConvert);
  registry.Register("Migration\\Handler\\AddPrefix", MakeAddPrefix);
  registry.Register("Migration\\Handler\\FieldCopy", MakeFieldCopy);
  registry.Register("Migration\\Handler\\StoreGroupCode", MakeStoreGroupCode);
  registry.Register("Migration\\Handler\\TruncateSuffix", MakeTruncateSuffix);
  registry.Register("Migration\\Handler\\SerializeToJson", MakeSerializeToJson);
  registry.Register("Migration\\Handler\\Settings\\UrlSuffix", MakeSettingsUrlSuffix);
  registry.Register("Migration\\Handler\\Settings\\CategoryRootId", MakeSettingsCategoryRootId);
  registry.Register("Migration\\Handler\\EavAttribute\\ConvertModel", MakeEavAttributeConvertModel);
  registry.Register("Migration\\Handler\\EavAttribute\\ApplyTo", MakeEavAttributeApplyTo);
  registry.Register("Migration\\Handler\\EavAttribute\\BackendTypeForMultiselect", MakeEavAttributeBackendTypeForMultiselect);
  registry.Register("Migration\\Handler\\EavAttributeGroup\\SetGroupCode", MakeEavAttributeGroupSetGroupCode);
  registry.Register("Migration\\Handler\\SetValueAttributeCondition", MakeSetValueAttributeCondition);
  registry.Register("Migration\\Handler\\ConvertEavValue", MakeConvertEavValue);
  registry.Register("Migration\\Handler\\CleanMultiselect", MakeCleanMultiselect);
  registry.Register("Migration\\Handler\\ProductAlertStoreId", MakeProductAlertStoreId);
  registry.Register("Migration\\Handler\\SetDefaultWebsiteId", MakeSetDefaultWebsiteId);
  registry.Register("Migration\\Handler\\QuoteMultiAddressStoreId", MakeQuoteMultiAddressStoreId);
  registry.Register("Migration\\Handler\\BundleParentProduct", MakeBundleParentProduct);
  registry.Register("Migration\\Handler\\Gallery\\SetEntityId", MakeGallerySetEntityId);
  registry.Register("Migration\\Handler\\Synonym", MakeSynonym);
  registry.Register("Migration\\Handler\\Gallery\\InsertValueToEntity", MakeGalleryInsertValueToEntity);
  registry.Register("Migration\\Handler\\Sequence", MakeSequence);
  registry.Register("Migration\\Handler\\GetDestinationValue", MakeGetDestinationValue);
  registry.Register("Migration\\Handler\\SalesOrderStatusState\\SetVisibleOnFront", MakeSalesOrderStatusStateSetVisibleOnFront);
  registry.Register("Migration\\Handler\\GetEventStatus", MakeGetEventStatus);
  registry.Register("Migration\\Handler\\ConvertTimestampToDate", MakeConvertTimestampToDate);
  registry.Register("Migration\\Handler\\ConvertIp", MakeConvertIp);
  registry.Register("Migration\\Handler\\ConvertDateFormat", MakeConvertDateFormat);
  registry.Register("Migration\\Handler\\Timezone", MakeTimezone);
  registry.Register("Migration\\Handler\\Encrypt", MakeEncrypt);
  registry.Register("Migration\\Handler\\Settings\\Encrypt", MakeSettingsEncrypt);
  registry.Register("Migration\\Handler\\SerializeToJson\\ItemOption", MakeSerializeToJsonItemOption);
  registry.Register("Migration\\Handler\\SerializeToJson\\ConvertWithConditions",
                    MakeSerializeToJsonConvertWithConditions);
  registry.Register("Migration\\Handler\\SerializeToJson\\SalesOrderItem", MakeSerializeToJsonSalesOrderItem);
  registry.Register("Migration\\Handler\\Rule\\SerializedData", MakeRuleSerializedData);
  registry.Register("Migration\\Handler\\ClassMap", MakeClassMap);
  registry.Register("Migration\\Handler\\Placeholder", MakePlaceholder);
  registry.Register("Migration\\Handler\\SetHash", MakeSetHash);
  registry.Register("Migration\\Handler\\Settings\\Template", MakeSettingsTemplate);
  registry.Register("Migration\\Handler\\Rule\\NormalizationIds", MakeRuleNormalizationIds);
  registry.Register("Migration\\Handler\\Rule\\ConditionSql", MakeRuleConditionSql);
}

}  // namespace migrate::mapping

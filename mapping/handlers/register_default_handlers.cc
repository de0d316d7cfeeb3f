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
}

}  // namespace migrate::mapping

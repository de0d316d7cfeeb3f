#include "stages/steps/builtin_steps.h"

#include <memory>

#include "stages/step_registry.h"
#include "stages/steps/configurable_prices_delta.h"
#include "stages/steps/configurable_prices_step.h"
#include "stages/steps/customer/customer_step.h"
#include "stages/steps/data_integrity_step.h"
#include "stages/steps/eav/eav_step.h"
#include "stages/steps/inventory_step.h"
#include "stages/steps/log_step.h"
#include "stages/steps/map_delta_step.h"
#include "stages/steps/map_step.h"
#include "stages/steps/order_grids_delta.h"
#include "stages/steps/order_grids_step.h"
#include "stages/steps/post_processing_step.h"
#include "stages/steps/ratings_step.h"
#include "stages/steps/sales_increment_step.h"
#include "stages/steps/settings_step.h"
#include "stages/steps/tier_price_delta.h"
#include "stages/steps/tier_price_step.h"
#include "stages/steps/url_rewrite_delta.h"
#include "stages/steps/url_rewrite_step.h"

namespace migrate::stages {

void RegisterBuiltinSteps(StepRegistry& registry) {
  registry.Register("Migration\\Step\\Map\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<MapIntegrity>(MapStep()); });
  registry.Register("Migration\\Step\\Map\\Data", [](const mapping::StepConfig& step) {
    return std::make_unique<MapData>(step.title, MapStep());
  });
  registry.Register("Migration\\Step\\Map\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<MapVolume>(MapStep()); });
  registry.Register("Migration\\Step\\Map\\Delta",
                    [](const mapping::StepConfig&) { return std::make_unique<MapDelta>("delta_map", MapStep()); });
  registry.Register("Migration\\Step\\Stores\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<MapIntegrity>(StoresStep()); });
  registry.Register("Migration\\Step\\Stores\\Data", [](const mapping::StepConfig& step) {
    return std::make_unique<MapData>(step.title, StoresStep());
  });
  registry.Register("Migration\\Step\\Stores\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<MapVolume>(StoresStep()); });
  registry.Register("Migration\\Step\\Settings\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<SettingsIntegrity>(); });
  registry.Register("Migration\\Step\\Settings\\Data",
                    [](const mapping::StepConfig&) { return std::make_unique<SettingsData>(); });
  registry.Register("Migration\\Step\\Customer\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<customer::CustomerIntegrity>(); });
  registry.Register("Migration\\Step\\Customer\\Data", [](const mapping::StepConfig& step) {
    return std::make_unique<customer::CustomerData>(step.title);
  });
  registry.Register("Migration\\Step\\Customer\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<customer::CustomerVolume>(); });
  registry.Register("Migration\\Step\\Customer\\Delta",
                    [](const mapping::StepConfig&) { return customer::MakeCustomerDelta(); });
  registry.Register("Migration\\Step\\Eav\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<eav::EavIntegrity>(); });
  registry.Register("Migration\\Step\\Eav\\Data",
                    [](const mapping::StepConfig& step) { return std::make_unique<eav::EavData>(step.title); });
  registry.Register("Migration\\Step\\Eav\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<eav::EavVolume>(); });
  registry.Register("Migration\\Step\\Ratings\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<RatingsIntegrity>(); });
  registry.Register("Migration\\Step\\Ratings\\Data",
                    [](const mapping::StepConfig&) { return std::make_unique<RatingsData>(); });
  registry.Register("Migration\\Step\\Ratings\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<RatingsVolume>(); });
  registry.Register("Migration\\Step\\SalesIncrement\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<SalesIncrementIntegrity>(); });
  registry.Register("Migration\\Step\\SalesIncrement\\Data",
                    [](const mapping::StepConfig&) { return std::make_unique<SalesIncrementData>(); });
  registry.Register("Migration\\Step\\SalesIncrement\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<SalesIncrementVolume>(); });
  registry.Register("Migration\\Step\\SalesIncrement\\Delta",
                    [](const mapping::StepConfig&) { return std::make_unique<SalesIncrementDelta>(); });
  registry.Register("Migration\\Step\\OrderGrids\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<OrderGridsIntegrity>(); });
  registry.Register("Migration\\Step\\OrderGrids\\Data",
                    [](const mapping::StepConfig&) { return std::make_unique<OrderGridsData>(); });
  registry.Register("Migration\\Step\\OrderGrids\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<OrderGridsVolume>(); });
  registry.Register("Migration\\Step\\OrderGrids\\Delta",
                    [](const mapping::StepConfig&) { return std::make_unique<OrderGridsDelta>(); });
  registry.Register("Migration\\Step\\Inventory\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<InventoryIntegrity>(); });
  registry.Register("Migration\\Step\\Inventory\\Data",
                    [](const mapping::StepConfig&) { return std::make_unique<InventoryData>(); });
  registry.Register("Migration\\Step\\Inventory\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<InventoryVolume>(); });
  registry.Register("Migration\\Step\\Inventory\\Delta",
                    [](const mapping::StepConfig&) { return std::make_unique<InventoryDelta>(); });
  registry.Register("Migration\\Step\\Log\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<LogIntegrity>(); });
  registry.Register("Migration\\Step\\Log\\Data",
                    [](const mapping::StepConfig& step) { return std::make_unique<LogData>(step.title); });
  registry.Register("Migration\\Step\\Log\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<LogVolume>(); });
  registry.Register("Migration\\Step\\Log\\Delta",
                    [](const mapping::StepConfig&) { return MakeLogDelta(); });
  registry.Register("Migration\\Step\\TierPrice\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<TierPriceIntegrity>(); });
  registry.Register("Migration\\Step\\TierPrice\\Data",
                    [](const mapping::StepConfig& step) { return std::make_unique<TierPriceData>(step.title); });
  registry.Register("Migration\\Step\\TierPrice\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<TierPriceVolume>(); });
  registry.Register("Migration\\Step\\TierPrice\\Delta",
                    [](const mapping::StepConfig&) { return std::make_unique<TierPriceDelta>(); });
  registry.Register("Migration\\Step\\ConfigurablePrices\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<ConfigurablePricesIntegrity>(); });
  registry.Register("Migration\\Step\\ConfigurablePrices\\Data",
                    [](const mapping::StepConfig&) { return std::make_unique<ConfigurablePricesData>(); });
  registry.Register("Migration\\Step\\ConfigurablePrices\\Volume",
                    [](const mapping::StepConfig&) { return std::make_unique<ConfigurablePricesVolume>(); });
  registry.Register("Migration\\Step\\ConfigurablePrices\\Delta",
                    [](const mapping::StepConfig&) { return std::make_unique<ConfigurablePricesDelta>(); });
  registry.Register("Migration\\Step\\UrlRewrite\\Version191to2000Delta",
                    [](const mapping::StepConfig&) { return std::make_unique<UrlRewrite191Delta>(); });
  registry.Register("Migration\\Step\\UrlRewrite\\Version191to2000",
                    [](const mapping::StepConfig& step, mapping::StageKind stage) {
                      return std::make_unique<UrlRewrite191>(step.title, stage);
                    });
  registry.Register("Migration\\Step\\DataIntegrity\\Integrity",
                    [](const mapping::StepConfig&) { return std::make_unique<DataIntegrity>(); });
  registry.Register("Migration\\Step\\PostProcessing\\Data",
                    [](const mapping::StepConfig&) { return std::make_unique<PostProcessingData>(); });
}

}  // namespace migrate::stages

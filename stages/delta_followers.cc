#include "stages/delta_followers.h"

#include <algorithm>


namespace migrate::stages {

const std::vector<DeltaFollower>& DeltaFollowers() {
  static const auto* followers = new std::vector<DeltaFollower>{
      {kOrderGridsFollower,
       "Migration\\Step\\OrderGrids\\Delta",
       {"sales_flat_order", "sales_flat_order_address", "sales_flat_order_payment", "sales_flat_invoice",
        "sales_flat_shipment", "sales_flat_creditmemo"}},
      {kInventoryFollower, "Migration\\Step\\Inventory\\Delta", {"cataloginventory_stock_item", "sales_flat_shipment"}},
      {kConfigurablePricesFollower,
       "Migration\\Step\\ConfigurablePrices\\Delta",
       {"catalog_product_entity_decimal", "catalog_product_super_link", "catalog_product_super_attribute"}},
  };
  return *followers;
}

std::vector<std::string> ActiveFollowersOf(const RunContext& context, const std::string& document) {
  std::vector<std::string> names;
  for (const DeltaFollower& follower : DeltaFollowers()) {
    if (std::find(follower.documents.begin(), follower.documents.end(), document) == follower.documents.end()) {
      continue;
    }
    for (const mapping::StepConfig& step : context.config().Steps("delta")) {
      const mapping::StageClass* delta = step.Stage(mapping::StageKind::kDelta);
      if (delta != nullptr && delta->class_name == follower.delta_class) {
        names.push_back(follower.name);
        break;
      }
    }
  }
  return names;
}

io::FollowerKeys DestinationFollowerKeys(const RunContext& context) {
  return io::FollowerKeys(context.connections().destination().database);
}

}  // namespace migrate::stages

// The delta steps that follow tables of Map's delta group (delta_map) instead of reading their
// changelogs, and the hand-off of the keys Map's delta replays to them (io/follower_keys.h).
//
// Magento's OrderGrids and Inventory deltas read the changelogs of delta_map tables that Map's
// delta has already marked processed; ours removes changelog rows once applied, so a follower
// could never see them. (ConfigurablePrices follows tables Magento's delta does not track.) Instead each follower is listed here, by name, with its delta class and
// the source documents it follows. A follower is active when its delta class is named by a step
// of <steps mode="delta"> in config.xml; then, for each page of a followed document, MapDelta
// records the replayed keys for it in the destination's migrate_delta_followers after applying the
// page and before removing its changelog rows. A follower that is not configured gets nothing
// recorded, so its table does not grow.
#ifndef MIGRATE_STAGES_DELTA_FOLLOWERS_H_
#define MIGRATE_STAGES_DELTA_FOLLOWERS_H_

#include <string>
#include <vector>

#include "io/follower_keys.h"
#include "stages/run_context.h"

namespace migrate::stages {

struct DeltaFollower {
  // The follower column of migrate_delta_followers.
  std::string name;
  // The <delta> class that consumes its keys.
  std::string delta_class;
  // The source documents (no prefix) whose replayed keys it needs.
  std::vector<std::string> documents;
};

inline constexpr char kOrderGridsFollower[] = "order_grids";
inline constexpr char kInventoryFollower[] = "inventory";
inline constexpr char kConfigurablePricesFollower[] = "configurable_prices";

// OrderGrids (the six documents of order-grids-document-groups.xml), Inventory
// (delta_inventory's cataloginventory_stock_item and sales_flat_shipment) and ConfigurablePrices
// (catalog_product_entity_decimal, catalog_product_super_link, catalog_product_super_attribute).
const std::vector<DeltaFollower>& DeltaFollowers();

// The names of the active followers of `document` (see above).
std::vector<std::string> ActiveFollowersOf(const RunContext& context, const std::string& document);

// The follower table of the destination: migrate_delta_followers, without dest_prefix, as the
// tool's other tables (migrate_progress, migrate_volume_adjustments).
io::FollowerKeys DestinationFollowerKeys(const RunContext& context);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_DELTA_FOLLOWERS_H_

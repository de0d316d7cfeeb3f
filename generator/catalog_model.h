// The generated catalog as facts: the category tree (built once) and each product's facts, drawn
// on demand from the product's own random streams, so every table that mentions a product (EAV
// values, stock, orders, quotes, reviews, URL rewrites) sees the same SKU, name, price and websites.
#ifndef MIGRATE_SCRIPTS_GENERATOR_CATALOG_MODEL_H_
#define MIGRATE_SCRIPTS_GENERATOR_CATALOG_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "generator/random.h"
#include "generator/scale.h"
#include "generator/text.h"

namespace migrate::generator {

// 2013-01-01 00:00:00 UTC: the shop opened then; dates spread over the four years after it.
inline constexpr int64_t kShopOpened = 1356998400;
inline constexpr int64_t kFourYears = 4 * 365 * 86400;

enum class ProductType : uint8_t { kSimple, kConfigurable, kVirtual, kDownloadable, kGrouped, kBundle };

// Magento's type_id: "simple", "configurable", ...
absl::string_view TypeId(ProductType type);
bool IsShippable(ProductType type);

// Bit 1: main website (1); bit 2: Japan website (2).
using WebsiteMask = uint8_t;
inline constexpr WebsiteMask kMainWebsite = 1;
inline constexpr WebsiteMask kJapanWebsite = 2;

struct Category {
  uint32_t id = 0;
  uint32_t parent_id = 0;
  uint32_t root_id = 0;  // 2 (main website) or 3 (Japan website); 0 for the tree's root 1
  std::string path;      // "1/2/7/19"
  int level = 0;
  int position = 0;
  int children_count = 0;  // all descendants, as Magento counts them
  std::string name;
  std::string german_name;
  std::string url_key;
  std::string url_path;  // parent's url_path + "/" + url_key, without suffix
  int64_t created_at = 0;
  bool is_active = true;
};

struct ProductFacts {
  uint32_t id = 0;
  ProductType type = ProductType::kSimple;
  uint16_t attribute_set_id = 0;
  WebsiteMask websites = 0;
  std::string sku;
  std::string name;  // English, the admin (store 0) value
  std::string url_key;
  int64_t price_cents = 0;
  int64_t special_price_cents = 0;  // 0: none
  int64_t cost_cents = 0;           // 0: none
  int64_t weight = 0;               // kg in ten-thousandths; 0 when not shippable
  bool enabled = true;
  int visibility = 4;  // 1 not visible, 2 catalog, 3 search, 4 both
  int tax_class_id = 2;
  uint32_t color_option = 0;  // 0: none
  uint32_t size_option = 0;
  uint32_t manufacturer_option = 0;
  std::vector<uint32_t> category_ids;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  bool german_override = false;   // store 2 has its own name, URL key and texts
  bool english_override = false;  // store 1 has its own name
  int qty = 0;
};

class Catalog {
 public:
  Catalog(uint64_t seed, const Scale& scale);

  uint64_t seed() const { return seed_; }
  uint32_t products() const { return products_; }
  const std::vector<Category>& categories() const { return categories_; }

  // Cheap facts, for picking products: type and websites.
  ProductType TypeOf(uint32_t product_id) const;
  WebsiteMask WebsitesOf(uint32_t product_id) const;

  ProductFacts Product(uint32_t product_id) const;

  // The product's name in a store view's language (German only where the product has a German
  // name, Japanese in the Japan website).
  std::string LocalName(const ProductFacts& product, Language language) const;

  // A random product sold in `website` that a customer can buy on its own (not grouped).
  uint32_t PickOrderable(Random& random, WebsiteMask website) const;
  // A random simple product, the child a configurable line ships.
  uint32_t PickSimple(Random& random) const;

 private:
  void BuildCategories(uint32_t count);

  uint64_t seed_;
  uint32_t products_;
  std::vector<Category> categories_;        // categories_[id - 1]
  std::vector<uint32_t> main_categories_;   // below root 2
  std::vector<uint32_t> japan_categories_;  // below root 3
};

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_CATALOG_MODEL_H_

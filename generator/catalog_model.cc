#include "generator/catalog_model.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "generator/eav_metadata.h"

namespace migrate::generator {
namespace {

constexpr absl::string_view kCategoryWords[] = {
    "Men",     "Women",   "Kids' Corner", "Accessories", "Electronics", "Home & Garden", "Sale %", "Shoes",  "Bags",
    "Outdoor", "Kitchen", "Office",       "Toys",        "Gifts",       "Jewellery",     "Beauty", "Sports", "Books"};
constexpr absl::string_view kCategoryQualifiers[] = {"",        "",       "New",    "Best of",
                                                     "Premium", "Summer", "Winter", "Vintage"};
constexpr absl::string_view kGermanCategoryWords[] = {
    "Herren",  "Damen", "Kinder", "Zubehör",   "Elektronik", "Haus & Garten", "Sonderangebote", "Schuhe", "Taschen",
    "Draußen", "Küche", "Büro",   "Spielzeug", "Geschenke",  "Schmuck",       "Schönheit",      "Sport",  "Bücher"};
constexpr absl::string_view kJapaneseCategoryWords[] = {"メンズ", "レディース", "キッズ", "雑貨",
                                                        "家電",   "キッチン",   "セール", "ギフト"};

constexpr absl::string_view kSkuPrefixes[] = {"SKU-", "MG-", "ab/", "X ", "HB-", "ÄRT-"};

}  // namespace

absl::string_view TypeId(ProductType type) {
  switch (type) {
    case ProductType::kSimple:
      return "simple";
    case ProductType::kConfigurable:
      return "configurable";
    case ProductType::kVirtual:
      return "virtual";
    case ProductType::kDownloadable:
      return "downloadable";
    case ProductType::kGrouped:
      return "grouped";
    case ProductType::kBundle:
      return "bundle";
  }
  return "simple";
}

bool IsShippable(ProductType type) {
  return type == ProductType::kSimple || type == ProductType::kConfigurable || type == ProductType::kBundle;
}

Catalog::Catalog(uint64_t seed, const Scale& scale) : seed_(seed), products_(scale.products) {
  BuildCategories(scale.categories);
}

void Catalog::BuildCategories(uint32_t count) {
  categories_.resize(std::max<uint32_t>(count, 4));
  Random random = Random::For(seed_, "categories");
  auto init_root = [&](uint32_t id, uint32_t parent, std::string name, std::string german) {
    Category& category = categories_[id - 1];
    category.id = id;
    category.parent_id = parent;
    category.root_id = parent == 0 ? 0 : id;
    category.path = parent == 0 ? "1" : absl::StrCat("1/", id);
    category.level = parent == 0 ? 0 : 1;
    category.name = std::move(name);
    category.german_name = std::move(german);
    category.created_at = kShopOpened - 90 * 86400;
  };
  init_root(1, 0, "Root Catalog", "");
  init_root(2, 1, "Default Category", "Standardkategorie");
  init_root(3, 1, "日本のカタログ", "");
  categories_[1].position = 1;
  categories_[2].position = 2;
  std::vector<int> children(categories_.size() + 1, 0);
  children[1] = 2;
  for (uint32_t id = 4; id <= categories_.size(); ++id) {
    const uint32_t root = id % 7 == 3 ? 3 : 2;
    std::vector<uint32_t>& members = root == 3 ? japan_categories_ : main_categories_;
    uint32_t parent = root;
    if (members.size() >= 6 && !random.Percent(25)) {
      const uint32_t candidate = members[random.Below(members.size())];
      if (categories_[candidate - 1].level < 4) parent = candidate;
    }
    const Category& parent_category = categories_[parent - 1];
    Category& category = categories_[id - 1];
    category.id = id;
    category.parent_id = parent;
    category.root_id = root;
    category.level = parent_category.level + 1;
    category.path = absl::StrCat(parent_category.path, "/", id);
    category.position = ++children[parent];
    const size_t word = random.Below(std::size(kCategoryWords));
    const absl::string_view qualifier = kCategoryQualifiers[random.Below(std::size(kCategoryQualifiers))];
    category.name = root == 3 ? absl::StrCat(kJapaneseCategoryWords[word % std::size(kJapaneseCategoryWords)], " ",
                                             kCategoryWords[word])
                              : absl::StrCat(qualifier, qualifier.empty() ? "" : " ", kCategoryWords[word]);
    if (root == 2 && random.Percent(60)) category.german_name = std::string(kGermanCategoryWords[word]);
    category.url_key = absl::StrCat(UrlKey(kCategoryWords[word]), "-", id);
    category.url_path =
        parent_category.level >= 2 ? absl::StrCat(parent_category.url_path, "/", category.url_key) : category.url_key;
    category.created_at = kShopOpened - 60 * 86400 + static_cast<int64_t>(id) * 3600 + random.Between(0, 3599);
    category.is_active = !random.OneIn(15);
    members.push_back(id);
  }
  for (const Category& category : categories_) {
    for (uint32_t ancestor = category.parent_id; ancestor != 0; ancestor = categories_[ancestor - 1].parent_id) {
      ++categories_[ancestor - 1].children_count;
    }
  }
}

ProductType Catalog::TypeOf(uint32_t product_id) const {
  Random random = Random::For(seed_, "product_type", product_id);
  const uint64_t roll = random.Below(100);
  if (roll < 75) return ProductType::kSimple;
  if (roll < 83) return ProductType::kConfigurable;
  if (roll < 89) return ProductType::kVirtual;
  if (roll < 92) return ProductType::kDownloadable;
  if (roll < 96) return ProductType::kGrouped;
  return ProductType::kBundle;
}

WebsiteMask Catalog::WebsitesOf(uint32_t product_id) const {
  Random random = Random::For(seed_, "product_websites", product_id);
  const uint64_t roll = random.Below(100);
  if (roll < 70) return kMainWebsite;
  if (roll < 80) return kJapanWebsite;
  return kMainWebsite | kJapanWebsite;
}

uint32_t Catalog::PickOrderable(Random& random, WebsiteMask website) const {
  while (true) {
    const uint32_t id = static_cast<uint32_t>(random.Between(1, products_));
    if ((WebsitesOf(id) & website) != 0 && TypeOf(id) != ProductType::kGrouped) return id;
  }
}

uint32_t Catalog::PickSimple(Random& random) const {
  for (int attempt = 0; attempt < 64; ++attempt) {
    const uint32_t id = static_cast<uint32_t>(random.Between(1, products_));
    if (TypeOf(id) == ProductType::kSimple) return id;
  }
  return 1;
}

ProductFacts Catalog::Product(uint32_t product_id) const {
  Random random = Random::For(seed_, "product", product_id);
  ProductFacts product;
  product.id = product_id;
  product.type = TypeOf(product_id);
  product.websites = WebsitesOf(product_id);
  product.attribute_set_id = kProductAttributeSets[random.Below(std::size(kProductAttributeSets))];
  product.sku = absl::StrCat(kSkuPrefixes[random.Below(std::size(kSkuPrefixes))], product_id);
  if (random.Percent(5)) product.sku += "-b";
  product.name = ProductName(random, Language::kEnglish);
  product.url_key = absl::StrCat(UrlKey(product.name), "-", product_id);
  const int64_t magnitude = random.Below(100) < 70 ? 5000 : (random.Percent(80) ? 50000 : 500000);
  product.price_cents = random.Between(99, magnitude);
  if (random.Percent(15)) product.special_price_cents = product.price_cents * random.Between(50, 90) / 100;
  if (random.Percent(30)) product.cost_cents = product.price_cents * random.Between(30, 70) / 100;
  if (IsShippable(product.type)) product.weight = random.Between(500, 250000);
  product.enabled = !random.OneIn(12);
  const uint64_t visibility = random.Below(100);
  product.visibility = visibility < 80 ? 4 : visibility < 90 ? 1 : visibility < 95 ? 2 : 3;
  product.tax_class_id = random.OneIn(10) ? 0 : 2;
  if (product.type == ProductType::kSimple || product.type == ProductType::kConfigurable) {
    static const std::vector<uint32_t> kColors = OptionIds(kProductEntity, "color");
    static const std::vector<uint32_t> kSizes = OptionIds(kProductEntity, "size");
    if (random.Percent(60)) product.color_option = kColors[random.Below(kColors.size())];
    if (product.attribute_set_id != kDefaultProductAttributeSet && random.Percent(70)) {
      product.size_option = kSizes[random.Below(kSizes.size())];
    }
  }
  if (random.Percent(50)) {
    static const std::vector<uint32_t> kManufacturers = OptionIds(kProductEntity, "manufacturer");
    product.manufacturer_option = kManufacturers[random.Below(kManufacturers.size())];
  }
  if ((product.websites & kMainWebsite) != 0 && !main_categories_.empty()) {
    for (int i = static_cast<int>(random.Between(1, 3)); i > 0; --i) {
      product.category_ids.push_back(main_categories_[random.Below(main_categories_.size())]);
    }
  }
  if ((product.websites & kJapanWebsite) != 0 && !japan_categories_.empty()) {
    for (int i = static_cast<int>(random.Between(1, 2)); i > 0; --i) {
      product.category_ids.push_back(japan_categories_[random.Below(japan_categories_.size())]);
    }
  }
  std::sort(product.category_ids.begin(), product.category_ids.end());
  product.category_ids.erase(std::unique(product.category_ids.begin(), product.category_ids.end()),
                             product.category_ids.end());
  product.created_at = kShopOpened - 120 * 86400 +
                       static_cast<int64_t>(product_id) * (kFourYears / 2) / std::max<uint32_t>(products_, 1) +
                       random.Between(0, 3600);
  product.updated_at = product.created_at + random.Between(0, 400) * 86400;
  product.german_override = (product.websites & kMainWebsite) != 0 && random.Percent(40);
  product.english_override = (product.websites & kMainWebsite) != 0 && random.Percent(10);
  product.qty = IsShippable(product.type) && product.type != ProductType::kConfigurable
                    ? static_cast<int>(random.Between(0, 500))
                    : 0;
  return product;
}

std::string Catalog::LocalName(const ProductFacts& product, Language language) const {
  if (language == Language::kEnglish) {
    return product.english_override ? absl::StrCat(product.name, " (Online Exclusive)") : product.name;
  }
  Random random = Random::For(seed_, language == Language::kGerman ? "product_name_de" : "product_name_ja", product.id);
  return ProductName(random, language);
}

}  // namespace migrate::generator

#include "generator/catalog_tables.h"

#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "generator/eav_value_writer.h"
#include "generator/stores.h"
#include "generator/text.h"

namespace migrate::generator {
namespace {

// Description sizes as shops have them: mostly short, some long, a few of several kilobytes.
size_t DescriptionBytes(Random& random) {
  const uint64_t roll = random.Below(100);
  if (roll < 70) return random.Between(150, 800);
  if (roll < 92) return random.Between(800, 2000);
  return random.Between(3000, 8000);
}

std::string ImagePath(const ProductFacts& product) {
  return absl::StrCat("/", product.url_key.substr(0, 1), "/", product.url_key.substr(1, 1), "/", product.url_key,
                      ".jpg");
}

// ---- categories ----

void EmitCategories(const Catalog& catalog, RowSink& sink) {
  for (const Category& category : catalog.categories()) {
    sink.Int("entity_id", category.id)
        .Int("entity_type_id", kCategoryEntity)
        .Int("attribute_set_id", kCategoryAttributeSet);
    sink.Int("parent_id", category.parent_id).DateTime("created_at", category.created_at);
    sink.DateTime("updated_at", category.created_at + 86400 * static_cast<int64_t>(category.id % 200));
    sink.Text("path", category.path).Int("position", category.position).Int("level", category.level);
    sink.Int("children_count", category.children_count).EndRow();
  }
}

void EmitCategoryVarchars(const Catalog& catalog, RowSink& sink) {
  const uint16_t name = AttributeId(kCategoryEntity, "name", "varchar");
  const uint16_t url_key = AttributeId(kCategoryEntity, "url_key", "varchar");
  const uint16_t url_path = AttributeId(kCategoryEntity, "url_path", "varchar");
  const uint16_t display_mode = AttributeId(kCategoryEntity, "display_mode", "varchar");
  const uint16_t meta_title = AttributeId(kCategoryEntity, "meta_title", "varchar");
  const uint16_t custom_design = AttributeId(kCategoryEntity, "custom_design", "varchar");
  const uint16_t page_layout = AttributeId(kCategoryEntity, "page_layout", "varchar");
  const uint16_t default_sort_by = AttributeId(kCategoryEntity, "default_sort_by", "varchar");
  EavValueWriter values(sink, kCategoryEntity);
  for (const Category& category : catalog.categories()) {
    Random random = Random::For(catalog.seed(), "category_values", category.id);
    values.Row(name, 0, category.id).Text("value", category.name).EndRow();
    if (category.level < 2) {
      values.Row(display_mode, 0, category.id).Text("value", "PRODUCTS").EndRow();
      continue;
    }
    values.Row(url_key, 0, category.id).Text("value", category.url_key).EndRow();
    values.Row(url_path, 0, category.id).Text("value", absl::StrCat(category.url_path, ".html")).EndRow();
    values.Row(display_mode, 0, category.id)
        .Text("value", random.Percent(80) ? "PRODUCTS" : "PRODUCTS_AND_PAGE")
        .EndRow();
    if (random.Percent(40))
      values.Row(meta_title, 0, category.id).Text("value", absl::StrCat(category.name, " | Kaufhaus")).EndRow();
    // Saving a category in the admin writes NULL rows for the design fields left empty.
    values.Row(custom_design, 0, category.id).Null("value").EndRow();
    values.Row(page_layout, 0, category.id)
        .OptionalText("value", random.Percent(20) ? std::optional<std::string>("two_columns_left") : std::nullopt)
        .EndRow();
    values.Row(default_sort_by, 0, category.id).Null("value").EndRow();
    if (!category.german_name.empty()) {
      values.Row(name, 2, category.id).Text("value", category.german_name).EndRow();
      values.Row(url_key, 2, category.id)
          .Text("value", absl::StrCat(UrlKey(category.german_name), "-", category.id))
          .EndRow();
    }
  }
}

void EmitCategoryInts(const Catalog& catalog, RowSink& sink) {
  const uint16_t is_active = AttributeId(kCategoryEntity, "is_active", "int");
  const uint16_t include_in_menu = AttributeId(kCategoryEntity, "include_in_menu", "int");
  const uint16_t is_anchor = AttributeId(kCategoryEntity, "is_anchor", "int");
  const uint16_t landing_page = AttributeId(kCategoryEntity, "landing_page", "int");
  const uint16_t custom_use_parent_settings = AttributeId(kCategoryEntity, "custom_use_parent_settings", "int");
  const uint16_t custom_apply_to_products = AttributeId(kCategoryEntity, "custom_apply_to_products", "int");
  EavValueWriter values(sink, kCategoryEntity);
  for (const Category& category : catalog.categories()) {
    values.Row(is_active, 0, category.id).Int("value", category.is_active ? 1 : 0).EndRow();
    values.Row(include_in_menu, 0, category.id).Int("value", 1).EndRow();
    if (category.level < 2) continue;
    values.Row(is_anchor, 0, category.id).Int("value", category.children_count > 0 ? 1 : 0).EndRow();
    values.Row(landing_page, 0, category.id).Null("value").EndRow();
    values.Row(custom_use_parent_settings, 0, category.id).Int("value", 0).EndRow();
    values.Row(custom_apply_to_products, 0, category.id).Int("value", 0).EndRow();
    if (category.id % 9 == 0) values.Row(is_active, 2, category.id).Int("value", 0).EndRow();
  }
}

void EmitCategoryTexts(const Catalog& catalog, RowSink& sink) {
  const uint16_t description = AttributeId(kCategoryEntity, "description", "text");
  const uint16_t meta_keywords = AttributeId(kCategoryEntity, "meta_keywords", "text");
  const uint16_t meta_description = AttributeId(kCategoryEntity, "meta_description", "text");
  const uint16_t available_sort_by = AttributeId(kCategoryEntity, "available_sort_by", "text");
  const uint16_t custom_layout_update = AttributeId(kCategoryEntity, "custom_layout_update", "text");
  EavValueWriter values(sink, kCategoryEntity);
  for (const Category& category : catalog.categories()) {
    if (category.level < 2) continue;
    Random random = Random::For(catalog.seed(), "category_texts", category.id);
    const Language language = category.root_id == 3 ? Language::kJapanese : Language::kEnglish;
    if (random.Percent(60)) {
      values.Row(description, 0, category.id).Text("value", Description(random, language, 400)).EndRow();
    }
    values.Row(meta_keywords, 0, category.id)
        .OptionalText("value", random.Percent(50)
                                   ? std::optional<std::string>(absl::StrCat(category.name, ", shop, kaufen"))
                                   : std::nullopt)
        .EndRow();
    values.Row(meta_description, 0, category.id).Null("value").EndRow();
    values.Row(available_sort_by, 0, category.id).Null("value").EndRow();
    if (random.Percent(5)) {
      values.Row(custom_layout_update, 0, category.id)
          .Text("value",
                "<reference name=\"head\">\r\n  <action "
                "method=\"setRobots\"><value>NOINDEX,FOLLOW</value></action>\r\n</reference>")
          .EndRow();
    }
    if (!category.german_name.empty() && random.Percent(50)) {
      values.Row(description, 2, category.id).Text("value", Description(random, Language::kGerman, 300)).EndRow();
    }
  }
}

void EmitCategoryDatetimes(const Catalog& catalog, RowSink& sink) {
  const uint16_t custom_design_from = AttributeId(kCategoryEntity, "custom_design_from", "datetime");
  const uint16_t custom_design_to = AttributeId(kCategoryEntity, "custom_design_to", "datetime");
  EavValueWriter values(sink, kCategoryEntity);
  for (const Category& category : catalog.categories()) {
    if (category.level < 2) continue;
    if (category.id % 10 == 0) {
      values.Row(custom_design_from, 0, category.id)
          .DateTime("value", category.created_at - category.created_at % 86400)
          .EndRow();
      values.Row(custom_design_to, 0, category.id).Null("value").EndRow();
    } else {
      values.Row(custom_design_from, 0, category.id).Null("value").EndRow();
      values.Row(custom_design_to, 0, category.id).Null("value").EndRow();
    }
  }
}

void EmitCategoryDecimals(const Catalog& catalog, RowSink& sink) {
  const uint16_t filter_price_range = AttributeId(kCategoryEntity, "filter_price_range", "decimal");
  EavValueWriter values(sink, kCategoryEntity);
  for (const Category& category : catalog.categories()) {
    if (category.level < 2) continue;
    if (category.id % 4 == 0) {
      values.Row(filter_price_range, 0, category.id).Money("value", 2500 * (1 + category.id % 3)).EndRow();
    } else {
      values.Row(filter_price_range, 0, category.id).Null("value").EndRow();
    }
  }
}

// ---- products ----

void EmitProducts(const Catalog& catalog, RowSink& sink) {
  for (uint32_t id = 1; id <= catalog.products(); ++id) {
    const ProductFacts product = catalog.Product(id);
    const bool has_options =
        product.type == ProductType::kConfigurable || product.type == ProductType::kBundle || product.id % 10 == 0;
    sink.Int("entity_id", id).Int("entity_type_id", kProductEntity).Int("attribute_set_id", product.attribute_set_id);
    sink.Text("type_id", TypeId(product.type)).Text("sku", product.sku);
    sink.DateTime("created_at", product.created_at).DateTime("updated_at", product.updated_at);
    sink.Int("has_options", has_options ? 1 : 0)
        .Int("required_options", product.type == ProductType::kConfigurable ? 1 : 0);
    sink.EndRow();
  }
}

void EmitProductVarchars(const Catalog& catalog, RowSink& sink) {
  const uint16_t name = AttributeId(kProductEntity, "name", "varchar");
  const uint16_t url_key = AttributeId(kProductEntity, "url_key", "varchar");
  const uint16_t url_path = AttributeId(kProductEntity, "url_path", "varchar");
  const uint16_t meta_title = AttributeId(kProductEntity, "meta_title", "varchar");
  const uint16_t meta_description = AttributeId(kProductEntity, "meta_description", "varchar");
  const uint16_t image = AttributeId(kProductEntity, "image", "varchar");
  const uint16_t small_image = AttributeId(kProductEntity, "small_image", "varchar");
  const uint16_t thumbnail = AttributeId(kProductEntity, "thumbnail", "varchar");
  const uint16_t image_label = AttributeId(kProductEntity, "image_label", "varchar");
  const uint16_t small_image_label = AttributeId(kProductEntity, "small_image_label", "varchar");
  const uint16_t thumbnail_label = AttributeId(kProductEntity, "thumbnail_label", "varchar");
  const uint16_t options_container = AttributeId(kProductEntity, "options_container", "varchar");
  const uint16_t msrp_enabled = AttributeId(kProductEntity, "msrp_enabled", "varchar");
  const uint16_t msrp_display = AttributeId(kProductEntity, "msrp_display_actual_price_type", "varchar");
  const uint16_t gift_message = AttributeId(kProductEntity, "gift_message_available", "varchar");
  const uint16_t country = AttributeId(kProductEntity, "country_of_manufacture", "varchar");
  const uint16_t material = AttributeId(kProductEntity, "material", "varchar");
  const uint16_t custom_design = AttributeId(kProductEntity, "custom_design", "varchar");
  const uint16_t page_layout = AttributeId(kProductEntity, "page_layout", "varchar");
  constexpr absl::string_view kCountries[] = {"DE", "CN", "JP", "US", "IT", "VN"};
  constexpr absl::string_view kMaterials[] = {"100% Baumwolle", "Leder / Leather", "Edelstahl 18/10", "綿 100%",
                                              "Oak \"FSC\""};
  EavValueWriter values(sink, kProductEntity);
  for (uint32_t id = 1; id <= catalog.products(); ++id) {
    const ProductFacts product = catalog.Product(id);
    Random random = Random::For(catalog.seed(), "product_varchar", id);
    values.Row(name, 0, id).Text("value", product.name).EndRow();
    values.Row(url_key, 0, id).Text("value", product.url_key).EndRow();
    values.Row(url_path, 0, id).Text("value", absl::StrCat(product.url_key, ".html")).EndRow();
    if (random.Percent(60)) values.Row(meta_title, 0, id).Text("value", product.name).EndRow();
    if (random.Percent(50))
      values.Row(meta_description, 0, id).Text("value", Sentence(random, Language::kEnglish)).EndRow();
    const bool has_image = random.Percent(85);
    const std::string path = has_image ? ImagePath(product) : "no_selection";
    values.Row(image, 0, id).Text("value", path).EndRow();
    values.Row(small_image, 0, id).Text("value", path).EndRow();
    values.Row(thumbnail, 0, id).Text("value", path).EndRow();
    values.Row(image_label, 0, id)
        .OptionalText("value", random.Percent(30) ? std::optional<std::string>(product.name) : std::nullopt)
        .EndRow();
    values.Row(small_image_label, 0, id).Null("value").EndRow();
    values.Row(thumbnail_label, 0, id).Null("value").EndRow();
    values.Row(options_container, 0, id).Text("value", "container2").EndRow();
    values.Row(msrp_enabled, 0, id).Text("value", "2").EndRow();
    values.Row(msrp_display, 0, id).Text("value", "4").EndRow();
    if (random.Percent(50))
      values.Row(gift_message, 0, id)
          .OptionalText("value", random.Percent(50) ? std::optional<std::string>("1") : std::nullopt)
          .EndRow();
    if (random.Percent(30))
      values.Row(country, 0, id).Text("value", kCountries[random.Below(std::size(kCountries))]).EndRow();
    if (product.attribute_set_id != kDefaultProductAttributeSet && random.Percent(60)) {
      values.Row(material, 0, id).Text("value", kMaterials[random.Below(std::size(kMaterials))]).EndRow();
    }
    if (random.OneIn(50)) values.Row(custom_design, 0, id).Text("value", "default/modern").EndRow();
    if (random.OneIn(30)) values.Row(page_layout, 0, id).Text("value", "one_column").EndRow();
    if (product.english_override)
      values.Row(name, 1, id).Text("value", catalog.LocalName(product, Language::kEnglish)).EndRow();
    if (product.german_override) {
      const std::string german = catalog.LocalName(product, Language::kGerman);
      values.Row(name, 2, id).Text("value", german).EndRow();
      values.Row(url_key, 2, id).Text("value", absl::StrCat(UrlKey(german), "-", id)).EndRow();
      values.Row(url_path, 2, id).Text("value", absl::StrCat(UrlKey(german), "-", id, ".html")).EndRow();
      if (random.Percent(50)) values.Row(meta_title, 2, id).Text("value", german).EndRow();
    }
    if ((product.websites & kJapanWebsite) != 0) {
      values.Row(name, 3, id).Text("value", catalog.LocalName(product, Language::kJapanese)).EndRow();
    }
  }
}

void EmitProductInts(const Catalog& catalog, RowSink& sink) {
  const uint16_t status = AttributeId(kProductEntity, "status", "int");
  const uint16_t visibility = AttributeId(kProductEntity, "visibility", "int");
  const uint16_t tax_class_id = AttributeId(kProductEntity, "tax_class_id", "int");
  const uint16_t is_recurring = AttributeId(kProductEntity, "is_recurring", "int");
  const uint16_t color = AttributeId(kProductEntity, "color", "int");
  const uint16_t size = AttributeId(kProductEntity, "size", "int");
  const uint16_t manufacturer = AttributeId(kProductEntity, "manufacturer", "int");
  EavValueWriter values(sink, kProductEntity);
  for (uint32_t id = 1; id <= catalog.products(); ++id) {
    const ProductFacts product = catalog.Product(id);
    values.Row(status, 0, id).Int("value", product.enabled ? 1 : 2).EndRow();
    values.Row(visibility, 0, id).Int("value", product.visibility).EndRow();
    values.Row(tax_class_id, 0, id).Int("value", product.tax_class_id).EndRow();
    if (product.type == ProductType::kSimple || product.type == ProductType::kVirtual) {
      values.Row(is_recurring, 0, id).Int("value", 0).EndRow();
    }
    if (product.color_option != 0) values.Row(color, 0, id).Int("value", product.color_option).EndRow();
    if (product.size_option != 0) values.Row(size, 0, id).Int("value", product.size_option).EndRow();
    if (product.manufacturer_option != 0)
      values.Row(manufacturer, 0, id).Int("value", product.manufacturer_option).EndRow();
    if (product.german_override && id % 20 == 0) values.Row(status, 2, id).Int("value", 2).EndRow();
    if ((product.websites & kJapanWebsite) != 0 && id % 7 == 0) values.Row(visibility, 3, id).Int("value", 2).EndRow();
  }
}

void EmitProductDecimals(const Catalog& catalog, RowSink& sink) {
  const uint16_t price = AttributeId(kProductEntity, "price", "decimal");
  const uint16_t special_price = AttributeId(kProductEntity, "special_price", "decimal");
  const uint16_t cost = AttributeId(kProductEntity, "cost", "decimal");
  const uint16_t weight = AttributeId(kProductEntity, "weight", "decimal");
  const uint16_t msrp = AttributeId(kProductEntity, "msrp", "decimal");
  EavValueWriter values(sink, kProductEntity);
  for (uint32_t id = 1; id <= catalog.products(); ++id) {
    const ProductFacts product = catalog.Product(id);
    values.Row(price, 0, id).Money("value", product.price_cents).EndRow();
    if (product.special_price_cents != 0) {
      values.Row(special_price, 0, id).Money("value", product.special_price_cents).EndRow();
    } else if (id % 20 == 0) {
      values.Row(special_price, 0, id).Null("value").EndRow();
    }
    if (product.cost_cents != 0) values.Row(cost, 0, id).Money("value", product.cost_cents).EndRow();
    if (product.weight != 0) values.Row(weight, 0, id).Decimal4("value", product.weight).EndRow();
    if (id % 25 == 0) values.Row(msrp, 0, id).Money("value", product.price_cents * 12 / 10).EndRow();
  }
}

void EmitProductTexts(const Catalog& catalog, RowSink& sink) {
  const uint16_t description = AttributeId(kProductEntity, "description", "text");
  const uint16_t short_description = AttributeId(kProductEntity, "short_description", "text");
  const uint16_t meta_keyword = AttributeId(kProductEntity, "meta_keyword", "text");
  const uint16_t custom_layout_update = AttributeId(kProductEntity, "custom_layout_update", "text");
  const uint16_t warranty = AttributeId(kProductEntity, "warranty", "text");
  EavValueWriter values(sink, kProductEntity);
  for (uint32_t id = 1; id <= catalog.products(); ++id) {
    const ProductFacts product = catalog.Product(id);
    Random random = Random::For(catalog.seed(), "product_text", id);
    values.Row(description, 0, id)
        .Text("value", Description(random, Language::kEnglish, DescriptionBytes(random)))
        .EndRow();
    values.Row(short_description, 0, id).Text("value", Sentence(random, Language::kEnglish)).EndRow();
    if (random.Percent(40)) {
      values.Row(meta_keyword, 0, id)
          .Text("value", absl::StrCat(product.name, ", ", product.sku, ", buy\nonline"))
          .EndRow();
    }
    if (random.OneIn(100)) {
      values.Row(custom_layout_update, 0, id)
          .Text("value", "<reference name=\"product.info\">\n  <remove name=\"product.tag.list\"/>\n</reference>")
          .EndRow();
    }
    if (product.attribute_set_id != kDefaultProductAttributeSet && random.Percent(30)) {
      values.Row(warranty, 0, id)
          .Text("value", "<p>2 Jahre Garantie – \"no questions asked\".<br/>\\Terms\\ apply.</p>")
          .EndRow();
    }
    if (product.german_override) {
      values.Row(description, 2, id)
          .Text("value", Description(random, Language::kGerman, DescriptionBytes(random)))
          .EndRow();
      values.Row(short_description, 2, id).Text("value", Sentence(random, Language::kGerman)).EndRow();
    }
    if ((product.websites & kJapanWebsite) != 0) {
      values.Row(description, 3, id)
          .Text("value", Description(random, Language::kJapanese, DescriptionBytes(random)))
          .EndRow();
    }
  }
}

void EmitProductDatetimes(const Catalog& catalog, RowSink& sink) {
  const uint16_t special_from = AttributeId(kProductEntity, "special_from_date", "datetime");
  const uint16_t special_to = AttributeId(kProductEntity, "special_to_date", "datetime");
  const uint16_t news_from = AttributeId(kProductEntity, "news_from_date", "datetime");
  const uint16_t news_to = AttributeId(kProductEntity, "news_to_date", "datetime");
  const uint16_t custom_design_from = AttributeId(kProductEntity, "custom_design_from", "datetime");
  EavValueWriter values(sink, kProductEntity);
  for (uint32_t id = 1; id <= catalog.products(); ++id) {
    const ProductFacts product = catalog.Product(id);
    const int64_t day = product.created_at - product.created_at % 86400;
    if (product.special_price_cents != 0) {
      values.Row(special_from, 0, id).DateTime("value", day + 7 * 86400).EndRow();
      if (id % 2 == 0) values.Row(special_to, 0, id).DateTime("value", day + 37 * 86400).EndRow();
    }
    if (id % 10 == 0) {
      values.Row(news_from, 0, id).DateTime("value", day).EndRow();
      values.Row(news_to, 0, id)
          .OptionalText("value",
                        id % 20 == 0 ? std::optional<std::string>(FormatDateTime(day + 30 * 86400)) : std::nullopt)
          .EndRow();
    }
    if (id % 97 == 0) values.Row(custom_design_from, 0, id).DateTime("value", day).EndRow();
  }
}

void EmitCategoryProducts(const Catalog& catalog, RowSink& sink) {
  // Rows in primary key order (category_id, product_id), as InnoDB stores them: gather per category.
  std::vector<std::vector<uint32_t>> products_by_category(catalog.categories().size() + 1);
  for (uint32_t id = 1; id <= catalog.products(); ++id) {
    for (uint32_t category_id : catalog.Product(id).category_ids) products_by_category[category_id].push_back(id);
  }
  for (size_t category_id = 1; category_id < products_by_category.size(); ++category_id) {
    int position = 0;
    for (uint32_t product_id : products_by_category[category_id]) {
      sink.Int("category_id", static_cast<int64_t>(category_id)).Int("product_id", product_id);
      sink.Int("position", (++position % 5 == 0) ? position : 0).EndRow();
    }
  }
}

void EmitProductWebsites(const Catalog& catalog, RowSink& sink) {
  for (uint32_t id = 1; id <= catalog.products(); ++id) {
    const WebsiteMask websites = catalog.WebsitesOf(id);
    if (websites & kMainWebsite) sink.Int("product_id", id).Int("website_id", 1).EndRow();
    if (websites & kJapanWebsite) sink.Int("product_id", id).Int("website_id", 2).EndRow();
  }
}

void EmitStockItems(const Catalog& catalog, RowSink& sink) {
  for (uint32_t id = 1; id <= catalog.products(); ++id) {
    const ProductFacts product = catalog.Product(id);
    const bool managed =
        IsShippable(product.type) && product.type != ProductType::kConfigurable && product.type != ProductType::kBundle;
    sink.Int("item_id", id).Int("product_id", id).Int("stock_id", 1).Decimal4("qty", product.qty * 10000LL);
    sink.Decimal4("min_qty", 0).Int("use_config_min_qty", 1).Int("is_qty_decimal", 0).Int("backorders", 0);
    sink.Int("use_config_backorders", 1).Decimal4("min_sale_qty", 10000).Int("use_config_min_sale_qty", 1);
    sink.Decimal4("max_sale_qty", 0).Int("use_config_max_sale_qty", 1);
    sink.Int("is_in_stock", !managed || product.qty > 0 ? 1 : 0);
    if (managed && product.qty == 0) {
      sink.DateTime("low_stock_date", product.updated_at);
    } else {
      sink.Null("low_stock_date");
    }
    sink.Null("notify_stock_qty").Int("use_config_notify_stock_qty", 1).Int("manage_stock", managed ? 1 : 0);
    sink.Int("use_config_manage_stock", 1).Int("stock_status_changed_auto", 0).Int("use_config_qty_increments", 1);
    sink.Decimal4("qty_increments", 0).Int("use_config_enable_qty_inc", 1).Int("enable_qty_increments", 0).EndRow();
  }
}

}  // namespace

void AddCatalogTables(const Catalog& catalog, TableList& tables) {
  const uint64_t categories = catalog.categories().size();
  const uint64_t products = catalog.products();
  auto add = [&](const char* name, uint64_t rows, void (*emit)(const Catalog&, RowSink&)) {
    tables.push_back({name, rows, [&catalog, emit](RowSink& sink) { emit(catalog, sink); }});
  };
  add("catalog_category_entity", categories, EmitCategories);
  add("catalog_category_entity_varchar", categories * 8, EmitCategoryVarchars);
  add("catalog_category_entity_int", categories * 6, EmitCategoryInts);
  add("catalog_category_entity_text", categories * 3, EmitCategoryTexts);
  add("catalog_category_entity_datetime", categories * 2, EmitCategoryDatetimes);
  add("catalog_category_entity_decimal", categories, EmitCategoryDecimals);
  add("catalog_product_entity", products, EmitProducts);
  add("catalog_product_entity_varchar", products * 15, EmitProductVarchars);
  add("catalog_product_entity_int", products * 5, EmitProductInts);
  add("catalog_product_entity_decimal", products * 5 / 2, EmitProductDecimals);
  add("catalog_product_entity_text", products * 3, EmitProductTexts);
  add("catalog_product_entity_datetime", products / 4, EmitProductDatetimes);
  add("catalog_category_product", products * 2, EmitCategoryProducts);
  add("catalog_product_website", products * 6 / 5, EmitProductWebsites);
  tables.push_back({"cataloginventory_stock", 1,
                    [](RowSink& sink) { sink.Int("stock_id", 1).Text("stock_name", "Default").EndRow(); }});
  add("cataloginventory_stock_item", products, EmitStockItems);
}

}  // namespace migrate::generator

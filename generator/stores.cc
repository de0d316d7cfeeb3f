#include "generator/stores.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "generator/php_serialize.h"
#include "generator/random.h"

namespace migrate::generator {
namespace {

constexpr StoreView kStoreViews[] = {
    {1, "default", 1, 1, "Default Store View", Language::kEnglish, "USD", 2},
    {2, "german", 1, 1, "Deutsch", Language::kGerman, "USD", 2},
    {3, "japanese", 2, 2, "日本語", Language::kJapanese, "JPY", 3},
};

struct ConfigValue {
  absl::string_view scope;
  int scope_id;
  absl::string_view path;
  std::optional<std::string> value;
};

std::vector<ConfigValue> ConfigValues(uint64_t seed) {
  Random random = Random::For(seed, "core_config_data");
  PhpSerializer user_agents;
  user_agents.BeginArray(2)
      .String("_1348645624374_374")
      .BeginArray(2)
      .String("regexp")
      .String("iPhone|iPod|BlackBerry|Android")
      .String("value")
      .String("iphone")
      .EndArray()
      .String("_1348645629375_375")
      .BeginArray(2)
      .String("regexp")
      .String("/MSIE [5-8]\\./")
      .String("value")
      .String("legacy")
      .EndArray()
      .EndArray();
  std::vector<ConfigValue> values = {
      {"default", 0, "web/seo/use_rewrites", "1"},
      {"default", 0, "web/unsecure/base_url", "http://shop.example.com/"},
      {"default", 0, "web/secure/base_url", "https://shop.example.com/"},
      {"default", 0, "web/secure/use_in_frontend", "1"},
      {"default", 0, "web/cookie/cookie_lifetime", std::nullopt},
      {"default", 0, "web/default/front", "cms"},
      {"default", 0, "general/locale/code", "en_US"},
      {"default", 0, "general/locale/timezone", "Europe/Berlin"},
      {"default", 0, "general/country/default", "US"},
      {"default", 0, "general/country/allow", "AT,CH,DE,FR,GB,JP,US"},
      {"default", 0, "general/store_information/name", "Müller's \"Kaufhaus\" GmbH"},
      {"default", 0, "general/store_information/address", "Hauptstraße 1\n80331 München\nDeutschland"},
      {"default", 0, "general/store_information/phone", "+49 89 123456"},
      {"default", 0, "currency/options/base", "USD"},
      {"default", 0, "currency/options/default", "USD"},
      {"default", 0, "currency/options/allow", "EUR,USD"},
      {"default", 0, "design/package/name", "default"},
      {"default", 0, "design/theme/default", "modern"},
      {"default", 0, "design/theme/template_ua_regexp", user_agents.Take()},
      {"default", 0, "design/head/default_title", "Kaufhaus – Online Shop"},
      {"default", 0, "design/head/default_description", "Qualität seit 1921\\2015: \"Wir liefern!\""},
      {"default", 0, "design/footer/copyright", "&copy; 2015 Magento Demo Store. All Rights Reserved."},
      {"default", 0, "catalog/seo/product_url_suffix", ".html"},
      {"default", 0, "catalog/seo/category_url_suffix", ".html"},
      {"default", 0, "catalog/seo/product_use_categories", "1"},
      {"default", 0, "catalog/frontend/list_mode", "grid-list"},
      {"default", 0, "catalog/frontend/grid_per_page", "12"},
      {"default", 0, "cataloginventory/item_options/manage_stock", "1"},
      {"default", 0, "customer/create_account/confirm", "0"},
      {"default", 0, "customer/address/street_lines", "2"},
      {"default", 0, "sales_email/order/enabled", "1"},
      {"default", 0, "sales/totals_sort/tax", "7"},
      {"default", 0, "payment/checkmo/active", "1"},
      {"default", 0, "payment/ccsave/active", "0"},
      {"default", 0, "payment/paypal_express/active", "1"},
      {"default", 0, "paypal/wpp/api_username", "seller_api1.example.com"},
      {"default", 0, "paypal/wpp/api_password", absl::StrCat("0:2:", Hex32(random))},
      {"default", 0, "carriers/flatrate/active", "1"},
      {"default", 0, "carriers/flatrate/price", "5.00"},
      {"default", 0, "carriers/tablerate/condition_name", "package_weight"},
      {"default", 0, "google/analytics/account", ""},
      {"default", 0, "admin/security/session_cookie_lifetime", std::nullopt},
      {"default", 0, "advanced/modules_disable_output/Mage_Poll", "1"},
      {"default", 0, "dev/log/active", "1"},
      {"websites", 2, "web/unsecure/base_url", "http://jp.example.com/"},
      {"websites", 2, "web/secure/base_url", "https://jp.example.com/"},
      {"websites", 2, "currency/options/base", "JPY"},
      {"websites", 2, "currency/options/default", "JPY"},
      {"websites", 2, "currency/options/allow", "JPY"},
      {"websites", 2, "general/country/default", "JP"},
      {"stores", 2, "general/locale/code", "de_DE"},
      {"stores", 2, "design/head/default_title", "Kaufhaus – Ihr Online-Shop für Groß & Klein"},
      {"stores", 2, "design/theme/locale", "de"},
      {"stores", 3, "general/locale/code", "ja_JP"},
      {"stores", 3, "general/locale/timezone", "Asia/Tokyo"},
      {"stores", 3, "design/head/default_title", "カウフハウス オンラインショップ"},
  };
  return values;
}

void EmitWebsites(RowSink& sink) {
  struct Website {
    int id;
    absl::string_view code, name;
    int default_group_id, is_default;
  };
  constexpr Website kWebsites[] = {
      {0, "admin", "Admin", 0, 0}, {1, "base", "Main Website", 1, 1}, {2, "jp", "Japan", 2, 0}};
  for (const Website& website : kWebsites) {
    sink.Int("website_id", website.id).Text("code", website.code).Text("name", website.name);
    sink.Int("sort_order", website.id).Int("default_group_id", website.default_group_id);
    sink.Int("is_default", website.is_default).EndRow();
  }
}

void EmitStoreGroups(RowSink& sink) {
  struct Group {
    int id, website_id;
    absl::string_view name;
    int root_category_id, default_store_id;
  };
  constexpr Group kGroups[] = {
      {0, 0, "Default", 0, 0}, {1, 1, "Main Website Store", 2, 1}, {2, 2, "Japan Store", 3, 3}};
  for (const Group& group : kGroups) {
    sink.Int("group_id", group.id).Int("website_id", group.website_id).Text("name", group.name);
    sink.Int("root_category_id", group.root_category_id).Int("default_store_id", group.default_store_id).EndRow();
  }
}

void EmitStores(RowSink& sink) {
  sink.Int("store_id", 0).Text("code", "admin").Int("website_id", 0).Int("group_id", 0).Text("name", "Admin");
  sink.Int("sort_order", 0).Int("is_active", 1).EndRow();
  for (const StoreView& store : kStoreViews) {
    sink.Int("store_id", store.store_id).Text("code", store.code).Int("website_id", store.website_id);
    sink.Int("group_id", store.group_id).Text("name", store.name).Int("sort_order", store.store_id);
    sink.Int("is_active", 1).EndRow();
  }
}

void EmitCustomerGroups(RowSink& sink) {
  constexpr absl::string_view kGroupCodes[kCustomerGroups] = {"NOT LOGGED IN", "General", "Wholesale", "Retailer"};
  for (int id = 0; id < kCustomerGroups; ++id) {
    sink.Int("customer_group_id", id).Text("customer_group_code", kGroupCodes[id]).Int("tax_class_id", 3).EndRow();
  }
}

}  // namespace

absl::Span<const StoreView> StoreViews() { return kStoreViews; }

const StoreView& StoreViewById(uint16_t store_id) {
  for (const StoreView& store : kStoreViews) {
    if (store.store_id == store_id) return store;
  }
  return kStoreViews[0];
}

void AddStoreTables(uint64_t seed, TableList& tables) {
  tables.push_back({"core_website", 3, EmitWebsites});
  tables.push_back({"core_store_group", 3, EmitStoreGroups});
  tables.push_back({"core_store", 4, EmitStores});
  tables.push_back({"customer_group", kCustomerGroups, EmitCustomerGroups});
  tables.push_back({"core_config_data", 60, [seed](RowSink& sink) {
                      int config_id = 0;
                      for (const ConfigValue& config : ConfigValues(seed)) {
                        sink.Int("config_id", ++config_id).Text("scope", config.scope).Int("scope_id", config.scope_id);
                        sink.Text("path", config.path).OptionalText("value", config.value).EndRow();
                      }
                    }});
}

}  // namespace migrate::generator

#include "generator/eav_metadata.h"

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "generator/php_serialize.h"

namespace migrate::generator {
namespace {

enum AttributeFlag : uint16_t {
  kRequired = 1 << 0,
  kUserDefined = 1 << 1,
  kUnique = 1 << 2,
  kSearchable = 1 << 3,
  kFilterable = 1 << 4,
  kListed = 1 << 5,     // used_in_product_listing
  kSortable = 1 << 6,   // used_for_sort_by
  kHtml = 1 << 7,       // is_html_allowed_on_front, is_wysiwyg_enabled
  kInvisible = 1 << 8,  // is_visible = 0
  kComparable = 1 << 9,
  kCustomSetsOnly = 1 << 10,  // only in the product sets other than Default
};

enum Scope : uint8_t { kStoreScope = 0, kGlobalScope = 1, kWebsiteScope = 2 };

struct Attribute {
  uint16_t id;
  EntityType entity;
  absl::string_view code;
  absl::string_view backend_type;
  absl::string_view input;
  absl::string_view label;
  absl::string_view backend_model;   // empty: NULL
  absl::string_view source_model;    // empty: NULL
  absl::string_view frontend_model;  // empty: NULL
  uint16_t flags;
  Scope scope;
  absl::string_view group;
  absl::string_view apply_to;       // empty: NULL
  absl::string_view default_value;  // empty: NULL
};

constexpr EntityType C = kCustomerEntity;
constexpr EntityType A = kCustomerAddressEntity;
constexpr EntityType K = kCategoryEntity;
constexpr EntityType P = kProductEntity;

constexpr absl::string_view kPriceTypes = "simple,configurable,virtual,bundle,downloadable";
constexpr absl::string_view kShippable = "simple,bundle";

// The ids are those of a Magento 1.9 install: customer 1-18 and 33-35, address 19-32 and 36-40,
// category 41-70, product 71-122; 133-135 are the shop's own attributes.
constexpr Attribute kAttributes[] = {
    {1, C, "website_id", "static", "select", "Associate to Website", "customer/customer_attribute_backend_website",
     "customer/customer_attribute_source_website", "", kRequired, kStoreScope, "General", "", ""},
    {2, C, "store_id", "static", "select", "Create In", "customer/customer_attribute_backend_store",
     "customer/customer_attribute_source_store", "", kRequired, kStoreScope, "General", "", ""},
    {3, C, "created_in", "varchar", "text", "Created From", "", "", "", 0, kStoreScope, "General", "", ""},
    {4, C, "prefix", "varchar", "text", "Prefix", "", "", "", 0, kStoreScope, "General", "", ""},
    {5, C, "firstname", "varchar", "text", "First Name", "", "", "", kRequired, kStoreScope, "General", "", ""},
    {6, C, "middlename", "varchar", "text", "Middle Name/Initial", "", "", "", 0, kStoreScope, "General", "", ""},
    {7, C, "lastname", "varchar", "text", "Last Name", "", "", "", kRequired, kStoreScope, "General", "", ""},
    {8, C, "suffix", "varchar", "text", "Suffix", "", "", "", 0, kStoreScope, "General", "", ""},
    {9, C, "email", "static", "text", "Email", "", "", "", kRequired, kStoreScope, "General", "", ""},
    {10, C, "group_id", "static", "select", "Group", "", "customer/customer_attribute_source_group", "", kRequired,
     kStoreScope, "General", "", ""},
    {11, C, "dob", "datetime", "date", "Date Of Birth", "eav/entity_attribute_backend_datetime", "",
     "eav/entity_attribute_frontend_datetime", 0, kStoreScope, "General", "", ""},
    {12, C, "password_hash", "varchar", "hidden", "", "customer/customer_attribute_backend_password", "", "",
     kInvisible, kStoreScope, "General", "", ""},
    {13, C, "default_billing", "int", "text", "Default Billing Address", "customer/customer_attribute_backend_billing",
     "", "", kInvisible, kStoreScope, "General", "", ""},
    {14, C, "default_shipping", "int", "text", "Default Shipping Address",
     "customer/customer_attribute_backend_shipping", "", "", kInvisible, kStoreScope, "General", "", ""},
    {15, C, "taxvat", "varchar", "text", "Tax/VAT Number", "", "", "", 0, kStoreScope, "General", "", ""},
    {16, C, "confirmation", "varchar", "text", "Is Confirmed", "", "", "", kInvisible, kStoreScope, "General", "", ""},
    {17, C, "created_at", "static", "datetime", "Created At", "eav/entity_attribute_backend_time_created", "", "",
     kInvisible, kStoreScope, "General", "", ""},
    {18, C, "gender", "int", "select", "Gender", "", "eav/entity_attribute_source_table", "", 0, kStoreScope, "General",
     "", ""},
    {19, A, "prefix", "varchar", "text", "Prefix", "", "", "", 0, kStoreScope, "General", "", ""},
    {20, A, "firstname", "varchar", "text", "First Name", "", "", "", kRequired, kStoreScope, "General", "", ""},
    {21, A, "middlename", "varchar", "text", "Middle Name/Initial", "", "", "", 0, kStoreScope, "General", "", ""},
    {22, A, "lastname", "varchar", "text", "Last Name", "", "", "", kRequired, kStoreScope, "General", "", ""},
    {23, A, "suffix", "varchar", "text", "Suffix", "", "", "", 0, kStoreScope, "General", "", ""},
    {24, A, "company", "varchar", "text", "Company", "", "", "", 0, kStoreScope, "General", "", ""},
    {25, A, "street", "text", "multiline", "Street Address", "customer/entity_address_attribute_backend_street", "", "",
     kRequired, kStoreScope, "General", "", ""},
    {26, A, "city", "varchar", "text", "City", "", "", "", kRequired, kStoreScope, "General", "", ""},
    {27, A, "country_id", "varchar", "select", "Country", "", "customer/entity_address_attribute_source_country", "",
     kRequired, kStoreScope, "General", "", ""},
    {28, A, "region", "varchar", "text", "State/Province", "customer/entity_address_attribute_backend_region", "", "",
     0, kStoreScope, "General", "", ""},
    {29, A, "region_id", "int", "hidden", "State/Province", "", "customer/entity_address_attribute_source_region", "",
     0, kStoreScope, "General", "", ""},
    {30, A, "postcode", "varchar", "text", "Zip/Postal Code", "", "", "", kRequired, kStoreScope, "General", "", ""},
    {31, A, "telephone", "varchar", "text", "Telephone", "", "", "", kRequired, kStoreScope, "General", "", ""},
    {32, A, "fax", "varchar", "text", "Fax", "", "", "", 0, kStoreScope, "General", "", ""},
    {33, C, "rp_token", "varchar", "hidden", "", "", "", "", kInvisible, kStoreScope, "General", "", ""},
    {34, C, "rp_token_created_at", "datetime", "date", "", "", "", "", kInvisible, kStoreScope, "General", "", ""},
    {35, C, "disable_auto_group_change", "static", "boolean", "Disable Automatic Group Change Based on VAT ID",
     "customer/attribute_backend_data_boolean", "", "", 0, kStoreScope, "General", "", ""},
    {36, A, "vat_id", "varchar", "text", "VAT number", "", "", "", 0, kStoreScope, "General", "", ""},
    {37, A, "vat_is_valid", "int", "text", "VAT number validity", "", "", "", kInvisible, kStoreScope, "General", "",
     ""},
    {38, A, "vat_request_id", "varchar", "text", "VAT number validation request ID", "", "", "", kInvisible,
     kStoreScope, "General", "", ""},
    {39, A, "vat_request_date", "varchar", "text", "VAT number validation request date", "", "", "", kInvisible,
     kStoreScope, "General", "", ""},
    {40, A, "vat_request_success", "int", "text", "VAT number validation request success", "", "", "", kInvisible,
     kStoreScope, "General", "", ""},
    {41, K, "name", "varchar", "text", "Name", "", "", "", kRequired, kStoreScope, "General Information", "", ""},
    {42, K, "is_active", "int", "select", "Is Active", "", "eav/entity_attribute_source_boolean", "", kRequired,
     kStoreScope, "General Information", "", ""},
    {43, K, "url_key", "varchar", "text", "URL Key", "catalog/category_attribute_backend_urlkey", "", "", 0,
     kStoreScope, "General Information", "", ""},
    {44, K, "description", "text", "textarea", "Description", "", "", "", kHtml, kStoreScope, "General Information", "",
     ""},
    {45, K, "image", "varchar", "image", "Image", "catalog/category_attribute_backend_image", "", "", 0, kStoreScope,
     "General Information", "", ""},
    {46, K, "meta_title", "varchar", "text", "Page Title", "", "", "", 0, kStoreScope, "General Information", "", ""},
    {47, K, "meta_keywords", "text", "textarea", "Meta Keywords", "", "", "", 0, kStoreScope, "General Information", "",
     ""},
    {48, K, "meta_description", "text", "textarea", "Meta Description", "", "", "", 0, kStoreScope,
     "General Information", "", ""},
    {49, K, "display_mode", "varchar", "select", "Display Mode", "", "catalog/category_attribute_source_mode", "", 0,
     kStoreScope, "Display Settings", "", ""},
    {50, K, "landing_page", "int", "select", "CMS Block", "", "catalog/category_attribute_source_page", "", 0,
     kStoreScope, "Display Settings", "", ""},
    {51, K, "is_anchor", "int", "select", "Is Anchor", "", "eav/entity_attribute_source_boolean", "", 0, kStoreScope,
     "Display Settings", "", ""},
    {52, K, "path", "static", "text", "Path", "", "", "", kInvisible, kGlobalScope, "General Information", "", ""},
    {53, K, "position", "static", "text", "Position", "", "", "", kInvisible, kGlobalScope, "General Information", "",
     ""},
    {54, K, "all_children", "text", "text", "", "", "", "", kInvisible, kGlobalScope, "General Information", "", ""},
    {55, K, "path_in_store", "text", "text", "", "", "", "", kInvisible, kGlobalScope, "General Information", "", ""},
    {56, K, "children", "text", "text", "", "", "", "", kInvisible, kGlobalScope, "General Information", "", ""},
    {57, K, "url_path", "varchar", "text", "", "", "", "", kInvisible, kStoreScope, "General Information", "", ""},
    {58, K, "custom_design", "varchar", "select", "Custom Design", "", "core/design_source_design", "", 0, kStoreScope,
     "Custom Design", "", ""},
    {59, K, "custom_design_from", "datetime", "date", "Active From", "catalog/attribute_backend_startdate", "", "", 0,
     kStoreScope, "Custom Design", "", ""},
    {60, K, "custom_design_to", "datetime", "date", "Active To", "eav/entity_attribute_backend_datetime", "", "", 0,
     kStoreScope, "Custom Design", "", ""},
    {61, K, "page_layout", "varchar", "select", "Page Layout", "", "catalog/category_attribute_source_layout", "", 0,
     kStoreScope, "Custom Design", "", ""},
    {62, K, "custom_layout_update", "text", "textarea", "Custom Layout Update",
     "catalog/attribute_backend_customlayoutupdate", "", "", 0, kStoreScope, "Custom Design", "", ""},
    {63, K, "level", "static", "text", "Level", "", "", "", kInvisible, kGlobalScope, "General Information", "", ""},
    {64, K, "children_count", "static", "text", "Children Count", "", "", "", kInvisible, kGlobalScope,
     "General Information", "", ""},
    {65, K, "available_sort_by", "text", "multiselect", "Available Product Listing Sort By",
     "catalog/category_attribute_backend_sortby", "catalog/category_attribute_source_sortby", "", kRequired,
     kStoreScope, "Display Settings", "", ""},
    {66, K, "default_sort_by", "varchar", "select", "Default Product Listing Sort By",
     "catalog/category_attribute_backend_sortby", "catalog/category_attribute_source_sortby", "", kRequired,
     kStoreScope, "Display Settings", "", ""},
    {67, K, "include_in_menu", "int", "select", "Include in Navigation Menu", "", "eav/entity_attribute_source_boolean",
     "", kRequired, kStoreScope, "General Information", "", "1"},
    {68, K, "custom_use_parent_settings", "int", "select", "Use Parent Category Settings", "",
     "eav/entity_attribute_source_boolean", "", 0, kStoreScope, "Custom Design", "", ""},
    {69, K, "custom_apply_to_products", "int", "select", "Apply To Products", "", "eav/entity_attribute_source_boolean",
     "", 0, kStoreScope, "Custom Design", "", ""},
    {70, K, "filter_price_range", "decimal", "text", "Layered Navigation Price Step", "", "", "", 0, kStoreScope,
     "Display Settings", "", ""},
    {71, P, "name", "varchar", "text", "Name", "", "", "", kRequired | kSearchable | kListed | kSortable | kComparable,
     kStoreScope, "General", "", ""},
    {72, P, "description", "text", "textarea", "Description", "", "", "", kRequired | kSearchable | kHtml | kComparable,
     kStoreScope, "General", "", ""},
    {73, P, "short_description", "text", "textarea", "Short Description", "", "", "",
     kRequired | kSearchable | kHtml | kListed, kStoreScope, "General", "", ""},
    {74, P, "sku", "static", "text", "SKU", "catalog/product_attribute_backend_sku", "", "",
     kRequired | kUnique | kSearchable | kComparable, kGlobalScope, "General", "", ""},
    {75, P, "price", "decimal", "price", "Price", "catalog/product_attribute_backend_price", "", "",
     kRequired | kSearchable | kFilterable | kListed | kSortable, kWebsiteScope, "Prices", kPriceTypes, ""},
    {76, P, "special_price", "decimal", "price", "Special Price", "catalog/product_attribute_backend_price", "", "",
     kListed, kWebsiteScope, "Prices", kPriceTypes, ""},
    {77, P, "special_from_date", "datetime", "date", "Special Price From Date",
     "catalog/product_attribute_backend_startdate_specialprice", "", "", kListed, kWebsiteScope, "Prices", kPriceTypes,
     ""},
    {78, P, "special_to_date", "datetime", "date", "Special Price To Date", "eav/entity_attribute_backend_datetime", "",
     "", kListed, kWebsiteScope, "Prices", kPriceTypes, ""},
    {79, P, "cost", "decimal", "price", "Cost", "catalog/product_attribute_backend_price", "", "", kUserDefined,
     kWebsiteScope, "Prices", "simple,virtual", ""},
    {80, P, "weight", "decimal", "weight", "Weight", "", "", "", kRequired | kComparable, kGlobalScope, "General",
     kShippable, ""},
    {81, P, "manufacturer", "int", "select", "Manufacturer", "", "", "",
     kUserDefined | kSearchable | kFilterable | kComparable, kGlobalScope, "General", "simple", ""},
    {82, P, "meta_title", "varchar", "text", "Meta Title", "", "", "", 0, kStoreScope, "Meta Information", "", ""},
    {83, P, "meta_keyword", "text", "textarea", "Meta Keywords", "", "", "", 0, kStoreScope, "Meta Information", "",
     ""},
    {84, P, "meta_description", "varchar", "textarea", "Meta Description", "", "", "", 0, kStoreScope,
     "Meta Information", "", ""},
    {85, P, "image", "varchar", "media_image", "Base Image", "", "", "catalog/product_attribute_frontend_image", 0,
     kStoreScope, "Images", "", ""},
    {86, P, "small_image", "varchar", "media_image", "Small Image", "", "", "catalog/product_attribute_frontend_image",
     kListed, kStoreScope, "Images", "", ""},
    {87, P, "thumbnail", "varchar", "media_image", "Thumbnail", "", "", "catalog/product_attribute_frontend_image",
     kListed, kStoreScope, "Images", "", ""},
    {88, P, "media_gallery", "varchar", "gallery", "Media Gallery", "catalog/product_attribute_backend_media", "", "",
     0, kStoreScope, "Images", "", ""},
    {90, P, "group_price", "decimal", "text", "Group Price", "catalog/product_attribute_backend_groupprice", "", "", 0,
     kGlobalScope, "Prices", kPriceTypes, ""},
    {91, P, "tier_price", "decimal", "text", "Tier Price", "catalog/product_attribute_backend_tierprice", "", "", 0,
     kGlobalScope, "Prices", kPriceTypes, ""},
    {92, P, "color", "int", "select", "Color", "", "", "", kUserDefined | kSearchable | kFilterable | kComparable,
     kGlobalScope, "General", "simple", ""},
    {93, P, "news_from_date", "datetime", "date", "Set Product as New from Date",
     "eav/entity_attribute_backend_datetime", "", "", kListed, kWebsiteScope, "General", "", ""},
    {94, P, "news_to_date", "datetime", "date", "Set Product as New to Date", "eav/entity_attribute_backend_datetime",
     "", "", kListed, kWebsiteScope, "General", "", ""},
    {96, P, "status", "int", "select", "Status", "", "catalog/product_status", "", kRequired | kListed, kWebsiteScope,
     "General", "", ""},
    {97, P, "url_key", "varchar", "text", "URL Key", "catalog/product_attribute_backend_urlkey", "", "", kListed,
     kStoreScope, "General", "", ""},
    {98, P, "url_path", "varchar", "text", "", "", "", "", kInvisible, kStoreScope, "General", "", ""},
    {100, P, "is_recurring", "int", "boolean", "Enable Recurring Profile", "", "", "", 0, kWebsiteScope,
     "Recurring Profile", "simple,virtual", ""},
    {102, P, "visibility", "int", "select", "Visibility", "", "catalog/product_visibility", "", kRequired, kStoreScope,
     "General", "", "4"},
    {103, P, "custom_design", "varchar", "select", "Custom Design", "", "core/design_source_design", "", 0, kStoreScope,
     "Design", "", ""},
    {104, P, "custom_design_from", "datetime", "date", "Active From", "catalog/attribute_backend_startdate", "", "", 0,
     kStoreScope, "Design", "", ""},
    {105, P, "custom_design_to", "datetime", "date", "Active To", "eav/entity_attribute_backend_datetime", "", "", 0,
     kStoreScope, "Design", "", ""},
    {106, P, "custom_layout_update", "text", "textarea", "Custom Layout Update",
     "catalog/attribute_backend_customlayoutupdate", "", "", 0, kStoreScope, "Design", "", ""},
    {107, P, "page_layout", "varchar", "select", "Page Layout", "", "catalog/product_attribute_source_layout", "", 0,
     kStoreScope, "Design", "", ""},
    {109, P, "options_container", "varchar", "select", "Display Product Options In", "",
     "catalog/entity_product_attribute_design_options_container", "", 0, kStoreScope, "Design", "", "container2"},
    {110, P, "required_options", "static", "text", "", "", "", "", kInvisible, kGlobalScope, "General", "", ""},
    {111, P, "has_options", "static", "text", "", "", "", "", kInvisible, kGlobalScope, "General", "", ""},
    {112, P, "image_label", "varchar", "text", "Image Label", "", "", "", kListed, kStoreScope, "Images", "", ""},
    {113, P, "small_image_label", "varchar", "text", "Small Image Label", "", "", "", kListed, kStoreScope, "Images",
     "", ""},
    {114, P, "thumbnail_label", "varchar", "text", "Thumbnail Label", "", "", "", kListed, kStoreScope, "Images", "",
     ""},
    {115, P, "created_at", "static", "text", "", "eav/entity_attribute_backend_time_created", "", "", kInvisible,
     kGlobalScope, "General", "", ""},
    {116, P, "updated_at", "static", "text", "", "eav/entity_attribute_backend_time_updated", "", "", kInvisible,
     kGlobalScope, "General", "", ""},
    {117, P, "country_of_manufacture", "varchar", "select", "Country of Manufacture", "",
     "catalog/product_attribute_source_countryofmanufacture", "", 0, kWebsiteScope, "General", "simple,bundle", ""},
    {118, P, "msrp_enabled", "varchar", "select", "Apply MAP", "catalog/product_attribute_backend_msrp",
     "catalog/product_attribute_source_msrp_type_enabled", "", 0, kWebsiteScope, "Prices", kPriceTypes, "2"},
    {119, P, "msrp_display_actual_price_type", "varchar", "select", "Display Actual Price",
     "catalog/product_attribute_backend_boolean", "catalog/product_attribute_source_msrp_type_price", "", 0,
     kWebsiteScope, "Prices", kPriceTypes, "4"},
    {120, P, "msrp", "decimal", "price", "Manufacturer's Suggested Retail Price",
     "catalog/product_attribute_backend_price", "", "", 0, kWebsiteScope, "Prices", kPriceTypes, ""},
    {121, P, "tax_class_id", "int", "select", "Tax Class", "", "tax/class_source_product", "",
     kRequired | kFilterable | kListed, kWebsiteScope, "Prices", kPriceTypes, ""},
    {122, P, "gift_message_available", "varchar", "select", "Allow Gift Message",
     "catalog/product_attribute_backend_boolean", "eav/entity_attribute_source_boolean", "", 0, kStoreScope,
     "Gift Options", "", ""},
    {133, P, "size", "int", "select", "Size / Größe", "", "eav/entity_attribute_source_table", "",
     kUserDefined | kFilterable | kComparable | kCustomSetsOnly, kGlobalScope, "General", "simple", ""},
    {134, P, "material", "varchar", "text", "Material", "", "", "",
     kUserDefined | kSearchable | kComparable | kCustomSetsOnly, kStoreScope, "General", "", ""},
    {135, P, "warranty", "text", "textarea", "Warranty \"Terms\"", "", "", "", kUserDefined | kHtml | kCustomSetsOnly,
     kStoreScope, "General", "", ""},
};

struct EntityTypeRow {
  EntityType id;
  absl::string_view code, entity_model, attribute_model, entity_table;
  uint16_t default_attribute_set_id;
  absl::string_view increment_model;
  int increment_per_store;
  absl::string_view additional_attribute_table, entity_attribute_collection;
};

constexpr EntityTypeRow kEntityTypes[] = {
    {kCustomerEntity, "customer", "customer/customer", "customer/attribute", "customer/entity", 1,
     "eav/entity_increment_numeric", 0, "customer/eav_attribute", "customer/attribute_collection"},
    {kCustomerAddressEntity, "customer_address", "customer/address", "customer/attribute", "customer/address_entity", 2,
     "", 0, "customer/eav_attribute", "customer/address_attribute_collection"},
    {kCategoryEntity, "catalog_category", "catalog/category", "catalog/resource_eav_attribute", "catalog/category", 3,
     "", 0, "catalog/eav_attribute", "catalog/category_attribute_collection"},
    {kProductEntity, "catalog_product", "catalog/product", "catalog/resource_eav_attribute", "catalog/product", 4, "",
     0, "catalog/eav_attribute", "catalog/product_attribute_collection"},
    {kOrderEntity, "order", "sales/order", "", "sales/order", 0, "eav/entity_increment_numeric", 1, "", ""},
    {kInvoiceEntity, "invoice", "sales/order_invoice", "", "sales/invoice", 0, "eav/entity_increment_numeric", 1, "",
     ""},
    {kCreditmemoEntity, "creditmemo", "sales/order_creditmemo", "", "sales/creditmemo", 0,
     "eav/entity_increment_numeric", 1, "", ""},
    {kShipmentEntity, "shipment", "sales/order_shipment", "", "sales/shipment", 0, "eav/entity_increment_numeric", 1,
     "", ""},
};

struct AttributeSet {
  uint16_t id;
  EntityType entity;
  absl::string_view name;
  int sort_order;
};

constexpr AttributeSet kAttributeSets[] = {
    {1, kCustomerEntity, "Default", 1},         {2, kCustomerAddressEntity, "Default", 1},
    {3, kCategoryEntity, "Default", 1},         {4, kProductEntity, "Default", 1},
    {9, kProductEntity, "Clothing", 0},         {10, kProductEntity, "Shoes", 0},
    {11, kProductEntity, "Electronics", 0},     {12, kProductEntity, "Möbel", 0},
    {13, kProductEntity, "Bücher & Medien", 0},
};

absl::Span<const absl::string_view> GroupNames(EntityType entity) {
  static constexpr absl::string_view kCustomerGroups[] = {"General"};
  static constexpr absl::string_view kCategoryGroups[] = {"General Information", "Display Settings", "Custom Design"};
  static constexpr absl::string_view kProductGroups[] = {"General",           "Prices", "Meta Information", "Images",
                                                         "Recurring Profile", "Design", "Gift Options"};
  switch (entity) {
    case kCategoryEntity:
      return kCategoryGroups;
    case kProductEntity:
      return kProductGroups;
    default:
      return kCustomerGroups;
  }
}

// The group id of `group` in `set`: groups are numbered set by set, in GroupNames() order.
uint16_t GroupId(uint16_t set_id, absl::string_view group) {
  uint16_t next_id = 1;
  for (const AttributeSet& set : kAttributeSets) {
    absl::Span<const absl::string_view> names = GroupNames(set.entity);
    for (size_t i = 0; i < names.size(); ++i, ++next_id) {
      if (set.id == set_id && names[i] == group) return next_id;
    }
  }
  return 0;
}

struct OptionRow {
  uint32_t option_id;
  uint16_t attribute_id;
  absl::string_view admin_label;
  absl::string_view german_label;    // store 2; empty: none
  absl::string_view japanese_label;  // store 3; empty: none
};

constexpr OptionRow kOptions[] = {
    {1, 18, "Male", "Männlich", "男性"},
    {2, 18, "Female", "Weiblich", "女性"},
    {3, 81, "Acme", "", ""},
    {4, 81, "Müller & Söhne", "", ""},
    {5, 81, "O'Neil Outdoor", "", ""},
    {6, 81, "山田製作所", "", ""},
    {7, 81, "Smith \\ Wesson Leather", "", ""},
    {8, 81, "Société \"Lumière\"", "", ""},
    {9, 92, "Black", "Schwarz", "黒"},
    {10, 92, "White", "Weiß", "白"},
    {11, 92, "Red", "Rot", "赤"},
    {12, 92, "Blue", "Blau", "青"},
    {13, 92, "Green", "Grün", "緑"},
    {14, 92, "Beige", "Beige", ""},
    {15, 92, "Navy", "Marineblau", "紺"},
    {16, 92, "Bordeaux", "Weinrot", ""},
    {17, 133, "XS", "", ""},
    {18, 133, "S", "", ""},
    {19, 133, "M", "", ""},
    {20, 133, "L", "Groß", ""},
    {21, 133, "XL", "Sehr groß", ""},
    {22, 133, "42 ½", "42,5", ""},
};

struct LabelRow {
  uint16_t attribute_id;
  uint16_t store_id;
  absl::string_view label;
};

constexpr LabelRow kLabels[] = {
    {71, 2, "Name"}, {71, 3, "商品名"}, {72, 2, "Beschreibung"}, {72, 3, "説明"},   {75, 2, "Preis"},
    {75, 3, "価格"}, {92, 2, "Farbe"},  {92, 3, "色"},           {133, 2, "Größe"}, {80, 2, "Gewicht"},
};

const Attribute* Find(EntityType entity, absl::string_view code) {
  for (const Attribute& attribute : kAttributes) {
    if (attribute.entity == entity && attribute.code == code) return &attribute;
  }
  return nullptr;
}

bool IsCatalog(EntityType entity) { return entity == kCategoryEntity || entity == kProductEntity; }

void TextOrNull(RowSink& sink, const char* column, absl::string_view value) {
  if (value.empty()) {
    sink.Null(column);
  } else {
    sink.Text(column, value);
  }
}

void EmitEntityTypes(RowSink& sink) {
  for (const EntityTypeRow& type : kEntityTypes) {
    sink.Int("entity_type_id", type.id).Text("entity_type_code", type.code).Text("entity_model", type.entity_model);
    TextOrNull(sink, "attribute_model", type.attribute_model);
    sink.Text("entity_table", type.entity_table).Null("value_table_prefix").Null("entity_id_field");
    sink.Int("is_data_sharing", 1).Text("data_sharing_key", "default");
    sink.Int("default_attribute_set_id", type.default_attribute_set_id);
    TextOrNull(sink, "increment_model", type.increment_model);
    sink.Int("increment_per_store", type.increment_per_store).Int("increment_pad_length", 8);
    sink.Text("increment_pad_char", "0");
    TextOrNull(sink, "additional_attribute_table", type.additional_attribute_table);
    TextOrNull(sink, "entity_attribute_collection", type.entity_attribute_collection);
    sink.EndRow();
  }
}

void EmitAttributes(RowSink& sink) {
  for (const Attribute& attribute : kAttributes) {
    sink.Int("attribute_id", attribute.id)
        .Int("entity_type_id", attribute.entity)
        .Text("attribute_code", attribute.code);
    sink.Null("attribute_model");
    TextOrNull(sink, "backend_model", attribute.backend_model);
    sink.Text("backend_type", attribute.backend_type).Null("backend_table");
    TextOrNull(sink, "frontend_model", attribute.frontend_model);
    sink.Text("frontend_input", attribute.input);
    TextOrNull(sink, "frontend_label", attribute.label);
    if (attribute.code == "email") {
      sink.Text("frontend_class", "validate-email");
    } else if (attribute.input == "price") {
      sink.Text("frontend_class", "validate-number");
    } else {
      sink.Null("frontend_class");
    }
    TextOrNull(sink, "source_model", attribute.source_model);
    sink.Int("is_required", (attribute.flags & kRequired) ? 1 : 0);
    sink.Int("is_user_defined", (attribute.flags & kUserDefined) ? 1 : 0);
    TextOrNull(sink, "default_value", attribute.default_value);
    sink.Int("is_unique", (attribute.flags & kUnique) ? 1 : 0);
    if (attribute.code == "url_key" && attribute.entity == kProductEntity) {
      sink.Text("note", "Leave blank for automatic generation – only \"a-z\", \"0-9\" and '-'");
    } else {
      sink.Null("note");
    }
    sink.EndRow();
  }
}

void EmitAttributeSets(RowSink& sink) {
  for (const AttributeSet& set : kAttributeSets) {
    sink.Int("attribute_set_id", set.id).Int("entity_type_id", set.entity).Text("attribute_set_name", set.name);
    sink.Int("sort_order", set.sort_order).EndRow();
  }
}

void EmitAttributeGroups(RowSink& sink) {
  for (const AttributeSet& set : kAttributeSets) {
    absl::Span<const absl::string_view> names = GroupNames(set.entity);
    for (size_t i = 0; i < names.size(); ++i) {
      sink.Int("attribute_group_id", GroupId(set.id, names[i])).Int("attribute_set_id", set.id);
      sink.Text("attribute_group_name", names[i]).Int("sort_order", static_cast<int64_t>(i + 1));
      sink.Int("default_id", i == 0 ? 1 : 0).EndRow();
    }
  }
}

void EmitEntityAttributes(RowSink& sink) {
  int entity_attribute_id = 0;
  for (const AttributeSet& set : kAttributeSets) {
    int sort_order = 0;
    for (const Attribute& attribute : kAttributes) {
      if (attribute.entity != set.entity) continue;
      if ((attribute.flags & kCustomSetsOnly) && set.id == kDefaultProductAttributeSet) continue;
      sort_order += 10;
      sink.Int("entity_attribute_id", ++entity_attribute_id).Int("entity_type_id", set.entity);
      sink.Int("attribute_set_id", set.id).Int("attribute_group_id", GroupId(set.id, attribute.group));
      sink.Int("attribute_id", attribute.id).Int("sort_order", sort_order).EndRow();
    }
  }
}

void EmitOptions(RowSink& sink) {
  uint32_t previous_attribute = 0;
  int sort_order = 0;
  for (const OptionRow& option : kOptions) {
    sort_order = option.attribute_id == previous_attribute ? sort_order + 1 : 0;
    previous_attribute = option.attribute_id;
    sink.Int("option_id", option.option_id).Int("attribute_id", option.attribute_id).Int("sort_order", sort_order);
    sink.EndRow();
  }
}

void EmitOptionValues(RowSink& sink) {
  int value_id = 0;
  for (const OptionRow& option : kOptions) {
    sink.Int("value_id", ++value_id).Int("option_id", option.option_id).Int("store_id", 0);
    sink.Text("value", option.admin_label).EndRow();
    if (!option.german_label.empty()) {
      sink.Int("value_id", ++value_id).Int("option_id", option.option_id).Int("store_id", 2);
      sink.Text("value", option.german_label).EndRow();
    }
    if (!option.japanese_label.empty()) {
      sink.Int("value_id", ++value_id).Int("option_id", option.option_id).Int("store_id", 3);
      sink.Text("value", option.japanese_label).EndRow();
    }
  }
}

void EmitLabels(RowSink& sink) {
  int label_id = 0;
  for (const LabelRow& label : kLabels) {
    sink.Int("attribute_label_id", ++label_id).Int("attribute_id", label.attribute_id);
    sink.Int("store_id", label.store_id).Text("value", label.label).EndRow();
  }
}

void EmitCatalogAttributes(RowSink& sink) {
  for (const Attribute& attribute : kAttributes) {
    if (!IsCatalog(attribute.entity)) continue;
    const uint16_t flags = attribute.flags;
    sink.Int("attribute_id", attribute.id).Null("frontend_input_renderer").Int("is_global", attribute.scope);
    sink.Int("is_visible", (flags & kInvisible) ? 0 : 1).Int("is_searchable", (flags & kSearchable) ? 1 : 0);
    sink.Int("is_filterable", (flags & kFilterable) ? 1 : 0).Int("is_comparable", (flags & kComparable) ? 1 : 0);
    sink.Int("is_visible_on_front", (flags & kComparable) ? 1 : 0)
        .Int("is_html_allowed_on_front", (flags & kHtml) ? 1 : 0);
    sink.Int("is_used_for_price_rules", 0).Int("is_filterable_in_search", (flags & kFilterable) ? 1 : 0);
    sink.Int("used_in_product_listing", (flags & kListed) ? 1 : 0).Int("used_for_sort_by", (flags & kSortable) ? 1 : 0);
    sink.Int("is_configurable", (attribute.code == "color" || attribute.code == "size") ? 1 : 0);
    TextOrNull(sink, "apply_to", attribute.apply_to);
    sink.Int("is_visible_in_advanced_search", (flags & kSearchable) ? 1 : 0).Int("position", 0);
    sink.Int("is_wysiwyg_enabled", (flags & kHtml) ? 1 : 0)
        .Int("is_used_for_promo_rules", (flags & kFilterable) ? 1 : 0);
    sink.EndRow();
  }
}

void EmitCustomerAttributes(RowSink& sink) {
  PhpSerializer name_rules;
  name_rules.BeginArray(2).String("max_text_length").Int(255).String("min_text_length").Int(1).EndArray();
  const std::string name_validation = name_rules.Take();
  int sort_order = 0;
  for (const Attribute& attribute : kAttributes) {
    if (IsCatalog(attribute.entity)) continue;
    sort_order += 10;
    const bool is_name = attribute.code == "firstname" || attribute.code == "lastname";
    sink.Int("attribute_id", attribute.id).Int("is_visible", (attribute.flags & kInvisible) ? 0 : 1);
    if (is_name) {
      sink.Text("input_filter", "trim");
    } else if (attribute.code == "dob") {
      sink.Text("input_filter", "date");
    } else {
      sink.Null("input_filter");
    }
    sink.Int("multiline_count", attribute.code == "street" ? 2 : 1);
    if (is_name) {
      sink.Text("validate_rules", name_validation);
    } else if (attribute.code == "dob") {
      sink.Text("validate_rules", "a:1:{s:16:\"input_validation\";s:4:\"date\";}");
    } else {
      sink.Null("validate_rules");
    }
    sink.Int("is_system", (attribute.flags & kUserDefined) ? 0 : 1).Int("sort_order", sort_order).Null("data_model");
    sink.EndRow();
  }
}

void EmitFormAttributes(RowSink& sink) {
  constexpr absl::string_view kCustomerForms[] = {"adminhtml_customer", "checkout_register", "customer_account_create",
                                                  "customer_account_edit"};
  constexpr absl::string_view kAddressForms[] = {"adminhtml_customer_address", "customer_address_edit",
                                                 "customer_register_address"};
  for (const Attribute& attribute : kAttributes) {
    if (IsCatalog(attribute.entity) || (attribute.flags & kInvisible) || attribute.backend_type == "static") continue;
    for (absl::string_view form : attribute.entity == kCustomerEntity ? absl::MakeConstSpan(kCustomerForms)
                                                                      : absl::MakeConstSpan(kAddressForms)) {
      sink.Text("form_code", form).Int("attribute_id", attribute.id).EndRow();
    }
  }
}

}  // namespace

uint16_t AttributeId(EntityType entity, absl::string_view code, absl::string_view backend_type) {
  const Attribute* attribute = Find(entity, code);
  if (attribute == nullptr || attribute->backend_type != backend_type) {
    std::fprintf(stderr, "generator bug: no %s attribute %s of entity type %d\n", std::string(backend_type).c_str(),
                 std::string(code).c_str(), static_cast<int>(entity));
    std::abort();
  }
  return attribute->id;
}

std::vector<uint32_t> OptionIds(EntityType entity, absl::string_view code) {
  const uint16_t attribute_id = AttributeId(entity, code, "int");
  std::vector<uint32_t> ids;
  for (const OptionRow& option : kOptions) {
    if (option.attribute_id == attribute_id) ids.push_back(option.option_id);
  }
  return ids;
}

void AddEavMetadataTables(TableList& tables) {
  tables.push_back({"eav_entity_type", std::size(kEntityTypes), EmitEntityTypes});
  tables.push_back({"eav_attribute", std::size(kAttributes), EmitAttributes});
  tables.push_back({"eav_attribute_set", std::size(kAttributeSets), EmitAttributeSets});
  tables.push_back({"eav_attribute_group", 40, EmitAttributeGroups});
  tables.push_back({"eav_entity_attribute", 400, EmitEntityAttributes});
  tables.push_back({"eav_attribute_option", std::size(kOptions), EmitOptions});
  tables.push_back({"eav_attribute_option_value", 45, EmitOptionValues});
  tables.push_back({"eav_attribute_label", std::size(kLabels), EmitLabels});
  tables.push_back({"catalog_eav_attribute", 80, EmitCatalogAttributes});
  tables.push_back({"customer_eav_attribute", 40, EmitCustomerAttributes});
  tables.push_back({"customer_form_attribute", 80, EmitFormAttributes});
}

}  // namespace migrate::generator

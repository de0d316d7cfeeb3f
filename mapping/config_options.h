// The <options> of config.xml: every option in file order, unknown ones included, with typed
// accessors for the options Magento knows.
//
// Values are the options' text exactly as Magento's getOption() returns it (an option given twice
// keeps its first place and its last value). Accessors of absent options give what Magento does
// with a null option: "" for strings, 0 for numbers, false for flags.
#ifndef MIGRATE_MAPPING_CONFIG_OPTIONS_H_
#define MIGRATE_MAPPING_CONFIG_OPTIONS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::mapping {

struct ConfigOption {
  std::string name;
  std::string value;
  int line = 0;
};

class ConfigOptions {
 public:
  ConfigOptions() = default;
  explicit ConfigOptions(std::vector<ConfigOption> options) : options_(std::move(options)) {}

  const std::vector<ConfigOption>& all() const { return options_; }

  // The option called `name`, or nullptr.
  const ConfigOption* Find(absl::string_view name) const;
  bool Has(absl::string_view name) const { return Find(name) != nullptr; }
  // Its value, or "" when absent.
  const std::string& Get(absl::string_view name) const;
  // PHP's truth of the value: false when absent, "" or "0".
  bool Flag(absl::string_view name) const;

  // Rows per batch; 0 (also when absent) means "choose per document", as in Magento.
  int bulk_size() const;
  // Chunks copied at once; 0 (absent) means the default.
  int threads() const;
  // Ours: MiB the rows in flight of every chunk may take together; 0 (absent) means the default.
  int memory_limit() const;
  // Ours: source rows from which a table filled from empty is loaded without its plain secondary
  // keys, built after its rows; 0 never defers them; -1 (absent) means the default.
  int defer_indexes_min_rows() const;
  bool direct_document_copy() const { return Flag("direct_document_copy"); }
  // Table name prefixes; "" when none. Magento treats a prefix of "0" as none, and so do we.
  std::string source_prefix() const { return Prefix("source_prefix"); }
  std::string dest_prefix() const { return Prefix("dest_prefix"); }
  // init_statements_source / _destination split at ';' as Magento splits them, blank parts dropped.
  std::vector<std::string> init_statements_source() const {
    return Statements("init_statements_source");
  }
  std::vector<std::string> init_statements_destination() const {
    return Statements("init_statements_destination");
  }
  const std::string& log_file() const { return Get("log_file"); }
  const std::string& progress_bar_format() const { return Get("progress_bar_format"); }
  const std::string& crypt_key() const { return Get("crypt_key"); }
  const std::string& edition_migrate() const { return Get("edition_migrate"); }
  const std::string& edition_number() const { return Get("edition_number"); }
  const std::string& resource_adapter_class_name() const {
    return Get("resource_adapter_class_name");
  }
  bool upgrade_customer_password_hash() const { return Flag("upgrade_customer_password_hash"); }
  // Ours: TLS connections accept a server certificate issued for another host name (the chain is
  // still checked against ssl_ca). Every run warns while it is set.
  bool ssl_skip_name_check() const { return Flag("ssl_skip_name_check"); }
  bool auto_resolve_urlrewrite_duplicates() const {
    return Flag("auto_resolve_urlrewrite_duplicates");
  }

  // The map and group files (paths as written; resolve them with ResolvePath()).
  const std::string& map_file() const { return Get("map_file"); }
  const std::string& eav_map_file() const { return Get("eav_map_file"); }
  const std::string& eav_document_groups_file() const { return Get("eav_document_groups_file"); }
  const std::string& eav_attribute_groups_file() const { return Get("eav_attribute_groups_file"); }
  const std::string& log_map_file() const { return Get("log_map_file"); }
  const std::string& log_document_groups_file() const { return Get("log_document_groups_file"); }
  const std::string& settings_map_file() const { return Get("settings_map_file"); }
  const std::string& sales_order_map_file() const { return Get("sales_order_map_file"); }
  const std::string& customer_map_file() const { return Get("customer_map_file"); }
  const std::string& customer_document_groups_file() const {
    return Get("customer_document_groups_file");
  }
  const std::string& customer_attribute_groups_file() const {
    return Get("customer_attribute_groups_file");
  }
  const std::string& delta_document_groups_file() const {
    return Get("delta_document_groups_file");
  }
  const std::string& order_grids_document_groups_file() const {
    return Get("order_grids_document_groups_file");
  }
  const std::string& map_document_groups() const { return Get("map_document_groups"); }
  const std::string& class_map() const { return Get("class_map"); }
  const std::string& tier_price_map_file() const { return Get("tier_price_map_file"); }
  const std::string& stores_map_file() const { return Get("stores_map_file"); }

 private:
  std::string Prefix(absl::string_view name) const;
  std::vector<std::string> Statements(absl::string_view name) const;

  std::vector<ConfigOption> options_;
};

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_CONFIG_OPTIONS_H_

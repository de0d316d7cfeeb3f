// What the Customer Attributes step reads before it moves anything: its three files and the
// Magento 1 attributes they name.
#ifndef MIGRATE_STAGES_STEPS_CUSTOMER_CUSTOMER_FILES_H_
#define MIGRATE_STAGES_STEPS_CUSTOMER_CUSTOMER_FILES_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/mysql_connection.h"
#include "mapping/map_rules.h"
#include "stages/run_context.h"

namespace migrate::stages::customer {

struct CustomerFiles {
  mapping::MapRules rules;
  // Group source_documents, in file order.
  std::vector<std::string> documents;
  // Group source_entity_documents.
  std::set<std::string> entity_documents;
  // Each document's entity type code (the groups named by the codes of group eav_entities).
  std::map<std::string, std::string> entity_type_of;
  // Per entity document, the codes of its static columns (customer_attribute_groups_file).
  std::map<std::string, std::vector<std::string>> static_codes;
};

absl::StatusOr<CustomerFiles> LoadCustomerFiles(const RunContext& context);

// A Magento 1 attribute a static column takes.
struct SourceAttribute {
  std::string id;
  std::string code;
  std::string backend_type;
};

// The Magento 1 attributes of the listed codes, per entity document; the codes Magento 1 lacks go
// into `missing` as (code, entity type code).
absl::StatusOr<std::map<std::string, std::vector<SourceAttribute>>> ReadStaticAttributes(
    RunContext& context, io::MysqlConnection& source, const CustomerFiles& files,
    std::vector<std::pair<std::string, std::string>>* missing);

// The attribute ids whose values the value tables leave out (both entity types').
std::set<std::string> LeftOutAttributeIds(const std::map<std::string, std::vector<SourceAttribute>>& attributes);

}  // namespace migrate::stages::customer

#endif  // MIGRATE_STAGES_STEPS_CUSTOMER_CUSTOMER_FILES_H_

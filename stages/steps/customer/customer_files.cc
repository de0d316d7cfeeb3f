#include "stages/steps/customer/customer_files.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/bound_statement.h"
#include "io/result_set.h"
#include "mapping/document_prefix.h"
#include "mapping/groups.h"

namespace migrate::stages::customer {
namespace {

absl::StatusOr<mapping::Groups> ReadGroups(const RunContext& context, absl::string_view option) {
  absl::StatusOr<std::string> path = context.ResolveFileOption(option);
  if (!path.ok()) return path.status();
  return mapping::Groups::Read(*path);
}

std::vector<std::string> Names(const mapping::Groups& groups, absl::string_view name) {
  const mapping::Group* group = groups.Find(name);
  return group == nullptr ? std::vector<std::string>{} : group->Names();
}

}  // namespace

absl::StatusOr<CustomerFiles> LoadCustomerFiles(const RunContext& context) {
  absl::StatusOr<std::string> map_path = context.ResolveFileOption("customer_map_file");
  if (!map_path.ok()) return map_path.status();
  absl::StatusOr<mapping::MapRules> rules = mapping::MapRules::Read(*map_path);
  if (!rules.ok()) return rules.status();
  absl::StatusOr<mapping::Groups> documents = ReadGroups(context, "customer_document_groups_file");
  if (!documents.ok()) return documents.status();
  absl::StatusOr<mapping::Groups> attributes = ReadGroups(context, "customer_attribute_groups_file");
  if (!attributes.ok()) return attributes.status();

  CustomerFiles files{std::move(*rules), Names(*documents, "source_documents"), {}, {}, {}};
  for (const std::string& document : Names(*documents, "source_entity_documents")) {
    files.entity_documents.insert(document);
  }
  for (const std::string& type : Names(*documents, "eav_entities")) {
    for (const std::string& document : Names(*documents, type)) files.entity_type_of[document] = type;
  }
  for (const std::string& document : files.entity_documents) {
    files.static_codes[document] = Names(*attributes, document);
  }
  if (files.documents.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(documents->file(), ": the Customer Attributes step needs group \"source_documents\""));
  }
  return files;
}

absl::StatusOr<std::map<std::string, std::vector<SourceAttribute>>> ReadStaticAttributes(
    RunContext& context, io::MysqlConnection& source, const CustomerFiles& files,
    std::vector<std::pair<std::string, std::string>>* missing) {
  std::map<std::string, std::vector<SourceAttribute>> attributes;
  for (const auto& [document, codes] : files.static_codes) {
    auto type = files.entity_type_of.find(document);
    if (type == files.entity_type_of.end() || codes.empty()) continue;
    absl::StatusOr<io::ResultSet> rows = io::QueryBound(
        source,
        absl::StrCat("SELECT a.attribute_id, a.attribute_code, a.backend_type FROM ",
                     io::QuoteIdentifier(mapping::AddDocumentPrefix(context.prefixes().source, "eav_attribute")),
                     " a JOIN ", io::QuoteIdentifier(mapping::AddDocumentPrefix(context.prefixes().source, "eav_entity_type")),
                     " t ON t.entity_type_id = a.entity_type_id WHERE t.entity_type_code = ?"),
        {type->second});
    if (!rows.ok()) return rows.status();
    std::map<std::string, SourceAttribute> by_code;
    for (const io::Row& row : rows->rows()) {
      by_code[row[1].value_or("")] = SourceAttribute{row[0].value_or(""), row[1].value_or(""), row[2].value_or("")};
    }
    for (const std::string& code : codes) {
      auto found = by_code.find(code);
      if (found == by_code.end()) {
        missing->emplace_back(code, type->second);
      } else {
        attributes[document].push_back(found->second);
      }
    }
  }
  return attributes;
}

std::set<std::string> LeftOutAttributeIds(const std::map<std::string, std::vector<SourceAttribute>>& attributes) {
  std::set<std::string> ids;
  for (const auto& [document, list] : attributes) {
    for (const SourceAttribute& attribute : list) ids.insert(attribute.id);
  }
  return ids;
}

}  // namespace migrate::stages::customer

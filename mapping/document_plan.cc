#include "mapping/document_plan.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace migrate::mapping {
namespace {

// The handlers of `fields` in order, one per (field, class) as Magento's handler manager keeps
// them.
std::vector<FieldHandler> HandlerChain(const MapRules& rules, Side side, absl::string_view document,
                                       const std::vector<std::string>& fields) {
  std::vector<FieldHandler> chain;
  absl::flat_hash_map<std::string, size_t> position;
  for (const std::string& field : fields) {
    for (const HandlerRef* handler : rules.Handlers(document, field, side)) {
      const auto [entry, inserted] =
          position.try_emplace(absl::StrCat(field, "\n", handler->class_name), chain.size());
      if (inserted) {
        chain.push_back({field, *handler});
      } else {
        chain[entry->second].handler = *handler;
      }
    }
  }
  return chain;
}

std::vector<std::string> IgnoredFields(const MapRules& rules, Side side, absl::string_view document,
                                       const std::vector<std::string>& fields) {
  std::vector<std::string> ignored;
  for (const std::string& field : fields) {
    if (rules.IsFieldIgnored(document, field, side)) ignored.push_back(field);
  }
  return ignored;
}

}  // namespace

absl::StatusOr<FieldFindings> VerifyFields(const MapRules& rules, Side side,
                                           absl::string_view document,
                                           const std::vector<std::string>& fields,
                                           const std::vector<std::string>& counterpart_fields) {
  const absl::flat_hash_set<absl::string_view> counterpart(counterpart_fields.begin(),
                                                           counterpart_fields.end());
  FieldFindings findings;
  for (const std::string& field : fields) {
    absl::StatusOr<std::optional<std::string>> mapped = rules.FieldMap(document, field, side);
    if (!mapped.ok()) return mapped.status();
    if (!mapped->has_value()) continue;
    if (!counterpart.contains(**mapped)) {
      findings.not_mapped.push_back(**mapped);
    } else if (!rules.IsFieldDataTypeIgnored(document, field, side)) {
      findings.type_checks.emplace_back(field, **mapped);
    }
  }
  return findings;
}

absl::StatusOr<DocumentPlan> ResolveDocumentPlan(const MapRules& rules,
                                                 absl::string_view source_document,
                                                 const std::vector<std::string>& source_fields,
                                                 const std::vector<std::string>& destination_fields,
                                                 const DocumentPrefixes& prefixes) {
  const std::optional<std::string> destination_document =
      rules.DocumentMap(source_document, Side::kSource);
  if (!destination_document.has_value()) {
    DocumentPlan plan;
    plan.source_document = std::string(source_document);
    plan.ignored = true;
    return plan;
  }
  return ResolveDocumentPlanInto(rules, source_document, *destination_document, source_fields, destination_fields,
                                 prefixes);
}

absl::StatusOr<DocumentPlan> ResolveDocumentPlanInto(const MapRules& rules, absl::string_view source_document,
                                                     absl::string_view destination_document,
                                                     const std::vector<std::string>& source_fields,
                                                     const std::vector<std::string>& destination_fields,
                                                     const DocumentPrefixes& prefixes) {
  DocumentPlan plan;
  plan.source_document = std::string(source_document);
  plan.destination_document = std::string(destination_document);
  plan.source_table = AddDocumentPrefix(prefixes.source, plan.source_document);
  plan.destination_table = AddDocumentPrefix(prefixes.destination, plan.destination_document);

  absl::StatusOr<FieldFindings> source_findings =
      VerifyFields(rules, Side::kSource, plan.source_document, source_fields, destination_fields);
  if (!source_findings.ok()) return source_findings.status();
  plan.source_findings = std::move(*source_findings);
  if (rules.DocumentMap(plan.destination_document, Side::kDestination) == plan.source_document) {
    absl::StatusOr<FieldFindings> destination_findings = VerifyFields(
        rules, Side::kDestination, plan.destination_document, destination_fields, source_fields);
    if (!destination_findings.ok()) return destination_findings.status();
    plan.destination_findings = std::move(*destination_findings);
  }

  plan.source_handlers = HandlerChain(rules, Side::kSource, plan.source_document, source_fields);
  plan.destination_handlers =
      HandlerChain(rules, Side::kDestination, plan.destination_document, destination_fields);
  plan.ignored_source_fields =
      IgnoredFields(rules, Side::kSource, plan.source_document, source_fields);
  plan.ignored_destination_fields =
      IgnoredFields(rules, Side::kDestination, plan.destination_document, destination_fields);

  const absl::flat_hash_set<absl::string_view> destination(destination_fields.begin(),
                                                           destination_fields.end());
  bool source_within_destination = true;
  for (const std::string& field : source_fields) {
    if (!destination.contains(field)) source_within_destination = false;
  }
  plan.copy_unchanged = source_within_destination && plan.source_handlers.empty() &&
                        plan.destination_handlers.empty();

  // Destination field -> the source field whose value it receives.
  absl::flat_hash_map<std::string, std::string> origin;
  for (const std::string& field : source_fields) {
    if (plan.copy_unchanged) {
      origin[field] = field;
      continue;
    }
    if (rules.IsFieldIgnored(plan.source_document, field, Side::kSource)) continue;
    absl::StatusOr<std::optional<std::string>> mapped =
        rules.FieldMap(plan.source_document, field, Side::kSource);
    if (!mapped.ok()) return mapped.status();
    if (destination.contains(**mapped)) origin[**mapped] = field;
  }
  for (const std::string& field : destination_fields) {
    const auto found = origin.find(field);
    plan.fields.push_back(
        {field, found == origin.end() ? std::nullopt : std::optional<std::string>(found->second)});
  }
  return plan;
}

}  // namespace migrate::mapping

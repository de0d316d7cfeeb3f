// The map rules resolved, once, for one source document and its destination document: an immutable
// DocumentPlan saying which source field fills each destination field and which handlers run.
//
// Pure: the caller passes the field lists (from schema introspection) in table column order. The
// plan reproduces what Magento's Map step does for one document:
// - The destination document is MapRules::DocumentMap() of the source document.
// - Handlers: the source document's transforms, field by field in source column order, run on the
//   source row before the copy; the destination document's, in destination column order, run after.
//   A class named twice for one field keeps its first place and takes the later params (Magento
//   keys its handlers by field and class).
// - Copy: each source field not ignored goes to its FieldMap() name when the destination has that
//   field; several source fields landing on one destination field leave the last one's value.
//   Destination fields that nothing fills get their default, unless a handler sets them.
// - copy_unchanged is Magento's canJustCopy: every source field exists in the destination and
//   neither side has handlers. Magento then copies rows as they are, by name, disregarding field
//   ignores and moves, and so does this plan: each destination field takes the source field of the
//   same name.
// Integrity findings follow Magento's AbstractIntegrity::verifyFields() and are left to the stages
// to report with Magento's texts. Ambiguous rules fail with Magento's messages (see
// MapRules::FieldMap()).
//
// Callers find the destination document (and so its fields) with MapRules::DocumentMap() first.
#ifndef MIGRATE_MAPPING_DOCUMENT_PLAN_H_
#define MIGRATE_MAPPING_DOCUMENT_PLAN_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mapping/document_prefix.h"
#include "mapping/handler_ref.h"
#include "mapping/map_rules.h"

namespace migrate::mapping {

// What verifyFields() finds for one document against its counterpart on the other side.
struct FieldFindings {
  // The mapped names missing from the counterpart, in column order: Magento's
  // "Source fields are not mapped. Document: %s. Fields: %s" (or "Destination fields ...") lists
  // them joined by ','.
  std::vector<std::string> not_mapped;
  // Fields whose counterpart exists and whose data type check is not ignored: {field, counterpart}.
  // The stage compares their types and warns "Mismatch of data types. Source document: %s.
  // Fields: %s" (or "Destination document"), listing the first names.
  std::vector<std::pair<std::string, std::string>> type_checks;
};

// verifyFields() for `document` on `side`: each of its fields not ignored is mapped with FieldMap()
// and looked up among `counterpart_fields`.
absl::StatusOr<FieldFindings> VerifyFields(const MapRules& rules, Side side,
                                           absl::string_view document,
                                           const std::vector<std::string>& fields,
                                           const std::vector<std::string>& counterpart_fields);

struct FieldAssignment {
  std::string destination_field;
  // Where the value comes from; nullopt: the column default, or whatever a handler sets.
  std::optional<std::string> source_field;
};

struct FieldHandler {
  // The field the handler is attached to (a source field for source handlers, else a destination
  // field).
  std::string field;
  HandlerRef handler;
};

struct DocumentPlan {
  // Set when the source document is ignored; then nothing else is filled in.
  bool ignored = false;
  // Document names as the map uses them, and table names with the prefixes added.
  std::string source_document;
  std::string destination_document;
  std::string source_table;
  std::string destination_table;
  // Magento's canJustCopy (see above): rows may be copied unchanged, even by INSERT ... SELECT.
  bool copy_unchanged = false;
  // One per destination field, in destination column order.
  std::vector<FieldAssignment> fields;
  // Run in this order on the source row, before the copy.
  std::vector<FieldHandler> source_handlers;
  // Run in this order on the destination row, after the copy.
  std::vector<FieldHandler> destination_handlers;
  // Fields named by an <ignore><field> rule, in column order.
  std::vector<std::string> ignored_source_fields;
  std::vector<std::string> ignored_destination_fields;
  // verifyFields() of the source document against the destination fields.
  FieldFindings source_findings;
  // verifyFields() of the destination document against the source fields; only when the destination
  // document maps back to this source document and is not ignored (else Magento checks it against
  // another document, or not at all).
  std::optional<FieldFindings> destination_findings;
};

absl::StatusOr<DocumentPlan> ResolveDocumentPlan(const MapRules& rules,
                                                 absl::string_view source_document,
                                                 const std::vector<std::string>& source_fields,
                                                 const std::vector<std::string>& destination_fields,
                                                 const DocumentPrefixes& prefixes = {});

// The same for a destination document the step chooses rather than the map (Magento's TierPrice
// step sends catalog_product_entity_group_price into catalog_product_entity_tier_price by a list of
// its own); the map's field rules still apply under both documents' names.
absl::StatusOr<DocumentPlan> ResolveDocumentPlanInto(const MapRules& rules, absl::string_view source_document,
                                                     absl::string_view destination_document,
                                                     const std::vector<std::string>& source_fields,
                                                     const std::vector<std::string>& destination_fields,
                                                     const DocumentPrefixes& prefixes = {});

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_DOCUMENT_PLAN_H_

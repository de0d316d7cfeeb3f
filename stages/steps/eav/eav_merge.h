// Magento's EAV Data step as a pure function: Magento 1's attribute model (entity types, attribute
// sets, groups, attributes and their catalog/customer extensions) merged into Magento 2's own
// default rows, read from the pristine copy of the destination.
//
// The rules, as Magento's Migration\Step\Eav\Data applies them (../shared/reference §2):
// - Magento 1's ids of entity types, sets, groups and attributes are kept. Magento 2's own rows
//   that Magento 1 lacks (entity types, sets, attributes such as quantity_and_stock_status) get new
//   ids after the highest Magento 1 id (ignored attributes included), in their original order, and
//   every reference to them moves with them. Every id map is applied in one pass over the original values (Magento 2's ids and
//   Magento 1's overlap, so chained per-id updates would corrupt them).
// - An entity type both know starts from Magento 2's row with Magento 1's transformed fields on
//   top; an attribute both know keeps Magento 2's definition (and extension row) under Magento 1's
//   id; a Magento 1 set replaces Magento 2's set of the same type and name.
// - Magento 1's non-Default product sets get copies of Magento 2's Default product set layout
//   (groups and attribute memberships, by group code); Magento 1 groups with names Magento 2 does
//   not use are added; every Magento 1 membership the layout lacks is added in its Magento 1 set
//   and the group its Magento 1 group maps to (Magento adds only those of attributes Magento 2
//   lacks, so a custom set loses, and PostProcessing then deletes the values of, the Magento
//   2-known attributes that Magento 2's Default layout does not hold).
// Every row is emitted with an explicit id, in Magento's insertion order, so the result is the same
// whatever the tables held before.
#ifndef MIGRATE_STAGES_STEPS_EAV_EAV_MERGE_H_
#define MIGRATE_STAGES_STEPS_EAV_EAV_MERGE_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "io/table_records.h"

namespace migrate::stages::eav {

// The seven documents of eav-document-groups.xml's group "documents", one side's rows each.
struct EavTables {
  std::vector<io::Record> entity_types;        // eav_entity_type
  std::vector<io::Record> attribute_sets;      // eav_attribute_set
  std::vector<io::Record> attribute_groups;    // eav_attribute_group
  std::vector<io::Record> attributes;          // eav_attribute
  std::vector<io::Record> entity_attributes;   // eav_entity_attribute
  std::vector<io::Record> catalog_attributes;  // catalog_eav_attribute
  std::vector<io::Record> customer_attributes; // customer_eav_attribute
};

// (entity type code, attribute code): an attribute of eav-attribute-groups.xml.
using AttributeName = std::pair<std::string, std::string>;

struct EavMergeInput {
  // Magento 1's rows as read, in primary key order.
  EavTables source;
  // The same rows through the eav map's rules and handlers (destination columns; a column a row
  // lacks takes its default), row for row.
  EavTables transformed;
  // Magento 2's rows before the step, in primary key order.
  EavTables destination;
  // The attributes of group "ignore": left out entirely.
  std::set<AttributeName> ignored;
};

// The rows each document holds after the step, in insertion order. Errors when the inputs do not
// line up (a transformed table of another length than its source).
absl::StatusOr<EavTables> MergeEav(const EavMergeInput& input);

// The Magento 1 attributes left out by `ignored`, by attribute id.
std::set<std::string> IgnoredAttributeIds(const EavTables& source, const std::set<AttributeName>& ignored);

}  // namespace migrate::stages::eav

#endif  // MIGRATE_STAGES_STEPS_EAV_EAV_MERGE_H_

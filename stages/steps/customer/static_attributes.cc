#include "stages/steps/customer/static_attributes.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "io/row_batch.h"

namespace migrate::stages::customer {

std::string UpgradePasswordHash(absl::string_view value) {
  const size_t colon = value.find(':');
  const absl::string_view hash = value.substr(0, colon);
  const absl::string_view salt = colon == absl::string_view::npos ? "" : value.substr(colon + 1);
  if (hash.size() == 32) return absl::StrCat(hash, ":", salt, ":0");
  if (hash.size() == 64) return absl::StrCat(hash, ":", salt, ":1");
  return std::string(value);
}

bool IsSha512Hash(absl::string_view value) { return value.substr(0, value.find(':')).size() == 128; }

namespace {

void SetEmpty(io::RowBatch& target, size_t row, const StaticAttribute& attribute) {
  if (attribute.empty_value.has_value()) {
    target.SetValue(row, attribute.column, *attribute.empty_value);
  } else {
    target.SetNull(row, attribute.column);
  }
}

}  // namespace

StaticAttributeFill::StaticAttributeFill(const mapping::SourceLookup* source, std::string entity_table,
                                         size_t id_column, std::vector<StaticAttribute> attributes,
                                         bool upgrade_password_hash)
    : source_(source),
      entity_table_(std::move(entity_table)),
      id_column_(id_column),
      attributes_(std::move(attributes)),
      upgrade_password_hash_(upgrade_password_hash) {
  for (const StaticAttribute& attribute : attributes_) {
    ids_by_type_[attribute.backend_type].push_back(attribute.attribute_id);
  }
}

absl::Status StaticAttributeFill::Apply(io::RowBatch& target, const io::RowBatch&) const {
  if (target.empty()) return absl::OkStatus();
  absl::flat_hash_map<std::string, size_t> row_of;  // entity_id -> row
  std::string id_list;
  mapping::SqlValues ids;
  for (size_t row = 0; row < target.row_count(); ++row) {
    const std::string id(target.Value(row, id_column_));
    row_of[id] = row;
    id_list.append(ids.empty() ? "?" : ",?");
    ids.emplace_back(id);
  }
  absl::flat_hash_map<std::string, const StaticAttribute*> by_id;
  for (const StaticAttribute& attribute : attributes_) {
    by_id[attribute.attribute_id] = &attribute;
    for (size_t row = 0; row < target.row_count(); ++row) SetEmpty(target, row, attribute);
  }
  for (const auto& [type, attribute_ids] : ids_by_type_) {
    mapping::SqlValues values_bound = ids;
    std::string attribute_list;
    for (const std::string& attribute_id : attribute_ids) {
      attribute_list.append(attribute_list.empty() ? "?" : ",?");
      values_bound.emplace_back(attribute_id);
    }
    absl::StatusOr<std::vector<mapping::SourceLookup::Row>> values = source_->Query(
        absl::StrCat("SELECT entity_id, attribute_id, value FROM ",
                     source_->Table(absl::StrCat(entity_table_, "_", type)), " WHERE entity_id IN (", id_list,
                     ") AND attribute_id IN (", attribute_list, ") ORDER BY value_id"),
        values_bound);
    if (!values.ok()) return values.status();
    for (const mapping::SourceLookup::Row& value : *values) {
      auto row = row_of.find(value[0].value_or(""));
      auto attribute = by_id.find(value[1].value_or(""));
      if (row == row_of.end() || attribute == by_id.end()) continue;
      const StaticAttribute& a = *attribute->second;
      if (!value[2].has_value()) {
        SetEmpty(target, row->second, a);
      } else if (a.is_password_hash && IsSha512Hash(*value[2])) {
        SetEmpty(target, row->second, a);
      } else if (a.is_password_hash && upgrade_password_hash_) {
        target.SetValue(row->second, a.column, UpgradePasswordHash(*value[2]));
      } else {
        target.SetValue(row->second, a.column, *value[2]);
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace migrate::stages::customer

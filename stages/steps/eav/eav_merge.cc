#include "stages/steps/eav/eav_merge.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace migrate::stages::eav {
namespace {

using io::Record;

constexpr absl::string_view kProductType = "catalog_product";
constexpr absl::string_view kDefaultSet = "Default";

std::string Text(const Record& record, absl::string_view column) { return io::FieldOf(record, column).value_or(""); }

int64_t Id(const Record& record, absl::string_view column) {
  int64_t id = 0;
  return absl::SimpleAtoi(Text(record, column), &id) ? id : 0;
}

void SetId(Record& record, absl::string_view column, int64_t id) { record[std::string(column)] = absl::StrCat(id); }

// An id map applied once to a column; ids without an entry are kept.
using IdMap = absl::flat_hash_map<int64_t, int64_t>;

void Remap(Record& record, absl::string_view column, const IdMap& map) {
  auto it = map.find(Id(record, column));
  if (it != map.end()) SetId(record, column, it->second);
}

int64_t MaxId(const std::vector<Record>& records, absl::string_view column) {
  int64_t max = 0;
  for (const Record& record : records) max = std::max(max, Id(record, column));
  return max;
}

// Fields of `top` written over `base`.
Record Overlay(Record base, const Record& top) {
  for (const auto& [column, value] : top) base[column] = value;
  return base;
}

absl::Status CheckAligned(const std::vector<Record>& source, const std::vector<Record>& transformed,
                          absl::string_view document) {
  if (source.size() == transformed.size()) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("the eav map gave ", transformed.size(), " rows of ", document, " for ",
                                          source.size(), " read"));
}

// The state of the merge as it goes, step by step as Magento's Eav\Data.
class Merger {
 public:
  explicit Merger(const EavMergeInput& input) : in_(input) {}

  absl::StatusOr<EavTables> Run() {
    const EavTables& s = in_.source;
    const EavTables& t = in_.transformed;
    for (auto [source, transformed, name] :
         {std::tuple{&s.entity_types, &t.entity_types, "eav_entity_type"},
          std::tuple{&s.attribute_sets, &t.attribute_sets, "eav_attribute_set"},
          std::tuple{&s.attribute_groups, &t.attribute_groups, "eav_attribute_group"},
          std::tuple{&s.attributes, &t.attributes, "eav_attribute"},
          std::tuple{&s.entity_attributes, &t.entity_attributes, "eav_entity_attribute"},
          std::tuple{&s.catalog_attributes, &t.catalog_attributes, "catalog_eav_attribute"},
          std::tuple{&s.customer_attributes, &t.customer_attributes, "customer_eav_attribute"}}) {
      if (absl::Status status = CheckAligned(*source, *transformed, name); !status.ok()) return status;
    }
    ignored_ids_ = IgnoredAttributeIds(s, in_.ignored);
    MergeEntityTypes();
    MergeAttributeSets();
    CopyProductSetLayouts();
    AddCustomGroups();
    MergeAttributes();
    out_.catalog_attributes = MergeExtension(s.catalog_attributes, t.catalog_attributes, in_.destination.catalog_attributes);
    out_.customer_attributes =
        MergeExtension(s.customer_attributes, t.customer_attributes, in_.destination.customer_attributes);
    AddMissingMemberships();
    return std::move(out_);
  }

 private:
  // 1. Entity types: Magento 1's (over Magento 2's row of the same code), then Magento 2's own.
  void MergeEntityTypes() {
    std::map<std::string, const Record*> m2_by_code;
    for (const Record& type : in_.destination.entity_types) m2_by_code[Text(type, "entity_type_code")] = &type;
    std::set<std::string> m1_codes;
    for (size_t i = 0; i < in_.source.entity_types.size(); ++i) {
      const Record& m1 = in_.source.entity_types[i];
      const std::string code = Text(m1, "entity_type_code");
      m1_codes.insert(code);
      m1_type_code_[Id(m1, "entity_type_id")] = code;
      auto m2 = m2_by_code.find(code);
      Record row = Overlay(m2 == m2_by_code.end() ? Record{} : *m2->second, in_.transformed.entity_types[i]);
      SetId(row, "entity_type_id", Id(m1, "entity_type_id"));
      if (m2 != m2_by_code.end()) {
        type_src_dest_[Id(m1, "entity_type_id")] = Id(*m2->second, "entity_type_id");
        type_dest_old_new_[Id(*m2->second, "entity_type_id")] = Id(m1, "entity_type_id");
      }
      out_.entity_types.push_back(std::move(row));
    }
    int64_t next = MaxId(out_.entity_types, "entity_type_id");
    for (const Record& m2 : in_.destination.entity_types) {
      if (m1_codes.contains(Text(m2, "entity_type_code"))) continue;
      Record row = m2;
      SetId(row, "entity_type_id", ++next);
      type_dest_old_new_[Id(m2, "entity_type_id")] = next;
      out_.entity_types.push_back(std::move(row));
    }
    for (const Record& m2 : in_.destination.entity_types) {
      if (Text(m2, "entity_type_code") == kProductType) m2_product_type_ = Id(m2, "entity_type_id");
    }
    for (const auto& [id, code] : m1_type_code_) {
      if (code == kProductType) m1_product_type_ = id;
    }
  }

  // 2. Attribute sets: Magento 1's, replacing Magento 2's of the same type and name; then the rest
  // of Magento 2's under new ids.
  void MergeAttributeSets() {
    std::set<std::pair<int64_t, std::string>> replaced;  // (Magento 2 type id, name)
    for (size_t i = 0; i < in_.source.attribute_sets.size(); ++i) {
      const Record& m1 = in_.source.attribute_sets[i];
      Record row = in_.transformed.attribute_sets[i];
      SetId(row, "attribute_set_id", Id(m1, "attribute_set_id"));
      SetId(row, "entity_type_id", Id(m1, "entity_type_id"));
      auto m2_type = type_src_dest_.find(Id(m1, "entity_type_id"));
      if (m2_type != type_src_dest_.end()) replaced.emplace(m2_type->second, Text(m1, "attribute_set_name"));
      m1_set_type_[Id(m1, "attribute_set_id")] = Id(m1, "entity_type_id");
      out_.attribute_sets.push_back(std::move(row));
    }
    int64_t next = MaxId(out_.attribute_sets, "attribute_set_id");
    for (const Record& m2 : in_.destination.attribute_sets) {
      if (replaced.contains({Id(m2, "entity_type_id"), Text(m2, "attribute_set_name")})) continue;
      Record row = m2;
      SetId(row, "attribute_set_id", ++next);
      Remap(row, "entity_type_id", type_dest_old_new_);
      out_.attribute_sets.push_back(std::move(row));
    }
    std::map<std::pair<int64_t, std::string>, int64_t> by_type_and_name;
    for (const Record& set : out_.attribute_sets) {
      by_type_and_name[{Id(set, "entity_type_id"), Text(set, "attribute_set_name")}] = Id(set, "attribute_set_id");
    }
    for (const Record& m2 : in_.destination.attribute_sets) {
      auto type = type_dest_old_new_.find(Id(m2, "entity_type_id"));
      if (type == type_dest_old_new_.end()) continue;
      auto set = by_type_and_name.find({type->second, Text(m2, "attribute_set_name")});
      if (set != by_type_and_name.end()) set_dest_old_new_[Id(m2, "attribute_set_id")] = set->second;
      if (Id(m2, "entity_type_id") == m2_product_type_ && Text(m2, "attribute_set_name") == kDefaultSet) {
        m2_default_product_set_ = Id(m2, "attribute_set_id");
      }
    }
  }

  bool IsProductSet(int64_t m1_set) const {
    auto type = m1_set_type_.find(m1_set);
    return type != m1_set_type_.end() && type->second == m1_product_type_ && m1_product_type_ != 0;
  }

  // Magento 1's non-Default product sets, in order.
  std::vector<int64_t> CustomProductSets() const {
    std::vector<int64_t> sets;
    for (const Record& m1 : in_.source.attribute_sets) {
      const int64_t id = Id(m1, "attribute_set_id");
      if (IsProductSet(id) && Text(m1, "attribute_set_name") != kDefaultSet) sets.push_back(id);
    }
    return sets;
  }

  // 3. Magento 2's groups and memberships under the new set ids, and a copy of Magento 2's Default
  // product set layout for every other Magento 1 product set.
  void CopyProductSetLayouts() {
    for (const Record& m2 : in_.destination.attribute_groups) {
      Record row = m2;
      Remap(row, "attribute_set_id", set_dest_old_new_);
      out_.attribute_groups.push_back(std::move(row));
    }
    next_group_ = MaxId(in_.destination.attribute_groups, "attribute_group_id");
    std::map<int64_t, std::string> prototype_code;  // Magento 2 group id -> its code
    for (const Record& m2 : in_.destination.attribute_groups) {
      prototype_code[Id(m2, "attribute_group_id")] = Text(m2, "attribute_group_code");
    }
    std::map<std::pair<int64_t, std::string>, int64_t> group_by_set_and_code;
    for (int64_t set : CustomProductSets()) {
      for (const Record& m2 : in_.destination.attribute_groups) {
        if (Id(m2, "attribute_set_id") != m2_default_product_set_) continue;
        Record row = m2;
        SetId(row, "attribute_group_id", ++next_group_);
        SetId(row, "attribute_set_id", set);
        group_by_set_and_code[{set, Text(m2, "attribute_group_code")}] = next_group_;
        out_.attribute_groups.push_back(std::move(row));
      }
    }

    for (const Record& m2 : in_.destination.entity_attributes) {
      Record row = m2;
      Remap(row, "attribute_set_id", set_dest_old_new_);
      m2_memberships_.push_back(std::move(row));
    }
    next_membership_ = MaxId(in_.destination.entity_attributes, "entity_attribute_id");
    for (int64_t set : CustomProductSets()) {
      for (const Record& m2 : in_.destination.entity_attributes) {
        if (Id(m2, "attribute_set_id") != m2_default_product_set_) continue;
        auto group = group_by_set_and_code.find({set, prototype_code[Id(m2, "attribute_group_id")]});
        if (group == group_by_set_and_code.end()) continue;
        Record row = m2;
        SetId(row, "entity_attribute_id", ++next_membership_);
        SetId(row, "attribute_set_id", set);
        SetId(row, "attribute_group_id", group->second);
        m2_memberships_.push_back(std::move(row));
      }
    }
    for (Record& row : m2_memberships_) Remap(row, "entity_type_id", type_dest_old_new_);
  }

  // Where a Magento 1 group's attributes go in a product set's layout: Magento 2's "Product Details"
  // takes General, Prices and Recurring Profile.
  std::string LayoutName(int64_t set, const std::string& name) const {
    if (!IsProductSet(set)) return name;
    return absl::StrReplaceAll(name, {{"General", "Product Details"},
                                      {"Prices", "Product Details"},
                                      {"Recurring Profile", "Product Details"}});
  }

  // 4. Magento 1's groups that the layout of their set does not have (a product set's layout is
  // Magento 2's Default one, another set's the groups of the Magento 2 set it replaced), then where
  // each Magento 1 group's attributes go. (Magento compares another set's groups with those of the
  // Magento 2 set with the same numeric id, in general one of another type, and so drops groups.)
  void AddCustomGroups() {
    std::map<std::pair<int64_t, std::string>, int64_t> group_by_set_and_name;
    for (const Record& group : out_.attribute_groups) {
      group_by_set_and_name[{Id(group, "attribute_set_id"), Text(group, "attribute_group_name")}] =
          Id(group, "attribute_group_id");
    }
    for (const Record& set : in_.source.attribute_sets) {
      const int64_t set_id = Id(set, "attribute_set_id");
      for (size_t i = 0; i < in_.source.attribute_groups.size(); ++i) {
        const Record& m1 = in_.source.attribute_groups[i];
        if (Id(m1, "attribute_set_id") != set_id) continue;
        const std::string name = Text(m1, "attribute_group_name");
        if (group_by_set_and_name.contains({set_id, LayoutName(set_id, name)}) ||
            group_by_set_and_name.contains({set_id, name})) {
          continue;
        }
        Record row = in_.transformed.attribute_groups[i];
        SetId(row, "attribute_group_id", ++next_group_);
        SetId(row, "attribute_set_id", set_id);
        group_by_set_and_name[{set_id, name}] = next_group_;
        out_.attribute_groups.push_back(std::move(row));
      }
    }
    for (const Record& m1 : in_.source.attribute_groups) {
      const int64_t set_id = Id(m1, "attribute_set_id");
      const std::string name = Text(m1, "attribute_group_name");
      m1_group_name_[Id(m1, "attribute_group_id")] = name;
      auto group = group_by_set_and_name.find({set_id, LayoutName(set_id, name)});
      if (group == group_by_set_and_name.end()) group = group_by_set_and_name.find({set_id, name});
      if (group != group_by_set_and_name.end()) group_src_dest_[Id(m1, "attribute_group_id")] = group->second;
    }
  }

  // 5. Attributes: Magento 1's (Magento 2's definition where both know the code), then Magento 2's
  // own under new ids; memberships follow.
  void MergeAttributes() {
    std::map<std::pair<int64_t, std::string>, const Record*> m2_by_type_and_code;
    for (const Record& m2 : in_.destination.attributes) {
      m2_by_type_and_code[{Id(m2, "entity_type_id"), Text(m2, "attribute_code")}] = &m2;
    }
    std::set<int64_t> matched_m2;
    for (size_t i = 0; i < in_.source.attributes.size(); ++i) {
      const Record& m1 = in_.source.attributes[i];
      const int64_t id = Id(m1, "attribute_id");
      if (ignored_ids_.contains(Text(m1, "attribute_id"))) continue;
      const Record* m2 = nullptr;
      auto m2_type = type_src_dest_.find(Id(m1, "entity_type_id"));
      if (m2_type != type_src_dest_.end()) {
        auto found = m2_by_type_and_code.find({m2_type->second, Text(m1, "attribute_code")});
        if (found != m2_by_type_and_code.end()) m2 = found->second;
      }
      Record row = m2 != nullptr ? *m2 : in_.transformed.attributes[i];
      SetId(row, "attribute_id", id);
      SetId(row, "entity_type_id", Id(m1, "entity_type_id"));
      if (m2 != nullptr) {
        attr_dest_old_new_[Id(*m2, "attribute_id")] = id;
        attr_src_dest_[id] = Id(*m2, "attribute_id");
        matched_m2.insert(Id(*m2, "attribute_id"));
      }
      out_.attributes.push_back(std::move(row));
    }
    // After every Magento 1 id, ignored ones included: an ignored attribute's values that the Map
    // step copies must not end up under a Magento 2 attribute that took its id.
    int64_t next = MaxId(in_.source.attributes, "attribute_id");
    for (const Record& m2 : in_.destination.attributes) {
      if (matched_m2.contains(Id(m2, "attribute_id"))) continue;
      Record row = m2;
      SetId(row, "attribute_id", ++next);
      Remap(row, "entity_type_id", type_dest_old_new_);
      attr_dest_old_new_[Id(m2, "attribute_id")] = next;
      out_.attributes.push_back(std::move(row));
    }
    for (Record& row : m2_memberships_) Remap(row, "attribute_id", attr_dest_old_new_);
  }

  // 6. An extension table keyed by attribute_id: Magento 2's row where the attribute is one both
  // know, else Magento 1's transformed; then Magento 2's rows of its own attributes.
  std::vector<Record> MergeExtension(const std::vector<Record>& source, const std::vector<Record>& transformed,
                                     const std::vector<Record>& destination) const {
    std::map<int64_t, const Record*> m2_by_attribute;
    for (const Record& m2 : destination) m2_by_attribute[Id(m2, "attribute_id")] = &m2;
    std::set<int64_t> known_m1;
    for (const Record& m1 : in_.source.attributes) known_m1.insert(Id(m1, "attribute_id"));
    std::vector<Record> rows;
    std::set<int64_t> emitted;
    for (size_t i = 0; i < source.size(); ++i) {
      const int64_t id = Id(source[i], "attribute_id");
      if (ignored_ids_.contains(Text(source[i], "attribute_id")) || !known_m1.contains(id)) continue;
      const Record* m2 = nullptr;
      auto m2_id = attr_src_dest_.find(id);
      if (m2_id != attr_src_dest_.end()) {
        auto found = m2_by_attribute.find(m2_id->second);
        if (found != m2_by_attribute.end()) m2 = found->second;
      }
      Record row = m2 != nullptr ? *m2 : transformed[i];
      SetId(row, "attribute_id", id);
      if (emitted.insert(id).second) rows.push_back(std::move(row));
    }
    for (const Record& m2 : destination) {
      auto id = attr_dest_old_new_.find(Id(m2, "attribute_id"));
      if (id == attr_dest_old_new_.end() || emitted.contains(id->second)) continue;
      Record row = m2;
      SetId(row, "attribute_id", id->second);
      emitted.insert(id->second);
      rows.push_back(std::move(row));
    }
    return rows;
  }

  // 7. Magento 1's memberships that the layout above lacks, in their Magento 1 set and the group
  // their Magento 1 group maps to (else the set's default group). Magento's step adds only those of
  // attributes Magento 2 lacks; it drops, for example, a custom set's Magento 2-known attributes
  // that Magento 2's Default layout does not hold, and PostProcessing then deletes their values.
  void AddMissingMemberships() {
    out_.entity_attributes = std::move(m2_memberships_);
    std::set<std::pair<int64_t, int64_t>> by_set;    // (set, attribute)
    std::set<std::pair<int64_t, int64_t>> by_group;  // (group, attribute)
    for (const Record& row : out_.entity_attributes) {
      by_set.emplace(Id(row, "attribute_set_id"), Id(row, "attribute_id"));
      by_group.emplace(Id(row, "attribute_group_id"), Id(row, "attribute_id"));
    }
    std::map<int64_t, int64_t> default_group;  // set -> its default group (else its first)
    for (const Record& group : out_.attribute_groups) {
      const int64_t set = Id(group, "attribute_set_id");
      if (!default_group.contains(set) || Text(group, "default_id") == "1") {
        default_group[set] = Id(group, "attribute_group_id");
      }
    }
    std::set<int64_t> kept_attributes;
    for (const Record& attribute : out_.attributes) kept_attributes.insert(Id(attribute, "attribute_id"));
    for (size_t i = 0; i < in_.source.entity_attributes.size(); ++i) {
      const Record& m1 = in_.source.entity_attributes[i];
      const int64_t attribute = Id(m1, "attribute_id");
      if (ignored_ids_.contains(Text(m1, "attribute_id")) || !kept_attributes.contains(attribute)) continue;
      const int64_t set = Id(m1, "attribute_set_id");
      auto group = group_src_dest_.find(Id(m1, "attribute_group_id"));
      const int64_t group_id = group != group_src_dest_.end()     ? group->second
                               : default_group.contains(set)       ? default_group[set]
                                                                   : 0;
      if (group_id == 0) continue;
      if (!by_set.emplace(set, attribute).second || !by_group.emplace(group_id, attribute).second) continue;
      Record row = in_.transformed.entity_attributes[i];
      SetId(row, "entity_attribute_id", ++next_membership_);
      SetId(row, "attribute_group_id", group_id);
      const std::string& m1_group = m1_group_name_[Id(m1, "attribute_group_id")];
      if (IsProductSet(set) && (m1_group == "General" || m1_group == "Prices" || m1_group == "Recurring Profile")) {
        SetId(row, "sort_order", Id(m1, "sort_order") + 200);
      }
      out_.entity_attributes.push_back(std::move(row));
    }
  }

  const EavMergeInput& in_;
  EavTables out_;
  std::set<std::string> ignored_ids_;
  std::map<int64_t, std::string> m1_type_code_;
  IdMap type_src_dest_;      // Magento 1 type id -> Magento 2's id before the step
  IdMap type_dest_old_new_;  // Magento 2's type id before -> after
  int64_t m1_product_type_ = 0;
  int64_t m2_product_type_ = 0;
  std::map<int64_t, int64_t> m1_set_type_;
  IdMap set_dest_old_new_;
  int64_t m2_default_product_set_ = -1;
  int64_t next_group_ = 0;
  std::vector<Record> m2_memberships_;
  int64_t next_membership_ = 0;
  std::map<int64_t, std::string> m1_group_name_;
  IdMap group_src_dest_;
  IdMap attr_dest_old_new_;
  IdMap attr_src_dest_;
};

}  // namespace

std::set<std::string> IgnoredAttributeIds(const EavTables& source, const std::set<AttributeName>& ignored) {
  std::map<std::string, std::string> type_code;
  for (const Record& type : source.entity_types) type_code[Text(type, "entity_type_id")] = Text(type, "entity_type_code");
  std::set<std::string> ids;
  for (const Record& attribute : source.attributes) {
    if (ignored.contains({type_code[Text(attribute, "entity_type_id")], Text(attribute, "attribute_code")})) {
      ids.insert(Text(attribute, "attribute_id"));
    }
  }
  return ids;
}

absl::StatusOr<EavTables> MergeEav(const EavMergeInput& input) { return Merger(input).Run(); }

}  // namespace migrate::stages::eav

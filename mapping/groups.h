// A groups file (groups.xsd): deltalog.xml and the *-groups files, read into immutable Groups.
//
// Each <group name> lists <document> entries (with the key columns of the table in `key`, e.g.
// "entity_id" or "query_text,store_id") and then <attribute> entries (with an optional `key` and
// `type`, e.g. type="catalog_product"). Group names are unique, as groups.xsd demands.
//
// Immutable once read: every query is const and safe from many threads at once.
#ifndef MIGRATE_MAPPING_GROUPS_H_
#define MIGRATE_MAPPING_GROUPS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace migrate::mapping {

struct GroupEntry {
  enum class Kind { kDocument, kAttribute };

  Kind kind = Kind::kDocument;
  // The element's text: a document name or an attribute code.
  std::string name;
  std::optional<std::string> key;
  std::optional<std::string> type;
  int line = 0;

  // `key` split at ','; empty when there is no key.
  std::vector<std::string> KeyColumns() const;
};

struct Group {
  std::string name;
  std::vector<GroupEntry> entries;
  int line = 0;

  // The names of the entries in order, each once (Magento's array_keys(getGroup())).
  std::vector<std::string> Names() const;
  // The last entry called `name`, or nullptr.
  const GroupEntry* Find(absl::string_view name) const;
};

class GroupsReader;

class Groups {
 public:
  static absl::StatusOr<Groups> Read(const std::string& path);
  static absl::StatusOr<Groups> Parse(const std::string& path, absl::string_view xml);

  const std::string& file() const { return file_; }
  const std::vector<Group>& groups() const { return groups_; }
  // The group called `name`, or nullptr.
  const Group* Find(absl::string_view name) const;

 private:
  friend class GroupsReader;

  Groups() = default;

  std::string file_;
  std::vector<Group> groups_;
};

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_GROUPS_H_

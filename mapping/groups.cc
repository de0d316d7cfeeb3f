#include "mapping/groups.h"

#include <memory>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "mapping/xml_document.h"
#include "mapping/xml_schema.h"
#include "mapping/xsd_types.h"

namespace migrate::mapping {

// Builds Groups from a parsed groups file, checking it against groups.xsd on the way.
class GroupsReader {
 public:
  static absl::StatusOr<Groups> Build(const XmlDocument& document) {
    Groups groups;
    groups.file_ = document.file_name();
    absl::StatusOr<const XmlNode*> root = document.Root("groups");
    if (!root.ok()) return root.status();
    if (absl::Status status = CheckAttributes(document, **root, {}, {}); !status.ok()) {
      return status;
    }
    const CheckedChildren children =
        MatchChildren(document, **root, {.particles = {{{"group"}, 1, kUnbounded}}});
    absl::flat_hash_set<std::string> names;
    for (const XmlNode* element : children.elements) {
      absl::StatusOr<Group> group = ReadGroup(document, *element);
      if (!group.ok()) return group.status();
      if (!names.insert(group->name).second) {
        return document.ErrorAt(*element,
                                absl::StrCat("group name ", group->name, " is not unique"));
      }
      groups.groups_.push_back(std::move(*group));
    }
    if (!children.offence.ok()) return children.offence;
    return groups;
  }

 private:
  static absl::StatusOr<Group> ReadGroup(const XmlDocument& document, const XmlNode& element) {
    if (absl::Status status = CheckAttributes(document, element, {"name"}, {}); !status.ok()) {
      return status;
    }
    Group group{AttributeValue(element, "name"), {}, document.LineOf(element)};
    if (!xsd::IsNotEmptyString(group.name)) {
      return document.ErrorAt(element, "attribute name of <group> is empty");
    }
    const CheckedChildren children = MatchChildren(
        document, element,
        {.particles = {{{"document"}, 0, kUnbounded}, {{"attribute"}, 0, kUnbounded}}});
    for (const XmlNode* child : children.elements) {
      const bool is_document = NameOf(*child) == "document";
      std::vector<absl::string_view> attributes = {"key"};
      if (!is_document) attributes = {"key", "type"};
      absl::StatusOr<std::string> name = SimpleContent(document, *child, attributes);
      if (!name.ok()) return name.status();
      if (!xsd::IsNotEmptyString(*name)) {
        return document.ErrorAt(*child, absl::StrCat("<", NameOf(*child), "> is empty"));
      }
      GroupEntry entry;
      entry.kind = is_document ? GroupEntry::Kind::kDocument : GroupEntry::Kind::kAttribute;
      entry.name = std::move(*name);
      entry.line = document.LineOf(*child);
      for (absl::string_view attribute : attributes) {
        if (!HasAttribute(*child, attribute)) continue;
        std::string value = AttributeValue(*child, attribute);
        if (!xsd::IsNotEmptyString(value)) {
          return document.ErrorAt(
              *child, absl::StrCat("attribute ", attribute, " of <", NameOf(*child), "> is empty"));
        }
        (attribute == "key" ? entry.key : entry.type) = std::move(value);
      }
      group.entries.push_back(std::move(entry));
    }
    if (!children.offence.ok()) return children.offence;
    return group;
  }
};

std::vector<std::string> GroupEntry::KeyColumns() const {
  if (!key.has_value()) return {};
  return absl::StrSplit(*key, ',');
}

std::vector<std::string> Group::Names() const {
  std::vector<std::string> names;
  absl::flat_hash_set<absl::string_view> seen;
  for (const GroupEntry& entry : entries) {
    if (seen.insert(entry.name).second) names.push_back(entry.name);
  }
  return names;
}

const GroupEntry* Group::Find(absl::string_view name) const {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

absl::StatusOr<Groups> Groups::Read(const std::string& path) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::ReadFile(path);
  if (!document.ok()) return document.status();
  return GroupsReader::Build(**document);
}

absl::StatusOr<Groups> Groups::Parse(const std::string& path, absl::string_view xml) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::Parse(path, xml);
  if (!document.ok()) return document.status();
  return GroupsReader::Build(**document);
}

const Group* Groups::Find(absl::string_view name) const {
  for (const Group& group : groups_) {
    if (group.name == name) return &group;
  }
  return nullptr;
}

}  // namespace migrate::mapping

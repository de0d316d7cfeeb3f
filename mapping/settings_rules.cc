#include "mapping/settings_rules.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mapping/handler_reader.h"
#include "mapping/xml_document.h"
#include "mapping/xml_schema.h"
#include "mapping/xsd_types.h"

namespace migrate::mapping {

// Builds SettingsRules from a parsed settings.xml, checking it against settings.xsd on the way.
class SettingsReader {
 public:
  static absl::StatusOr<SettingsRules> Build(const XmlDocument& document) {
    SettingsRules rules;
    rules.file_ = document.file_name();
    SettingsReader reader(document, rules);
    if (absl::Status status = reader.Read(); !status.ok()) return status;
    rules.BuildIndexes();
    return rules;
  }

 private:
  SettingsReader(const XmlDocument& document, SettingsRules& rules)
      : document_(document), rules_(rules) {}

  absl::Status Read() {
    absl::StatusOr<const XmlNode*> root = document_.Root("settings");
    if (!root.ok()) return root.status();
    absl::StatusOr<CheckedChildren> sections =
        Contents(**root, {.particles = {{{"key"}}, {{"value"}}}});
    if (!sections.ok()) return sections.status();
    for (const XmlNode* section : sections->elements) {
      absl::Status status = NameOf(*section) == "key" ? ReadKey(*section) : ReadValue(*section);
      if (!status.ok()) return status;
    }
    return sections->offence;
  }

  absl::Status ReadKey(const XmlNode& key) {
    // settings.xsd's choice (minOccurs 1) is of particles with minOccurs 0: it may be empty.
    absl::StatusOr<CheckedChildren> rules =
        Contents(key, {.particles = {{{"ignore", "rename"}, 0, kUnbounded}}});
    if (!rules.ok()) return rules.status();
    for (const XmlNode* rule : rules->elements) {
      const int line = document_.LineOf(*rule);
      if (NameOf(*rule) == "ignore") {
        absl::StatusOr<std::vector<const XmlNode*>> parts =
            Children(*rule, {.particles = {{{"path"}}}});
        if (!parts.ok()) return parts.status();
        absl::StatusOr<std::string> path = Path(*parts->front(), /*wildcards=*/true);
        if (!path.ok()) return path.status();
        rules_.ignores_.push_back({std::move(*path), line});
      } else {
        absl::StatusOr<std::vector<const XmlNode*>> parts =
            Children(*rule, {.particles = {{{"path"}}, {{"to"}}}});
        if (!parts.ok()) return parts.status();
        absl::StatusOr<std::string> path = Path(*(*parts)[0], /*wildcards=*/false);
        if (!path.ok()) return path.status();
        absl::StatusOr<std::string> to = Path(*(*parts)[1], /*wildcards=*/false);
        if (!to.ok()) return to.status();
        rules_.renames_.push_back({std::move(*path), std::move(*to), line});
      }
    }
    return rules->offence;
  }

  absl::Status ReadValue(const XmlNode& value) {
    absl::StatusOr<CheckedChildren> transforms =
        Contents(value, {.particles = {{{"transform"}, 1, kUnbounded}}});
    if (!transforms.ok()) return transforms.status();
    for (const XmlNode* transform : transforms->elements) {
      absl::StatusOr<std::vector<const XmlNode*>> parts =
          Children(*transform, {.particles = {{{"path"}}, {{"handler"}}}});
      if (!parts.ok()) return parts.status();
      absl::StatusOr<std::string> path = Path(*(*parts)[0], /*wildcards=*/false);
      if (!path.ok()) return path.status();
      absl::StatusOr<HandlerRef> handler =
          ReadHandler(document_, *(*parts)[1], HandlerSchema::kSettings);
      if (!handler.ok()) return handler.status();
      rules_.transforms_.push_back({std::move(*path), std::move(*handler)});
    }
    return transforms->offence;
  }

  // Contents of an element that has no attributes and element-only content, with the offence to
  // report once the elements before it are read.
  absl::StatusOr<CheckedChildren> Contents(const XmlNode& element, const ContentModel& model) {
    if (absl::Status status = CheckAttributes(document_, element, {}, {}); !status.ok()) {
      return status;
    }
    return MatchChildren(document_, element, model);
  }

  // Children of an element that has no attributes and element-only content, once they are valid.
  absl::StatusOr<std::vector<const XmlNode*>> Children(const XmlNode& element,
                                                       const ContentModel& model) {
    if (absl::Status status = CheckAttributes(document_, element, {}, {}); !status.ok()) {
      return status;
    }
    return CheckChildren(document_, element, model);
  }

  // configPathType, or configPathTypeWithWildcard.
  absl::StatusOr<std::string> Path(const XmlNode& element, bool wildcards) {
    absl::StatusOr<std::string> path = SimpleContent(document_, element);
    if (!path.ok()) return path;
    const bool valid = wildcards ? xsd::IsConfigPathWithWildcard(*path) : xsd::IsConfigPath(*path);
    if (!valid) {
      return document_.ErrorAt(element, absl::StrCat("<", NameOf(element), "> value \"", *path,
                                                     "\" is not a configuration path"));
    }
    return path;
  }

  const XmlDocument& document_;
  SettingsRules& rules_;
};

absl::StatusOr<SettingsRules> SettingsRules::Read(const std::string& path) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::ReadFile(path);
  if (!document.ok()) return document.status();
  return SettingsReader::Build(**document);
}

absl::StatusOr<SettingsRules> SettingsRules::Parse(const std::string& path, absl::string_view xml) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::Parse(path, xml);
  if (!document.ok()) return document.status();
  return SettingsReader::Build(**document);
}

void SettingsRules::BuildIndexes() {
  for (const SettingsIgnore& ignore : ignores_) {
    ignored_.insert(ignore.path);
    if (Wildcard::IsWildcard(ignore.path)) wildcards_.emplace_back(ignore.path);
  }
  for (size_t i = 0; i < renames_.size(); ++i) rename_index_.try_emplace(renames_[i].path, i);
  for (size_t i = 0; i < transforms_.size(); ++i) {
    transform_index_.try_emplace(transforms_[i].path, i);
  }
}

bool SettingsRules::IsIgnored(absl::string_view path) const {
  if (ignored_.contains(path)) return true;
  for (const Wildcard& wildcard : wildcards_) {
    if (wildcard.Matches(path)) return true;
  }
  return false;
}

std::string SettingsRules::Rename(absl::string_view path) const {
  if (IsIgnored(path)) return std::string(path);
  const auto found = rename_index_.find(path);
  return found == rename_index_.end() ? std::string(path) : renames_[found->second].to;
}

const HandlerRef* SettingsRules::ValueHandler(absl::string_view path) const {
  if (IsIgnored(path)) return nullptr;
  const auto found = transform_index_.find(path);
  return found == transform_index_.end() ? nullptr : &transforms_[found->second].handler;
}

}  // namespace migrate::mapping

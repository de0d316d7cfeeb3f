#include "mapping/class_map.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mapping/xml_document.h"
#include "mapping/xml_schema.h"
#include "mapping/xsd_types.h"

namespace migrate::mapping {

// Builds a ClassMap from a parsed class-map.xml, checking it against class-map.xsd on the way.
class ClassMapReader {
 public:
  static absl::StatusOr<ClassMap> Build(const XmlDocument& document) {
    ClassMap map;
    map.file_ = document.file_name();
    absl::StatusOr<const XmlNode*> root = document.Root("classmap");
    if (!root.ok()) return root.status();
    if (absl::Status status = CheckAttributes(document, **root, {}, {}); !status.ok()) {
      return status;
    }
    const CheckedChildren renames =
        MatchChildren(document, **root, {.particles = {{{"rename"}, 1, kUnbounded}}});
    for (const XmlNode* rename : renames.elements) {
      if (absl::Status status = CheckAttributes(document, *rename, {}, {}); !status.ok()) {
        return status;
      }
      absl::StatusOr<std::vector<const XmlNode*>> parts = CheckChildren(
          document, *rename, {.particles = {{{"from"}}, {{"to"}}}, .any_order = true});
      if (!parts.ok()) return parts.status();
      ClassRename entry{"", "", document.LineOf(*rename)};
      for (const XmlNode* part : *parts) {
        absl::StatusOr<std::string> text = SimpleContent(document, *part);
        if (!text.ok()) return text.status();
        if (NameOf(*part) == "from") {
          if (!xsd::IsNotEmptyString(*text)) return document.ErrorAt(*part, "<from> is empty");
          entry.from = std::move(*text);
        } else {
          entry.to = std::move(*text);
        }
      }
      // Magento skips a rename whose <from> is PHP-false ("0").
      if (entry.from != "0") map.index_[entry.from] = map.renames_.size();
      map.renames_.push_back(std::move(entry));
    }
    if (!renames.offence.ok()) return renames.offence;
    return map;
  }
};

absl::StatusOr<ClassMap> ClassMap::Read(const std::string& path) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::ReadFile(path);
  if (!document.ok()) return document.status();
  return ClassMapReader::Build(**document);
}

absl::StatusOr<ClassMap> ClassMap::Parse(const std::string& path, absl::string_view xml) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::Parse(path, xml);
  if (!document.ok()) return document.status();
  return ClassMapReader::Build(**document);
}

std::string ClassMap::Convert(absl::string_view from) const {
  const auto found = index_.find(from);
  return found == index_.end() ? "" : renames_[found->second].to;
}

}  // namespace migrate::mapping

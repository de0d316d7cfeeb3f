#include "mapping/map_rules.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "mapping/handler_reader.h"
#include "mapping/xml_document.h"
#include "mapping/xml_schema.h"
#include "mapping/xsd_types.h"

namespace migrate::mapping {

// Builds MapRules from a parsed map.xml, checking it against map.xsd on the way.
class MapReader {
 public:
  static absl::StatusOr<MapRules> Build(const XmlDocument& document) {
    MapRules rules;
    rules.file_ = document.file_name();
    MapReader reader(document, rules);
    if (absl::Status status = reader.Read(); !status.ok()) return status;
    rules.BuildIndexes();
    return rules;
  }

 private:
  MapReader(const XmlDocument& document, MapRules& rules) : document_(document), rules_(rules) {}

  absl::Status Read() {
    absl::StatusOr<const XmlNode*> root = document_.Root("map");
    if (!root.ok()) return root.status();
    absl::StatusOr<CheckedChildren> sides =
        Contents(**root, {.particles = {{{"source"}}, {{"destination"}}}, .any_order = true});
    if (!sides.ok()) return sides.status();
    for (const XmlNode* side : sides->elements) {
      const bool is_source = NameOf(*side) == "source";
      if (absl::Status status =
              ReadSide(*side, is_source ? rules_.source_ : rules_.destination_, is_source);
          !status.ok()) {
        return status;
      }
    }
    return sides->offence;
  }

  absl::Status ReadSide(const XmlNode& side, MapSide& rules, bool is_source) {
    absl::StatusOr<CheckedChildren> groups = Contents(
        side,
        {.particles = {{{"document_rules"}, 0, kUnbounded}, {{"field_rules"}, 0, kUnbounded}}});
    if (!groups.ok()) return groups.status();
    for (const XmlNode* group : groups->elements) {
      absl::Status status = NameOf(*group) == "document_rules"
                                ? ReadDocumentRules(*group, rules, is_source)
                                : ReadFieldRules(*group, rules, is_source);
      if (!status.ok()) return status;
    }
    return groups->offence;
  }

  absl::Status ReadDocumentRules(const XmlNode& group, MapSide& rules, bool is_source) {
    // map.xsd's choice (minOccurs 1) is of particles with minOccurs 0: it may be empty.
    std::vector<absl::string_view> kinds = {"ignore"};
    if (is_source) kinds = {"rename", "ignore"};
    absl::StatusOr<CheckedChildren> children =
        Contents(group, {.particles = {{kinds, 0, kUnbounded}}});
    if (!children.ok()) return children.status();
    for (const XmlNode* rule : children->elements) {
      const bool is_rename = NameOf(*rule) == "rename";
      absl::StatusOr<std::vector<const XmlNode*>> parts =
          is_rename ? Children(*rule, {.particles = {{{"document"}}, {{"to"}}}})
                    : Children(*rule, {.particles = {{{"document"}}}});
      if (!parts.ok()) return parts.status();
      std::vector<std::string> names;
      for (const XmlNode* part : *parts) {
        absl::StatusOr<std::string> name = DocumentName(*part);
        if (!name.ok()) return name.status();
        names.push_back(std::move(*name));
      }
      const int line = document_.LineOf(*rule);
      if (is_rename) {
        rules.renames.push_back({std::move(names[0]), std::move(names[1]), line});
      } else {
        rules.ignored_documents.push_back({std::move(names[0]), line});
      }
    }
    return children->offence;
  }

  absl::Status ReadFieldRules(const XmlNode& group, MapSide& rules, bool is_source) {
    std::vector<absl::string_view> kinds = {"ignore", "transform"};
    if (is_source) kinds = {"ignore", "move", "transform"};
    absl::StatusOr<CheckedChildren> children =
        Contents(group, {.particles = {{kinds, 0, kUnbounded}}});
    if (!children.ok()) return children.status();
    for (const XmlNode* rule : children->elements) {
      const absl::string_view kind = NameOf(*rule);
      const int line = document_.LineOf(*rule);
      if (kind == "ignore") {
        absl::StatusOr<std::vector<const XmlNode*>> parts =
            Children(*rule, {.particles = {{{"field", "datatype"}}}});
        if (!parts.ok()) return parts.status();
        absl::StatusOr<std::string> name = FieldName(*parts->front());
        if (!name.ok()) return name.status();
        (NameOf(*parts->front()) == "field" ? rules.ignored_fields : rules.ignored_datatypes)
            .push_back({std::move(*name), line});
      } else if (kind == "move") {
        absl::StatusOr<std::vector<const XmlNode*>> parts =
            Children(*rule, {.particles = {{{"field"}}, {{"to"}}}});
        if (!parts.ok()) return parts.status();
        absl::StatusOr<std::string> field = FieldName(*(*parts)[0]);
        if (!field.ok()) return field.status();
        absl::StatusOr<std::string> to = FieldName(*(*parts)[1]);
        if (!to.ok()) return to.status();
        rules.moves.push_back({std::move(*field), std::move(*to), line});
      } else {
        absl::StatusOr<std::vector<const XmlNode*>> parts =
            Children(*rule, {.particles = {{{"field"}}, {{"handler"}}}});
        if (!parts.ok()) return parts.status();
        absl::StatusOr<std::string> field = FieldName(*(*parts)[0]);
        if (!field.ok()) return field.status();
        absl::StatusOr<HandlerRef> handler =
            ReadHandler(document_, *(*parts)[1], HandlerSchema::kMap);
        if (!handler.ok()) return handler.status();
        rules.transforms.push_back({std::move(*field), std::move(*handler)});
      }
    }
    return children->offence;
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

  // notEmptyString.
  absl::StatusOr<std::string> DocumentName(const XmlNode& element) {
    absl::StatusOr<std::string> name = SimpleContent(document_, element);
    if (name.ok() && !xsd::IsNotEmptyString(*name)) {
      return document_.ErrorAt(element, absl::StrCat("<", NameOf(element), "> is empty"));
    }
    return name;
  }

  // fieldFormatType: "document.field".
  absl::StatusOr<std::string> FieldName(const XmlNode& element) {
    absl::StatusOr<std::string> name = SimpleContent(document_, element);
    if (name.ok() && !xsd::IsFieldFormat(*name)) {
      return document_.ErrorAt(element, absl::StrCat("<", NameOf(element), "> value \"", *name,
                                                     "\" is not of the form document.field"));
    }
    return name;
  }

  const XmlDocument& document_;
  MapRules& rules_;
};

namespace {

std::string FieldKey(absl::string_view document, absl::string_view field) {
  return absl::StrCat(document, ".", field);
}

// The other child of a rename or move that names `name`, as Magento picks it: the last child whose
// value differs from `name`, or `fallback` when both children equal it.
std::string OtherEnd(const std::string& first, const std::string& second, absl::string_view name,
                     std::string fallback) {
  if (second != name) return second;
  if (first != name) return first;
  return fallback;
}

}  // namespace

absl::string_view SideName(Side side) { return side == Side::kSource ? "source" : "destination"; }

Side Opposite(Side side) { return side == Side::kSource ? Side::kDestination : Side::kSource; }

absl::StatusOr<MapRules> MapRules::Read(const std::string& path) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::ReadFile(path);
  if (!document.ok()) return document.status();
  return MapReader::Build(**document);
}

absl::StatusOr<MapRules> MapRules::Parse(const std::string& path, absl::string_view xml) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::Parse(path, xml);
  if (!document.ok()) return document.status();
  return MapReader::Build(**document);
}

void MapRules::BuildIndexes() {
  for (Side side : {Side::kSource, Side::kDestination}) {
    const MapSide& side_rules = rules(side);
    SideIndex& index = side == Side::kSource ? source_index_ : destination_index_;
    for (const NamedRule& rule : side_rules.ignored_documents) {
      index.ignored_documents.insert(rule.name);
      if (Wildcard::IsWildcard(rule.name)) index.document_wildcards.emplace_back(rule.name);
    }
    for (const NamedRule& rule : side_rules.ignored_fields) index.ignored_fields.insert(rule.name);
    for (const NamedRule& rule : side_rules.ignored_datatypes) {
      index.ignored_datatypes.insert(rule.name);
    }
    for (size_t i = 0; i < side_rules.transforms.size(); ++i) {
      index.transforms[side_rules.transforms[i].field].push_back(i);
    }
  }
  for (size_t i = 0; i < source_.renames.size(); ++i) {
    renames_.try_emplace(source_.renames[i].document, i);
    renames_.try_emplace(source_.renames[i].to, i);
  }
  for (size_t i = 0; i < source_.moves.size(); ++i) {
    moves_.try_emplace(source_.moves[i].field, i);
    moves_.try_emplace(source_.moves[i].to, i);
  }
}

bool MapRules::IsDocumentIgnored(absl::string_view document, Side side) const {
  const SideIndex& index = this->index(side);
  if (index.ignored_documents.contains(document)) return true;
  for (const Wildcard& wildcard : index.document_wildcards) {
    if (wildcard.Matches(document)) return true;
  }
  return false;
}

std::optional<std::string> MapRules::DocumentMap(absl::string_view document, Side side) const {
  if (IsDocumentIgnored(document, side)) return std::nullopt;
  const auto rename = renames_.find(document);
  if (rename == renames_.end()) return std::string(document);
  const DocumentRename& rule = source_.renames[rename->second];
  return OtherEnd(rule.document, rule.to, document, std::string(document));
}

bool MapRules::IsFieldIgnored(absl::string_view document, absl::string_view field,
                              Side side) const {
  return index(side).ignored_fields.contains(FieldKey(document, field));
}

bool MapRules::IsFieldDataTypeIgnored(absl::string_view document, absl::string_view field,
                                      Side side) const {
  return index(side).ignored_datatypes.contains(FieldKey(document, field));
}

absl::StatusOr<std::optional<std::string>> MapRules::FieldMap(absl::string_view document,
                                                              absl::string_view field,
                                                              Side side) const {
  if (IsFieldIgnored(document, field, side)) return std::nullopt;
  const std::optional<std::string> document_map = DocumentMap(document, side);
  if (!document_map.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Document has ambiguous configuration: ", document));
  }
  const std::string key = FieldKey(document, field);
  const auto move = moves_.find(key);
  if (move == moves_.end()) return std::string(field);
  const FieldMove& rule = source_.moves[move->second];
  const std::string target = OtherEnd(rule.field, rule.to, key, FieldKey(*document_map, field));
  const std::vector<absl::string_view> parts = absl::StrSplit(target, '.');
  const Side other = Opposite(side);
  if (!DocumentMap(parts[0], other).has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Document has ambiguous configuration: ", parts[0]));
  }
  if (IsFieldIgnored(parts[0], parts[1], other)) {
    return absl::InvalidArgumentError(absl::StrCat("Field has ambiguous configuration: ", target));
  }
  return std::string(parts[1]);
}

std::vector<const HandlerRef*> MapRules::Handlers(absl::string_view document,
                                                  absl::string_view field, Side side) const {
  std::vector<const HandlerRef*> handlers;
  const auto found = index(side).transforms.find(FieldKey(document, field));
  if (found == index(side).transforms.end()) return handlers;
  for (size_t position : found->second) {
    handlers.push_back(&rules(side).transforms[position].handler);
  }
  return handlers;
}

}  // namespace migrate::mapping

#include "stages/map_fragment.h"

#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace migrate::stages {
namespace {

using Fields = std::vector<std::pair<std::string, std::vector<std::string>>>;

std::string Escape(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}});
}

// "name type" of each column, sorted: what makes two documents interchangeable.
std::set<std::string> Shape(const io::TableSchema& table) {
  std::set<std::string> shape;
  for (const io::ColumnSchema& column : table.columns) shape.insert(absl::StrCat(column.name, " ", column.data_type));
  return shape;
}

std::string DataType(const io::TableSchema* table, absl::string_view field) {
  const io::ColumnSchema* column = table == nullptr ? nullptr : table->FindColumn(field);
  return column == nullptr ? "" : column->data_type;
}

const std::vector<std::string>* FieldsOf(const Fields& fields, absl::string_view document) {
  for (const auto& [name, list] : fields) {
    if (name == document) return &list;
  }
  return nullptr;
}

// The rules of one <document_rules> or <field_rules> group.
using Group = std::vector<std::string>;

class Builder {
 public:
  explicit Builder(const MapDocuments& documents) : documents_(documents) {}

  MapFragment Build() {
    const std::map<std::string, std::string> renames = DocumentRenames();
    std::set<std::string> renamed_to;
    for (const std::string& document : documents_.unmapped_source) {
      auto rename = renames.find(document);
      if (rename != renames.end()) {
        renamed_to.insert(rename->second);
        source_documents_.push_back(absl::StrCat("<rename><document>", Escape(document), "</document><to>",
                                                 Escape(rename->second), "</to></rename>"));
        continue;
      }
      source_documents_.push_back(absl::StrCat("<ignore><document>", Escape(document), "</document></ignore>"));
    }
    for (const std::string& document : documents_.unmapped_destination) {
      if (renamed_to.contains(document)) continue;
      destination_documents_.push_back(absl::StrCat("<ignore><document>", Escape(document), "</document></ignore>"));
      fragment_.explanations.push_back(absl::StrCat("Destination document ", document,
                                                    ": ignored, no unmapped source document is renamed to it"));
    }
    FieldRules();
    if (source_documents_.empty() && source_fields_.empty() && destination_documents_.empty() &&
        destination_fields_.empty()) {
      return fragment_;
    }
    std::string& xml = fragment_.xml;
    xml = "<map>\n  <source>\n";
    Append(source_documents_, "document_rules");
    Append(source_fields_, "field_rules");
    xml += "  </source>\n  <destination>\n";
    Append(destination_documents_, "document_rules");
    Append(destination_fields_, "field_rules");
    xml += "  </destination>\n</map>\n";
    return fragment_;
  }

 private:
  // Source document -> destination document, for the pairs of unmapped documents of one shape where
  // neither side has another candidate; explains every source document's choice.
  std::map<std::string, std::string> DocumentRenames() {
    std::map<std::set<std::string>, std::vector<std::string>> destinations_by_shape;
    for (const std::string& document : documents_.unmapped_destination) {
      auto found = documents_.unmapped_destination_tables.find(document);
      if (found == documents_.unmapped_destination_tables.end() || found->second.renamed_by_map) continue;
      destinations_by_shape[Shape(*found->second.table)].push_back(document);
    }
    std::map<std::set<std::string>, std::vector<std::string>> sources_by_shape;
    for (const std::string& document : documents_.unmapped_source) {
      auto found = documents_.unmapped_source_tables.find(document);
      if (found == documents_.unmapped_source_tables.end() || found->second.renamed_by_map) continue;
      sources_by_shape[Shape(*found->second.table)].push_back(document);
    }
    std::map<std::string, std::string> renames;
    for (const std::string& document : documents_.unmapped_source) {
      auto found = documents_.unmapped_source_tables.find(document);
      std::string why;
      if (found == documents_.unmapped_source_tables.end()) {
        why = "its table is unknown";
      } else if (found->second.renamed_by_map) {
        why = "the map renames it already, to a document the destination lacks: fix that rename or ignore it";
      } else {
        const std::set<std::string> shape = Shape(*found->second.table);
        auto candidates = destinations_by_shape.find(shape);
        if (candidates == destinations_by_shape.end()) {
          why = "no unmapped destination document has the same columns";
        } else if (candidates->second.size() > 1 || sources_by_shape[shape].size() > 1) {
          why = absl::StrCat("more than two unmapped documents have the same columns (source: ",
                             absl::StrJoin(sources_by_shape[shape], ","), "; destination: ",
                             absl::StrJoin(candidates->second, ","), "): choose a rename yourself");
        } else {
          renames[document] = candidates->second.front();
          fragment_.explanations.push_back(absl::StrCat(
              "Source document ", document, ": renamed to ", candidates->second.front(),
              ", the one unmapped destination document with the same columns (", absl::StrJoin(shape, ", "), ")"));
          continue;
        }
      }
      fragment_.explanations.push_back(absl::StrCat("Source document ", document, ": ignored, ", why));
    }
    return renames;
  }

  void FieldRules() {
    std::map<std::string, std::set<std::string>> moved_to;  // destination document -> fields reached
    for (const auto& [document, fields] : documents_.source_fields_not_mapped) {
      const DocumentPair* pair = PairOf(document);
      if (pair == nullptr) continue;
      const std::string& destination = pair->plan.destination_document;
      const std::vector<std::string>* open = FieldsOf(documents_.destination_fields_not_mapped, destination);
      for (const std::string& field : fields) {
        const std::string type = DataType(pair->source, field);
        const std::vector<std::string> targets = SameType(open, pair->destination, type);
        const std::vector<std::string> rivals = SameType(&fields, pair->source, type);
        const std::string name = absl::StrCat(document, ".", field);
        if (targets.size() == 1 && rivals.size() == 1) {
          const std::string to = absl::StrCat(destination, ".", targets.front());
          moved_to[destination].insert(targets.front());
          source_fields_.push_back(
              absl::StrCat("<move><field>", Escape(name), "</field><to>", Escape(to), "</to></move>"));
          fragment_.explanations.push_back(absl::StrCat("Source field ", name, ": moved to ", to,
                                                        ", the one unmapped destination field of type ", type));
          continue;
        }
        source_fields_.push_back(absl::StrCat("<ignore><field>", Escape(name), "</field></ignore>"));
        fragment_.explanations.push_back(absl::StrCat(
            "Source field ", name, ": ignored, ",
            targets.empty() ? absl::StrCat("no unmapped field of ", destination, " has type ", type)
                            : absl::StrCat("more than two unmapped fields have type ", type, " (", document, ": ",
                                           absl::StrJoin(rivals, ","), "; ", destination, ": ",
                                           absl::StrJoin(targets, ","), "): choose a move yourself")));
      }
    }
    for (const auto& [document, fields] : documents_.destination_fields_not_mapped) {
      for (const std::string& field : fields) {
        if (moved_to[document].contains(field)) continue;
        const std::string name = absl::StrCat(document, ".", field);
        destination_fields_.push_back(absl::StrCat("<ignore><field>", Escape(name), "</field></ignore>"));
        fragment_.explanations.push_back(
            absl::StrCat("Destination field ", name, ": ignored, no unmapped source field is moved to it"));
      }
    }
  }

  const DocumentPair* PairOf(absl::string_view source_document) const {
    for (const DocumentPair& pair : documents_.pairs) {
      if (pair.plan.source_document == source_document) return &pair;
    }
    return nullptr;
  }

  // The fields of `fields` whose data type in `table` is `type`.
  static std::vector<std::string> SameType(const std::vector<std::string>* fields, const io::TableSchema* table,
                                           absl::string_view type) {
    std::vector<std::string> same;
    if (fields == nullptr || type.empty()) return same;
    for (const std::string& field : *fields) {
      if (DataType(table, field) == type) same.push_back(field);
    }
    return same;
  }

  void Append(const Group& group, absl::string_view name) {
    if (group.empty()) return;
    absl::StrAppend(&fragment_.xml, "    <", name, ">\n");
    for (const std::string& rule : group) absl::StrAppend(&fragment_.xml, "      ", rule, "\n");
    absl::StrAppend(&fragment_.xml, "    </", name, ">\n");
  }

  const MapDocuments& documents_;
  MapFragment fragment_;
  Group source_documents_;
  Group source_fields_;
  Group destination_documents_;
  Group destination_fields_;
};

}  // namespace

MapFragment BuildMapFragment(const MapDocuments& documents) { return Builder(documents).Build(); }

}  // namespace migrate::stages

// Magento's map.xml (map.xsd), read into immutable rules, with the queries of Magento's Map reader.
//
// Rules come in two sides. The source side has document rules (ignore, rename) and field rules
// (ignore, move, transform); the destination side has document ignores and field rules (ignore,
// transform). An <ignore> holds a <field> or, to silence only the data type check, a <datatype>.
// Document and field names here are those of the map, without table prefixes.
//
// The queries answer exactly as Magento's \Migration\Reader\Map does, quirks included:
// - A document is ignored when an ignore names it, or when a pattern with '*' matches it
//   (Wildcard).
// - Renames and moves are looked up from either end: the first <rename> (or <move>) in which either
//   child names the document (or "document.field") maps it to the other child, whichever side asks.
//   That is how a destination document finds its source document.
// - FieldMap() of a moved field checks the other end of the move: an ignored target document gives
//   "Document has ambiguous configuration: <document>" and an ignored target field gives
//   "Field has ambiguous configuration: <document>.<field>", as InvalidArgumentError.
// - Handlers() lists the transforms of a field in file order.
//
// Immutable once read: every query is const and safe from many threads at once.
#ifndef MIGRATE_MAPPING_MAP_RULES_H_
#define MIGRATE_MAPPING_MAP_RULES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mapping/handler_ref.h"
#include "mapping/wildcard.h"

namespace migrate::mapping {

enum class Side { kSource, kDestination };

// "source" or "destination".
absl::string_view SideName(Side side);
Side Opposite(Side side);

// A document name or "document.field" named by a rule, with the rule's line.
struct NamedRule {
  std::string name;
  int line = 0;
};

struct DocumentRename {
  std::string document;
  std::string to;
  int line = 0;
};

// Both ends are "document.field".
struct FieldMove {
  std::string field;
  std::string to;
  int line = 0;
};

struct FieldTransform {
  // "document.field".
  std::string field;
  HandlerRef handler;
};

// The rules of one side in file order. Renames and moves exist only on the source side.
struct MapSide {
  std::vector<NamedRule> ignored_documents;
  std::vector<DocumentRename> renames;
  std::vector<NamedRule> ignored_fields;
  std::vector<NamedRule> ignored_datatypes;
  std::vector<FieldMove> moves;
  std::vector<FieldTransform> transforms;
};

class MapReader;

class MapRules {
 public:
  // Reads `path`, which names the file in every message.
  static absl::StatusOr<MapRules> Read(const std::string& path);
  // Parses `xml` as if read from `path`.
  static absl::StatusOr<MapRules> Parse(const std::string& path, absl::string_view xml);

  const std::string& file() const { return file_; }
  const MapSide& rules(Side side) const { return side == Side::kSource ? source_ : destination_; }

  bool IsDocumentIgnored(absl::string_view document, Side side) const;
  // The document's name on the other side, or nullopt when the document is ignored on `side`.
  std::optional<std::string> DocumentMap(absl::string_view document, Side side) const;

  bool IsFieldIgnored(absl::string_view document, absl::string_view field, Side side) const;
  bool IsFieldDataTypeIgnored(absl::string_view document, absl::string_view field, Side side) const;
  // The field's name on the other side; nullopt when the field is ignored on `side`. Errors with
  // Magento's ambiguity messages (see above), also when `document` itself is ignored.
  absl::StatusOr<std::optional<std::string>> FieldMap(absl::string_view document,
                                                      absl::string_view field, Side side) const;

  // The handlers of the field's transforms on `side`, in file order.
  std::vector<const HandlerRef*> Handlers(absl::string_view document, absl::string_view field,
                                          Side side) const;

 private:
  friend class MapReader;

  struct SideIndex {
    absl::flat_hash_set<std::string> ignored_documents;
    std::vector<Wildcard> document_wildcards;
    absl::flat_hash_set<std::string> ignored_fields;
    absl::flat_hash_set<std::string> ignored_datatypes;
    // "document.field" -> positions in MapSide::transforms.
    absl::flat_hash_map<std::string, std::vector<size_t>> transforms;
  };

  MapRules() = default;
  void BuildIndexes();
  const SideIndex& index(Side side) const {
    return side == Side::kSource ? source_index_ : destination_index_;
  }

  std::string file_;
  MapSide source_;
  MapSide destination_;
  SideIndex source_index_;
  SideIndex destination_index_;
  // Name -> position in source_.renames of the first rename with a child of that name.
  absl::flat_hash_map<std::string, size_t> renames_;
  // "document.field" -> position in source_.moves of the first move with a child of that name.
  absl::flat_hash_map<std::string, size_t> moves_;
};

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_MAP_RULES_H_

// Table name prefixes (config.xml's source_prefix and dest_prefix), applied as Magento applies
// them.
//
// Map rules and step code use document names without the prefix. Magento strips the prefix from the
// table names it lists (only when a name starts with it) and adds it to a document name when it
// reads or writes a table (only when the name does not already start with it). An empty prefix, or
// "0", changes nothing.
#ifndef MIGRATE_MAPPING_DOCUMENT_PREFIX_H_
#define MIGRATE_MAPPING_DOCUMENT_PREFIX_H_

#include <string>

#include "absl/strings/string_view.h"
#include "mapping/config_options.h"

namespace migrate::mapping {

struct DocumentPrefixes {
  std::string source;
  std::string destination;

  static DocumentPrefixes FromOptions(const ConfigOptions& options) {
    return {options.source_prefix(), options.dest_prefix()};
  }
};

// The table name of a document.
std::string AddDocumentPrefix(absl::string_view prefix, absl::string_view document);

// The document name of a table.
std::string RemoveDocumentPrefix(absl::string_view prefix, absl::string_view table);

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_DOCUMENT_PREFIX_H_

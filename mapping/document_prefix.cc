#include "mapping/document_prefix.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace migrate::mapping {
namespace {

bool IsPrefix(absl::string_view prefix) { return !prefix.empty() && prefix != "0"; }

}  // namespace

std::string AddDocumentPrefix(absl::string_view prefix, absl::string_view document) {
  if (!IsPrefix(prefix) || absl::StartsWith(document, prefix)) return std::string(document);
  return absl::StrCat(prefix, document);
}

std::string RemoveDocumentPrefix(absl::string_view prefix, absl::string_view table) {
  if (!IsPrefix(prefix) || !absl::StartsWith(table, prefix)) return std::string(table);
  return std::string(table.substr(prefix.size()));
}

}  // namespace migrate::mapping

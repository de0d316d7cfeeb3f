#include "generator/deferred_keys.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace migrate::generator {
namespace {

// The backquoted name that follows `prefix` at the start of `line`: "`IDX_A`" of "KEY `IDX_A` (...)".
absl::string_view QuotedNameAfter(absl::string_view line, absl::string_view prefix) {
  absl::string_view rest = line.substr(prefix.size());
  const size_t end = rest.find('`', 1);
  return rest.substr(0, end + 1);
}

}  // namespace

DeferredKeys DeferKeys(absl::string_view create_table) {
  constexpr absl::string_view kCreate = "CREATE TABLE ";
  const absl::string_view table = QuotedNameAfter(create_table, kCreate);
  std::vector<std::string> drop_foreign_keys, drop_keys, add_keys, add_foreign_keys;
  for (absl::string_view line : absl::StrSplit(create_table, '\n')) {
    line = absl::StripSuffix(absl::StripAsciiWhitespace(line), ",");
    for (absl::string_view kind : {"UNIQUE KEY ", "FULLTEXT KEY ", "KEY "}) {
      if (absl::StartsWith(line, kind)) {
        drop_keys.push_back(absl::StrCat("DROP KEY ", QuotedNameAfter(line, kind)));
        add_keys.push_back(absl::StrCat("ADD ", line));
        break;
      }
    }
    if (absl::StartsWith(line, "CONSTRAINT ")) {
      drop_foreign_keys.push_back(absl::StrCat("DROP FOREIGN KEY ", QuotedNameAfter(line, "CONSTRAINT ")));
      add_foreign_keys.push_back(absl::StrCat("ADD ", line));
    }
  }
  DeferredKeys keys;
  const std::string alter = absl::StrCat("ALTER TABLE ", table, " ");
  // A foreign key needs its index: it goes first and comes back last.
  if (!drop_foreign_keys.empty()) keys.before_load.push_back(alter + absl::StrJoin(drop_foreign_keys, ", "));
  if (!drop_keys.empty()) keys.before_load.push_back(alter + absl::StrJoin(drop_keys, ", "));
  if (!add_keys.empty()) keys.after_load.push_back(alter + absl::StrJoin(add_keys, ", "));
  if (!add_foreign_keys.empty()) keys.after_load.push_back(alter + absl::StrJoin(add_foreign_keys, ", "));
  return keys;
}

}  // namespace migrate::generator

#include "stages/change_capture_setup.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/cascade_capture.h"
#include "io/change_capture.h"
#include "io/mysql_error.h"
#include "io/trigger_privileges.h"
#include "mapping/groups.h"
#include "mapping/map_rules.h"

namespace migrate::stages {
namespace {

// The documents that only group delta_map lists and that map_file ignores: Map's delta never
// replays them (as Magento's skips them) and no other step reads their changes, so capturing them
// would only fill their changelogs for ever (the stock map ignores Magento 1's sales grids, which
// OrderGrids rebuilds from the sales tables).
absl::StatusOr<std::set<std::string>> DocumentsNoDeltaReads(RunContext& context) {
  std::set<std::string> unread;
  if (!context.config().options().Has("map_file")) return unread;
  absl::StatusOr<std::string> groups_path = context.ResolveFileOption("delta_document_groups_file");
  if (!groups_path.ok()) return groups_path.status();
  absl::StatusOr<mapping::Groups> groups = mapping::Groups::Read(*groups_path);
  if (!groups.ok()) return groups.status();
  absl::StatusOr<std::string> map_path = context.ResolveFileOption("map_file");
  if (!map_path.ok()) return map_path.status();
  absl::StatusOr<mapping::MapRules> rules = mapping::MapRules::Read(*map_path);
  if (!rules.ok()) return rules.status();
  std::set<std::string> elsewhere;
  for (const mapping::Group& group : groups->groups()) {
    for (const mapping::GroupEntry& entry : group.entries) {
      if (entry.kind != mapping::GroupEntry::Kind::kDocument) continue;
      if (group.name != "delta_map") {
        elsewhere.insert(entry.name);
      } else if (rules->IsDocumentIgnored(entry.name, mapping::Side::kSource)) {
        unread.insert(entry.name);
      }
    }
  }
  for (const std::string& document : elsewhere) unread.erase(document);
  return unread;
}

}  // namespace

bool ChangeCaptureConfigured(const RunContext& context) {
  return !context.config().options().delta_document_groups_file().empty();
}

absl::StatusOr<std::vector<DeltaDocument>> ReadDeltaDocuments(RunContext& context, absl::string_view group) {
  absl::StatusOr<std::string> path = context.ResolveFileOption("delta_document_groups_file");
  if (!path.ok()) return path.status();
  absl::StatusOr<mapping::Groups> groups = mapping::Groups::Read(*path);
  if (!groups.ok()) return groups.status();
  if (!group.empty() && groups->Find(group) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(*path, ": no group named ", group));
  }
  std::vector<DeltaDocument> documents;
  std::set<std::string> seen;
  for (const mapping::Group& each : groups->groups()) {
    if (!group.empty() && each.name != group) continue;
    for (const mapping::GroupEntry& entry : each.entries) {
      if (entry.kind != mapping::GroupEntry::Kind::kDocument || !seen.insert(entry.name).second) continue;
      if (entry.KeyColumns().empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(*path, ":", entry.line, ": document ", entry.name, " has no key attribute"));
      }
      documents.push_back(DeltaDocument{entry.name, entry.KeyColumns()});
    }
  }
  return documents;
}

absl::Status SetUpChangeCapture(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::vector<DeltaDocument>> documents = ReadDeltaDocuments(context);
  if (!documents.ok()) return documents.status();
  absl::StatusOr<const io::DatabaseSchema*> schema = context.SourceSchema();
  if (!schema.ok()) return schema.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  const std::string& database = context.connections().source().database;
  if (absl::Status status = io::CheckChangeCapturePrivileges(**source, database); !status.ok()) return status;

  absl::StatusOr<std::set<std::string>> unread = DocumentsNoDeltaReads(context);
  if (!unread.ok()) return unread.status();
  std::map<std::string, std::vector<std::string>> tracked;
  std::vector<std::string> missing;
  for (const DeltaDocument& document : *documents) {
    if (unread->contains(document.document)) continue;
    const std::string table = context.prefixes().source + document.document;
    if ((*schema)->contains(table)) {
      tracked[table] = document.key_columns;
    } else {
      missing.push_back(document.document);
    }
  }
  if (!missing.empty()) {
    log.Warning(absl::StrCat("Some of the delta log tables were not created. Expected:", documents->size() - unread->size(),
                             ". Actual:", tracked.size()));
    log.Info(absl::StrCat("Tables of the delta groups file that the source lacks: ", absl::StrJoin(missing, ", ")));
  }
  size_t changelogs_created = 0;
  int triggers_created = 0;
  std::vector<std::string> merged;
  for (const auto& [table, key_columns] : tracked) {
    const io::TableSchema& structure = (*schema)->at(table);
    const io::CaptureSpec spec{&structure, key_columns, io::FindCascades(**schema, table, tracked)};
    absl::StatusOr<io::CaptureInstallResult> result = io::InstallChangeCapture(**source, spec);
    if (!result.ok()) {
      return io::WithContext(result.status(), absl::StrCat("setting up change capture on ", database, ".", table));
    }
    if (result->changelog_created) ++changelogs_created;
    triggers_created += result->triggers_created;
    for (const std::string& name : result->merged_triggers) merged.push_back(absl::StrCat(table, ".", name));
  }
  log.Info(absl::StrCat("Change capture for delta is on for ", tracked.size(), " tables (", changelogs_created,
                        " changelogs and ", triggers_created, " triggers created now)"));
  if (!unread->empty()) {
    log.Info(absl::StrCat("Not captured, as the map ignores them and no delta reads them: ",
                          absl::StrJoin(*unread, ", ")));
  }
  if (!merged.empty()) {
    log.Info(absl::StrCat("Existing triggers kept inside ours: ", absl::StrJoin(merged, ", ")));
  }
  return absl::OkStatus();
}

}  // namespace migrate::stages

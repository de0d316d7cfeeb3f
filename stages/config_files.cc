#include "stages/config_files.h"

#include <string>

#include "absl/strings/match.h"
#include "mapping/class_map.h"
#include "mapping/groups.h"
#include "mapping/map_rules.h"
#include "mapping/settings_rules.h"

namespace migrate::stages {
namespace {

enum class FileKind { kMap, kGroups, kClassMap, kSettings, kOther };

FileKind KindOf(absl::string_view option) {
  if (option == "class_map") return FileKind::kClassMap;
  if (option == "settings_map_file") return FileKind::kSettings;
  if (option == "map_document_groups" || absl::EndsWith(option, "_groups_file")) return FileKind::kGroups;
  if (absl::EndsWith(option, "map_file")) return FileKind::kMap;
  return FileKind::kOther;
}

absl::Status Check(FileKind kind, const std::string& path) {
  switch (kind) {
    case FileKind::kMap:
      return mapping::MapRules::Read(path).status();
    case FileKind::kGroups:
      return mapping::Groups::Read(path).status();
    case FileKind::kClassMap:
      return mapping::ClassMap::Read(path).status();
    case FileKind::kSettings:
      return mapping::SettingsRules::Read(path).status();
    case FileKind::kOther:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckConfigFiles(const RunContext& context) {
  for (const mapping::ConfigOption& option : context.config().options().all()) {
    const FileKind kind = KindOf(option.name);
    if (kind == FileKind::kOther || option.value.empty()) continue;
    absl::StatusOr<std::string> path = context.ResolveFileOption(option.name);
    if (!path.ok()) return path.status();
    if (absl::Status status = Check(kind, *path); !status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace migrate::stages

#include "stages/config_files.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "mapping/class_map.h"
#include "mapping/groups.h"
#include "mapping/map_rules.h"
#include "mapping/settings_rules.h"
#include "stages/step_registry.h"

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

// The file options Magento's step classes read, by namespace.
const std::vector<std::pair<std::string, std::vector<std::string>>>& OptionsByNamespace() {
  static const auto* options = new std::vector<std::pair<std::string, std::vector<std::string>>>{
      {"Migration\\Step\\Map\\", {"map_file", "map_document_groups"}},
      {"Migration\\Step\\Stores\\", {"stores_map_file"}},
      {"Migration\\Step\\Settings\\", {"settings_map_file"}},
      {"Migration\\Step\\DataIntegrity\\", {}},
      {"Migration\\Step\\Eav\\", {"eav_map_file", "eav_document_groups_file", "eav_attribute_groups_file"}},
      {"Migration\\Step\\Customer\\",
       {"customer_map_file", "customer_document_groups_file", "customer_attribute_groups_file"}},
      {"Migration\\Step\\Log\\", {"log_map_file", "log_document_groups_file"}},
      {"Migration\\Step\\TierPrice\\", {"tier_price_map_file"}},
      {"Migration\\Step\\OrderGrids\\", {"order_grids_document_groups_file"}},
      {"Migration\\Step\\PostProcessing\\", {"eav_document_groups_file", "map_file"}},
      {"Migration\\Step\\UrlRewrite\\", {"map_file"}},
      {"Migration\\Step\\SalesIncrement\\", {"map_file"}},
      {"Migration\\Step\\Inventory\\", {"map_file"}},
      {"Migration\\Step\\Ratings\\", {}},
      {"Migration\\Step\\ConfigurablePrices\\", {}},
  };
  return *options;
}

// The file options the classes of `steps` read; nullopt when one is a class of another namespace.
std::optional<std::set<std::string>> OptionsRead(const std::vector<mapping::StepConfig>& steps) {
  std::set<std::string> read = {"delta_document_groups_file", "class_map"};
  for (const mapping::StepConfig& step : steps) {
    for (const mapping::StageClass& stage : step.stages) {
      const std::string name = NormalizeClassName(stage.class_name);
      auto known = std::find_if(OptionsByNamespace().begin(), OptionsByNamespace().end(),
                                [&](const auto& entry) { return absl::StartsWith(name, entry.first); });
      if (known == OptionsByNamespace().end()) return std::nullopt;
      read.insert(known->second.begin(), known->second.end());
    }
  }
  return read;
}

}  // namespace

absl::Status CheckConfigFiles(const RunContext& context, const std::vector<mapping::StepConfig>& steps) {
  const std::optional<std::set<std::string>> read = OptionsRead(steps);
  for (const mapping::ConfigOption& option : context.config().options().all()) {
    const FileKind kind = KindOf(option.name);
    if (kind == FileKind::kOther || option.value.empty()) continue;
    const bool needed = !read.has_value() || read->contains(option.name);
    absl::StatusOr<std::string> path = context.ResolveFileOption(option.name);
    absl::Status status = path.ok() ? Check(kind, *path) : path.status();
    if (status.ok()) continue;
    if (needed) return status;
    context.log()->Write(LogLevel::kWarning, LogContext{context.options().mode, "", ""},
                         absl::StrCat(status.message(), " (no step of this run reads ", option.name,
                                      ", so the run goes on)"));
  }
  return absl::OkStatus();
}

}  // namespace migrate::stages

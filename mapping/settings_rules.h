// Magento's settings.xml (settings.xsd): what happens to each core_config_data path.
//
// <key> ignores paths (exactly, or by a pattern with '*' matched as Wildcard does) and renames
// paths; <value> attaches a handler to a path. The queries answer as Magento's Settings reader
// does: a renamed or transformed path that is also ignored is ignored; the first rename or
// transform of a path wins.
//
// Immutable once read: every query is const and safe from many threads at once.
#ifndef MIGRATE_MAPPING_SETTINGS_RULES_H_
#define MIGRATE_MAPPING_SETTINGS_RULES_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mapping/handler_ref.h"
#include "mapping/wildcard.h"

namespace migrate::mapping {

struct SettingsIgnore {
  std::string path;
  int line = 0;
};

struct SettingsRename {
  std::string path;
  std::string to;
  int line = 0;
};

struct SettingsTransform {
  std::string path;
  HandlerRef handler;
};

class SettingsReader;

class SettingsRules {
 public:
  static absl::StatusOr<SettingsRules> Read(const std::string& path);
  static absl::StatusOr<SettingsRules> Parse(const std::string& path, absl::string_view xml);

  const std::string& file() const { return file_; }
  // The rules in file order.
  const std::vector<SettingsIgnore>& ignores() const { return ignores_; }
  const std::vector<SettingsRename>& renames() const { return renames_; }
  const std::vector<SettingsTransform>& transforms() const { return transforms_; }

  bool IsIgnored(absl::string_view path) const;
  // The path in the destination: its rename, or the path itself.
  std::string Rename(absl::string_view path) const;
  // The handler of the path's value, or nullptr (also when the path is ignored).
  const HandlerRef* ValueHandler(absl::string_view path) const;

 private:
  friend class SettingsReader;

  SettingsRules() = default;
  void BuildIndexes();

  std::string file_;
  std::vector<SettingsIgnore> ignores_;
  std::vector<SettingsRename> renames_;
  std::vector<SettingsTransform> transforms_;
  absl::flat_hash_set<std::string> ignored_;
  std::vector<Wildcard> wildcards_;
  // path -> position of its first rename / transform.
  absl::flat_hash_map<std::string, size_t> rename_index_;
  absl::flat_hash_map<std::string, size_t> transform_index_;
};

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_SETTINGS_RULES_H_

// Magento's config.xml, read as config.xsd defines it, into an immutable Config.
//
// Steps per mode ("settings", "data", "delta"; config.xsd accepts any mode name) in file order,
// each with its title and its stage classes. Like Magento's Config::getSteps(), several <steps> of
// one mode form one list, and a title met again adds to the step of that title, a later class of a
// stage kind replacing the earlier one. The <source>/<destination> databases, and every option
// (ConfigOptions). The password is kept for connecting but no Describe() or message of this module
// ever shows it.
//
// File options are paths as written; ResolvePath() finds them the way Magento does. One departure
// from config.xsd: an empty <config>, which no run could use, is refused.
//
// Immutable once read: every query is const and safe from many threads at once.
#ifndef MIGRATE_MAPPING_CONFIG_H_
#define MIGRATE_MAPPING_CONFIG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mapping/config_options.h"

namespace migrate::mapping {

enum class StageKind { kIntegrity, kData, kVolume, kDelta };

// "integrity", "data", "volume" or "delta": the element name in config.xml.
absl::string_view StageKindName(StageKind kind);

struct StageClass {
  StageKind kind;
  // As written, e.g. "Migration\Step\Map\Data".
  std::string class_name;
  int line = 0;
};

struct StepConfig {
  std::string title;
  // At most one per kind, in the order the kinds first appear.
  std::vector<StageClass> stages;
  int line = 0;

  // The class of that stage, or nullptr when the step has none.
  const StageClass* Stage(StageKind kind) const;
};

struct DatabaseConfig {
  // The element inside <source>/<destination>; config.xsd allows only "database".
  std::string type;
  std::string host;
  // "" when not given.
  std::string port;
  std::string name;
  std::string user;
  std::string password;
  std::string ssl_ca;
  std::string ssl_cert;
  std::string ssl_key;

  // "user@host:port/name" (":port" only when given); never the password.
  std::string Describe() const;
};

class ConfigReader;

class Config {
 public:
  // Reads `path`. `tool_root` is where ResolvePath() looks second for relative file options
  // (Magento looks in its own root); it may be "".
  static absl::StatusOr<Config> Read(const std::string& path, const std::string& tool_root);

  // Parses `xml` as if read from `path`.
  static absl::StatusOr<Config> Parse(const std::string& path, absl::string_view xml,
                                      const std::string& tool_root);

  // The steps of `mode` in file order; empty for a mode the file does not define.
  const std::vector<StepConfig>& Steps(absl::string_view mode) const;
  // The modes in file order.
  std::vector<std::string> Modes() const;

  const DatabaseConfig& source() const { return source_; }
  const DatabaseConfig& destination() const { return destination_; }
  const ConfigOptions& options() const { return options_; }

  // The file as given to Read(), its folder, and the tool root given to Read().
  const std::string& path() const { return path_; }
  const std::string& directory() const { return directory_; }
  const std::string& tool_root() const { return tool_root_; }

 private:
  struct ModeSteps {
    std::string mode;
    std::vector<StepConfig> steps;
  };

  friend class ConfigReader;

  Config() = default;

  std::vector<ModeSteps> modes_;
  DatabaseConfig source_;
  DatabaseConfig destination_;
  ConfigOptions options_;
  std::string path_;
  std::string directory_;
  std::string tool_root_;
};

// Finds the file a config option names, as Magento does: the path as given when it exists (relative
// to the working directory), else relative to the tool root, else relative to the config file's
// folder. NotFoundError listing the places tried when none exists.
absl::StatusOr<std::string> ResolvePath(const Config& config, absl::string_view option_value);

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_CONFIG_H_

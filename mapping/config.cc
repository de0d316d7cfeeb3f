#include "mapping/config.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "mapping/xml_document.h"
#include "mapping/xml_schema.h"
#include "mapping/xsd_types.h"

namespace migrate::mapping {

// Builds a Config from a parsed config.xml, checking it against config.xsd on the way.
class ConfigReader {
 public:
  static absl::StatusOr<Config> Build(const XmlDocument& document, const std::string& path,
                                      const std::string& tool_root) {
    Config config;
    if (absl::Status status = ConfigReader(document, config).Read(); !status.ok()) return status;
    config.path_ = path;
    const std::filesystem::path directory = std::filesystem::path(path).parent_path();
    config.directory_ = directory.empty() ? "." : directory.string();
    config.tool_root_ = tool_root;
    return config;
  }

 private:
  ConfigReader(const XmlDocument& document, Config& config)
      : document_(document), config_(config) {}

  absl::Status Read() {
    absl::StatusOr<const XmlNode*> root = document_.Root("config");
    if (!root.ok()) return root.status();
    if (absl::Status status = CheckAttributes(document_, **root, {}, {}); !status.ok()) {
      return status;
    }
    // config.xsd would accept an empty <config>, which no run can use: one group is required.
    const CheckedChildren children = MatchChildren(
        document_, **root,
        {.particles = {{{"steps"}, 1, kUnbounded}, {{"source"}}, {{"destination"}}, {{"options"}}},
         .group_min = 1,
         .group_max = kUnbounded});
    bool source_seen = false;
    bool destination_seen = false;
    for (const XmlNode* child : children.elements) {
      const absl::string_view name = NameOf(*child);
      absl::Status status;
      if (name == "steps") {
        status = ReadSteps(*child);
      } else if (name == "source") {
        // Magento reads the first <source> and the first <destination>.
        status = ReadResource(*child, source_seen ? nullptr : &config_.source_);
        source_seen = true;
      } else if (name == "destination") {
        status = ReadResource(*child, destination_seen ? nullptr : &config_.destination_);
        destination_seen = true;
      } else {
        status = ReadOptions(*child);
      }
      if (!status.ok()) return status;
    }
    config_.options_ = ConfigOptions(std::move(options_));
    return children.offence;
  }

  absl::Status ReadSteps(const XmlNode& steps) {
    if (absl::Status status = CheckAttributes(document_, steps, {"mode"}, {}); !status.ok()) {
      return status;
    }
    const CheckedChildren children =
        MatchChildren(document_, steps, {.particles = {{{"step"}, 0, kUnbounded}}});
    std::vector<StepConfig>& mode_steps = ModeSteps(AttributeValue(steps, "mode"));
    for (const XmlNode* step : children.elements) {
      if (absl::Status status = ReadStep(*step, mode_steps); !status.ok()) return status;
    }
    return children.offence;
  }

  std::vector<StepConfig>& ModeSteps(const std::string& mode) {
    for (Config::ModeSteps& existing : config_.modes_) {
      if (existing.mode == mode) return existing.steps;
    }
    config_.modes_.push_back({mode, {}});
    return config_.modes_.back().steps;
  }

  absl::Status ReadStep(const XmlNode& step, std::vector<StepConfig>& mode_steps) {
    if (absl::Status status = CheckAttributes(document_, step, {"title"}, {}); !status.ok()) {
      return status;
    }
    const CheckedChildren stages =
        MatchChildren(document_, step,
                      {.particles = {{{"integrity", "data", "delta", "volume"}, 0, kUnbounded}}});
    const std::string title = AttributeValue(step, "title");
    StepConfig* config = nullptr;
    for (StepConfig& existing : mode_steps) {
      if (existing.title == title) config = &existing;
    }
    if (config == nullptr) {
      mode_steps.push_back({title, {}, document_.LineOf(step)});
      config = &mode_steps.back();
    }
    for (const XmlNode* stage : stages.elements) {
      absl::StatusOr<std::string> class_name = SimpleContent(document_, *stage);
      if (!class_name.ok()) return class_name.status();
      if (!xsd::IsStageClass(*class_name)) {
        return document_.ErrorAt(*stage, absl::StrCat("<", NameOf(*stage), "> value \"",
                                                      *class_name, "\" is not a class name"));
      }
      StageClass value{KindOf(NameOf(*stage)), std::move(*class_name), document_.LineOf(*stage)};
      bool replaced = false;
      for (StageClass& existing : config->stages) {
        if (existing.kind == value.kind) {
          existing = value;
          replaced = true;
        }
      }
      if (!replaced) config->stages.push_back(std::move(value));
    }
    return stages.offence;
  }

  static StageKind KindOf(absl::string_view name) {
    if (name == "integrity") return StageKind::kIntegrity;
    if (name == "data") return StageKind::kData;
    if (name == "volume") return StageKind::kVolume;
    return StageKind::kDelta;
  }

  // Reads <source> or <destination> into `database`, or only checks it when `database` is null.
  absl::Status ReadResource(const XmlNode& resource, DatabaseConfig* database) {
    if (absl::Status status = CheckAttributes(document_, resource, {}, {}); !status.ok()) {
      return status;
    }
    absl::StatusOr<std::vector<const XmlNode*>> children =
        CheckChildren(document_, resource, {.particles = {{{"database"}}}});
    if (!children.ok()) return children.status();
    const XmlNode& element = *children->front();
    if (absl::Status status =
            CheckAttributes(document_, element, {"name", "host", "user"},
                            {"port", "password", "ssl_ca", "ssl_cert", "ssl_key"});
        !status.ok()) {
      return status;
    }
    if (absl::Status status = CheckEmpty(document_, element); !status.ok()) return status;
    if (absl::Status status = CheckPort(resource, element); !status.ok()) return status;
    if (database == nullptr) return absl::OkStatus();
    database->type = std::string(NameOf(element));
    database->host = AttributeValue(element, "host");
    database->port = AttributeValue(element, "port");
    database->name = AttributeValue(element, "name");
    database->user = AttributeValue(element, "user");
    database->password = AttributeValue(element, "password");
    database->ssl_ca = AttributeValue(element, "ssl_ca");
    database->ssl_cert = AttributeValue(element, "ssl_cert");
    database->ssl_key = AttributeValue(element, "ssl_key");
    return absl::OkStatus();
  }

  // A port, when given, is a whole number from 1 to 65535: Magento's PDO would not connect with
  // anything else, and reading "34001x" as the default port would reach another server.
  absl::Status CheckPort(const XmlNode& resource, const XmlNode& database) {
    const XmlAttribute* port = database.first_attribute();
    while (port != nullptr && NameOf(*port) != "port") port = port->next_attribute();
    if (port == nullptr) return absl::OkStatus();
    const std::string value(ValueOf(*port));
    const std::optional<int> number = xsd::ParseInt(value);
    if (number.has_value() && *number >= 1 && *number <= 65535) return absl::OkStatus();
    return document_.ErrorAt(*port, absl::StrCat("<", NameOf(resource), "> port \"", value,
                                                 "\" is not a port number (a whole number from 1 to 65535)"));
  }

  absl::Status ReadOptions(const XmlNode& options) {
    if (absl::Status status = CheckAttributes(document_, options, {}, {}); !status.ok()) {
      return status;
    }
    // config.xsd's choice includes an xs:any of minOccurs 0: <options> may be empty.
    const CheckedChildren children = ElementChildren(document_, options);
    for (const XmlNode* child : children.elements) {
      absl::StatusOr<std::string> value = OptionValue(*child);
      if (!value.ok()) return value.status();
      AddOption({std::string(NameOf(*child)), std::move(*value), document_.LineOf(*child)});
    }
    return children.offence;
  }

  // The option's text, checked against config.xsd's type when the option is one it declares; any
  // other element is an xs:any with processContents="skip": whatever it holds, its text is the
  // value.
  absl::StatusOr<std::string> OptionValue(const XmlNode& option) {
    const absl::string_view name = NameOf(option);
    static constexpr absl::string_view kFileOptions[] = {
        "map_file",          "eav_map_file",         "log_map_file",
        "settings_map_file", "sales_order_map_file", "delta_document_groups_file"};
    static constexpr absl::string_view kStringOptions[] = {"resource_adapter_class_name",
                                                           "log_file",
                                                           "progress_bar_format",
                                                           "upgrade_customer_password_hash",
                                                           "crypt_key",
                                                           "edition_migrate",
                                                           "init_statements_source",
                                                           "init_statements_destination"};
    const bool is_file =
        std::find(std::begin(kFileOptions), std::end(kFileOptions), name) != std::end(kFileOptions);
    const bool is_string = std::find(std::begin(kStringOptions), std::end(kStringOptions), name) !=
                           std::end(kStringOptions);
    const NumericOption* numeric = FindNumericOption(name);
    if (!is_file && !is_string && numeric == nullptr) return TextContent(option);
    absl::StatusOr<std::string> value = SimpleContent(document_, option);
    if (!value.ok()) return value;
    if (numeric != nullptr) {
      if (absl::Status status = CheckNumber(option, *numeric, *value); !status.ok()) return status;
    }
    if (is_file && !xsd::IsXmlFile(*value)) {
      return document_.ErrorAt(option, absl::StrCat("<", name, "> value \"", *value,
                                                    "\" is not the path of an .xml or .dist file"));
    }
    return value;
  }

  // The options that are numbers, and the values each accepts.
  struct NumericOption {
    absl::string_view name;
    bool fractions;
    double min;
    double max;
    absl::string_view meaning;
  };

  static const NumericOption* FindNumericOption(absl::string_view name) {
    static constexpr NumericOption kNumericOptions[] = {
        {"bulk_size", false, 0, 1000000, "rows per batch; 0 picks 5000"},
        {"threads", false, 1, 1024, "chunks copied at once"},
        {"memory_limit", false, 1, 1048576, "MiB the rows in flight may take; default 512"},
        {"defer_indexes_min_rows", false, 0, 2147483647,
         "source rows from which an empty table gets its secondary keys after the load; default 20000, 0 never"},
        {"delta_poll_interval", true, 0, 86400, "seconds between delta cycles"},
    };
    for (const NumericOption& option : kNumericOptions) {
      if (option.name == name) return &option;
    }
    return nullptr;
  }

  absl::Status CheckNumber(const XmlNode& option, const NumericOption& numeric, const std::string& value) {
    bool valid = false;
    if (numeric.fractions) {
      double number = 0;
      const absl::string_view text = absl::StripAsciiWhitespace(value);
      valid = !text.empty() && absl::ascii_isdigit(static_cast<unsigned char>(text.back())) &&
              absl::SimpleAtod(text, &number) && number >= numeric.min && number <= numeric.max;
    } else {
      const std::optional<int> number = xsd::ParseInt(value);
      valid = number.has_value() && *number >= numeric.min && *number <= numeric.max;
    }
    if (valid) return absl::OkStatus();
    return document_.ErrorAt(
        option, absl::StrFormat("<%s> value \"%s\" is not a %s from %.15g to %.15g (%s)", numeric.name, value,
                                numeric.fractions ? "number" : "whole number", numeric.min, numeric.max,
                                numeric.meaning));
  }

  void AddOption(ConfigOption option) {
    for (ConfigOption& existing : options_) {
      if (existing.name == option.name) {
        existing.value = std::move(option.value);
        existing.line = option.line;
        return;
      }
    }
    options_.push_back(std::move(option));
  }

  const XmlDocument& document_;
  Config& config_;
  std::vector<ConfigOption> options_;
};

absl::string_view StageKindName(StageKind kind) {
  switch (kind) {
    case StageKind::kIntegrity:
      return "integrity";
    case StageKind::kData:
      return "data";
    case StageKind::kVolume:
      return "volume";
    case StageKind::kDelta:
      return "delta";
  }
  return "";
}

const StageClass* StepConfig::Stage(StageKind kind) const {
  for (const StageClass& stage : stages) {
    if (stage.kind == kind) return &stage;
  }
  return nullptr;
}

std::string DatabaseConfig::Describe() const {
  return absl::StrCat(user, "@", host, port.empty() ? "" : ":", port, "/", name);
}

absl::StatusOr<Config> Config::Read(const std::string& path, const std::string& tool_root) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::ReadFile(path);
  if (!document.ok()) return document.status();
  return ConfigReader::Build(**document, path, tool_root);
}

absl::StatusOr<Config> Config::Parse(const std::string& path, absl::string_view xml,
                                     const std::string& tool_root) {
  absl::StatusOr<std::unique_ptr<XmlDocument>> document = XmlDocument::Parse(path, xml);
  if (!document.ok()) return document.status();
  return ConfigReader::Build(**document, path, tool_root);
}

const std::vector<StepConfig>& Config::Steps(absl::string_view mode) const {
  static const std::vector<StepConfig>* const kNone = new std::vector<StepConfig>();
  for (const ModeSteps& steps : modes_) {
    if (steps.mode == mode) return steps.steps;
  }
  return *kNone;
}

std::vector<std::string> Config::Modes() const {
  std::vector<std::string> modes;
  for (const ModeSteps& steps : modes_) modes.push_back(steps.mode);
  return modes;
}

absl::StatusOr<std::string> ResolvePath(const Config& config, absl::string_view option_value) {
  namespace fs = std::filesystem;
  if (option_value.empty()) return absl::NotFoundError("no file given");
  const fs::path given(std::string{option_value});
  std::vector<fs::path> candidates = {given};
  if (given.is_relative()) {
    if (!config.tool_root().empty()) candidates.push_back(fs::path(config.tool_root()) / given);
    candidates.push_back(fs::path(config.directory()) / given);
  }
  std::vector<std::string> tried;
  for (const fs::path& candidate : candidates) {
    std::error_code error;
    if (fs::is_regular_file(candidate, error)) return candidate.string();
    tried.push_back(candidate.string());
  }
  return absl::NotFoundError(
      absl::StrCat("file ", option_value, " not found (tried ", absl::StrJoin(tried, ", "), ")"));
}

}  // namespace migrate::mapping

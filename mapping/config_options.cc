#include "mapping/config_options.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace migrate::mapping {

const ConfigOption* ConfigOptions::Find(absl::string_view name) const {
  for (const ConfigOption& option : options_) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

const std::string& ConfigOptions::Get(absl::string_view name) const {
  static const std::string* const kEmpty = new std::string();
  const ConfigOption* option = Find(name);
  return option == nullptr ? *kEmpty : option->value;
}

bool ConfigOptions::Flag(absl::string_view name) const {
  const std::string& value = Get(name);
  return !value.empty() && value != "0";
}

int ConfigOptions::bulk_size() const {
  int value = 0;
  return absl::SimpleAtoi(Get("bulk_size"), &value) ? value : 0;
}

int ConfigOptions::threads() const {
  int value = 0;
  return absl::SimpleAtoi(Get("threads"), &value) ? value : 0;
}

int ConfigOptions::memory_limit() const {
  int value = 0;
  return absl::SimpleAtoi(Get("memory_limit"), &value) ? value : 0;
}

int ConfigOptions::defer_indexes_min_rows() const {
  int value = 0;
  return absl::SimpleAtoi(Get("defer_indexes_min_rows"), &value) ? value : -1;
}

std::string ConfigOptions::Prefix(absl::string_view name) const {
  const std::string& value = Get(name);
  return value == "0" ? "" : value;
}

std::vector<std::string> ConfigOptions::Statements(absl::string_view name) const {
  std::vector<std::string> statements;
  for (absl::string_view part : absl::StrSplit(Get(name), ';')) {
    part = absl::StripAsciiWhitespace(part);
    if (!part.empty()) statements.emplace_back(part);
  }
  return statements;
}

}  // namespace migrate::mapping

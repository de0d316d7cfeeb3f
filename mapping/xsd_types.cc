#include "mapping/xsd_types.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

namespace migrate::mapping::xsd {
namespace {

bool AllOf(absl::string_view value, bool (*allowed)(char)) {
  return !value.empty() && std::all_of(value.begin(), value.end(), allowed);
}

bool IsAlnum(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)); }

}  // namespace

bool IsNotEmptyString(absl::string_view value) { return !value.empty(); }

bool IsStageClass(absl::string_view value) {
  return value.size() >= 2 && absl::ascii_isalpha(static_cast<unsigned char>(value[0])) &&
         AllOf(value.substr(1), [](char c) { return IsAlnum(c) || c == '_' || c == '\\'; });
}

bool IsXmlFile(absl::string_view value) {
  absl::string_view stem;
  if (absl::EndsWith(value, ".xml")) {
    stem = value.substr(0, value.size() - 4);
  } else if (absl::EndsWith(value, ".dist")) {
    stem = value.substr(0, value.size() - 5);
  } else {
    return false;
  }
  return AllOf(stem,
               [](char c) { return IsAlnum(c) || c == '-' || c == '/' || c == '.' || c == '_'; });
}

std::optional<int> ParseInt(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty()) return std::nullopt;
  const absl::string_view digits = (value[0] == '+' || value[0] == '-') ? value.substr(1) : value;
  if (!AllOf(digits, [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); })) {
    return std::nullopt;
  }
  int32_t parsed = 0;
  if (!absl::SimpleAtoi(value, &parsed)) return std::nullopt;
  return parsed;
}

bool IsMapHandlerClass(absl::string_view value) {
  return AllOf(value, [](char c) { return IsAlnum(c) || c == '_' || c == '\\'; });
}

bool IsSettingsHandlerClass(absl::string_view value) {
  return AllOf(value, [](char c) { return IsAlnum(c) || c == '\\'; });
}

bool IsFieldFormat(absl::string_view value) {
  const size_t dot = value.find('.');
  return dot != absl::string_view::npos && dot > 0 && dot + 1 < value.size() &&
         value.find('.', dot + 1) == absl::string_view::npos;
}

bool IsConfigPath(absl::string_view value) {
  return AllOf(value, [](char c) { return IsAlnum(c) || c == '_' || c == '/' || c == '\\'; });
}

bool IsConfigPathWithWildcard(absl::string_view value) {
  return AllOf(value,
               [](char c) { return IsAlnum(c) || c == '_' || c == '/' || c == '\\' || c == '*'; });
}

}  // namespace migrate::mapping::xsd

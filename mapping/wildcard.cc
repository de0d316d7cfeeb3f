#include "mapping/wildcard.h"

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace migrate::mapping {
namespace {

// Characters with a meaning in a PCRE pattern, besides '*' (which becomes ".+"). A '/' is literal:
// settings.xml paths are full of them and Magento escapes them there.
constexpr absl::string_view kRegexSyntax = ".^$|?+()[]{}\\";

}  // namespace

Wildcard::Wildcard(absl::string_view pattern) : pattern_(pattern) {
  if (pattern.find_first_of(kRegexSyntax) == absl::string_view::npos) {
    pieces_ = absl::StrSplit(pattern, '*');
    return;
  }
  try {
    regex_ = std::make_shared<const std::regex>("^" + absl::StrReplaceAll(pattern, {{"*", ".+"}}),
                                                std::regex::ECMAScript | std::regex::nosubs);
  } catch (const std::regex_error&) {
    valid_ = false;
  }
}

bool Wildcard::IsWildcard(absl::string_view pattern) {
  return pattern.find('*') != absl::string_view::npos;
}

bool Wildcard::Matches(absl::string_view name) const {
  if (!valid_) return false;
  if (regex_ != nullptr) {
    return std::regex_search(name.begin(), name.end(), *regex_);
  }
  // pieces_[0] must start the name; each later piece must follow its predecessor after at least
  // one character (the '*'); the earliest place that fits is always the best one.
  if (!absl::StartsWith(name, pieces_[0])) return false;
  size_t position = pieces_[0].size();
  for (size_t i = 1; i < pieces_.size(); ++i) {
    if (position + 1 > name.size()) return false;
    const size_t found = name.find(pieces_[i], position + 1);
    if (found == absl::string_view::npos) return false;
    position = found + pieces_[i].size();
  }
  return true;
}

}  // namespace migrate::mapping

// A Magento ignore pattern with '*' wildcards, matched the way Magento matches it.
//
// Magento turns the pattern into the PCRE '/^' + pattern-with-'*'-as-'.+' + '/': '*' stands for one
// or more characters (never zero), the match is anchored at the start only (so "log_*" matches
// "log_url_info" and also anything that merely begins like the pattern), and the pattern's other
// characters keep their regex meaning ('.' is any character). A pattern Magento's regex engine
// would reject matches nothing. Patterns made of plain characters and '*' take a fast path; others
// go through std::regex.
#ifndef MIGRATE_MAPPING_WILDCARD_H_
#define MIGRATE_MAPPING_WILDCARD_H_

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::mapping {

class Wildcard {
 public:
  explicit Wildcard(absl::string_view pattern);

  // True when the pattern contains '*', i.e. when Magento treats it as a wildcard at all.
  static bool IsWildcard(absl::string_view pattern);

  bool Matches(absl::string_view name) const;

  const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  // Fast path: the literal pieces between the '*'s (pattern "a*b*" gives "a", "b", "").
  std::vector<std::string> pieces_;
  // Slow path, for patterns with other regex syntax; null when the fast path applies. Shared so
  // that copies of an immutable rule set stay cheap.
  std::shared_ptr<const std::regex> regex_;
  bool valid_ = true;
};

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_WILDCARD_H_

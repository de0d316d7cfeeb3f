// PHP's preg_match() and preg_replace() over PCRE2, the library PHP itself uses, for handlers whose
// Magento code or params are PHP regular expressions.
//
// Patterns are written as PHP writes them: a delimiter (any non-alphanumeric, non-backslash,
// non-space character; "(", "[", "{" and "<" close with their pair), the body, the delimiter, then
// modifiers among i m s x U u D A (PHP's meaning; "u" is PCRE2_UTF | PCRE2_UCP as in PHP). Matching
// uses the JIT when PCRE2 has one. Replacements take PHP's references "$n", "${n}" and "\n" (n of one
// or two digits; a group that did not take part gives ""). A match error (e.g. invalid UTF-8 under
// "u", the backtrack limit) is what PHP's false/null return means: Matches() is false, Replace() false.
//
// Immutable once compiled; safe to use from many threads at once (match data is per thread).
#ifndef MIGRATE_MAPPING_HANDLERS_PHP_REGEX_H_
#define MIGRATE_MAPPING_HANDLERS_PHP_REGEX_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace migrate::mapping::php {

class Regex {
 public:
  // InvalidArgumentError with PHP's or PCRE2's reason when `pattern` does not compile.
  static absl::StatusOr<Regex> Compile(absl::string_view pattern);

  // preg_match($pattern, $subject) === 1.
  bool Matches(absl::string_view subject) const;
  // preg_replace($pattern, $replacement, $subject) into `out`; false where PHP returns null.
  bool Replace(absl::string_view subject, absl::string_view replacement, std::string& out) const;

 private:
  struct Code;
  explicit Regex(std::shared_ptr<const Code> code) : code_(std::move(code)) {}

  std::shared_ptr<const Code> code_;
};

}  // namespace migrate::mapping::php

#endif  // MIGRATE_MAPPING_HANDLERS_PHP_REGEX_H_

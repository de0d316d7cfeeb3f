#include "mapping/handlers/php_regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace migrate::mapping::php {

struct Regex::Code {
  pcre2_code* code = nullptr;
  bool utf = false;

  ~Code() { pcre2_code_free(code); }
};

namespace {

// PHP's pcre.backtrack_limit and pcre.recursion_limit defaults.
constexpr uint32_t kMatchLimit = 1000000;
constexpr uint32_t kDepthLimit = 100000;
constexpr uint32_t kMaxGroups = 100;

// Per-thread match data, match context and JIT stack, shared by every Regex.
struct MatchScratch {
  pcre2_match_data* data = pcre2_match_data_create(kMaxGroups, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  pcre2_jit_stack* jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);

  MatchScratch() {
    pcre2_set_match_limit(context, kMatchLimit);
    pcre2_set_depth_limit(context, kDepthLimit);
    if (jit_stack != nullptr) pcre2_jit_stack_assign(context, nullptr, jit_stack);
  }
  ~MatchScratch() {
    pcre2_jit_stack_free(jit_stack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
};

MatchScratch& Scratch() {
  thread_local MatchScratch scratch;
  return scratch;
}

char ClosingDelimiter(char open) {
  switch (open) {
    case '(': return ')';
    case '[': return ']';
    case '{': return '}';
    case '<': return '>';
    default: return open;
  }
}

// Reads a replacement reference at `pos` ("$n", "${n}", "\n"), as PHP's preg_get_backref does.
bool ReadBackref(absl::string_view replacement, size_t& pos, int& group) {
  size_t at = pos + 1;
  const bool in_brace = replacement[pos] == '$' && at < replacement.size() && replacement[at] == '{';
  if (in_brace) ++at;
  if (at >= replacement.size() || !absl::ascii_isdigit(replacement[at])) return false;
  group = replacement[at++] - '0';
  if (at < replacement.size() && absl::ascii_isdigit(replacement[at])) {
    group = group * 10 + (replacement[at++] - '0');
  }
  if (in_brace) {
    if (at >= replacement.size() || replacement[at] != '}') return false;
    ++at;
  }
  pos = at;
  return true;
}

void AppendReplacement(absl::string_view subject, absl::string_view replacement,
                       const PCRE2_SIZE* ovector, int groups, std::string& out) {
  char last = 0;
  for (size_t pos = 0; pos < replacement.size();) {
    const char c = replacement[pos];
    if (c == '\\' || c == '$') {
      if (last == '\\') {
        out.back() = c;
        ++pos;
        last = 0;
        continue;
      }
      int group = 0;
      if (ReadBackref(replacement, pos, group)) {
        if (group < groups && ovector[2 * group] != PCRE2_UNSET) {
          out.append(subject.data() + ovector[2 * group], ovector[2 * group + 1] - ovector[2 * group]);
        }
        last = 0;
        continue;
      }
    }
    out.push_back(c);
    last = c;
    ++pos;
  }
}

}  // namespace

absl::StatusOr<Regex> Regex::Compile(absl::string_view pattern) {
  absl::string_view rest = absl::StripLeadingAsciiWhitespace(pattern);
  if (rest.empty()) return absl::InvalidArgumentError("Empty regular expression");
  const char open = rest[0];
  if (absl::ascii_isalnum(open) || open == '\\' || open == '\0') {
    return absl::InvalidArgumentError("Delimiter must not be alphanumeric, backslash, or NUL");
  }
  const char close = ClosingDelimiter(open);
  size_t end = 1;
  int nesting = 1;
  for (; end < rest.size(); ++end) {
    const char c = rest[end];
    if (c == '\\' && end + 1 < rest.size()) {
      ++end;
    } else if (c == close && --nesting == 0) {
      break;
    } else if (c == open && close != open) {
      ++nesting;
    }
  }
  if (end >= rest.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("No ending delimiter '", absl::string_view(&close, 1), "' found"));
  }
  const absl::string_view body = rest.substr(1, end - 1);
  uint32_t options = 0;
  for (char modifier : rest.substr(end + 1)) {
    switch (modifier) {
      case 'i': options |= PCRE2_CASELESS; break;
      case 'm': options |= PCRE2_MULTILINE; break;
      case 's': options |= PCRE2_DOTALL; break;
      case 'x': options |= PCRE2_EXTENDED; break;
      case 'U': options |= PCRE2_UNGREEDY; break;
      case 'u': options |= PCRE2_UTF | PCRE2_UCP; break;
      case 'D': options |= PCRE2_DOLLAR_ENDONLY; break;
      case 'A': options |= PCRE2_ANCHORED; break;
      case 'J': options |= PCRE2_DUPNAMES; break;
      case 'n': options |= PCRE2_NO_AUTO_CAPTURE; break;
      case 'S': case 'X': case ' ': case '\n': case '\r': break;
      default:
        return absl::InvalidArgumentError(
            absl::StrCat("Unknown modifier '", absl::string_view(&modifier, 1), "'"));
    }
  }
  int error = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(body.data()), body.size(), options,
                                   &error, &error_offset, nullptr);
  if (code == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof(message));
    return absl::InvalidArgumentError(absl::StrCat("Compilation failed: ",
                                                   reinterpret_cast<const char*>(message),
                                                   " at offset ", error_offset));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  auto compiled = std::make_shared<Code>();
  compiled->code = code;
  compiled->utf = (options & PCRE2_UTF) != 0;
  return Regex(std::move(compiled));
}

bool Regex::Matches(absl::string_view subject) const {
  MatchScratch& scratch = Scratch();
  return pcre2_match(code_->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                     scratch.data, scratch.context) >= 0;
}

bool Regex::Replace(absl::string_view subject, absl::string_view replacement, std::string& out) const {
  MatchScratch& scratch = Scratch();
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(scratch.data);
  const auto* text = reinterpret_cast<PCRE2_SPTR>(subject.data());
  out.clear();
  size_t copied = 0;
  size_t offset = 0;
  uint32_t options = 0;
  while (true) {
    int groups = pcre2_match(code_->code, text, subject.size(), offset, options, scratch.data,
                             scratch.context);
    if (groups == PCRE2_ERROR_NOMATCH) {
      // After an empty match, PHP retries one character further on.
      if (options == 0 || offset >= subject.size()) break;
      size_t step = 1;
      if (code_->utf) {
        while (offset + step < subject.size() && (subject[offset + step] & 0xC0) == 0x80) ++step;
      }
      offset += step;
      options = 0;
      continue;
    }
    if (groups < 0) return false;
    if (groups == 0) groups = static_cast<int>(kMaxGroups);
    const size_t start = ovector[0];
    const size_t end = ovector[1];
    out.append(subject.data() + copied, start - copied);
    AppendReplacement(subject, replacement, ovector, groups, out);
    copied = end;
    offset = end;
    options = start == end ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0;
  }
  out.append(subject.data() + copied, subject.size() - copied);
  return true;
}

}  // namespace migrate::mapping::php

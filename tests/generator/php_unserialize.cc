#include "tests/generator/php_unserialize.h"

#include <cstddef>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace migrate::generator {
namespace {

// Reads digits (with an optional sign) up to `end`, which it consumes.
bool ReadNumber(absl::string_view& text, char end, bool allow_fraction, size_t* value = nullptr) {
  const size_t stop = text.find(end);
  if (stop == absl::string_view::npos || stop == 0) return false;
  const absl::string_view number = text.substr(0, stop);
  for (size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    const bool sign = i == 0 && c == '-';
    const bool fraction = allow_fraction && (c == '.' || c == 'E' || c == 'e' || c == '+');
    if (!absl::ascii_isdigit(c) && !sign && !fraction) return false;
  }
  if (value != nullptr && !absl::SimpleAtoi(number, value)) return false;
  text.remove_prefix(stop + 1);
  return true;
}

bool Consume(absl::string_view& text, absl::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  text.remove_prefix(prefix.size());
  return true;
}

bool ParseValue(absl::string_view& text, int depth);

bool ParseString(absl::string_view& text) {
  size_t length = 0;
  if (!ReadNumber(text, ':', false, &length) || !Consume(text, "\"")) return false;
  if (text.size() < length + 2) return false;
  text.remove_prefix(length);
  return Consume(text, "\";");
}

bool ParseArray(absl::string_view& text, int depth) {
  size_t entries = 0;
  if (depth > 32 || !ReadNumber(text, ':', false, &entries) || !Consume(text, "{")) return false;
  for (size_t i = 0; i < entries; ++i) {
    // Keys are integers or strings.
    if (Consume(text, "i:")) {
      if (!ReadNumber(text, ';', false)) return false;
    } else if (!Consume(text, "s:") || !ParseString(text)) {
      return false;
    }
    if (!ParseValue(text, depth + 1)) return false;
  }
  return Consume(text, "}");
}

bool ParseValue(absl::string_view& text, int depth) {
  if (Consume(text, "N;")) return true;
  if (Consume(text, "b:")) return (Consume(text, "0;") || Consume(text, "1;"));
  if (Consume(text, "i:")) return ReadNumber(text, ';', false);
  if (Consume(text, "d:")) return ReadNumber(text, ';', true);
  if (Consume(text, "s:")) return ParseString(text);
  if (Consume(text, "a:")) return ParseArray(text, depth);
  return false;
}

}  // namespace

bool IsValidPhpSerialized(absl::string_view text) { return ParseValue(text, 0) && text.empty(); }

}  // namespace migrate::generator

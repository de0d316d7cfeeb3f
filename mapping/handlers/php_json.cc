#include "mapping/handlers/php_json.h"

#include <charconv>
#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace migrate::mapping::php {
namespace {

constexpr int kMaxDepth = 512;  // json_encode's default depth
constexpr char kHex[] = "0123456789abcdef";

void AppendUnicodeEscape(uint32_t unit, std::string& out) {
  const char escape[6] = {'\\', 'u', kHex[(unit >> 12) & 0xf], kHex[(unit >> 8) & 0xf],
                          kHex[(unit >> 4) & 0xf], kHex[unit & 0xf]};
  out.append(escape, 6);
}

bool IsTrail(unsigned char c) { return (c & 0xc0) == 0x80; }

// php_next_utf8_char: the code point at text[*pos], advancing *pos; false on invalid UTF-8
// (stray continuation bytes, overlong forms, surrogates, above U+10FFFF, truncated sequences).
bool NextCodePoint(absl::string_view text, size_t* pos, uint32_t* code_point) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t available = text.size() - *pos;
  const unsigned char c = bytes[*pos];
  if (c < 0xc2) return false;
  if (c < 0xe0) {
    if (available < 2 || !IsTrail(bytes[*pos + 1])) return false;
    *code_point = ((c & 0x1fu) << 6) | (bytes[*pos + 1] & 0x3fu);
    *pos += 2;
    return true;
  }
  if (c < 0xf0) {
    if (available < 3 || !IsTrail(bytes[*pos + 1]) || !IsTrail(bytes[*pos + 2])) return false;
    const uint32_t value =
        ((c & 0x0fu) << 12) | ((bytes[*pos + 1] & 0x3fu) << 6) | (bytes[*pos + 2] & 0x3fu);
    if (value < 0x800 || (value >= 0xd800 && value <= 0xdfff)) return false;
    *code_point = value;
    *pos += 3;
    return true;
  }
  if (c < 0xf5) {
    if (available < 4 || !IsTrail(bytes[*pos + 1]) || !IsTrail(bytes[*pos + 2]) ||
        !IsTrail(bytes[*pos + 3])) {
      return false;
    }
    const uint32_t value = ((c & 0x07u) << 18) | ((bytes[*pos + 1] & 0x3fu) << 12) |
                           ((bytes[*pos + 2] & 0x3fu) << 6) | (bytes[*pos + 3] & 0x3fu);
    if (value < 0x10000 || value > 0x10ffff) return false;
    *code_point = value;
    *pos += 4;
    return true;
  }
  return false;
}

}  // namespace

bool AppendJsonString(absl::string_view text, std::string& out) {
  out.push_back('"');
  size_t pos = 0;
  size_t run_start = 0;
  while (pos < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    const bool plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '/';
    if (plain) {
      ++pos;
      continue;
    }
    out.append(text.data() + run_start, pos - run_start);
    if (c >= 0x80) {
      uint32_t code_point = 0;
      if (!NextCodePoint(text, &pos, &code_point)) return false;
      if (code_point >= 0x10000) {
        code_point -= 0x10000;
        AppendUnicodeEscape(0xd800 | (code_point >> 10), out);
        AppendUnicodeEscape(0xdc00 | (code_point & 0x3ff), out);
      } else {
        AppendUnicodeEscape(code_point, out);
      }
    } else {
      ++pos;
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '/': out.append("\\/"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default: AppendUnicodeEscape(c, out); break;
      }
    }
    run_start = pos;
  }
  out.append(text.data() + run_start, pos - run_start);
  out.push_back('"');
  return true;
}

void AppendJsonDouble(double value, std::string& out) {
  // Shortest round-trip digits, as zend_dtoa mode 0 gives them: "d.ddde+XX".
  char scientific[32];
  const std::to_chars_result result =
      std::to_chars(scientific, scientific + sizeof(scientific), value, std::chars_format::scientific);
  absl::string_view text(scientific, static_cast<size_t>(result.ptr - scientific));
  if (!text.empty() && text[0] == '-') {
    out.push_back('-');
    text.remove_prefix(1);
  }
  const size_t e = text.find('e');
  char digits[24];
  size_t digit_count = 0;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits[digit_count++] = c;
  }
  int exponent = 0;
  absl::string_view exponent_text = text.substr(e + 1);
  if (!exponent_text.empty() && exponent_text[0] == '+') exponent_text.remove_prefix(1);
  (void)absl::SimpleAtoi(exponent_text, &exponent);
  // zend_gcvt's decpt: the value is 0.d1d2... * 10^decpt.
  const int decpt = exponent + 1;
  const absl::string_view all(digits, digit_count);
  if (decpt < -3 || decpt > 17) {
    out.push_back(all[0]);
    out.push_back('.');
    if (all.size() == 1) {
      out.push_back('0');
    } else {
      out.append(all.data() + 1, all.size() - 1);
    }
    out.push_back('e');
    const int shown = decpt - 1;
    out.push_back(shown < 0 ? '-' : '+');
    absl::StrAppend(&out, shown < 0 ? -shown : shown);
  } else if (decpt <= 0) {
    out.append("0.");
    out.append(static_cast<size_t>(-decpt), '0');
    out.append(all.data(), all.size());
  } else {
    const size_t whole = static_cast<size_t>(decpt);
    if (all.size() <= whole) {
      out.append(all.data(), all.size());
      out.append(whole - all.size(), '0');
    } else {
      out.append(all.data(), whole);
      out.push_back('.');
      out.append(all.data() + whole, all.size() - whole);
    }
  }
}

bool JsonEncoder::Encode(const Unserializer& graph, std::string& out) {
  out.clear();
  open_.assign(graph.node_count(), 0);
  return EncodeNode(graph, graph.root_index(), 0, out);
}

bool JsonEncoder::EncodeNode(const Unserializer& graph, uint32_t index, int depth,
                             std::string& out) {
  const Node& node = graph.node(index);
  switch (node.kind) {
    case Kind::kNull: out.append("null"); return true;
    case Kind::kFalse: out.append("false"); return true;
    case Kind::kTrue: out.append("true"); return true;
    case Kind::kInt: absl::StrAppend(&out, node.integer); return true;
    case Kind::kDouble:
      if (!std::isfinite(node.number)) return false;
      AppendJsonDouble(node.number, out);
      return true;
    case Kind::kString: return AppendJsonString(node.text, out);
    case Kind::kArray:
    case Kind::kObject: break;
  }
  if (open_[index]) return false;  // recursion
  if (depth + 1 > kMaxDepth) return false;
  open_[index] = 1;
  bool list = node.kind == Kind::kArray;
  for (uint32_t i = 0; list && i < node.entry_count; ++i) {
    const Key& key = graph.entry(node.first_entry + i).key;
    list = key.is_int && key.integer == static_cast<int64_t>(i);
  }
  out.push_back(list ? '[' : '{');
  bool first = true;
  for (uint32_t i = 0; i < node.entry_count; ++i) {
    const Entry& entry = graph.entry(node.first_entry + i);
    if (node.kind == Kind::kObject && !entry.key.is_int && !entry.key.text.empty() &&
        entry.key.text[0] == '\0') {
      continue;
    }
    if (!first) out.push_back(',');
    first = false;
    if (!list) {
      if (entry.key.is_int) {
        absl::StrAppend(&out, "\"", entry.key.integer, "\"");
      } else if (!AppendJsonString(entry.key.text, out)) {
        return false;
      }
      out.push_back(':');
    }
    if (!EncodeNode(graph, entry.node, depth + 1, out)) return false;
  }
  out.push_back(list ? ']' : '}');
  open_[index] = 0;
  return true;
}

}  // namespace migrate::mapping::php

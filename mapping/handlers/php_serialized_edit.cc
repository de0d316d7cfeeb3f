#include "mapping/handlers/php_serialized_edit.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace migrate::mapping::php {

bool FindStringToken(absl::string_view data, absl::string_view text, SerializedEdit& token) {
  const char* begin = data.data();
  if (text.data() < begin + 4 || text.data() + text.size() + 1 > begin + data.size()) return false;
  size_t start = static_cast<size_t>(text.data() - begin);
  // Walk back over `:"`, the length's digits and sign, to the `s:`.
  if (data[start - 1] != '"' || data[start - 2] != ':') return false;
  size_t pos = start - 2;
  while (pos > 0 && (absl::ascii_isdigit(data[pos - 1]) || data[pos - 1] == '+')) --pos;
  if (pos < 2 || data[pos - 1] != ':' || data[pos - 2] != 's') return false;
  token.begin = pos - 2;
  token.end = start + text.size() + 1;
  return data[token.end - 1] == '"';
}

void ApplyEdits(absl::string_view data, std::vector<SerializedEdit>& edits, std::string& out) {
  std::sort(edits.begin(), edits.end(),
            [](const SerializedEdit& a, const SerializedEdit& b) { return a.begin < b.begin; });
  out.clear();
  size_t copied = 0;
  for (const SerializedEdit& edit : edits) {
    if (edit.begin < copied) continue;
    out.append(data.data() + copied, edit.begin - copied);
    out.append(edit.replacement);
    copied = edit.end;
  }
  out.append(data.data() + copied, data.size() - copied);
}

std::string SerializedString(absl::string_view text) {
  return absl::StrCat("s:", text.size(), ":\"", text, "\"");
}

const Entry* FindEntry(const Unserializer& graph, const Node& container, absl::string_view key) {
  if (container.kind != Kind::kArray && container.kind != Kind::kObject) return nullptr;
  for (uint32_t i = 0; i < container.entry_count; ++i) {
    const Entry& entry = graph.entry(container.first_entry + i);
    if (!entry.key.is_int && entry.key.text == key) return &entry;
  }
  return nullptr;
}

bool NodeTruthy(const Node& node) {
  switch (node.kind) {
    case Kind::kNull:
    case Kind::kFalse:
      return false;
    case Kind::kTrue:
    case Kind::kObject:
      return true;
    case Kind::kInt:
      return node.integer != 0;
    case Kind::kDouble:
      return node.number != 0;
    case Kind::kString:
      return !node.text.empty() && node.text != "0";
    case Kind::kArray:
      return node.entry_count != 0;
  }
  return true;
}

}  // namespace migrate::mapping::php

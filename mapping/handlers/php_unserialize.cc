#include "mapping/handlers/php_unserialize.h"

#include <cstdlib>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace migrate::mapping::php {
namespace {

constexpr int kMaxDepth = 4096;  // unserialize_max_depth
constexpr char kIncompleteClassName[] = "__PHP_Incomplete_Class_Name";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// PHP's ZEND_HANDLE_NUMERIC_STR: a string key that is a canonical decimal int64 becomes an int key.
bool NumericKey(absl::string_view text, int64_t* value) {
  if (text.empty()) return false;
  size_t i = 0;
  const bool negative = text[0] == '-';
  if (negative) ++i;
  if (i >= text.size() || !IsDigit(text[i])) return false;
  if (text[i] == '0' && text.size() > 1) return false;  // leading zeros, "-0"
  uint64_t magnitude = 0;
  for (; i < text.size(); ++i) {
    if (!IsDigit(text[i])) return false;
    const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
    if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
  if (magnitude > limit) return false;
  *value = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

// zend_is_valid_class_name, plus unserialize's own checks on the first byte.
bool ValidClassName(absl::string_view name) {
  if (name.empty() || name[0] == '\0' || name[0] == '\\') return false;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!(absl::ascii_isalnum(u) || c == '_' || c == '\\' || u >= 0x80)) return false;
  }
  return true;
}

}  // namespace

void Unserializer::Clear() {
  pos_ = 0;
  depth_ = 0;
  nodes_.clear();
  entries_.clear();
  locations_.clear();
  slots_.clear();
  pending_.clear();
  decoded_.clear();
}

uint32_t Unserializer::NewLocation() {
  locations_.push_back(0);
  return static_cast<uint32_t>(locations_.size() - 1);
}

bool Unserializer::Parse(absl::string_view data) {
  Clear();
  data_ = data;
  nodes_.push_back(Node{});  // the root's placeholder until parsed
  const uint32_t location = NewLocation();
  if (data.empty()) {
    // unserialize("") is false, without a notice.
    nodes_[0].kind = Kind::kFalse;
    root_ = 0;
    return true;
  }
  if (!ParseValue(location, /*is_key=*/false, nullptr)) return false;
  if (pos_ != data_.size()) return false;  // PHP 8.3: "Extra data starting at offset ..."
  root_ = locations_[location];
  return true;
}

bool Unserializer::Expect(absl::string_view token) {
  if (!absl::StartsWith(data_.substr(pos_), token)) return false;
  pos_ += token.size();
  return true;
}

bool Unserializer::ReadUnsigned(char terminator, uint64_t* value) {
  const size_t start = pos_;
  uint64_t result = 0;
  bool overflow = false;
  while (pos_ < data_.size() && IsDigit(data_[pos_])) {
    const uint64_t digit = static_cast<uint64_t>(data_[pos_] - '0');
    if (result > (std::numeric_limits<uint64_t>::max() - digit) / 10) overflow = true;
    result = result * 10 + digit;
    ++pos_;
  }
  if (pos_ == start || pos_ >= data_.size() || data_[pos_] != terminator) return false;
  ++pos_;
  if (overflow) result = std::numeric_limits<uint64_t>::max();  // longer than any data
  *value = result;
  return true;
}

bool Unserializer::ReadInt(char terminator, int64_t* value) {
  bool negative = false;
  if (pos_ < data_.size() && (data_[pos_] == '-' || data_[pos_] == '+')) {
    negative = data_[pos_] == '-';
    ++pos_;
  }
  uint64_t magnitude = 0;
  if (!ReadUnsigned(terminator, &magnitude)) return false;
  const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
  if (magnitude > limit) return false;  // "Numerical result out of range"
  *value = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

bool Unserializer::ParseStringBody(size_t length, bool escaped, absl::string_view* out) {
  // At the opening quote's successor; `length` bytes (after unescaping), then "\";".
  const size_t available = data_.size() - pos_;
  if (length > available) return false;
  if (!escaped) {
    *out = data_.substr(pos_, length);
    pos_ += length;
  } else {
    std::string& text = decoded_.emplace_back();
    text.reserve(length);
    for (size_t i = 0; i < length; ++i) {
      if (pos_ >= data_.size()) return false;
      if (data_[pos_] != '\\') {
        text.push_back(data_[pos_++]);
        continue;
      }
      int byte = 0;
      for (int j = 0; j < 2; ++j) {
        ++pos_;
        if (pos_ >= data_.size()) return false;
        const char c = data_[pos_];
        int nibble;
        if (IsDigit(c)) {
          nibble = c - '0';
        } else if (c >= 'a' && c <= 'f') {
          nibble = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
          nibble = c - 'A' + 10;
        } else {
          return false;
        }
        byte = byte * 16 + nibble;
      }
      text.push_back(static_cast<char>(byte));
      ++pos_;
    }
    *out = text;
  }
  return Expect("\";");
}

bool Unserializer::ParseDouble(uint32_t location) {
  // "d:" already read. NAN, INF, -INF, or (iv | nv | nvexp) then ';'.
  Node number;
  number.kind = Kind::kDouble;
  if (Expect("NAN;")) {
    number.number = std::numeric_limits<double>::quiet_NaN();
  } else if (Expect("INF;")) {
    number.number = std::numeric_limits<double>::infinity();
  } else if (Expect("-INF;")) {
    number.number = -std::numeric_limits<double>::infinity();
  } else {
    const size_t start = pos_;
    size_t i = pos_;
    auto digits = [&] {
      const size_t from = i;
      while (i < data_.size() && IsDigit(data_[i])) ++i;
      return i - from;
    };
    if (i < data_.size() && (data_[i] == '+' || data_[i] == '-')) ++i;
    size_t mantissa_digits = digits();
    if (i < data_.size() && data_[i] == '.') {
      ++i;
      mantissa_digits += digits();
    }
    if (mantissa_digits == 0) return false;
    if (i < data_.size() && (data_[i] == 'e' || data_[i] == 'E')) {
      ++i;
      if (i < data_.size() && (data_[i] == '+' || data_[i] == '-')) ++i;
      if (digits() == 0) return false;
    }
    if (i >= data_.size() || data_[i] != ';') return false;
    // strtod needs a terminated copy; the grammar above is all it will see.
    const std::string text(data_.substr(start, i - start));
    number.number = std::strtod(text.c_str(), nullptr);
    pos_ = i + 1;
  }
  nodes_.push_back(number);
  locations_[location] = static_cast<uint32_t>(nodes_.size() - 1);
  return true;
}

bool Unserializer::ParseReference(uint32_t location, bool php_reference) {
  uint64_t id = 0;
  if (!ReadUnsigned(';', &id)) return false;
  if (id == 0 || id > slots_.size()) return false;
  const uint32_t target = slots_[id - 1];
  if (target == location) return false;
  const uint32_t node = locations_[target];
  if (!php_reference && nodes_[node].kind != Kind::kObject) return false;
  locations_[location] = node;
  return true;
}

bool Unserializer::ParseContainer(uint32_t node, int64_t count, bool is_object) {
  // At the '{'. Entries go to pending_ while parsing, then to entries_ as one block.
  if (depth_ >= kMaxDepth) return false;
  ++depth_;
  const size_t first_pending = pending_.size();
  if (is_object && !nodes_[node].text.empty()) {
    Node name;
    name.kind = Kind::kString;
    name.text = nodes_[node].text;
    nodes_.push_back(name);
    const uint32_t name_location = NewLocation();
    locations_[name_location] = static_cast<uint32_t>(nodes_.size() - 1);
    pending_.push_back(PendingEntry{Key{false, 0, kIncompleteClassName}, name_location});
  }
  for (int64_t i = 0; i < count; ++i) {
    Key key;
    if (!ParseValue(0, /*is_key=*/true, &key)) return false;
    if (is_object && key.is_int) {
      // Object properties are strings: "i:05;" names property "5", as convert_to_string() does.
      decoded_.emplace_back(std::to_string(key.integer));
      key = Key{false, 0, decoded_.back()};
    } else if (!is_object && !key.is_int) {
      int64_t numeric = 0;
      if (NumericKey(key.text, &numeric)) key = Key{true, numeric, {}};
    }
    uint32_t entry_location = 0;
    bool found = false;
    for (size_t p = first_pending; p < pending_.size(); ++p) {
      if (pending_[p].key == key) {
        entry_location = pending_[p].location;
        found = true;
        break;
      }
    }
    if (!found) {
      entry_location = NewLocation();
      pending_.push_back(PendingEntry{key, entry_location});
    }
    if (!ParseValue(entry_location, /*is_key=*/false, nullptr)) return false;
  }
  if (!Expect("}")) return false;
  --depth_;
  Node& container = nodes_[node];
  container.first_entry = static_cast<uint32_t>(entries_.size());
  container.entry_count = static_cast<uint32_t>(pending_.size() - first_pending);
  for (size_t p = first_pending; p < pending_.size(); ++p) {
    entries_.push_back(Entry{pending_[p].key, locations_[pending_[p].location]});
  }
  pending_.resize(first_pending);
  return true;
}

bool Unserializer::ParseObject(uint32_t location) {
  // "O:" already read: <len>:"<class>":<count>:{...}
  uint64_t length = 0;
  if (!ReadUnsigned(':', &length)) return false;
  if (!Expect("\"")) return false;
  if (length == 0 || length > data_.size() - pos_) return false;
  absl::string_view class_name = data_.substr(pos_, length);
  pos_ += length;
  if (!Expect("\":")) return false;
  if (!ValidClassName(class_name)) return false;
  // parse_iv2 here accepts a sign and no digits at all.
  bool negative = false;
  if (pos_ < data_.size() && (data_[pos_] == '-' || data_[pos_] == '+')) {
    negative = data_[pos_] == '-';
    ++pos_;
  }
  uint64_t count = 0;
  while (pos_ < data_.size() && IsDigit(data_[pos_])) {
    if (count > (uint64_t{1} << 40)) return false;
    count = count * 10 + static_cast<uint64_t>(data_[pos_++] - '0');
  }
  if (negative && count != 0) return false;
  if (count > (data_.size() - pos_) / 2) return false;
  if (!Expect(":{")) return false;
  Node object;
  object.kind = Kind::kObject;
  object.text = absl::EqualsIgnoreCase(class_name, "stdClass") ? absl::string_view() : class_name;
  nodes_.push_back(object);
  const uint32_t node = static_cast<uint32_t>(nodes_.size() - 1);
  locations_[location] = node;
  return ParseContainer(node, static_cast<int64_t>(count), /*is_object=*/true);
}

bool Unserializer::ParseValue(uint32_t location, bool is_key, Key* key) {
  if (pos_ + 1 >= data_.size()) return false;
  const char type = data_[pos_];
  if (!is_key && type != 'R') slots_.push_back(location);
  if (type == 'N' && data_[pos_ + 1] == ';') {
    if (is_key) return false;
    pos_ += 2;
    nodes_.push_back(Node{});
    locations_[location] = static_cast<uint32_t>(nodes_.size() - 1);
    return true;
  }
  if (data_[pos_ + 1] != ':') return false;
  pos_ += 2;
  switch (type) {
    case 'b': {
      if (is_key) return false;
      Node boolean;
      if (Expect("0;")) {
        boolean.kind = Kind::kFalse;
      } else if (Expect("1;")) {
        boolean.kind = Kind::kTrue;
      } else {
        return false;
      }
      nodes_.push_back(boolean);
      locations_[location] = static_cast<uint32_t>(nodes_.size() - 1);
      return true;
    }
    case 'i': {
      int64_t value = 0;
      if (!ReadInt(';', &value)) return false;
      if (is_key) {
        *key = Key{true, value, {}};
        return true;
      }
      Node integer;
      integer.kind = Kind::kInt;
      integer.integer = value;
      nodes_.push_back(integer);
      locations_[location] = static_cast<uint32_t>(nodes_.size() - 1);
      return true;
    }
    case 'd':
      if (is_key) return false;
      return ParseDouble(location);
    case 's':
    case 'S': {
      uint64_t length = 0;
      if (!ReadUnsigned(':', &length) || !Expect("\"")) return false;
      absl::string_view text;
      if (!ParseStringBody(length, type == 'S', &text)) return false;
      if (is_key) {
        *key = Key{false, 0, text};
        return true;
      }
      Node string;
      string.kind = Kind::kString;
      string.text = text;
      nodes_.push_back(string);
      locations_[location] = static_cast<uint32_t>(nodes_.size() - 1);
      return true;
    }
    case 'a': {
      if (is_key) return false;
      uint64_t count = 0;
      if (!ReadUnsigned(':', &count) || !Expect("{")) return false;
      if (count > (data_.size() - pos_) / 2) return false;
      Node array;
      array.kind = Kind::kArray;
      nodes_.push_back(array);
      const uint32_t node = static_cast<uint32_t>(nodes_.size() - 1);
      locations_[location] = node;
      if (count == 0) return Expect("}");
      return ParseContainer(node, static_cast<int64_t>(count), /*is_object=*/false);
    }
    case 'O':
      if (is_key) return false;
      return ParseObject(location);
    case 'R':
    case 'r':
      if (is_key) return false;
      return ParseReference(location, type == 'R');
    default:
      // 'C' (no unserializer), 'E' (no such enum), '}' too early, or garbage.
      return false;
  }
}

}  // namespace migrate::mapping::php

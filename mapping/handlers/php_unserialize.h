// PHP's unserialize(), as the Data Migration Tool meets it: parses serialize() output into a value
// graph that php_json.h writes as json_encode() would.
//
// Contract (PHP 8.3+ with Magento's error handler, which turns every notice and warning into an
// exception): Parse() fails exactly where unserialize() fails or warns. That includes bad syntax, a
// string shorter or longer than its byte length, an element count that does not match, an integer out
// of range, references to a missing slot ("R:"/"r:", 1-based in the order values start, "R:" taking
// none), "r:" to a non-object, nesting deeper than 4096, data after the value, "C:" (no class here has
// an unserializer) and "E:" (no enum exists). The empty string is PHP's `false`, without a warning.
// Objects: stdClass (any case) keeps its properties; any other class becomes __PHP_Incomplete_Class,
// whose first property "__PHP_Incomplete_Class_Name" holds the class name. Array keys that are
// canonical decimal integers become integers; a repeated key keeps its first place and the last value.
// "S:" escaped strings are decoded.
//
// Strings in the graph view into the parsed data (or into the parser, for "S:" strings): the data must
// outlive the graph. A parser is reused by calling Parse() again; it keeps its capacity. Not
// thread-safe: use one per thread.
#ifndef MIGRATE_MAPPING_HANDLERS_PHP_UNSERIALIZE_H_
#define MIGRATE_MAPPING_HANDLERS_PHP_UNSERIALIZE_H_

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::mapping::php {

enum class Kind : uint8_t { kNull, kFalse, kTrue, kInt, kDouble, kString, kArray, kObject };

struct Node {
  Kind kind = Kind::kNull;
  int64_t integer = 0;
  double number = 0;
  // kString: the bytes. kObject: the class name of an incomplete class; "" for stdClass.
  absl::string_view text;
  // kArray / kObject: entries [first_entry, first_entry + entry_count) of Graph::entries().
  uint32_t first_entry = 0;
  uint32_t entry_count = 0;
};

struct Key {
  bool is_int = false;
  int64_t integer = 0;
  absl::string_view text;

  bool operator==(const Key& other) const {
    return is_int == other.is_int && (is_int ? integer == other.integer : text == other.text);
  }
};

struct Entry {
  Key key;
  // The node holding the entry's value (shared when the data uses references; may be an ancestor).
  uint32_t node = 0;
};

class Unserializer {
 public:
  // Parses `data`; false where PHP's unserialize() fails or warns (see above).
  bool Parse(absl::string_view data);

  // After a successful Parse(): the value and the graph.
  const Node& root() const { return nodes_[root_]; }
  const Node& node(uint32_t index) const { return nodes_[index]; }
  uint32_t root_index() const { return root_; }
  const Entry& entry(uint32_t index) const { return entries_[index]; }
  size_t node_count() const { return nodes_.size(); }

 private:
  struct PendingEntry {
    Key key;
    uint32_t location;
  };

  void Clear();
  uint32_t NewLocation();
  // Parses the value at the cursor into `location`.
  bool ParseValue(uint32_t location, bool is_key, Key* key);
  bool ParseContainer(uint32_t node, int64_t count, bool is_object);
  bool ParseObject(uint32_t location);
  bool ParseReference(uint32_t location, bool php_reference);
  bool ParseDouble(uint32_t location);
  bool ParseStringBody(size_t length, bool escaped, absl::string_view* out);
  // Reads [+-]?[0-9]+ up to `terminator` (consumed) into `value`, as parse_iv2 does: false on a
  // missing digit, a missing terminator, or a value out of int64 range.
  bool ReadInt(char terminator, int64_t* value);
  bool ReadUnsigned(char terminator, uint64_t* value);
  bool Expect(absl::string_view token);

  absl::string_view data_;
  size_t pos_ = 0;
  int depth_ = 0;
  uint32_t root_ = 0;
  std::vector<Node> nodes_;
  std::vector<Entry> entries_;
  // location -> the node it holds now (a location is a zval slot: the root, or an entry's value).
  std::vector<uint32_t> locations_;
  // "R:"/"r:" slot (0-based) -> location.
  std::vector<uint32_t> slots_;
  // Entries of the containers being parsed, innermost last.
  std::vector<PendingEntry> pending_;
  // Decoded "S:" strings.
  std::deque<std::string> decoded_;
};

}  // namespace migrate::mapping::php

#endif  // MIGRATE_MAPPING_HANDLERS_PHP_UNSERIALIZE_H_

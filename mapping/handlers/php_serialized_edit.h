// Edits of PHP serialize() data in place: handlers that change a few strings of a serialized value
// (Rule\SerializedData, SerializeToJson\SalesOrderItem) replace those strings' tokens in the bytes
// instead of writing the whole value again. Every byte not replaced stays as written, which is what
// PHP's serialize() of the changed value gives for data PHP 7.1+ wrote (older PHPs wrote doubles
// with 17 digits, which stay so).
#ifndef MIGRATE_MAPPING_HANDLERS_PHP_SERIALIZED_EDIT_H_
#define MIGRATE_MAPPING_HANDLERS_PHP_SERIALIZED_EDIT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "mapping/handlers/php_unserialize.h"

namespace migrate::mapping::php {

struct SerializedEdit {
  // [begin, end) of the serialized data.
  size_t begin = 0;
  size_t end = 0;
  std::string replacement;
};

// The token `s:<length>:"<text>"` (its ';' excluded) of a string node parsed from `data`; false for
// an "S:" string, whose bytes are not in `data`.
bool FindStringToken(absl::string_view data, absl::string_view text, SerializedEdit& token);

// `data` with `edits` applied (any order; edits of the same token counted once), into `out`.
void ApplyEdits(absl::string_view data, std::vector<SerializedEdit>& edits, std::string& out);

// serialize() of a string, without its ';': s:<length>:"<text>".
std::string SerializedString(absl::string_view text);

// The entry of array/object node `container` under string key `key`, or nullptr.
const Entry* FindEntry(const Unserializer& graph, const Node& container, absl::string_view key);

// PHP's truth of a node: false for null, false, 0, 0.0, "", "0" and empty arrays.
bool NodeTruthy(const Node& node);

}  // namespace migrate::mapping::php

#endif  // MIGRATE_MAPPING_HANDLERS_PHP_SERIALIZED_EDIT_H_

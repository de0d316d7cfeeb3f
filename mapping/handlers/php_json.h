// PHP's json_encode() with default flags, over a value graph from php_unserialize.h.
//
// Output is byte for byte PHP's (serialize_precision -1): "/" escaped as "\/", every non-ASCII
// character as \uXXXX (surrogate pairs above U+FFFF), control characters as \b \f \n \r \t or
// \u00XX; floats in their shortest round-trip digits, exponent form "1.0e+25" below 1e-4 or from
// 1e17 on; arrays whose keys are 0..n-1 in order as JSON lists, other arrays and all objects as
// JSON objects (object properties starting with NUL, i.e. private and protected ones, left out).
// Encode() fails where json_encode() returns false: a string that is not valid UTF-8, INF or NAN,
// a value containing itself, nesting deeper than 512.
// Not thread-safe (scratch state): use one encoder per thread.
#ifndef MIGRATE_MAPPING_HANDLERS_PHP_JSON_H_
#define MIGRATE_MAPPING_HANDLERS_PHP_JSON_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "mapping/handlers/php_unserialize.h"

namespace migrate::mapping::php {

class JsonEncoder {
 public:
  // Replaces `out` with the JSON of graph.root(); false (out unspecified) where json_encode fails.
  bool Encode(const Unserializer& graph, std::string& out);

 private:
  bool EncodeNode(const Unserializer& graph, uint32_t index, int depth, std::string& out);

  // Per node: being encoded now (PHP's recursion guard).
  std::vector<uint8_t> open_;
};

// json_encode() of one string: false when it is not valid UTF-8.
bool AppendJsonString(absl::string_view text, std::string& out);

// json_encode() of a finite double (PHP's zend_gcvt with serialize_precision -1).
void AppendJsonDouble(double value, std::string& out);

}  // namespace migrate::mapping::php

#endif  // MIGRATE_MAPPING_HANDLERS_PHP_JSON_H_

// A tiny checker of PHP's serialize() format, for tests: does a string parse, completely, as one
// serialized value (arrays, strings with byte lengths, ints, floats, booleans, null)?
#ifndef MIGRATE_TESTS_GENERATOR_PHP_UNSERIALIZE_H_
#define MIGRATE_TESTS_GENERATOR_PHP_UNSERIALIZE_H_

#include "absl/strings/string_view.h"

namespace migrate::generator {

// True when `text` is exactly one valid serialized PHP value.
bool IsValidPhpSerialized(absl::string_view text);

}  // namespace migrate::generator

#endif  // MIGRATE_TESTS_GENERATOR_PHP_UNSERIALIZE_H_

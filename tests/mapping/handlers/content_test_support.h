// Test support for the content and crypto handler tests: a Config with given options, and a
// class-map.xml written to a file of its own.
#ifndef MIGRATE_TESTS_MAPPING_HANDLERS_CONTENT_TEST_SUPPORT_H_
#define MIGRATE_TESTS_MAPPING_HANDLERS_CONTENT_TEST_SUPPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "mapping/config.h"

namespace migrate::mapping {

// A config.xml with one data step and `options` ({name, value}) in <options>.
Config ConfigWithOptions(const std::vector<std::pair<std::string, std::string>>& options);

// Writes a class-map.xml of `renames` ({from, to}) to a file named after the current test; its path.
std::string WriteClassMap(const std::vector<std::pair<std::string, std::string>>& renames);

}  // namespace migrate::mapping

#endif  // MIGRATE_TESTS_MAPPING_HANDLERS_CONTENT_TEST_SUPPORT_H_

// The text format of LOAD DATA's defaults: fields end with a tab, rows with a newline, and a
// backslash escapes tab, newline, carriage return, NUL and itself; \N is SQL NULL.
//
// Writers of LOAD DATA LOCAL INFILE streams encode values with these functions and load them with
// LoadDataStatement(), which spells out exactly this format.
#ifndef MIGRATE_GENERATOR_LOAD_DATA_FORMAT_H_
#define MIGRATE_GENERATOR_LOAD_DATA_FORMAT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::generator {

// The field that LOAD DATA reads as SQL NULL.
inline constexpr absl::string_view kLoadDataNull = "\\N";

// Appends `value` to `out`, escaped so that LOAD DATA reads back exactly `value`.
void AppendLoadDataEscaped(std::string& out, absl::string_view value);

// "LOAD DATA LOCAL INFILE 'stream' INTO TABLE `table` CHARACTER SET utf8mb4 ... (`c1`,`c2`)" in the
// format above. The file name is a placeholder: the rows come from the local infile handler.
std::string LoadDataStatement(absl::string_view table, const std::vector<std::string>& columns);

}  // namespace migrate::generator

#endif  // MIGRATE_GENERATOR_LOAD_DATA_FORMAT_H_

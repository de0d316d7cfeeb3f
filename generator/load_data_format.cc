#include "generator/load_data_format.h"

#include "absl/strings/str_cat.h"
#include "io/mysql_connection.h"

namespace migrate::generator {

void AppendLoadDataEscaped(std::string& out, absl::string_view value) {
  size_t plain_from = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    char escaped;
    switch (value[i]) {
      case '\\':
        escaped = '\\';
        break;
      case '\t':
        escaped = 't';
        break;
      case '\n':
        escaped = 'n';
        break;
      case '\r':
        escaped = 'r';
        break;
      case '\0':
        escaped = '0';
        break;
      default:
        continue;
    }
    out.append(value.data() + plain_from, i - plain_from);
    out.push_back('\\');
    out.push_back(escaped);
    plain_from = i + 1;
  }
  out.append(value.data() + plain_from, value.size() - plain_from);
}

std::string LoadDataStatement(absl::string_view table, const std::vector<std::string>& columns) {
  std::string statement =
      absl::StrCat("LOAD DATA LOCAL INFILE 'stream' INTO TABLE ", io::QuoteIdentifier(table),
                   " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ENCLOSED BY '' ESCAPED BY '\\\\'"
                   " LINES TERMINATED BY '\\n' STARTING BY '' (");
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) statement.push_back(',');
    statement += io::QuoteIdentifier(columns[i]);
  }
  statement.push_back(')');
  return statement;
}

}  // namespace migrate::generator

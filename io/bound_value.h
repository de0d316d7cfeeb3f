// One value for a `?` placeholder of a prepared statement, SQL text with the values of its
// placeholders (BoundSql), and the MYSQL_BIND array that carries a statement's values to the server.
//
// Text (or NULL) is bound as a string in the session's character set, as a string literal would
// be read. A number (BoundValue::Number, e.g. a key value of an integer or decimal column) is bound
// as an integer, or as DECIMAL when it has a fraction or does not fit 64 bits, so that comparing it
// with an integer or decimal column is numeric by its types, not left to how the server compares a
// string with a number (as doubles, by the manual, which lose precision beyond 2^53).
#ifndef MIGRATE_IO_BOUND_VALUE_H_
#define MIGRATE_IO_BOUND_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct st_mysql_bind;

namespace migrate::io {

class BoundValue {
 public:
  BoundValue(std::optional<std::string> text) : text_(std::move(text)) {}  // NOLINT: implicit by design
  BoundValue(std::string text) : text_(std::move(text)) {}                  // NOLINT
  BoundValue(const char* text) : text_(std::string(text)) {}                // NOLINT

  // `text` (the server's spelling of a number) bound as a number.
  static BoundValue Number(std::string text);

  const std::optional<std::string>& text() const { return text_; }
  bool numeric() const { return numeric_; }

  bool operator==(const BoundValue&) const = default;

 private:
  std::optional<std::string> text_;
  bool numeric_ = false;
};

// The values of one statement's placeholders, in order.
using BoundValues = std::vector<BoundValue>;

// SQL text with `?` placeholders, and the values to bind to them in order.
struct BoundSql {
  std::string sql;
  BoundValues values;

  // Appends `other`'s text and values.
  void Append(const BoundSql& other) {
    sql.append(other.sql);
    values.insert(values.end(), other.values.begin(), other.values.end());
  }
};

// MYSQL_BIND entries for `values`, pointing into `values` (which must outlive the binds and stay
// unchanged) and into the binds' own storage for integers.
class ParameterBinds {
 public:
  ParameterBinds();
  ~ParameterBinds();
  ParameterBinds(const ParameterBinds&) = delete;
  ParameterBinds& operator=(const ParameterBinds&) = delete;

  // Rebuilds the binds for `values`; returns the array to pass to mysql_stmt_bind_param.
  st_mysql_bind* Fill(const BoundValues& values);

 private:
  std::vector<st_mysql_bind> binds_;
  std::vector<int64_t> integers_;
  std::vector<unsigned long> lengths_;
  std::vector<char> nulls_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_BOUND_VALUE_H_

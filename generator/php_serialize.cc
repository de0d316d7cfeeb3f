#include "generator/php_serialize.h"

#include "absl/strings/str_cat.h"

namespace migrate::generator {

PhpSerializer& PhpSerializer::BeginArray(size_t size) {
  absl::StrAppend(&out_, "a:", size, ":{");
  return *this;
}

PhpSerializer& PhpSerializer::EndArray() {
  out_.push_back('}');
  return *this;
}

PhpSerializer& PhpSerializer::String(absl::string_view value) {
  absl::StrAppend(&out_, "s:", value.size(), ":\"", value, "\";");
  return *this;
}

PhpSerializer& PhpSerializer::Int(int64_t value) {
  absl::StrAppend(&out_, "i:", value, ";");
  return *this;
}

PhpSerializer& PhpSerializer::Price(int64_t cents) {
  absl::StrAppend(&out_, "d:", cents / 100);
  if (const int64_t rest = cents % 100; rest != 0) {
    absl::StrAppend(&out_,
                    rest % 10 == 0 ? absl::StrCat(".", rest / 10) : absl::StrCat(".", rest < 10 ? "0" : "", rest));
  }
  out_.push_back(';');
  return *this;
}

PhpSerializer& PhpSerializer::Bool(bool value) {
  out_ += value ? "b:1;" : "b:0;";
  return *this;
}

PhpSerializer& PhpSerializer::Null() {
  out_ += "N;";
  return *this;
}

}  // namespace migrate::generator

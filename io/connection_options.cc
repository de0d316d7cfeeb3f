#include "io/connection_options.h"

#include "absl/strings/str_cat.h"

namespace migrate::io {

std::string ConnectionOptions::Describe() const {
  std::string where = socket.empty() ? absl::StrCat(host, ":", port) : absl::StrCat("unix:", socket);
  return absl::StrCat(user, "@", where, "/", database);
}

}  // namespace migrate::io

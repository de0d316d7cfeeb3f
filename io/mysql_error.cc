#include "io/mysql_error.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/types/optional.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace migrate::io {
namespace {

constexpr absl::string_view kErrorNumberPayload = "migrate/mysql_errno";

}  // namespace

bool IsConnectionLost(unsigned int error_number) {
  switch (error_number) {
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 1927:  // ER_CONNECTION_KILLED
    case 1053:  // ER_SERVER_SHUTDOWN
      return true;
    default:
      return false;
  }
}

absl::Status MysqlError(unsigned int error_number, absl::string_view message, absl::string_view where) {
  std::string text = absl::StrCat("MySQL error ", error_number, " on ", where, ": ", message);
  absl::Status status = IsConnectionLost(error_number) ? absl::UnavailableError(text)
                                                       : absl::InternalError(text);
  status.SetPayload(kErrorNumberPayload, absl::Cord(absl::StrCat(error_number)));
  return status;
}

absl::Status WithContext(const absl::Status& status, absl::string_view context) {
  if (status.ok()) return status;
  absl::Status annotated(status.code(), absl::StrCat(context, ": ", status.message()));
  status.ForEachPayload(
      [&annotated](absl::string_view type_url, const absl::Cord& payload) { annotated.SetPayload(type_url, payload); });
  return annotated;
}

unsigned int MysqlErrorNumber(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kErrorNumberPayload);
  unsigned int number = 0;
  if (!payload.has_value() || !absl::SimpleAtoi(std::string(*payload), &number)) return 0;
  return number;
}

}  // namespace migrate::io

// For the measuring programs beside the tests (io_throughput, load_data_bench): an error ends the
// program with its message, prefixed by the program's name, and exit status 1.
#ifndef MIGRATE_TESTS_SUPPORT_OR_DIE_H_
#define MIGRATE_TESTS_SUPPORT_OR_DIE_H_

#include <errno.h>

#include <cstdlib>
#include <iostream>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace migrate::testing {

[[noreturn]] inline void Die(const absl::Status& status) {
  std::cerr << program_invocation_short_name << ": " << status << "\n";
  std::exit(1);
}

template <typename T>
T Check(absl::StatusOr<T> value) {
  if (!value.ok()) Die(value.status());
  return *std::move(value);
}

inline void Check(const absl::Status& status) {
  if (!status.ok()) Die(status);
}

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_SUPPORT_OR_DIE_H_

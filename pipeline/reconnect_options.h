// How a chunk's batch source and batch sink (pipeline/batch_source.h, pipeline/batch_sink.h) go on
// after a lost connection: whether they may, how many times per batch, and whom they tell.
#ifndef MIGRATE_PIPELINE_RECONNECT_OPTIONS_H_
#define MIGRATE_PIPELINE_RECONNECT_OPTIONS_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace migrate::pipeline {

struct ReconnectOptions {
  // The document has a key: a new reader starts after the last key returned, and a lost COMMIT is
  // looked up in the progress by its batch's last key. Without one, a lost connection is the error.
  bool keyed = true;
  int attempts = 6;
  // What is copied, for the message after a reconnect: "sales_flat_order -> sales_order".
  std::string what;
  // Called after a lost connection was reopened and the copy goes on, naming what was lost and why.
  std::function<void(const std::string& message)> on_reconnect;

  // Tells on_reconnect that the `side` ("source", "destination") connection was lost while `doing`
  // ("reading", "writing") because of `cause`, and was reopened.
  void Reconnected(absl::string_view side, absl::string_view doing, const absl::Status& cause) const {
    if (!on_reconnect) return;
    on_reconnect(absl::StrCat("The ", side, " connection was lost while ", doing, " ", what, " (", cause.message(),
                              "); reconnected, the copy goes on after the last committed batch"));
  }
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_RECONNECT_OPTIONS_H_

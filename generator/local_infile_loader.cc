#include "generator/local_infile_loader.h"

#include <errmsg.h>
#include <mysql.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace migrate::generator {
namespace {

// What the Connector/C callbacks see: the caller's producer and the chunk being sent.
struct StreamState {
  absl::FunctionRef<bool(std::string&)> next_chunk;
  std::string chunk;
  size_t sent = 0;
  bool finished = false;
};

int StreamInit(void** handle, const char* /*file_name*/, void* user_data) {
  *handle = user_data;
  return 0;
}

int StreamRead(void* handle, char* buffer, unsigned int buffer_size) {
  StreamState& state = *static_cast<StreamState*>(handle);
  while (state.sent == state.chunk.size()) {
    if (state.finished) return 0;
    state.chunk.clear();
    state.sent = 0;
    if (!state.next_chunk(state.chunk)) {
      state.finished = true;
      return 0;
    }
  }
  const size_t count = std::min<size_t>(buffer_size, state.chunk.size() - state.sent);
  std::memcpy(buffer, state.chunk.data() + state.sent, count);
  state.sent += count;
  return static_cast<int>(count);
}

void StreamEnd(void* /*handle*/) {}

int StreamError(void* /*handle*/, char* message, unsigned int message_size) {
  std::snprintf(message, message_size, "the in-memory row stream failed");
  return CR_UNKNOWN_ERROR;
}

}  // namespace

absl::StatusOr<LoadDataResult> LoadDataLocalInfile(io::MysqlConnection& connection, absl::string_view statement,
                                                   absl::FunctionRef<bool(std::string& chunk)> next_chunk) {
  StreamState state{next_chunk, {}, 0, false};
  MYSQL* mysql = connection.handle();
  mysql_set_local_infile_handler(mysql, StreamInit, StreamRead, StreamEnd, StreamError, &state);
  const int failed = mysql_real_query(mysql, statement.data(), statement.size());
  mysql_set_local_infile_default(mysql);
  if (failed != 0) return connection.LastError();
  LoadDataResult result;
  result.rows = mysql_affected_rows(mysql);
  result.warnings = mysql_warning_count(mysql);
  return result;
}

}  // namespace migrate::generator

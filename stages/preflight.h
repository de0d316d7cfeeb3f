// Checks made before any data moves, so that a run which would fail halfway for a reason already
// visible stops at once with a message naming the cause and its fix:
//   - the source account may SELECT every table of the source database (a database or global grant:
//     a table the account may not read is invisible to it, so the steps would report it as missing);
//   - the destination account holds, on the whole destination database, what the run does there:
//     SELECT, INSERT, UPDATE, DELETE, CREATE and DROP (its progress and backup tables, TRUNCATE),
//     ALTER (RENAME TABLE of the EAV backups);
//   - every trigger of the destination database has a definer account that exists, since a write
//     into its table would fail with error 1449 otherwise.
// Each problem is logged as an error; the result is then FailedPreconditionError. What the checks
// cannot see is logged as a warning saying what they need: the definers of triggers on tables the
// destination account has no TRIGGER privilege on (MariaDB hides them), and whether a definer exists
// when the account may not read mysql.global_priv or mysql.user.
#ifndef MIGRATE_STAGES_PREFLIGHT_H_
#define MIGRATE_STAGES_PREFLIGHT_H_

#include "absl/status/status.h"
#include "stages/run_context.h"

namespace migrate::stages {

absl::Status RunPreflightChecks(RunContext& context);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_PREFLIGHT_H_

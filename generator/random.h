// A small, fast, seeded pseudo-random generator (xoshiro256**) that gives the same numbers on every
// machine and every run.
//
// The generator never shares one generator between tables or threads: each entity draws from its own
// stream, Random::For(seed, "stream name", entity id), so a value depends only on the seed, the
// stream and the entity, never on the order in which tables are generated.
#ifndef MIGRATE_SCRIPTS_GENERATOR_RANDOM_H_
#define MIGRATE_SCRIPTS_GENERATOR_RANDOM_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace migrate::generator {

class Random {
 public:
  explicit Random(uint64_t seed);

  // The stream `stream` of entity `entity` under `seed`.
  static Random For(uint64_t seed, absl::string_view stream, uint64_t entity = 0);

  uint64_t Next();

  // Uniform in [0, bound); bound must be positive.
  uint64_t Below(uint64_t bound);

  // Uniform in [low, high], both included.
  int64_t Between(int64_t low, int64_t high);

  // True with probability percent / 100.
  bool Percent(int percent) { return Below(100) < static_cast<uint64_t>(percent); }

  // True with probability 1 / n.
  bool OneIn(uint64_t n) { return Below(n) == 0; }


 private:
  uint64_t state_[4];
};

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_RANDOM_H_

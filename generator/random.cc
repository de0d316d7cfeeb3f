#include "generator/random.h"

namespace migrate::generator {
namespace {

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t RotateLeft(uint64_t value, int bits) { return (value << bits) | (value >> (64 - bits)); }

// FNV-1a: a stable hash of the stream name (std::hash may differ between builds).
uint64_t HashName(absl::string_view name) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

Random::Random(uint64_t seed) {
  uint64_t mixer = seed;
  for (uint64_t& word : state_) word = SplitMix64(mixer);
}

Random Random::For(uint64_t seed, absl::string_view stream, uint64_t entity) {
  uint64_t mixer = seed ^ HashName(stream);
  const uint64_t stream_seed = SplitMix64(mixer) ^ (entity * 0xd1b54a32d192ed03ULL);
  return Random(stream_seed);
}

uint64_t Random::Next() {
  const uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
  const uint64_t shifted = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= shifted;
  state_[3] = RotateLeft(state_[3], 45);
  return result;
}

uint64_t Random::Below(uint64_t bound) {
  // Lemire's multiply-shift: unbiased enough for test data and free of divisions.
  return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * bound) >> 64);
}

int64_t Random::Between(int64_t low, int64_t high) {
  return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
}

}  // namespace migrate::generator

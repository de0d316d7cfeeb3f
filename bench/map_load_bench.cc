// Loading map files (mapping/map_rules.h): the stock Magento 1.6.1.0 map.xml.dist from
// ../shared/fixtures/magento-dmt (MIGRATE_FIXTURES_DIR overrides where; skipped, saying so, when
// absent) and the demo profile's map.xml. "per_row" here is the time per rule read.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/per_row.h"
#include "mapping/map_rules.h"

namespace migrate::bench {
namespace {

size_t RuleCount(const mapping::MapRules& rules) {
  size_t count = 0;
  for (mapping::Side side : {mapping::Side::kSource, mapping::Side::kDestination}) {
    const mapping::MapSide& s = rules.rules(side);
    count += s.ignored_documents.size() + s.renames.size() + s.ignored_fields.size() + s.ignored_datatypes.size() +
             s.moves.size() + s.transforms.size();
  }
  return count;
}

void LoadMap(benchmark::State& state, const std::string& path) {
  if (!std::filesystem::exists(path)) {
    state.SkipWithError(absl::StrCat(path, " is absent: this benchmark needs the Magento fixtures").c_str());
    return;
  }
  size_t rules = 0;
  for (auto _ : state) {
    absl::StatusOr<mapping::MapRules> map = mapping::MapRules::Read(path);
    if (!map.ok()) {
      state.SkipWithError(std::string(map.status().message()).c_str());
      return;
    }
    rules = RuleCount(*map);
    benchmark::DoNotOptimize(rules);
  }
  state.SetLabel(absl::StrCat(rules, " rules"));
  ReportPerRow(state, rules);
}

std::string FixturesDir() {
  const char* overridden = std::getenv("MIGRATE_FIXTURES_DIR");
  return overridden != nullptr ? overridden : MIGRATE_BENCH_FIXTURES_DIR;
}

void BM_LoadStockMap(benchmark::State& state) {
  LoadMap(state, FixturesDir() + "/magento-dmt/etc/opensource-to-opensource/1.6.1.0/map.xml.dist");
}

void BM_LoadDemoMap(benchmark::State& state) { LoadMap(state, MIGRATE_BENCH_SOURCE_DIR "/configs/demo/map.xml"); }

BENCHMARK(BM_LoadStockMap)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadDemoMap)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace migrate::bench

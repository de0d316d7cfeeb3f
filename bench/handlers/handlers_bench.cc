// ns per value of each handler family, run on in-memory batches of 1,000 realistic values the way
// the transformer runs them (one Handle() per batch). Values set by a handler go to per-cell buffers
// that keep their capacity, so what is measured is the handler, not the batch's allocations.
#include <benchmark/benchmark.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "mapping/config.h"
#include "mapping/handler_registry.h"

namespace migrate::mapping {
namespace {

constexpr size_t kBatch = 1000;

// One field per row: the original values, and what handlers set, reset before each run.
class BatchValues : public FieldValues {
 public:
  explicit BatchValues(std::vector<std::string> values)
      : values_(std::move(values)), set_(values_.size()), state_(values_.size(), kOriginal) {}

  void Reset() { std::fill(state_.begin(), state_.end(), kOriginal); }
  size_t row_count() const override { return values_.size(); }
  bool IsNull(size_t row, size_t) const override { return state_[row] == kNull; }
  absl::string_view Value(size_t row, size_t) const override {
    switch (state_[row]) {
      case kOriginal: return values_[row];
      case kSet: return set_[row];
      default: return {};
    }
  }
  void Set(size_t row, size_t, absl::string_view value) override {
    set_[row].assign(value.data(), value.size());
    state_[row] = kSet;
  }
  void SetNull(size_t row, size_t) override { state_[row] = kNull; }

 private:
  enum State : uint8_t { kOriginal, kSet, kNull };
  std::vector<std::string> values_;
  std::vector<std::string> set_;
  std::vector<State> state_;
};

Config BenchConfig(const std::string& class_map) {
  const std::string xml = absl::StrCat(
      "<config><steps mode=\"data\"><step title=\"Map Step\"><data>Migration\\Step\\Map\\Data</data>"
      "</step></steps><source><database host=\"h\" name=\"m1\" user=\"u\" /></source>"
      "<destination><database host=\"h\" name=\"m2\" user=\"u\" /></destination><options>"
      "<crypt_key>f3e25abe619dae2387df9961594b0789</crypt_key>"
      "<crypt_key_destination>0123456789abcdef0123456789abcdef</crypt_key_destination>"
      "<class_map>", class_map, "</class_map></options></config>");
  return *Config::Parse("config.xml", xml, "");
}

// The stock class-map.xml when the fixtures are there, else a file of our own.
std::string ClassMapFile() {
  const std::string stock = MIGRATE_SOURCE_DIR "/../shared/fixtures/magento-dmt/etc/opensource-to-opensource/class-map.xml.dist";
  if (FILE* file = fopen(stock.c_str(), "r")) {
    fclose(file);
    return stock;
  }
  const std::string own = "/tmp/migrate-bench-class-map.xml";
  FILE* file = fopen(own.c_str(), "w");
  fputs("<classmap><rename><from>cms/widget_block</from><to>Magento\\Cms\\Block\\Widget\\Block</to></rename>"
        "<rename><from>catalog/product_widget_new</from><to>Magento\\Catalog\\Block\\Product\\Widget\\NewWidget</to>"
        "</rename></classmap>", file);
  fclose(file);
  return own;
}

void RunHandler(benchmark::State& state, const std::string& class_name, std::vector<HandlerParam> params,
                std::vector<std::string> values) {
  static const Config config = BenchConfig(ClassMapFile());
  HandlerRef ref{class_name, std::move(params), "map.xml", 1};
  HandlerContext context;
  context.document = "document";
  context.field = "value";
  context.fields = {"value"};
  context.opposite_fields = {"value"};
  context.config = &config;
  absl::StatusOr<std::unique_ptr<const Handler>> handler = HandlerRegistry::Default().Create(ref, context);
  if (!handler.ok()) {
    state.SkipWithError(std::string(handler.status().message()).c_str());
    return;
  }
  std::vector<std::string> batch;
  for (size_t i = 0; i < kBatch; ++i) batch.push_back(values[i % values.size()]);
  BatchValues target(std::move(batch));
  const BatchValues opposite(std::vector<std::string>(kBatch, "value"));
  for (auto _ : state) {
    target.Reset();
    absl::Status status = (*handler)->Handle(target, opposite);
    if (!status.ok()) {
      state.SkipWithError(std::string(status.message()).c_str());
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.counters["ns_per_value"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kBatch), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_SetValue(benchmark::State& state) {
  RunHandler(state, "\\Migration\\Handler\\SetValue", {{"value", "by_percent"}}, {"to_percent", "by_fixed"});
}

void BM_Convert(benchmark::State& state) {
  RunHandler(state, "\\Migration\\Handler\\Convert",
             {{"map", "[one_column:1column;two_columns_left:2columns-left;two_columns_right:2columns-right;"
                      "three_columns:3columns]"},
              {"defaultValue", "1column"}},
             {"two_columns_right", "one_column", "empty", "three_columns"});
}

// A configurable product's order item options, as Magento 1 writes them.
const char kProductOptions[] =
    "a:4:{s:15:\"info_buyRequest\";a:6:{s:4:\"uenc\";s:72:\"aHR0cDovL2V4YW1wbGUuY29tL21lbi9zaGlydHMvcGx"
    "haWQtY290dG9uLXNoaXJ0Lmh0bWw,\";s:7:\"product\";s:3:\"126\";s:8:\"form_key\";s:16:\"Ab3dEf6hIj9kLm2n\";"
    "s:15:\"related_product\";s:0:\"\";s:15:\"super_attribute\";a:2:{i:92;s:2:\"20\";i:180;s:2:\"80\";}"
    "s:3:\"qty\";s:1:\"1\";}s:15:\"attributes_info\";a:2:{i:0;a:2:{s:5:\"label\";s:5:\"Color\";s:5:\"value\";"
    "s:5:\"Black\";}i:1;a:2:{s:5:\"label\";s:4:\"Size\";s:5:\"value\";s:1:\"M\";}}s:11:\"simple_name\";"
    "s:19:\"Plaid Cotton Shirt \";s:10:\"simple_sku\";s:8:\"msj006xs\";}";

void BM_SerializeToJson(benchmark::State& state) {
  RunHandler(state, "\\Migration\\Handler\\SerializeToJson", {}, {kProductOptions});
}

void BM_SerializeToJsonSalesOrderItem(benchmark::State& state) {
  RunHandler(state, "\\Migration\\Handler\\SerializeToJson\\SalesOrderItem", {}, {kProductOptions});
}

void BM_Encrypt(benchmark::State& state) {
  RunHandler(state, "\\Migration\\Handler\\Encrypt", {},
             {"ldUL46jnob7B+TSjh5c6DA==", "VjlciZpg83ltcOSy4+DstFT1lc0yBr3d"});
}

void BM_Placeholder(benchmark::State& state) {
  const std::string page =
      "<div class=\"col-left\"><p>Welcome to our store. Browse the new arrivals below.</p>\n"
      "{{widget type=\"catalog/product_widget_new\" display_type=\"new_products\" products_count=\"10\" "
      "template=\"catalog/product/widget/new/content/new_grid.phtml\"}}\n"
      "{{block type=\"cms/block\" block_id=\"footer_links\"}}\n<p>{{store url=\"customer/account\"}}</p></div>";
  RunHandler(state, "\\Migration\\Handler\\Placeholder", {},
             {page, "<p>Plain content without directives, a paragraph of ordinary length.</p>"});
}

void BM_ClassMap(benchmark::State& state) {
  RunHandler(state, "\\Migration\\Handler\\ClassMap", {},
             {"cms/widget_block", "catalog/product_widget_new", "Vendor_Module_Block_Widget"});
}

BENCHMARK(BM_SetValue);
BENCHMARK(BM_Convert);
BENCHMARK(BM_SerializeToJson);
BENCHMARK(BM_SerializeToJsonSalesOrderItem);
BENCHMARK(BM_Encrypt);
BENCHMARK(BM_Placeholder);
BENCHMARK(BM_ClassMap);

}  // namespace
}  // namespace migrate::mapping

// The transformer (pipeline/handler_transform.h): one HandlerTransform over a batch of
// sales_flat_order_payment-like rows, for the main handler families the demo map uses: SetValue
// (a constant), Convert (a value map) and SerializeToJson (PHP unserialize + json_encode).
// The batch is refilled outside the timing, so each iteration transforms the values as read.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bench/per_row.h"
#include "bench/synthetic_rows.h"
#include "io/row_batch.h"
#include "mapping/handler.h"
#include "mapping/handler_ref.h"
#include "mapping/handler_registry.h"
#include "pipeline/handler_transform.h"

namespace migrate::bench {
namespace {

const std::vector<std::string> kPaymentFields = {"entity_id", "parent_id", "method", "additional_information",
                                                 "cc_type"};
constexpr const char* kMethods[] = {"checkmo", "paypal_direct", "paypal_standard", "ccsave"};

void FillPayments(size_t rows, io::RowBatch* batch) {
  batch->Reset(kPaymentFields.size());
  for (size_t i = 0; i < rows; ++i) {
    batch->AddValue(std::to_string(i + 1));
    batch->AddValue(std::to_string(i / 2 + 1));
    batch->AddValue(kMethods[i % std::size(kMethods)]);
    if (i % 10 == 9) {
      batch->AddNull();
    } else {
      batch->AddValue(SerializedPaymentInfo(i));
    }
    batch->AddValue("VI");
    batch->FinishRow();
  }
}

std::unique_ptr<pipeline::HandlerTransform> MakeTransform(const std::string& handler_class, const std::string& field,
                                                          std::vector<mapping::HandlerParam> params) {
  mapping::HandlerRef ref{handler_class, std::move(params), "transform_bench", 1};
  mapping::HandlerContext context;
  context.document = "sales_flat_order_payment";
  context.field = field;
  context.fields = kPaymentFields;
  context.opposite_fields = kPaymentFields;
  context.id_field = "entity_id";
  auto handler = mapping::HandlerRegistry::Default().Create(ref, context);
  if (!handler.ok()) {
    std::cerr << "transform_bench: " << handler.status() << "\n";
    std::exit(1);
  }
  return std::make_unique<pipeline::HandlerTransform>(*std::move(handler));
}

void RunTransform(benchmark::State& state, const pipeline::HandlerTransform& transform) {
  const size_t rows = static_cast<size_t>(state.range(0));
  io::RowBatch target;
  io::RowBatch opposite;
  FillPayments(rows, &opposite);
  for (auto _ : state) {
    state.PauseTiming();
    FillPayments(rows, &target);
    state.ResumeTiming();
    if (absl::Status status = transform.Apply(target, opposite); !status.ok()) {
      state.SkipWithError(std::string(status.message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(target.ValueBytes());
  }
  ReportPerRow(state, rows);
}

void BM_TransformSetValue(benchmark::State& state) {
  RunTransform(state, *MakeTransform("\\Migration\\Handler\\SetValue", "cc_type", {{"value", "NULL"}}));
}

void BM_TransformConvert(benchmark::State& state) {
  RunTransform(state, *MakeTransform("\\Migration\\Handler\\Convert", "method",
                                     {{"map", "[paypal_direct:payflowpro;paypal_standard:paypal_express]"}}));
}

void BM_TransformSerializeToJson(benchmark::State& state) {
  RunTransform(state, *MakeTransform("\\Migration\\Handler\\SerializeToJson", "additional_information", {}));
}

BENCHMARK(BM_TransformSetValue)->ArgName("batch")->Arg(5000);
BENCHMARK(BM_TransformConvert)->ArgName("batch")->Arg(5000);
BENCHMARK(BM_TransformSerializeToJson)->ArgName("batch")->Arg(5000);

}  // namespace
}  // namespace migrate::bench

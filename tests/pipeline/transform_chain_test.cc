// RunTransformChain: after source transforms, the destination holds the transformed source's
// mapping (rewritten columns mapped again, the rest still borrowed), which the destination transforms
// then rewrite; without source transforms, what the caller put in the destination stays.
#include "pipeline/transform_chain.h"

#include <memory>
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "io/row_batch.h"
#include "pipeline/batch_mapper.h"
#include "pipeline/batch_transform.h"
#include "pipeline/copy_plan.h"

namespace migrate::pipeline {
namespace {

// Appends `suffix` to every value of one column of its target.
class AppendTransform : public BatchTransform {
 public:
  AppendTransform(size_t column, std::string suffix) : column_(column), suffix_(std::move(suffix)) {}

  absl::Status Apply(io::RowBatch& target, const io::RowBatch& /*opposite*/) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      target.SetValue(row, column_, std::string(target.Value(row, column_)) + suffix_);
    }
    return absl::OkStatus();
  }

 private:
  const size_t column_;
  const std::string suffix_;
};

// Source (id, name) -> destination (name, id).
CopyPlan MakePlan() {
  CopyPlan plan;
  plan.source_columns = {"id", "name"};
  plan.destination_columns = {{"name", 1, std::nullopt}, {"id", 0, std::nullopt}};
  return plan;
}

io::RowBatch MakeSource() {
  io::RowBatch source(2);
  source.AddValue("1");
  source.AddValue("one");
  source.FinishRow();
  return source;
}

TEST(TransformChainTest, SourceRewritesAreMappedAgainAndDestinationTransformsRunLast) {
  CopyPlan plan = MakePlan();
  plan.source_transforms.push_back(std::make_shared<AppendTransform>(1, " renamed"));
  plan.destination_transforms.push_back(std::make_shared<AppendTransform>(0, " written"));
  const BatchMapper mapper(plan);
  io::RowBatch source = MakeSource();
  io::RowBatch destination;
  mapper.Map(source, destination);
  destination.SetValue(0, 1, "what the caller put");

  ASSERT_TRUE(RunTransformChain(plan, mapper, source, destination).ok());

  EXPECT_EQ(destination.Value(0, 0), "one renamed written");
  EXPECT_EQ(destination.Value(0, 1), "1");
  EXPECT_EQ(destination.Value(0, 1).data(), source.Value(0, 0).data());
}

TEST(TransformChainTest, WithoutSourceTransformsTheCallersRewritesStay) {
  CopyPlan plan = MakePlan();
  plan.destination_transforms.push_back(std::make_shared<AppendTransform>(0, " written"));
  const BatchMapper mapper(plan);
  io::RowBatch source = MakeSource();
  io::RowBatch destination;
  mapper.Map(source, destination);
  destination.SetValue(0, 1, "what the caller put");

  ASSERT_TRUE(RunTransformChain(plan, mapper, source, destination).ok());

  EXPECT_EQ(destination.Value(0, 0), "one written");
  EXPECT_EQ(destination.Value(0, 1), "what the caller put");
}

}  // namespace
}  // namespace migrate::pipeline

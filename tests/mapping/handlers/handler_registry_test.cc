// The registry: lookup by class key with or without the leading backslash, Magento's errors with
// file and line, and the stock classes it knows.
#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mapping/handler_registry.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::IsSupersetOf;

HandlerContext ValueContext() {
  return ContextFor("core_config_data", "value", {"config_id", "value"});
}

TEST(HandlerRegistryTest, UnknownClassNamesFileLineAndClass) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\NoSuchThing"), ValueContext(), {});
  EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status.message(), "map.xml:7: unknown handler class \\Migration\\Handler\\NoSuchThing");
}

TEST(HandlerRegistryTest, MissingRequiredParamNamesIt) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SetValue"), ValueContext(), {});
  EXPECT_EQ(result.status.message(), "map.xml:7: handler \\Migration\\Handler\\SetValue needs param value");
}

TEST(HandlerRegistryTest, HandledFieldMustBeInTheRecord) {
  HandlerContext context = ValueContext();
  context.field = "missing";
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\SetValue", {{"value", "1"}}), context, {});
  EXPECT_EQ(result.status.message(),
            "map.xml:7: handler \\Migration\\Handler\\SetValue: missing field not found in the record "
            "of core_config_data");
}

TEST(HandlerRegistryTest, ClassWithoutLeadingBackslashIsTheSame) {
  RunResult result = RunHandler(Ref("Migration\\Handler\\SetValue", {{"value", "x"}}), ValueContext(),
                         {{"1", "old"}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(result.rows[0][1], "x");
}

TEST(HandlerRegistryTest, RegisterReplacesAndKnownClassesAreSorted) {
  HandlerRegistry registry;
  registry.Register("B", [](const HandlerArgs& args) -> absl::StatusOr<std::unique_ptr<const Handler>> {
    return args.Error("first");
  });
  registry.Register("A", [](const HandlerArgs& args) -> absl::StatusOr<std::unique_ptr<const Handler>> {
    return args.Error("a");
  });
  registry.Register("B", [](const HandlerArgs& args) -> absl::StatusOr<std::unique_ptr<const Handler>> {
    return args.Error("second");
  });
  EXPECT_EQ(registry.KnownClasses(), (std::vector<std::string>{"A", "B"}));
  EXPECT_TRUE(registry.Knows("A"));
  EXPECT_FALSE(registry.Knows("C"));
  absl::StatusOr<std::unique_ptr<const Handler>> created = registry.Create(Ref("\\B"), ValueContext());
  EXPECT_EQ(created.status().message(), "map.xml:7: handler \\B: second");
}

TEST(HandlerRegistryTest, DefaultKnowsTheHandlersImplemented) {
  EXPECT_THAT(HandlerRegistry::Default().KnownClasses(),
              IsSupersetOf({"Migration\\Handler\\SetValue", "Migration\\Handler\\Convert",
                            "Migration\\Handler\\AddPrefix", "Migration\\Handler\\FieldCopy",
                            "Migration\\Handler\\StoreGroupCode", "Migration\\Handler\\TruncateSuffix",
                            "Migration\\Handler\\SerializeToJson",
                            "Migration\\Handler\\Settings\\UrlSuffix",
                            "Migration\\Handler\\Settings\\CategoryRootId"}));
}

}  // namespace
}  // namespace migrate::mapping

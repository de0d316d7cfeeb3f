#include "stages/step_registry.h"

#include <algorithm>

#include "absl/strings/strip.h"
#include "stages/steps/builtin_steps.h"

namespace migrate::stages {

std::string NormalizeClassName(absl::string_view class_name) {
  absl::ConsumePrefix(&class_name, "\\");
  return std::string(class_name);
}

StepRegistry& StepRegistry::Default() {
  static StepRegistry* registry = [] {
    auto* created = new StepRegistry();
    RegisterBuiltinSteps(*created);
    return created;
  }();
  return *registry;
}

void StepRegistry::Register(absl::string_view class_name, StepStageFactory factory) {
  factories_[NormalizeClassName(class_name)] = [factory = std::move(factory)](const mapping::StepConfig& step,
                                                                              mapping::StageKind) {
    return factory(step);
  };
}

void StepRegistry::Register(absl::string_view class_name, StagedStepStageFactory factory) {
  factories_[NormalizeClassName(class_name)] = std::move(factory);
}

const StagedStepStageFactory* StepRegistry::Find(absl::string_view class_name) const {
  auto it = factories_.find(NormalizeClassName(class_name));
  return it == factories_.end() ? nullptr : &it->second;
}

std::vector<std::string> StepRegistry::KnownClasses() const {
  std::vector<std::string> names;
  for (const auto& [name, factory] : factories_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace migrate::stages

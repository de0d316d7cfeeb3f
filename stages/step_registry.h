// Finds the C++ implementation of a step class named in config.xml.
//
// Names are Magento's (Migration\Step\Map\Data), with or without the leading backslash. Default()
// holds every stage this build implements; RegisterStepStage() adds one (a custom step of an
// extension registers itself here, see README "Adding a step").
#ifndef MIGRATE_STAGES_STEP_REGISTRY_H_
#define MIGRATE_STAGES_STEP_REGISTRY_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "stages/step_stage.h"

namespace migrate::stages {

class StepRegistry {
 public:
  // The registry with every stage of this build.
  static StepRegistry& Default();

  void Register(absl::string_view class_name, StepStageFactory factory);
  // For a class that dispatches on the stage it is named for.
  void Register(absl::string_view class_name, StagedStepStageFactory factory);

  // The factory for `class_name`, or nullptr when it is not implemented. It is called with the
  // step and the kind of the stage the class is named for.
  const StagedStepStageFactory* Find(absl::string_view class_name) const;

  std::vector<std::string> KnownClasses() const;

 private:
  absl::flat_hash_map<std::string, StagedStepStageFactory> factories_;
};

// "Migration\Step\Map\Data" for "\Migration\Step\Map\Data" and for itself.
std::string NormalizeClassName(absl::string_view class_name);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEP_REGISTRY_H_

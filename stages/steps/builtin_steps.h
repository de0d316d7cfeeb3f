// Registers every step stage this build implements, under Magento's class names.
#ifndef MIGRATE_STAGES_STEPS_BUILTIN_STEPS_H_
#define MIGRATE_STAGES_STEPS_BUILTIN_STEPS_H_

namespace migrate::stages {

class StepRegistry;

void RegisterBuiltinSteps(StepRegistry& registry);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_BUILTIN_STEPS_H_

// The registry of transform handlers: Magento's handler class names -> factories creating Handlers.
//
// Create() resolves a HandlerRef from a map or settings file against a HandlerContext; errors name
// the file and line where the handler was written:
//   "<file:line>: unknown handler class <class>"          (a class no factory is registered for)
//   "<file:line>: handler <class> needs param <name>"     (a required constructor param is missing)
//   "<file:line>: handler <class>: <what is wrong>"       (other configuration errors)
// Default() holds every handler implemented; registration is explicit (RegisterDefaultHandlers
// lists them) because static libraries drop self-registering static initialisers.
// A registry is immutable once built and safe to use from several threads.
#ifndef MIGRATE_MAPPING_HANDLER_REGISTRY_H_
#define MIGRATE_MAPPING_HANDLER_REGISTRY_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mapping/handler.h"
#include "mapping/handler_ref.h"

namespace migrate::mapping {

// Builds a handler from HandlerArgs (the params and the context); its errors come from HandlerArgs,
// which words them as above.
class HandlerArgs;
using HandlerFactory = std::function<absl::StatusOr<std::unique_ptr<const Handler>>(const HandlerArgs&)>;

class HandlerArgs {
 public:
  HandlerArgs(const HandlerRef& ref, const HandlerContext& context) : ref_(ref), context_(context) {}

  const HandlerRef& ref() const { return ref_; }
  const HandlerContext& context() const { return context_; }

  // The param's value; "<file:line>: handler <class> needs param <name>" when it is missing.
  absl::StatusOr<std::string> Required(absl::string_view name) const;
  // The param, or nullptr when missing.
  const HandlerParam* Optional(absl::string_view name) const { return ref_.Param(name); }
  // The handled field's column among context().fields; an error when it is not there.
  absl::StatusOr<size_t> HandledField() const;
  // The column of `name` among context().fields; an error naming the field when it is not there.
  absl::StatusOr<size_t> Field(absl::string_view name) const;
  // InvalidArgumentError "<file:line>: handler <class>: <message>".
  absl::Status Error(absl::string_view message) const;

 private:
  const HandlerRef& ref_;
  const HandlerContext& context_;
};

class HandlerRegistry {
 public:
  // Every handler implemented, registered by RegisterDefaultHandlers().
  static const HandlerRegistry& Default();

  // `class_key` as HandlerRef::ClassKey() gives it, e.g. "Migration\Handler\SetValue"; a later
  // registration of the same key replaces the earlier one.
  void Register(absl::string_view class_key, HandlerFactory factory);

  absl::StatusOr<std::unique_ptr<const Handler>> Create(const HandlerRef& ref,
                                                        const HandlerContext& context) const;

  bool Knows(absl::string_view class_key) const { return factories_.contains(class_key); }
  // The registered class keys, sorted.
  std::vector<std::string> KnownClasses() const;

 private:
  absl::flat_hash_map<std::string, HandlerFactory> factories_;
};

// Registers every handler of mapping/handlers/ into `registry`.
void RegisterDefaultHandlers(HandlerRegistry& registry);

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_HANDLER_REGISTRY_H_

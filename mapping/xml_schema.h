// Hand-written structural checks standing in for an XSD validator.
//
// Magento validates every file against its XSD before reading it. The readers in mapping/ describe,
// element by element, what their XSD allows (attributes, the order and number of children, simple
// content) and these functions enforce it, failing with InvalidArgumentError "file:line: ..." at
// the first offence. Namespace declarations and attributes in the XMLSchema-instance namespace
// (such as xsi:noNamespaceSchemaLocation) are allowed everywhere, as in XSD; Magento's schemas have
// no target namespace, so a namespaced element is never allowed.
#ifndef MIGRATE_MAPPING_XML_SCHEMA_H_
#define MIGRATE_MAPPING_XML_SCHEMA_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mapping/xml_document.h"

namespace migrate::mapping {

inline constexpr int kUnbounded = -1;

// One place in a content model: an element named any of `names`, from min_occurs to max_occurs
// times.
struct Particle {
  std::vector<absl::string_view> names;
  int min_occurs = 1;
  int max_occurs = 1;
};

// The children an element may have: its particles in order (xs:sequence), the whole sequence
// repeated from group_min to group_max times; or, with any_order, each particle once in any order
// (xs:all).
struct ContentModel {
  std::vector<Particle> particles;
  int group_min = 1;
  int group_max = 1;
  bool any_order = false;
};

// The child elements of an element, in document order, up to the first offence against its content,
// and that offence (OK when none). A reader that reads `elements` before reporting `offence`
// reports the first error in document order, as a streaming XSD validator does.
struct CheckedChildren {
  std::vector<const XmlNode*> elements;
  absl::Status offence;
};

// Element-only content of any elements: only text between them offends.
CheckedChildren ElementChildren(const XmlDocument& document, const XmlNode& element);

// Content that must fit `model`.
CheckedChildren MatchChildren(const XmlDocument& document, const XmlNode& element,
                              const ContentModel& model);

// MatchChildren() for content read only once it is known to be valid: the offence, else the
// elements.
absl::StatusOr<std::vector<const XmlNode*>> CheckChildren(const XmlDocument& document,
                                                          const XmlNode& element,
                                                          const ContentModel& model);

// Checks that `element` has every attribute of `required` and none outside `required` and
// `optional`.
absl::Status CheckAttributes(const XmlDocument& document, const XmlNode& element,
                             const std::vector<absl::string_view>& required,
                             const std::vector<absl::string_view>& optional);

// The text of an element of simple type: no child elements are allowed, and no attributes unless
// listed in `optional_attributes`.
absl::StatusOr<std::string> SimpleContent(
    const XmlDocument& document, const XmlNode& element,
    const std::vector<absl::string_view>& optional_attributes = {});

// Checks that `element` has neither children nor text (attributes are checked separately).
absl::Status CheckEmpty(const XmlDocument& document, const XmlNode& element);

// The value of an attribute that CheckAttributes() has checked, or "" when absent.
std::string AttributeValue(const XmlNode& element, absl::string_view name);
bool HasAttribute(const XmlNode& element, absl::string_view name);

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_XML_SCHEMA_H_

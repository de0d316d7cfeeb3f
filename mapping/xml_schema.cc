#include "mapping/xml_schema.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace migrate::mapping {
namespace {

constexpr absl::string_view kSchemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance";

bool IsText(const XmlNode& node) {
  return node.type() == rapidxml::node_data || node.type() == rapidxml::node_cdata;
}

bool IsBlank(const XmlNode& text) {
  absl::string_view value(text.value(), text.value_size());
  return std::all_of(value.begin(), value.end(),
                     [](char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); });
}

bool Allows(const Particle& particle, absl::string_view name) {
  return std::find(particle.names.begin(), particle.names.end(), name) != particle.names.end();
}

bool Mentions(const ContentModel& model, absl::string_view name) {
  return std::any_of(model.particles.begin(), model.particles.end(),
                     [name](const Particle& particle) { return Allows(particle, name); });
}

// "<a>", "<a> or <b>", "<a>, <b> or <c>".
std::string Alternatives(const std::vector<absl::string_view>& names) {
  std::vector<std::string> tags;
  for (absl::string_view name : names) tags.push_back(absl::StrCat("<", name, ">"));
  if (tags.size() <= 1) return absl::StrJoin(tags, "");
  std::string last = tags.back();
  tags.pop_back();
  return absl::StrCat(absl::StrJoin(tags, ", "), " or ", last);
}

bool WithinMax(int count, int max_occurs) { return max_occurs == kUnbounded || count < max_occurs; }

// The namespace URI bound to `prefix` where `element` stands, or "" when none is.
absl::string_view NamespaceOfPrefix(const XmlNode& element, absl::string_view prefix) {
  const std::string declaration = absl::StrCat("xmlns:", prefix);
  for (const XmlNode* node = &element; node != nullptr; node = node->parent()) {
    if (node->type() != rapidxml::node_element) continue;
    for (const XmlAttribute* attribute = node->first_attribute(); attribute != nullptr;
         attribute = attribute->next_attribute()) {
      if (NameOf(*attribute) == declaration) return ValueOf(*attribute);
    }
  }
  return "";
}

// An offence against a content model, at children[position]; position is children.size() when the
// content ends too early, and status is OK when there is no offence.
struct Offence {
  size_t position;
  absl::Status status;
};

Offence MatchSequence(const XmlDocument& document, const XmlNode& element,
                      const ContentModel& model, const std::vector<const XmlNode*>& children) {
  size_t next = 0;
  int groups = 0;
  while (groups < model.group_min ||
         (next < children.size() && WithinMax(groups, model.group_max))) {
    const size_t group_start = next;
    for (const Particle& particle : model.particles) {
      int count = 0;
      while (next < children.size() && Allows(particle, NameOf(*children[next])) &&
             WithinMax(count, particle.max_occurs)) {
        ++next;
        ++count;
      }
      if (count >= particle.min_occurs) continue;
      if (next < children.size()) {
        return {next, document.ErrorAt(*children[next],
                                       absl::StrCat("element <", NameOf(*children[next]),
                                                    "> is not allowed here in <", NameOf(element),
                                                    ">: expected ", Alternatives(particle.names)))};
      }
      return {next, document.ErrorAt(element, absl::StrCat("element <", NameOf(element), "> lacks ",
                                                           Alternatives(particle.names)))};
    }
    ++groups;
    if (next == group_start) break;
  }
  if (next < children.size()) {
    return {next,
            document.ErrorAt(*children[next],
                             absl::StrCat("element <", NameOf(*children[next]),
                                          "> is not allowed here in <", NameOf(element), ">"))};
  }
  return {next, absl::OkStatus()};
}

Offence MatchAnyOrder(const XmlDocument& document, const XmlNode& element,
                      const ContentModel& model, const std::vector<const XmlNode*>& children) {
  std::vector<int> counts(model.particles.size(), 0);
  for (size_t position = 0; position < children.size(); ++position) {
    const XmlNode& child = *children[position];
    for (size_t i = 0; i < model.particles.size(); ++i) {
      if (!Allows(model.particles[i], NameOf(child))) continue;
      if (!WithinMax(counts[i], model.particles[i].max_occurs)) {
        return {position,
                document.ErrorAt(child, absl::StrCat("element <", NameOf(child),
                                                     "> is repeated in <", NameOf(element), ">"))};
      }
      ++counts[i];
      break;
    }
  }
  for (size_t i = 0; i < model.particles.size(); ++i) {
    if (counts[i] < model.particles[i].min_occurs) {
      return {children.size(),
              document.ErrorAt(element, absl::StrCat("element <", NameOf(element), "> lacks ",
                                                     Alternatives(model.particles[i].names)))};
    }
  }
  return {children.size(), absl::OkStatus()};
}

}  // namespace

CheckedChildren ElementChildren(const XmlDocument& document, const XmlNode& element) {
  CheckedChildren result;
  for (const XmlNode* child = element.first_node(); child != nullptr;
       child = child->next_sibling()) {
    if (IsText(*child)) {
      if (IsBlank(*child)) continue;
      result.offence =
          document.ErrorAt(*child, absl::StrCat("text is not allowed in <", NameOf(element), ">"));
      return result;
    }
    if (child->type() == rapidxml::node_element) result.elements.push_back(child);
  }
  return result;
}

CheckedChildren MatchChildren(const XmlDocument& document, const XmlNode& element,
                              const ContentModel& model) {
  CheckedChildren result = ElementChildren(document, element);
  for (size_t i = 0; i < result.elements.size(); ++i) {
    const XmlNode& child = *result.elements[i];
    if (Mentions(model, NameOf(child))) continue;
    result.offence = document.ErrorAt(
        child,
        absl::StrCat("element <", NameOf(child), "> is not allowed in <", NameOf(element), ">"));
    result.elements.resize(i);
    break;
  }
  const bool truncated = !result.offence.ok();
  Offence offence = model.any_order ? MatchAnyOrder(document, element, model, result.elements)
                                    : MatchSequence(document, element, model, result.elements);
  // Content cut short by an earlier offence may look incomplete; only an offence among the
  // elements kept counts then.
  if (!offence.status.ok() && (!truncated || offence.position < result.elements.size())) {
    result.elements.resize(offence.position);
    result.offence = std::move(offence.status);
  }
  return result;
}

absl::StatusOr<std::vector<const XmlNode*>> CheckChildren(const XmlDocument& document,
                                                          const XmlNode& element,
                                                          const ContentModel& model) {
  CheckedChildren children = MatchChildren(document, element, model);
  if (!children.offence.ok()) return children.offence;
  return std::move(children.elements);
}

absl::Status CheckAttributes(const XmlDocument& document, const XmlNode& element,
                             const std::vector<absl::string_view>& required,
                             const std::vector<absl::string_view>& optional) {
  absl::flat_hash_set<absl::string_view> seen;
  for (const XmlAttribute* attribute = element.first_attribute(); attribute != nullptr;
       attribute = attribute->next_attribute()) {
    const absl::string_view name = NameOf(*attribute);
    seen.insert(name);
    if (name == "xmlns") {
      if (ValueOf(*attribute).empty()) continue;
      return document.ErrorAt(*attribute, absl::StrCat("namespace ", ValueOf(*attribute),
                                                       " is not allowed: the schema has none"));
    }
    if (absl::StartsWith(name, "xmlns:")) continue;
    const size_t colon = name.find(':');
    if (colon != absl::string_view::npos &&
        NamespaceOfPrefix(element, name.substr(0, colon)) == kSchemaInstanceNamespace) {
      continue;
    }
    const bool known = std::find(required.begin(), required.end(), name) != required.end() ||
                       std::find(optional.begin(), optional.end(), name) != optional.end();
    if (!known) {
      return document.ErrorAt(*attribute, absl::StrCat("attribute ", name, " is not allowed in <",
                                                       NameOf(element), ">"));
    }
  }
  for (absl::string_view name : required) {
    if (!seen.contains(name)) {
      return document.ErrorAt(
          element, absl::StrCat("element <", NameOf(element), "> lacks attribute ", name));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SimpleContent(
    const XmlDocument& document, const XmlNode& element,
    const std::vector<absl::string_view>& optional_attributes) {
  if (absl::Status status = CheckAttributes(document, element, {}, optional_attributes);
      !status.ok()) {
    return status;
  }
  for (const XmlNode* child = element.first_node(); child != nullptr;
       child = child->next_sibling()) {
    if (child->type() == rapidxml::node_element) {
      return document.ErrorAt(*child, absl::StrCat("element <", NameOf(*child),
                                                   "> is not allowed in <", NameOf(element), ">"));
    }
  }
  return TextContent(element);
}

absl::Status CheckEmpty(const XmlDocument& document, const XmlNode& element) {
  for (const XmlNode* child = element.first_node(); child != nullptr;
       child = child->next_sibling()) {
    if (child->type() == rapidxml::node_element) {
      return document.ErrorAt(*child, absl::StrCat("element <", NameOf(*child),
                                                   "> is not allowed in <", NameOf(element), ">"));
    }
    if (IsText(*child) && !IsBlank(*child)) {
      return document.ErrorAt(*child,
                              absl::StrCat("text is not allowed in <", NameOf(element), ">"));
    }
  }
  return absl::OkStatus();
}

std::string AttributeValue(const XmlNode& element, absl::string_view name) {
  for (const XmlAttribute* attribute = element.first_attribute(); attribute != nullptr;
       attribute = attribute->next_attribute()) {
    if (NameOf(*attribute) == name) return std::string(ValueOf(*attribute));
  }
  return "";
}

bool HasAttribute(const XmlNode& element, absl::string_view name) {
  for (const XmlAttribute* attribute = element.first_attribute(); attribute != nullptr;
       attribute = attribute->next_attribute()) {
    if (NameOf(*attribute) == name) return true;
  }
  return false;
}

}  // namespace migrate::mapping

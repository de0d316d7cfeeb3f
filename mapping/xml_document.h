// One XML file parsed with RapidXML, with the line every node starts on.
//
// Parsing keeps each node's pointer into the buffer, so LineOf() can name the line of any element
// or attribute, and ErrorAt() turns a message about a node into an absl::InvalidArgumentError
// "file:line: message". Malformed XML comes back from Parse()/ReadFile() in the same form;
// RapidXML's parse_error never leaves this file. The document owns its buffer: nodes live as long
// as it does. Used only inside mapping/: the readers' public models never expose RapidXML.
#ifndef MIGRATE_MAPPING_XML_DOCUMENT_H_
#define MIGRATE_MAPPING_XML_DOCUMENT_H_

#include <memory>
#include <string>
#include <vector>

#include <rapidxml/rapidxml.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace migrate::mapping {

using XmlNode = rapidxml::xml_node<char>;
using XmlAttribute = rapidxml::xml_attribute<char>;

class XmlDocument {
 public:
  // Reads and parses the file at `path`; `path` names the file in every message.
  static absl::StatusOr<std::unique_ptr<XmlDocument>> ReadFile(const std::string& path);

  // Parses `text`; `file_name` names it in every message.
  static absl::StatusOr<std::unique_ptr<XmlDocument>> Parse(std::string file_name,
                                                            absl::string_view text);

  XmlDocument(const XmlDocument&) = delete;
  XmlDocument& operator=(const XmlDocument&) = delete;

  // The single root element, which must be called `expected_name`.
  absl::StatusOr<const XmlNode*> Root(absl::string_view expected_name) const;

  const std::string& file_name() const { return file_name_; }

  // 1-based line on which the node (or attribute) starts.
  int LineOf(const XmlNode& node) const;
  int LineOf(const XmlAttribute& attribute) const;

  // InvalidArgumentError("file:line: message") for the line of `node`.
  absl::Status ErrorAt(const XmlNode& node, absl::string_view message) const;
  absl::Status ErrorAt(const XmlAttribute& attribute, absl::string_view message) const;

 private:
  explicit XmlDocument(std::string file_name) : file_name_(std::move(file_name)) {}

  // XML forbids an attribute twice in one element; RapidXML does not check it.
  absl::Status CheckUniqueAttributes(const XmlNode& node) const;
  int LineOfPosition(const char* position) const;
  absl::Status ErrorAtLine(int line, absl::string_view message) const;

  std::string file_name_;
  std::vector<char> buffer_;
  // Offsets in buffer_ of every '\n' of the original text, ascending.
  std::vector<size_t> newline_offsets_;
  rapidxml::xml_document<char> document_;
};

// The element's name and value as string_views.
absl::string_view NameOf(const XmlNode& node);
absl::string_view NameOf(const XmlAttribute& attribute);
absl::string_view ValueOf(const XmlAttribute& attribute);

// The text of the node and all its descendants, in document order (the DOM's textContent).
std::string TextContent(const XmlNode& node);

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_XML_DOCUMENT_H_

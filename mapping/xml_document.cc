#include "mapping/xml_document.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"

namespace migrate::mapping {
namespace {

// Closing tags must match their opening tags; everything else is RapidXML's default, which
// translates entities and skips comments, processing instructions and the DOCTYPE.
constexpr int kParseFlags = rapidxml::parse_validate_closing_tags;

}  // namespace

absl::StatusOr<std::unique_ptr<XmlDocument>> XmlDocument::ReadFile(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory, not an XML file"));
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  if (file.bad()) {
    return absl::DataLossError(absl::StrCat(path, ": cannot read: ", std::strerror(errno)));
  }
  return Parse(path, contents.str());
}

absl::StatusOr<std::unique_ptr<XmlDocument>> XmlDocument::Parse(std::string file_name,
                                                                absl::string_view text) {
  std::unique_ptr<XmlDocument> document(new XmlDocument(std::move(file_name)));
  document->buffer_.assign(text.begin(), text.end());
  document->buffer_.push_back('\0');
  for (size_t offset = 0; offset < text.size(); ++offset) {
    if (text[offset] == '\n') document->newline_offsets_.push_back(offset);
  }
  try {
    document->document_.parse<kParseFlags>(document->buffer_.data());
  } catch (const rapidxml::parse_error& error) {
    return document->ErrorAtLine(document->LineOfPosition(error.where<char>()),
                                 absl::StrCat("malformed XML: ", error.what()));
  }
  if (absl::Status status = document->CheckUniqueAttributes(document->document_); !status.ok()) {
    return status;
  }
  return document;
}

absl::Status XmlDocument::CheckUniqueAttributes(const XmlNode& node) const {
  for (const XmlNode* child = node.first_node(); child != nullptr; child = child->next_sibling()) {
    if (child->type() != rapidxml::node_element) continue;
    for (const XmlAttribute* attribute = child->first_attribute(); attribute != nullptr;
         attribute = attribute->next_attribute()) {
      for (const XmlAttribute* later = attribute->next_attribute(); later != nullptr;
           later = later->next_attribute()) {
        if (NameOf(*later) == NameOf(*attribute)) {
          return ErrorAt(*later, absl::StrCat("malformed XML: attribute ", NameOf(*later),
                                              " is repeated in <", NameOf(*child), ">"));
        }
      }
    }
    if (absl::Status status = CheckUniqueAttributes(*child); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::StatusOr<const XmlNode*> XmlDocument::Root(absl::string_view expected_name) const {
  const XmlNode* root = nullptr;
  for (const XmlNode* node = document_.first_node(); node != nullptr; node = node->next_sibling()) {
    if (node->type() != rapidxml::node_element) continue;
    if (root != nullptr) {
      return ErrorAt(*node, "malformed XML: a second root element");
    }
    root = node;
  }
  if (root == nullptr) {
    return ErrorAtLine(
        1, absl::StrCat("malformed XML: no root element, expected <", expected_name, ">"));
  }
  if (NameOf(*root) != expected_name) {
    return ErrorAt(*root, absl::StrCat("root element is <", NameOf(*root), ">, expected <",
                                       expected_name, ">"));
  }
  return root;
}

int XmlDocument::LineOf(const XmlNode& node) const {
  return LineOfPosition(node.name_size() > 0 ? node.name() : node.value());
}

int XmlDocument::LineOf(const XmlAttribute& attribute) const {
  return LineOfPosition(attribute.name());
}

absl::Status XmlDocument::ErrorAt(const XmlNode& node, absl::string_view message) const {
  return ErrorAtLine(LineOf(node), message);
}

absl::Status XmlDocument::ErrorAt(const XmlAttribute& attribute, absl::string_view message) const {
  return ErrorAtLine(LineOf(attribute), message);
}

int XmlDocument::LineOfPosition(const char* position) const {
  const char* begin = buffer_.data();
  if (position < begin || position >= begin + buffer_.size()) return 1;
  const size_t offset = static_cast<size_t>(position - begin);
  const auto after = std::upper_bound(newline_offsets_.begin(), newline_offsets_.end(), offset);
  return static_cast<int>(after - newline_offsets_.begin()) + 1;
}

absl::Status XmlDocument::ErrorAtLine(int line, absl::string_view message) const {
  return absl::InvalidArgumentError(absl::StrCat(file_name_, ":", line, ": ", message));
}

absl::string_view NameOf(const XmlNode& node) {
  return absl::string_view(node.name(), node.name_size());
}

absl::string_view NameOf(const XmlAttribute& attribute) {
  return absl::string_view(attribute.name(), attribute.name_size());
}

absl::string_view ValueOf(const XmlAttribute& attribute) {
  return absl::string_view(attribute.value(), attribute.value_size());
}

std::string TextContent(const XmlNode& node) {
  std::string text;
  for (const XmlNode* child = node.first_node(); child != nullptr; child = child->next_sibling()) {
    switch (child->type()) {
      case rapidxml::node_data:
      case rapidxml::node_cdata:
        text.append(child->value(), child->value_size());
        break;
      case rapidxml::node_element:
        text += TextContent(*child);
        break;
      default:
        break;
    }
  }
  return text;
}

}  // namespace migrate::mapping

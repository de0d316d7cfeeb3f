// What verify compares of one document pair of a map: the digest specs of both sides, built from
// the map's plan and both tables' columns.
//
// Compared: every destination field the plan fills from a source field, unless a handler of either
// side is attached to it (its source field or its destination field): for a document copied
// unchanged or with renames and ignores only that is every copied column; for a document with
// handlers, the columns no handler touches. The key is the source's resume key and the destination
// fields it is copied into; a document whose key columns are not copied as they are (a handler on
// one, or not mapped), or that has no usable key, gets no key on either side: it is compared whole.
// Columns whose types differ between the sides get a normalisation (io/range_checksum.h) on both
// sides, and are listed so that the report can say which; types whose values print alike (integers
// of any width, decimals of one scale, character columns of any charset or length) need none.
#ifndef MIGRATE_STAGES_VERIFY_DOCUMENT_DIGEST_H_
#define MIGRATE_STAGES_VERIFY_DOCUMENT_DIGEST_H_

#include <string>
#include <vector>

#include "io/range_checksum.h"
#include "stages/map_documents.h"

namespace migrate::stages {

struct DocumentDigest {
  // "source_document -> destination_document", or the one name when both are the same.
  std::string title;
  io::DigestSpec source;
  io::DigestSpec destination;
  // The columns left out because a handler touches them (destination names).
  std::vector<std::string> transformed;
  // The compared columns whose types differ, as "column (source type / destination type)".
  std::vector<std::string> normalised;
};

DocumentDigest BuildDocumentDigest(const DocumentPair& pair);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_VERIFY_DOCUMENT_DIGEST_H_

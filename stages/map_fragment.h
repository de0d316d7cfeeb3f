// Help for what the integrity check finds not mapped: map.xml rules that would map or ignore it.
//
// From a check's findings (MapDocuments, with the tables of both sides), BuildMapFragment proposes:
// - for an unmapped source document, a <rename> to an unmapped destination document with the same
//   columns (names and data types) when exactly one such pair exists and the map renames neither,
//   else an <ignore>;
// - for an unmapped destination document not reached by such a rename, an <ignore>;
// - for a source field not mapped, a <move> to the destination document's unmapped field of the
//   same data type when each is the other's only candidate, else an <ignore>;
// - for a destination field not mapped and not reached by such a move, an <ignore>.
// The XML is a whole <map> that map_rules.h's reader accepts; its rules go into the matching
// sections of the step's map file. Each choice comes with a sentence saying why. Pure: no I/O.
#ifndef MIGRATE_STAGES_MAP_FRAGMENT_H_
#define MIGRATE_STAGES_MAP_FRAGMENT_H_

#include <string>
#include <vector>

#include "stages/map_documents.h"

namespace migrate::stages {

struct MapFragment {
  // Empty when nothing is unmapped.
  std::string xml;
  // One per proposed rule, in the order of the rules.
  std::vector<std::string> explanations;
};

MapFragment BuildMapFragment(const MapDocuments& documents);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_MAP_FRAGMENT_H_

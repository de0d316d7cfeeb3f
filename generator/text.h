// Text as real Magento 1 shops hold it: product names and descriptions in English, German and
// Japanese, people and places from several countries, with multibyte UTF-8, quotes, apostrophes,
// backslashes, HTML and newlines where shop owners and customers put them.
//
// Only characters of the Basic Multilingual Plane: Magento 1 tables are utf8 (three bytes at most),
// so a real Magento 1 database cannot hold emoji. Every function draws only from the Random it is
// given.
#ifndef MIGRATE_SCRIPTS_GENERATOR_TEXT_H_
#define MIGRATE_SCRIPTS_GENERATOR_TEXT_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "generator/random.h"

namespace migrate::generator {

enum class Language { kEnglish, kGerman, kJapanese };

// "Leather Messenger Bag", "Men's 15\" Laptop Sleeve", "Ledertasche „Classic“ – Größe L", "本革 ビジネスバッグ".
std::string ProductName(Random& random, Language language);

// One sentence of shop prose.
std::string Sentence(Random& random, Language language);

// HTML prose of about `bytes` bytes: paragraphs, lists, quotes, a backslash now and then, and
// Windows or Unix line ends, as pasted into Magento's editor.
std::string Description(Random& random, Language language, size_t bytes);

// A URL key from text: lowercase ASCII letters and digits joined by dashes ("mens-15-laptop-sleeve").
std::string UrlKey(absl::string_view text);

struct PersonName {
  std::string prefix;  // often empty
  std::string first;
  std::string middle;  // often empty
  std::string last;
};
PersonName Person(Random& random);

// An address in one of the shop's countries.
struct PostalAddress {
  std::string country_id;  // ISO 3166-1 alpha-2, as Magento stores it
  std::string region;      // free text; empty when the country has region ids
  int region_id = 0;       // directory_country_region id, 0 when none
  std::string city;
  std::string postcode;
  std::string street;  // one or two lines joined by "\n", as Magento 1 stores them
  std::string telephone;
  std::string company;  // often empty
};
PostalAddress Address(Random& random);

// An e-mail address for a person, unique by `unique_number`.
std::string Email(const PersonName& name, uint64_t unique_number, Random& random);

// A short review title and text, sometimes with HTML entities, quotes and line breaks.
std::string ReviewTitle(Random& random, Language language);
std::string ReviewText(Random& random, Language language);

// A 32-character lowercase hex string (tokens, confirm codes, hashes).
std::string Hex32(Random& random);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_TEXT_H_

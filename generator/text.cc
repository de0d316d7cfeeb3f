#include "generator/text.h"

#include <cstdint>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"

namespace migrate::generator {
namespace {

using Words = absl::Span<const absl::string_view>;

absl::string_view Pick(Random& random, Words words) { return words[random.Below(words.size())]; }

constexpr absl::string_view kEnglishAdjectives[] = {
    "Classic",     "Vintage", "Premium", "Slim",  "Waterproof", "Organic",   "Handmade", "Compact", "Deluxe",
    "Lightweight", "Men's",   "Women's", "Kids'", "Heavy-Duty", "Ergonomic", "Wireless", "Rustic",  "Modern"};
constexpr absl::string_view kEnglishMaterials[] = {"Leather", "Cotton",  "Oak",    "Stainless Steel", "Bamboo",
                                                   "Wool",    "Ceramic", "Canvas", "Aluminium",       "Linen",
                                                   "Walnut",  "Silk",    "Glass",  "Carbon"};
constexpr absl::string_view kEnglishNouns[] = {
    "Messenger Bag", "T-Shirt",    "Coffee Table",  "Water Bottle", "Backpack",      "Desk Lamp",  "Sneakers",
    "Wristwatch",    "Headphones", "Cutting Board", "Scarf",        "Wallet",        "Phone Case", "Notebook",
    "Chair",         "Sunglasses", "Teapot",        "Blanket",      "Laptop Sleeve", "Jacket"};
constexpr absl::string_view kEnglishSuffixes[] = {"",
                                                  "",
                                                  "",
                                                  "",
                                                  " - 15\" Edition",
                                                  " (2-Pack)",
                                                  " \"Limited\"",
                                                  " XL",
                                                  " w/ Strap",
                                                  " 100% Cotton",
                                                  " \\ Black",
                                                  " – Set of 4",
                                                  " No. 5"};

constexpr absl::string_view kGermanAdjectives[] = {"Klassische", "Große",      "Wasserdichte", "Handgefertigte",
                                                   "Weiße",      "Grüne",      "Süße",         "Schöne",
                                                   "Praktische", "Gemütliche", "Hochwertige"};
constexpr absl::string_view kGermanNouns[] = {"Ledertasche", "Kaffeemühle", "Schreibtischlampe", "Trinkflasche",
                                              "Wolldecke",   "Brotdose",    "Geldbörse",         "Schürze",
                                              "Teekanne",    "Rucksack",    "Küchenwaage",       "Hängematte"};
constexpr absl::string_view kGermanSuffixes[] = {"",           "",
                                                 "",           " „Classic“",
                                                 " – Größe L", " für Groß & Klein",
                                                 " (Öko)",     " aus Bayern",
                                                 " 0,5 l",     " mit Schloss",
                                                 " \"Müller\""};

constexpr absl::string_view kJapaneseAdjectives[] = {"本革",   "高級", "防水", "手作り", "軽量",
                                                     "北欧風", "和風", "限定", "新作",   "人気"};
constexpr absl::string_view kJapaneseNouns[] = {"ビジネスバッグ", "マグカップ",           "腕時計", "リュックサック",
                                                "財布",           "ヘッドホン",           "急須",   "ブランケット",
                                                "スニーカー",     "ノートパソコンケース", "傘"};
constexpr absl::string_view kJapaneseSuffixes[] = {"", "", "（黒）", "【送料無料】", " Lサイズ", "・セット"};

constexpr absl::string_view kEnglishSentences[] = {
    "Made from responsibly sourced materials and built to last for years.",
    "Our customers' favourite: it's the one they \"can't live without\".",
    "Fits a 15\" laptop, a water bottle & everything else you need.",
    "Machine washable at 30 °C; do not tumble dry.",
    "Each piece is unique – small variations in colour are part of its charm.",
    "Backed by our 2-year warranty, no questions asked.",
    "Ships in recyclable packaging within 24 hours.",
    "Tip: use a soft cloth (not a brush!) to keep the finish like new.",
    "Compatible with most standard mounts; see the manual at C:\\Docs\\manual.pdf.",
    "Rated 4.8/5 by over 1,200 happy customers."};
constexpr absl::string_view kGermanSentences[] = {
    "Hergestellt in Deutschland aus nachhaltigen Materialien.",
    "Unser Bestseller: „Einfach großartig!“, sagen unsere Kunden.",
    "Bei 30 °C waschbar – bitte nicht in den Trockner.",
    "Jedes Stück ist ein Unikat; kleine Farbabweichungen sind gewollt.",
    "Lieferung innerhalb von 2–3 Werktagen, versandkostenfrei ab 50 €.",
    "Größe und Gewicht: siehe Tabelle unten.",
    "Pflegehinweis: nur mit einem weichen Tuch reinigen, nicht scheuern."};
constexpr absl::string_view kJapaneseSentences[] = {"職人が一つ一つ丁寧に仕上げました。",
                                                    "軽くて丈夫、毎日の通勤に最適です。",
                                                    "お手入れは柔らかい布で拭いてください。",
                                                    "「とても使いやすい」とお客様に大好評です。",
                                                    "ギフトにもおすすめです。送料無料でお届けします。",
                                                    "サイズ：幅３０cm × 高さ２０cm × 奥行き１０cm"};

constexpr absl::string_view kPrefixes[] = {"Mr.", "Mrs.", "Ms.", "Dr.", "Herr", "Frau"};
constexpr absl::string_view kFirstNames[] = {"James",  "Mary",  "John", "Patricia", "Robert",  "Jennifer",  "Michael",
                                             "Linda",  "José",  "Zoë",  "Björn",    "Jürgen",  "Anaïs",     "François",
                                             "Łukasz", "Søren", "Siân", "Renée",    "Chloé",   "Jörg",      "Müge",
                                             "Ángel",  "太郎",  "花子", "Yuki",     "Hiroshi", "Aiko",      "Mohammed",
                                             "Fatima", "Olga",  "Ivan", "Émilie",   "Nuño",    "Ana-María", "D'Arcy"};
constexpr absl::string_view kMiddleNames[] = {"A.", "J.", "Marie", "Lee", "von", "de la"};
constexpr absl::string_view kLastNames[] = {
    "Smith", "Johnson", "Williams", "Brown", "O'Brien",      "O'Neil",    "D'Angelo",    "Müller",   "Schröder",
    "Groß",  "Weiß",    "Lefèvre",  "Núñez", "García",       "Kowalczyk", "Østergaard",  "Nakamura", "山田",
    "佐藤",  "鈴木",    "Dvořák",   "Şahin", "Van der Berg", "McDonald",  "Smith-Jones", "Björklund"};

struct CountryPlaces {
  absl::string_view country_id;
  absl::Span<const absl::string_view> cities;
  absl::Span<const absl::string_view> streets;
  // Region names and their directory_country_region ids; ids are 0 where Magento has none.
  absl::Span<const absl::string_view> regions;
  absl::Span<const int> region_ids;
  absl::string_view phone_prefix;
  int postcode_digits;
};

constexpr absl::string_view kUsCities[] = {"New York", "Los Angeles", "Austin", "San Francisco", "Boston"};
constexpr absl::string_view kUsStreets[] = {"Main St", "Broadway", "Elm Street", "5th Avenue", "Sunset Blvd"};
constexpr absl::string_view kUsRegions[] = {"New York", "California", "Texas", "California", "Massachusetts"};
constexpr int kUsRegionIds[] = {43, 12, 57, 12, 32};
constexpr absl::string_view kDeCities[] = {"München", "Köln", "Düsseldorf", "Berlin", "Nürnberg", "Würzburg"};
constexpr absl::string_view kDeStreets[] = {"Hauptstraße", "Königsallee",  "Schloßstraße",
                                            "Bahnhofstr.", "Müllerstraße", "Am Würmkanal"};
constexpr absl::string_view kDeRegions[] = {"Bayern", "Nordrhein-Westfalen", "Nordrhein-Westfalen", "Berlin", "Bayern",
                                            "Bayern"};
constexpr int kDeRegionIds[] = {81, 88, 88, 82, 81, 81};
constexpr absl::string_view kGbCities[] = {"London", "Manchester", "Edinburgh", "Cardiff"};
constexpr absl::string_view kGbStreets[] = {"High Street", "King's Road", "Baker Street", "Queen's Gate"};
constexpr absl::string_view kGbRegions[] = {"Greater London", "", "Midlothian", ""};
constexpr int kGbRegionIds[] = {0, 0, 0, 0};
constexpr absl::string_view kJpCities[] = {"東京", "大阪", "京都", "札幌", "福岡"};
constexpr absl::string_view kJpStreets[] = {"千代田区丸の内1-1-1", "北区梅田3丁目", "中京区河原町通", "中央区北1条西",
                                            "博多区博多駅前2-2"};
constexpr absl::string_view kJpRegions[] = {"東京都", "大阪府", "京都府", "北海道", "福岡県"};
constexpr int kJpRegionIds[] = {0, 0, 0, 0, 0};
constexpr absl::string_view kFrCities[] = {"Paris", "Lyon", "Besançon", "Orléans", "Saint-Étienne"};
constexpr absl::string_view kFrStreets[] = {"rue de l'Église", "avenue des Champs-Élysées", "boulevard Saint-Michel",
                                            "place de la Bourse", "quai d'Orsay"};
constexpr absl::string_view kFrRegions[] = {"", "", "", "", ""};
constexpr int kFrRegionIds[] = {0, 0, 0, 0, 0};

const CountryPlaces kCountries[] = {
    {"US", kUsCities, kUsStreets, kUsRegions, kUsRegionIds, "+1 ", 5},
    {"US", kUsCities, kUsStreets, kUsRegions, kUsRegionIds, "(555) ", 5},
    {"DE", kDeCities, kDeStreets, kDeRegions, kDeRegionIds, "+49 ", 5},
    {"DE", kDeCities, kDeStreets, kDeRegions, kDeRegionIds, "0", 5},
    {"GB", kGbCities, kGbStreets, kGbRegions, kGbRegionIds, "+44 ", 0},
    {"JP", kJpCities, kJpStreets, kJpRegions, kJpRegionIds, "03-", 7},
    {"FR", kFrCities, kFrStreets, kFrRegions, kFrRegionIds, "+33 ", 5},
};

constexpr absl::string_view kCompanies[] = {"Acme Corp.",       "Müller & Söhne GmbH",   "O'Reilly Media",
                                            "株式会社山田商事", "Smith \\ Partners LLP", "Café \"Zur Post\"",
                                            "Société Générale"};

constexpr absl::string_view kEnglishReviewTitles[] = {
    "Love it!", "Not what I expected", "Great value",           "Five stars ★★★★★",
    "Meh...",   "Perfect gift",        "Broke after a week :(", "\"Exactly as described\""};
constexpr absl::string_view kGermanReviewTitles[] = {"Super!", "Nicht schlecht", "Hält, was es verspricht",
                                                     "Leider zu groß", "Schöne Qualität"};
constexpr absl::string_view kJapaneseReviewTitles[] = {"最高です", "まあまあ", "リピートします", "期待外れ"};

Words Sentences(Language language) {
  switch (language) {
    case Language::kGerman:
      return kGermanSentences;
    case Language::kJapanese:
      return kJapaneseSentences;
    case Language::kEnglish:
      break;
  }
  return kEnglishSentences;
}

void AppendDigits(std::string& out, Random& random, int count) {
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + random.Below(10)));
}

}  // namespace

std::string ProductName(Random& random, Language language) {
  switch (language) {
    case Language::kGerman:
      return absl::StrCat(Pick(random, kGermanAdjectives), " ", Pick(random, kGermanNouns),
                          Pick(random, kGermanSuffixes));
    case Language::kJapanese:
      return absl::StrCat(Pick(random, kJapaneseAdjectives), " ", Pick(random, kJapaneseNouns),
                          Pick(random, kJapaneseSuffixes));
    case Language::kEnglish:
      break;
  }
  return absl::StrCat(Pick(random, kEnglishAdjectives), " ", Pick(random, kEnglishMaterials), " ",
                      Pick(random, kEnglishNouns), Pick(random, kEnglishSuffixes));
}

std::string Sentence(Random& random, Language language) { return std::string(Pick(random, Sentences(language))); }

std::string Description(Random& random, Language language, size_t bytes) {
  const absl::string_view line_end = random.Percent(30) ? "\r\n" : "\n";
  std::string html;
  while (html.size() < bytes) {
    if (random.Percent(20)) {
      absl::StrAppend(&html, "<ul>", line_end);
      for (int i = static_cast<int>(random.Between(2, 4)); i > 0; --i) {
        absl::StrAppend(&html, "  <li>", Pick(random, Sentences(language)), "</li>", line_end);
      }
      absl::StrAppend(&html, "</ul>", line_end);
      continue;
    }
    html += "<p>";
    for (int i = static_cast<int>(random.Between(2, 5)); i > 0; --i) {
      absl::StrAppend(&html, Pick(random, Sentences(language)), i > 1 ? " " : "");
    }
    absl::StrAppend(&html, "</p>", line_end);
    if (random.Percent(5))
      absl::StrAppend(&html, "<p class=\"note\">Art.-Nr. 12\\34 – \"Sale\" 'ends' soon</p>", line_end);
  }
  return html;
}

std::string UrlKey(absl::string_view text) {
  std::string key;
  bool dash = false;
  for (char c : text) {
    if (absl::ascii_isalnum(c)) {
      if (dash && !key.empty()) key.push_back('-');
      key.push_back(absl::ascii_tolower(c));
      dash = false;
    } else {
      dash = true;
    }
  }
  return key.empty() ? "item" : key;
}

PersonName Person(Random& random) {
  PersonName name;
  if (random.Percent(15)) name.prefix = std::string(Pick(random, kPrefixes));
  name.first = std::string(Pick(random, kFirstNames));
  if (random.Percent(10)) name.middle = std::string(Pick(random, kMiddleNames));
  name.last = std::string(Pick(random, kLastNames));
  return name;
}

PostalAddress Address(Random& random) {
  const CountryPlaces& country = kCountries[random.Below(std::size(kCountries))];
  const size_t city = random.Below(country.cities.size());
  PostalAddress address;
  address.country_id = std::string(country.country_id);
  address.city = std::string(country.cities[city]);
  address.region_id = country.region_ids[city];
  if (address.region_id == 0) address.region = std::string(country.regions[city]);
  if (country.postcode_digits == 0) {
    address.postcode = absl::StrCat("SW", random.Between(1, 20), " ", random.Between(1, 9), "AA");
  } else if (country.postcode_digits == 7) {
    address.postcode = absl::StrCat(random.Between(100, 999), "-", random.Between(1000, 9999));
  } else {
    AppendDigits(address.postcode, random, country.postcode_digits);
  }
  address.street = absl::StrCat(random.Between(1, 250), " ", country.streets[random.Below(country.streets.size())]);
  if (random.Percent(20))
    absl::StrAppend(&address.street, "\n", random.Percent(50) ? "Apt. " : "c/o ", random.Between(1, 40));
  address.telephone = std::string(country.phone_prefix);
  AppendDigits(address.telephone, random, 3);
  address.telephone.push_back(' ');
  AppendDigits(address.telephone, random, 6);
  if (random.Percent(15)) address.company = std::string(Pick(random, kCompanies));
  return address;
}

std::string Email(const PersonName& name, uint64_t unique_number, Random& random) {
  std::string local = UrlKey(absl::StrCat(name.first, " ", name.last));
  for (char& c : local) {
    if (c == '-') c = '.';
  }
  if (random.Percent(10)) local = absl::StrCat(local, "+shop");
  constexpr absl::string_view kDomains[] = {"example.com", "example.org", "mail.example.de", "example.co.jp"};
  return absl::StrCat(local, ".", unique_number, "@", Pick(random, kDomains));
}

std::string ReviewTitle(Random& random, Language language) {
  switch (language) {
    case Language::kGerman:
      return std::string(Pick(random, kGermanReviewTitles));
    case Language::kJapanese:
      return std::string(Pick(random, kJapaneseReviewTitles));
    case Language::kEnglish:
      break;
  }
  return std::string(Pick(random, kEnglishReviewTitles));
}

std::string ReviewText(Random& random, Language language) {
  std::string text = Sentence(random, language);
  for (int i = static_cast<int>(random.Between(0, 3)); i > 0; --i) {
    absl::StrAppend(&text, random.Percent(30) ? "\n\n" : " ", Sentence(random, language));
  }
  if (random.Percent(10)) text += " &lt;3 \\o/";
  return text;
}

std::string Hex32(Random& random) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string hex(32, '0');
  for (char& c : hex) c = kHex[random.Below(16)];
  return hex;
}

}  // namespace migrate::generator

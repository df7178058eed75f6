// Names the lexicon does not know: where a run of capitals begins and ends,
// what its words and cue words say it is (Classify), and, for those still
// untyped, what the analysis (tags and tree) says, or later the relation
// frame that reads them.
#include <algorithm>
#include <cctype>
#include <functional>

#include "base/base.h"
#include "ingest/entities.h"

namespace kg {

namespace {

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool HasAlpha(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}
}  // namespace

std::string JoinTokens(const std::vector<Token>& t, size_t a, size_t b) {
  std::string out;
  for (size_t k = a; k < b; ++k)
    out += (k > a && t[k].begin > t[k - 1].end ? " " : "") + t[k].text;
  return out;
}

// Letters, with hyphens, apostrophes, stops and non-ASCII letters.
bool AllAlpha(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalpha(c) || c == '-' || c == '\'' || c == '.' || c >= 0x80;
  });
}
// "H800", "MI308", "910B", "A100", "GPT-4o": letters and digits together.
bool IsProductShape(std::string_view s) {
  bool decade = s.size() >= 4 && (s.back() == 's' || s.back() == 'S') &&
                std::all_of(s.begin(), s.end() - 1, ::isdigit);  // "1990s"
  bool ordinal = s.ends_with("th") || s.ends_with("st") || s.ends_with("nd") ||
                 s.ends_with("rd");  // "19th", "21st"
  bool unit = s.ends_with("nm") || s.ends_with("bn") || s.ends_with("m") ||
              s.ends_with("gb") || s.ends_with("kg");  // "7nm", "5bn"
  // "10-nanometre", "5-year": a number with a unit word, not a name.
  size_t dash = s.find('-');
  bool measure = std::isdigit(static_cast<unsigned char>(s[0])) &&
                 dash != std::string_view::npos && s.size() - dash > 3;
  // "US$300", "HK$5bn", "€20m": money, not a model number.
  bool money = s.find('$') != std::string_view::npos ||
               s.find("\u20ac") != std::string_view::npos ||
               s.find("\u00a3") != std::string_view::npos ||
               s.find("\u00a5") != std::string_view::npos;
  return s.size() >= 3 && s.size() <= 12 && HasDigit(s) && HasAlpha(s) && !decade &&
         !measure && !money &&
         !(std::isdigit(static_cast<unsigned char>(s[0])) && (ordinal || unit));
}

// "6th", "21st", "101st".
bool IsOrdinal(std::string_view s) {
  if (s.size() < 3 || !std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  std::string_view end = s.substr(s.size() - 2);
  if (end != "st" && end != "nd" && end != "rd" && end != "th") return false;
  return std::all_of(s.begin(), s.end() - 2, ::isdigit);
}

// The end of a run of capitalised words from `j` that the lexicon does not
// know, with connectors inside ("Bank of America"). Days, months and other
// capitalised non-names end a run.
size_t MentionFinder::NameRunEnd(const std::vector<Token>& t, size_t j) const {
  auto name_word = [&](size_t k) {
    return t[k].word && t[k].capitalized && !cues_.not_name.count(t[k].lower) &&
           lex_.LongestAt(t, k).length == 0;
  };
  const size_t start = j;
  while (j < t.size()) {
    if (name_word(j)) {
      ++j;
    } else if (t[j].lower == "," && ListInName(t, start, j, name_word)) {
      // "Ministry of Economy, Trade and Industry": one name.
      while (t[j].lower != "and") ++j;
      j += 2;
    } else if (cues_.connector.count(t[j].lower) && j + 1 < t.size() &&
               name_word(j + 1)) {
      j += 2;
    } else if (cues_.connector.count(t[j].lower) && j + 2 < t.size() &&
               (t[j + 1].lower == "the" || t[j + 1].lower == "a") && name_word(j + 2)) {
      j += 3;  // "Council for the Promotion of ...", "Ministry of the Interior"
    } else {
      break;
    }
  }
  return j;
}

// Whether the comma at `comma` goes on with a list that ends the name begun
// at `start`: the name so far is "Ministry of X" (an organisation's word and
// "of"), and after the comma come single capitalised words separated by
// commas, then "and" and one more ("..., Trade and Industry").
bool MentionFinder::ListInName(const std::vector<Token>& t, size_t start, size_t comma,
                               const std::function<bool(size_t)>& name_word) const {
  bool of = false;  // `start` may be the name's second word: look one back
  for (size_t k = std::max<size_t>(start, 1); k < comma; ++k)
    of |= t[k].lower == "of" && IsOrganisationSuffix(t[k - 1].lower);
  if (!of) return false;
  for (size_t k = comma + 1; k + 1 < t.size() && k < comma + 8; k += 2) {
    if (!name_word(k)) return false;
    if (t[k + 1].lower == "and") return k + 2 < t.size() && name_word(k + 2);
    if (t[k + 1].lower != ",") return false;
  }
  return false;
}

// Whether tokens [a, b) are shaped like a person's name: two to four words,
// the first a common given name or one inside an initial ("Roger K. Crouch").
bool MentionFinder::PersonShaped(const std::vector<Token>& t, size_t a, size_t b) const {
  auto initial = [&](size_t k) {
    const std::string& w = t[k].text;
    return w.size() == 2 && w[0] >= 'A' && w[0] <= 'Z' && w[1] == '.';
  };
  if (b - a < 2 || b - a > 4 || initial(b - 1) || !AllAlpha(t[b - 1].text)) return false;
  bool inner_initial = false;
  for (size_t k = a; k < b; ++k) {
    if (!AllAlpha(t[k].text) && !initial(k)) return false;
    if (k > a && initial(k)) inner_initial = true;
  }
  return inner_initial || cues_.given_name.count(t[a].lower) > 0;
}

// The end of the first name in the run [a, end): a connector joins two
// names, not one, after a person's name ("Roger K. Crouch of NASA") and
// before one ("the European Space Agency and Roger K. Crouch").
size_t MentionFinder::FirstName(const std::vector<Token>& t, size_t a, size_t end) const {
  size_t first = a;  // "Dr. Helen Ortiz of ...": the name after its title
  while (first + 1 < end && cues_.person_cue.count(t[first].lower)) ++first;
  for (size_t c = a + 1; c + 1 < end; ++c) {
    // "the Soviet Navy Nikolai Kuznetsov", "Black Sea Fleet Commander
    // Eduard Baltin": an organisation's last word, then a person.
    if (c > first && IsOrganisationSuffix(t[c - 1].lower) &&
        (cues_.person_cue.count(t[c].lower) || PersonShaped(t, c, end)))
      return c;
    if (!cues_.connector.count(t[c].lower)) continue;
    if (PersonShaped(t, first, c)) return c;
    // "Pittsburgh-Corning Corp. of Pittsburgh": a company, then where it is
    // (but "the University of Michigan", "the Art Institute of Chicago").
    if ((t[c].lower == "of" || t[c].lower == "in") &&
        (cues_.company_suffix.count(t[c - 1].lower) > 0) &&
        (cues_.place_country.count(AsciiLower(JoinTokens(t, c + 1, end))) ||
         lex_.LongestAt(t, c + 1).length == static_cast<int>(end - c - 1)))
      return c;
    // "Queens College of the City University ...": two organisations, each
    // with its own last word; but "Council for the Promotion of ...".
    if (c + 2 < end && (t[c + 1].lower == "the" || t[c + 1].lower == "a") &&
        IsOrganisationSuffix(t[c - 1].lower)) {
      size_t next = c + 2;
      while (next < end && !cues_.connector.count(t[next].lower)) ++next;
      if (IsOrganisationSuffix(t[next - 1].lower)) return c;
    }
    // "the Internal Revenue Service and Manufacturers Hanover Trust Co.":
    // "and" joins words into one name ("Procter and Gamble", "Bureau of
    // Industry and Security", "Food Safety and Inspection Service"); after
    // a name of two words or more that ends as organisations do, it starts
    // a second name.
    if (t[c].lower == "and") {
      size_t segment = c;
      while (segment > first && !cues_.connector.count(t[segment - 1].lower)) --segment;
      if (c - segment >= 2 && IsOrganisationSuffix(t[c - 1].lower)) return c;
      // "Arizona and Ohio": a place names.tsv knows, then another name.
      if (segment == first &&
          cues_.place_country.count(AsciiLower(JoinTokens(t, first, c))))
        return c;
    }
    // "Yangtze River Storage and Changxin Storage": two names alike.
    if (t[c].lower == "and" && c - a >= 2 && end - c >= 3 &&
        t[c - 1].lower == t[end - 1].lower)
      return c;
    if (t[c].lower == "and" && (cues_.given_name.count(t[c + 1].lower) ||
                                (c + 3 < end && PersonShaped(t, c + 1, c + 4)) ||
                                (c + 2 < end && PersonShaped(t, c + 1, c + 3))))
      return c;
  }
  return end;
}

bool MentionFinder::NamesOrganisation(const std::vector<Token>& t, size_t a,
                                      size_t b) const {
  for (size_t k = a; k < b; ++k)
    if (IsOrganisationSuffix(t[k].lower)) return true;
  return false;
}

bool MentionFinder::IsOrganisationSuffix(std::string w) const {
  if (!w.empty() && w.back() == '.') w.pop_back();
  return cues_.company_suffix.count(w) || cues_.organization_suffix.count(w) ||
         cues_.government_suffix.count(w);
}

// A run of capitalised tokens [a, b) that the lexicon does not know.
std::optional<SurfaceMention> MentionFinder::Classify(const std::vector<Token>& t,
                                                      size_t a, size_t b, size_t si,
                                                      bool whole) {
  // "New York", "New Delhi": a place whose first word is no name alone.
  if (b - a >= 2 && cues_.not_name.count(t[a].lower) &&
      cues_.place_country.count(AsciiLower(JoinTokens(t, a, b))))
    return SurfaceMention{a, b, NameUnknown(t, a, b, "Place", si), false, false};
  // Title and role words at the front are cues, not part of the name.
  bool person_cue = a > 0 && cues_.person_cue.count(t[a - 1].lower);
  while (a < b && !whole &&
         (cues_.person_cue.count(t[a].lower) || cues_.not_name.count(t[a].lower))) {
    if (cues_.person_cue.count(t[a].lower)) person_cue = true;
    ++a;
  }
  while (b > a && cues_.connector.count(t[b - 1].lower)) --b;
  if (a >= b) return std::nullopt;
  // "Co.", "Group", "Act" alone name nothing.
  bool all_suffixes = true;
  for (size_t k = a; k < b && all_suffixes; ++k) {
    std::string w = t[k].lower;
    if (!w.empty() && w.back() == '.') w.pop_back();
    all_suffixes =
        cues_.company_suffix.count(w) || cues_.company_suffix.count(t[k].lower) ||
        cues_.organization_suffix.count(w) || cues_.government_suffix.count(w) ||
        cues_.policy_suffix.count(w) || (b - a == 1 && cues_.place_suffix.count(w));
  }
  if (all_suffixes) return std::nullopt;
  size_t n = b - a;
  const std::string name = JoinTokens(t, a, b);
  const std::string& last = t[b - 1].lower;
  std::string prev = a > 0 ? t[a - 1].lower : "";
  std::string prev2 = a > 1 ? t[a - 2].lower : "";
  bool sentence_start = a == 0 || (a == 1 && !t[0].word);

  auto make = [&](const std::string& type, bool confident) {
    int id = EntityFor(name, type, confident, EntitySpan::Source::kOpenName);
    entities_.Remember(id, si);
    if (type == "Person") entities_.NoteSurname(name, id);
    return SurfaceMention{a, b, id, false, false};
  };

  // A known name with a typo, as careless translation and OCR leave them.
  if (int e = lex_.FuzzyFind(name); e >= 0) {
    const Lexicon::Entry& entry = lex_.entry(e);
    int id = EntityFor(entry.canonical, entry.type, true);
    entities_.Remember(id, si);
    return SurfaceMention{a, b, id, false, false};
  }
  // A name typed earlier in the article ("Square Enix is a Japanese
  // company. Square Enix has owned Taito ...").
  if (int id = entities_.Find(name); id >= 0 && !entities_[id].type.empty()) {
    ++entities_[id].mentions;
    entities_.Remember(id, si);
    return SurfaceMention{a, b, id, false, false};
  }
  if (int id = n == 1 ? entities_.ByShortName(std::string(t[a].text)) : -1; id >= 0) {
    ++entities_[id].mentions;
    entities_.Remember(id, si);
    return SurfaceMention{a, b, id, false, false};
  }
  if (n == 1 && IsProductShape(t[a].text)) {
    std::string next = b < t.size() ? t[b].lower : "";
    bool model = next == "model" || next == "models" || t[a].lower.rfind("gpt", 0) == 0 ||
                 t[a].lower.rfind("llama", 0) == 0;
    return make(model ? "AIModel" : "Chip", true);
  }
  // "Chicago", "BANGKOK": a place names.tsv knows; kept for its facts, not
  // listed.
  if (cues_.place_country.count(AsciiLower(name)) ||
      (n >= 2 && cues_.place_suffix.count(last)))
    return make("Place", false);
  if (cues_.company_suffix.count(last) && n >= 2) return make("Company", true);
  if (cues_.government_suffix.count(last) && n >= 2) return make("GovernmentBody", true);
  if (cues_.organization_suffix.count(last) && n >= 2) return make("Organization", true);
  if (cues_.policy_suffix.count(last) && n >= 2) return make("Policy", true);
  // "Council for the Promotion of Trade", "Bank of Ayudhya": the word
  // before the first connector heads the name.
  for (size_t k = a + 1; k + 1 < b; ++k) {
    if (!cues_.connector.count(t[k].lower)) continue;
    std::string head = t[k - 1].lower;
    if (cues_.company_suffix.count(head)) return make("Company", true);
    if (cues_.government_suffix.count(head)) return make("GovernmentBody", true);
    if (cues_.organization_suffix.count(head)) return make("Organization", true);
    break;
  }

  bool alphabetic = true;
  for (size_t k = a; k < b; ++k) alphabetic &= AllAlpha(t[k].text);
  // "Roger K. Crouch", "Walter R. Mears": an initial between names; "Jeremy
  // Rifkin": a common given name first (names.tsv).
  if (PersonShaped(t, a, b)) return make("Person", true);
  // "NASA", "ETA": an acronym the lexicon does not know names an
  // organisation more often than anything else; not listed on that alone.
  if (n == 1 && t[a].text.size() >= 2 && t[a].text.size() <= 5 &&
      std::all_of(t[a].text.begin(), t[a].text.end(),
                  [](char c) { return c >= 'A' && c <= 'Z'; }) &&
      !(sentence_start && b < t.size() && t[b].lower == ","))
    return make("Organization", false);
  // ", a technology analyst for ..." after the name.
  bool apposition = false;
  if (b + 1 < t.size() && t[b].lower == ",") {
    for (size_t k = b + 1; k < std::min(t.size(), b + 6); ++k)
      if (cues_.role.count(t[k].lower)) apposition = true;
  }
  bool speech = (b < t.size() && cues_.speech_verb.count(t[b].lower)) ||
                (a > 0 && cues_.speech_verb.count(prev));
  // "Winter, 53, a former ...": an age in commas follows only people.
  bool age = b + 3 < t.size() && t[b].lower == "," && t[b + 2].lower == "," &&
             t[b + 1].text.size() <= 3 &&
             std::all_of(t[b + 1].text.begin(), t[b + 1].text.end(), ::isdigit);
  if (alphabetic && n >= 2 && n <= 4 && (person_cue || apposition || speech || age))
    return make("Person", true);
  if (alphabetic && n == 1 && !sentence_start && (age || (person_cue && speech)))
    return make("Person", false);
  // "an FDA spokeswoman", "Chevron spokesman Jonathan Lifa": an employer.
  if (b < t.size() && cues_.employee.count(t[b].lower) && (!sentence_start || n >= 2))
    return make(cues_.government_suffix.count(last) ? "GovernmentBody" : "Company",
                false);
  if (cues_.company_cue.count(prev) || (cues_.company_cue.count(prev2) && prev == ",")) {
    if (!sentence_start || n >= 2) return make("Company", true);
  }
  // "an analyst at Morningstar", "CEO of Moor Insights": an employer.
  if ((prev == "at" || prev == "for" || prev == "of" || prev == "with") &&
      (cues_.role.count(prev2) || prev2 == "analysts")) {
    return make("Company", false);
  }
  // "its V2 model", "the Kirin processors", "Mate 40 phones": a noun right
  // after the name that says what kind of product it is (cues.tsv noun).
  if (b < t.size() && !person_cue) {
    std::string next = t[b].lower;
    auto it = cues_.noun_type.find(next);
    if (it == cues_.noun_type.end() && next.size() > 3 && next.back() == 's')
      it = cues_.noun_type.find(next.substr(0, next.size() - 1));
    if (it != cues_.noun_type.end() &&
        (it->second == "AIModel" || it->second == "Chip" || it->second == "Product"))
      return make(it->second, true);
  }
  // Left for the analysis to type, if the sentence gets one.
  untyped_.emplace_back(a, b);
  return std::nullopt;
}

std::vector<SurfaceMention> MentionFinder::TypeOpenNames(const std::vector<Token>& t,
                                                         size_t si) {
  std::vector<SurfaceMention> out;
  unknown_.clear();
  for (auto [a, b] : untyped_) {
    std::string type = TypeFromAnalysis(t, a, b);
    if (type.empty()) {
      unknown_.emplace_back(a, b);
      continue;
    }
    out.push_back({a, b, NameUnknown(t, a, b, type, si)});
  }
  untyped_.clear();
  return out;
}

// The type of the name over tokens [a, b), from its tags and tree: a run of
// proper nouns whose head the tree links to a common noun that says what it
// is ("X, a Chinese startup", "X is a think tank", "startup X", "the city of
// X"), or a place where something is based ("based in X"). "" when the
// analysis says nothing.
std::string MentionFinder::TypeFromAnalysis(const std::vector<Token>& t, size_t a,
                                            size_t b) const {
  const AnnotatedSentence& s = *sentence_;
  const int wa = (*words_)[a].first, wb = (*words_)[b - 1].second;
  // A proper noun, or a run of two capitalised words or more, whatever the
  // tagger reads ("Veltra Games": an adjective and a common noun).
  if (b - a < 2 && s.words[static_cast<size_t>(wa)].upos != "PROPN") return "";
  std::string prev = a > 0 ? t[a - 1].lower : "", prev2 = a > 1 ? t[a - 2].lower : "";
  if (prev == "in" &&
      (prev2 == "based" || prev2 == "headquartered" || prev2 == "located"))
    return "Place";
  if (!s.parsed) return "";
  auto word = [&](int k) -> const AnnotatedWord& {
    return s.words[static_cast<size_t>(k)];
  };
  // The span's head: the word whose head lies outside it.
  int h = wa;
  for (int k = wa; k < wb; ++k)
    if (word(k).head < wa || word(k).head >= wb) h = k;
  auto type_of = [&](int k) -> std::string {
    auto it = cues_.noun_type.find(word(k).lemma);
    return it == cues_.noun_type.end() ? "" : it->second;
  };
  auto relation = [&](int k) { return AnnotatedSentence::Universal(word(k).deprel); };
  // "CHANDLER, Arizona --": a dateline, whatever the tree makes of it.
  bool caps = true;
  for (char c : t[a].text) caps &= !(c >= 'a' && c <= 'z');
  if (a == 0 && b - a == 1 && caps) return "";
  for (int k = 0; k < static_cast<int>(s.words.size()); ++k) {
    if (word(k).head != h || word(k).upos != "NOUN") continue;
    // "X, a Chinese startup": a noun in apposition just after the name;
    // "startup X": a noun compounded with it just before.
    bool appos = relation(k) == "appos" && k >= wb && k - wb < 8;
    bool compound = relation(k) == "compound" && k < wa && wa - k <= 2;
    if (appos || compound)
      if (std::string type = type_of(k); !type.empty()) return type;
  }
  const int up = word(h).head;
  if (up < 0) return "";
  // "X is a think tank": the name the subject of a noun with a copula.
  // "X is a video game development and publishing company": the noun or
  // one coordinated with it.
  if (relation(h) == "nsubj" && word(up).upos == "NOUN") {
    bool copula = false;
    for (const AnnotatedWord& w : s.words) copula |= w.head == up && w.deprel == "cop";
    if (copula) {
      if (std::string type = type_of(up); !type.empty()) return type;
      for (int k = up + 1; k < static_cast<int>(s.words.size()); ++k)
        if (word(k).head == up && relation(k) == "conj" && word(k).upos == "NOUN")
          if (std::string type = type_of(k); !type.empty()) return type;
      return "";
    }
  }
  // "the city of X": a place noun the name hangs from.
  if (relation(h) == "nmod" && type_of(up) == "Place") return "Place";
  return "";
}

int MentionFinder::NameUnknown(const std::vector<Token>& t, size_t a, size_t b,
                               const std::string& type, size_t si) {
  const std::string name = JoinTokens(t, a, b);
  // Places are kept for their facts but not listed: gold written before
  // the Place type names none.
  int id = EntityFor(name, type, type != "Place", EntitySpan::Source::kOpenName);
  entities_.Remember(id, si);
  if (type == "Person") entities_.NoteSurname(name, id);
  return id;
}

}  // namespace kg

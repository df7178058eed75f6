// The names the cue words could not type, typed from the analysis (tags and
// tree) or, later, by the relation frame that reads them.
#include "base/base.h"
#include "ingest/entities.h"

namespace kg {

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
    std::string name;
    for (size_t k = a; k < b; ++k) name += (k > a ? " " : "") + t[k].text;
    // Places are kept for their facts but not listed: gold written before
    // the Place type names none.
    int id = EntityFor(name, type, type != "Place", EntitySpan::Source::kOpenName);
    entities_.Remember(id, si);
    if (type == "Person") entities_.NoteSurname(name, id);
    out.push_back({a, b, id});
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
  std::string name;
  for (size_t k = a; k < b; ++k) name += (k > a ? " " : "") + t[k].text;
  int id = EntityFor(name, type, type != "Place", EntitySpan::Source::kOpenName);
  entities_.Remember(id, si);
  if (type == "Person") entities_.NoteSurname(name, id);
  return id;
}

}  // namespace kg

// Internal to ingest/: relation patterns (ingest/data/patterns.tsv) and their
// matcher over a sentence of units (entity mentions and plain tokens).
#ifndef KG_INGEST_PATTERNS_H_
#define KG_INGEST_PATTERNS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kg {

// One sentence as the matcher sees it: each entity mention is one unit.
struct Unit {
  std::string lower;  // a token's lower-case text; "" for an entity
  int entity = -1;    // index into the document's entities, or -1
  std::string type;   // the entity's type
  std::string name;   // the entity's canonical name
  bool demonym = false;
};

struct PatternMatch {
  static constexpr size_t kFixed = static_cast<size_t>(-2);
  int pattern = -1;
  size_t subject = 0, object = 0;  // unit indices of the S and O slots, or
                                   // kFixed for a fixed slot (see fixed())
  size_t begin = 0, end = 0;       // units covered
  size_t trigger = 0;              // the first literal word (for negation scope)
};

class Patterns {
 public:
  // Lines: PREDICATE<TAB>CONFIDENCE<TAB>PATTERN; '#' comments. Pattern
  // elements, space-separated:
  //   S, O           the subject and object slots; S:Company,Person limits the
  //                  types; S@adj only a demonym ("Chinese"), S@name never one
  //   word|word      one token, any of the alternatives (lower case)
  //   word?          an optional element (also alternatives: a|an|the?)
  //   *  *N          a gap of 0..3 (0..N) plain tokens, none an entity or a
  //                  comma (a comma usually ends the clause)
  //   !word|word     the next unit is not one of these (consumes nothing)
  //   **N            a gap of 0..N units that may cross entities
  //   ~N             a gap of 0..N plain modifier words (no function words,
  //                  no commas): "U.S. ~2 makers" takes "equipment"
  //   =Name          an entity unit with that canonical name (=Entity_List)
  //   S~Type         a slot filled by the article's most salient entity of
  //                  that type, consuming no token: the agent of an agentless
  //                  passive ("SK Hynix was granted $458 million")
  //   S=Name  O=Name a slot filled by a fixed lexicon entity, consuming no
  //                  token ("commerce secretary" -> O=Commerce_Department;
  //                  underscores stand for spaces)
  // Throws Error("NAME:LINE: ...") on a malformed line.
  void Load(std::string_view tsv, const std::string& name);

  // Every match of every pattern in `units`, leftmost-longest per pattern and
  // start position.
  std::vector<PatternMatch> Match(const std::vector<Unit>& units) const;

  const std::string& predicate(int p) const { return patterns_[p].predicate; }
  // The fixed entity of a pattern's S or O slot ("" when not fixed).
  const std::string& fixed_subject(int p) const { return patterns_[p].fixed_s; }
  const std::string& fixed_object(int p) const { return patterns_[p].fixed_o; }
  // The type of a salient S slot ("" when the subject is not salient).
  const std::string& salient_subject(int p) const { return patterns_[p].salient_s; }
  double confidence(int p) const { return patterns_[p].confidence; }
  size_t size() const { return patterns_.size(); }

  static const Patterns& Bundled();

 private:
  struct Element {
    enum Kind { kSlotS, kSlotO, kWord, kGap, kEntity, kNot } kind;
    std::vector<std::string> words;  // alternatives, or slot types
    bool optional = false;
    int max_gap = 3;
    bool cross = false;           // a gap that may cross entities
    bool modifiers_only = false;  // a "~" gap: no function words
    int adj = 0;                  // slots: 1 demonym only, -1 never a demonym
  };
  struct Pattern {
    std::string predicate;
    double confidence;
    std::vector<Element> elements;
    std::string fixed_s, fixed_o, salient_s;
    // One word of these must occur in a sentence for the pattern to match
    // (the alternatives of its first required word); empty: no such word.
    std::vector<std::string> anchors;
  };
  bool MatchFrom(const Pattern& p, size_t e, const std::vector<Unit>& units, size_t u,
                 PatternMatch& m) const;

  std::vector<Pattern> patterns_;
  // Anchor word -> the patterns it anchors; patterns with no anchor.
  std::unordered_map<std::string, std::vector<int>> by_anchor_;
  std::vector<int> unanchored_;
};

}  // namespace kg

#endif  // KG_INGEST_PATTERNS_H_

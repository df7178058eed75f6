// Internal to ingest/: the entities of one document and their mentions,
// sentence by sentence: names the lexicon knows, names it does not (typed
// from cue words, shapes and the analysis), and references back to names
// ("the company", "its", "she").
#ifndef KG_INGEST_ENTITIES_H_
#define KG_INGEST_ENTITIES_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/cues.h"
#include "ingest/lexicon.h"
#include "ingest/nlp/annotation.h"
#include "ingest/text.h"

namespace kg {

// The entities a document has named so far, with what makes one salient.
class DocumentEntities {
 public:
  struct Entity {
    std::string name, type;
    int mentions = 0;
    bool confident = false;  // from the lexicon or a strong cue: worth listing
    EntitySpan::Source source = EntitySpan::Source::kLexicon;
  };
  // The entity called `name`, added when new; counts one mention.
  int Add(const std::string& name, const std::string& type, bool confident,
          EntitySpan::Source source = EntitySpan::Source::kLexicon);
  const Entity& operator[](int e) const { return entities_[static_cast<size_t>(e)]; }
  Entity& operator[](int e) { return entities_[static_cast<size_t>(e)]; }
  const std::vector<Entity>& all() const { return entities_; }
  // The entity called `name`, or -1.
  int Find(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? -1 : it->second;
  }

  void Remember(int e, size_t sentence) { last_seen_[e] = sentence; }
  // The most salient entity of a kind ("administration" or a type) seen
  // within `window` sentences of `si`: the most mentioned, then the most
  // recent. With `country`, one not placed in another country.
  int Salient(const std::string& kind, size_t si, size_t window, int country = -1) const;
  void NoteBasedIn(int e, int country) { based_.emplace(e, country); }
  // The country a based_in fact placed e in, or -1.
  int BasedIn(int e) const {
    auto it = based_.find(e);
    return it == based_.end() ? -1 : it->second;
  }
  // Short names that stand for an entity later in the document: a person's
  // surname ("Raimondo"), an acronym given in brackets ("... Corp. (SMIC)").
  void NoteSurname(const std::string& name, int e);
  void NoteShortName(const std::string& word, int e) { short_names_[word] = e; }
  // The entity a lone short name refers to, or -1.
  int ByShortName(const std::string& word) const;
  // The two most salient entities of `type` seen within `window` sentences
  // of `si` (most mentioned, then most recent); fewer when there are not
  // two.
  std::vector<int> SalientTwo(const std::string& type, size_t si, size_t window) const;

 private:
  std::vector<Entity> entities_;
  std::unordered_map<std::string, int> by_name_;
  std::unordered_map<std::string, int> short_names_;
  std::unordered_map<int, int> based_;  // entity -> country, from based_in facts
  std::map<int, size_t> last_seen_;     // entity -> sentence of its last mention
};

// Shapes of words in names (open_names.cc): letters only ("O'Brien",
// "Jean-Luc"); a product ("H800", "910B"); an ordinal ("6th").
bool AllAlpha(std::string_view s);
// The text of tokens [a, b), one space where the article has any.
std::string JoinTokens(const std::vector<Token>& t, size_t a, size_t b);
bool IsProductShape(std::string_view s);
bool IsOrdinal(std::string_view s);

// A mention over surface tokens (see SurfaceTokens in extract.cc).
struct SurfaceMention {
  size_t begin, end;  // tokens
  int entity;
  bool demonym = false;
  bool coref = false;
  bool based = false;  // "Beijing-based": the entity, then the word "based"
  bool its = false;    // "its" read as "[Company] 's"
  int also = -1;       // "both companies": the second entity referred to
};

// A title before a known person's name that states a fact (roles.tsv).
struct Role {
  std::unordered_set<std::string> titles;
  std::string predicate, object;
};
using Roles = std::unordered_map<std::string, std::vector<Role>>;
// Throws Error("roles.tsv:LINE: ...") on a malformed line or unknown name.
Roles LoadRoles(std::string_view tsv, const Lexicon& lex);

// Finds the mentions of one document's sentences, in order: names the
// lexicon knows and references back to them here (entities.cc); names it
// does not know, where their runs of capitals begin and end and what they
// are, in open_names.cc.
class MentionFinder {
 public:
  MentionFinder(const Lexicon& lex, const Cues& cues, const Roles& roles,
                DocumentEntities& entities)
      : lex_(lex), cues_(cues), roles_(roles), entities_(entities) {}

  // The mentions in sentence `si`, whose surface tokens are `t`, its words
  // `s` (the token -> word map is `words`). Needs no tags or tree.
  std::vector<SurfaceMention> Find(const std::vector<Token>& t,
                                   const AnnotatedSentence& s,
                                   const std::vector<std::pair<int, int>>& words,
                                   size_t si);
  // After the sentence of the last Find was analysed (tags, tree): the
  // names Find could not type, typed from the analysis where it says enough
  // (new mentions, in word order).
  std::vector<SurfaceMention> TypeOpenNames(const std::vector<Token>& t, size_t si);
  // How many names the last Find left untyped.
  size_t untyped() const { return untyped_.size(); }
  // The names TypeOpenNames could not type either (token ranges): a
  // relation frame may type one from its slot ("X, an analyst at Y": X is a
  // person), and NameUnknown then makes it an entity.
  const std::vector<std::pair<size_t, size_t>>& unknown() const { return unknown_; }
  int NameUnknown(const std::vector<Token>& t, size_t a, size_t b,
                  const std::string& type, size_t si);
  // Facts stated by titles in the last sentence ("President Joe Biden").
  const std::vector<std::tuple<int, std::string, int>>& role_facts() const {
    return role_facts_;
  }

 private:
  bool DemonymReference(const std::vector<Token>& t, size_t i, size_t si,
                        std::vector<SurfaceMention>& out);
  const Lexicon::Entry* BasedCountry(const std::string& word) const;
  int BasedInCountry(const std::string& word);
  bool SplitMakerPrefix(const std::vector<Token>& t, size_t i, const Lexicon::Match& lm,
                        size_t si, std::vector<SurfaceMention>& out);
  std::optional<SurfaceMention> CapitalAsPlace(const std::vector<Token>& t, size_t i,
                                               size_t length);
  std::optional<SurfaceMention> BasedIn(const std::vector<Token>& t, size_t i);
  std::optional<SurfaceMention> Coreference(const std::vector<Token>& t, size_t i,
                                            size_t si);
  // `whole`: the name keeps its first word even when that word is no name
  // alone ("American University of Beirut").
  std::optional<SurfaceMention> Classify(const std::vector<Token>& t, size_t a, size_t b,
                                         size_t si, bool whole = false);
  size_t NameRunEnd(const std::vector<Token>& t, size_t j) const;
  bool ListInName(const std::vector<Token>& t, size_t start, size_t comma,
                  const std::function<bool(size_t)>& name_word) const;
  bool IsOrganisationSuffix(std::string word) const;
  // Whether a word of tokens [a, b) ends an organisation's name ("Agency").
  bool NamesOrganisation(const std::vector<Token>& t, size_t a, size_t b) const;
  bool PersonShaped(const std::vector<Token>& t, size_t a, size_t b) const;
  size_t FirstName(const std::vector<Token>& t, size_t a, size_t end) const;
  std::string TypeFromAnalysis(const std::vector<Token>& t, size_t a, size_t b) const;
  void NoteRole(const std::vector<Token>& t, size_t begin, const std::string& person,
                int id);
  void NoteAcronym(const std::vector<Token>& t, const SurfaceMention& m);
  int EntityFor(const std::string& name, const std::string& type, bool confident,
                EntitySpan::Source source = EntitySpan::Source::kLexicon) {
    return entities_.Add(name, type, confident, source);
  }

  const Lexicon& lex_;
  const Cues& cues_;
  const Roles& roles_;
  DocumentEntities& entities_;
  std::vector<SurfaceMention> current_;  // this sentence's mentions so far
  std::vector<std::tuple<int, std::string, int>> role_facts_;
  // The sentence being read: its analysis and the token -> word map.
  const AnnotatedSentence* sentence_ = nullptr;
  const std::vector<std::pair<int, int>>* words_ = nullptr;
  std::vector<std::pair<size_t, size_t>> untyped_;  // token ranges
  std::vector<std::pair<size_t, size_t>> unknown_;  // left untyped by the analysis
};

}  // namespace kg

#endif  // KG_INGEST_ENTITIES_H_

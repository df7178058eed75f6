// Internal to ingest/: the arguments of a word in a dependency tree, read the
// same way whatever the voice or clause. The agent of "banned" is Washington
// in "Washington banned X", "X was banned by Washington", "X, banned by
// Washington", "Washington, which banned X", "Washington moved to ban X" and
// "Washington imposed and later widened a ban on X".
#ifndef KG_INGEST_ARGUMENTS_H_
#define KG_INGEST_ARGUMENTS_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "ingest/nlp/annotation.h"

namespace kg {

// The base forms a lower-case word may be a regular inflection of, most
// likely first: "curbed" -> curb, "barred" -> bar, "eases" -> ease,
// "subsidies" -> subsidy, "banning" -> ban, "easing" -> ease. Candidates,
// not answers: the caller keeps the one it knows.
std::vector<std::string> RegularBases(const std::string& word);

class Arguments {
 public:
  // `light_verbs`: verbs whose subject is the agent of their object noun
  // ("imposed a ban", "announced restrictions"), lower-case lemmas.
  // `known`, when given, says which lemmas the caller looks for: a verb,
  // noun or adjective whose lemma is none of them but whose form is a
  // regular inflection of one ("curbed", "blacklists", "barring") gets that
  // one. The lemmatiser's rules miss words it never saw.
  //
  // `takes(pos, lemma, case)`, when given, says which verbs ('V') and nouns
  // ('N') take a phrase with which case word ("add ... to", "place ... on",
  // "curbs on"): such a phrase that the parser hung inside the verb's
  // object, below its head noun ("placed Huawei and 68 of its affiliates on
  // the Entity List"), is read as the verb's; one it hung on a verb that
  // does not take it, right after an object noun that does ("join U.S.
  // curbs on exports"), is read as the noun's. Whatever `takes` says, in "A
  // in X and B in Y" the parser's "in Y" on A is read as B's. Every relation
  // below is read through these repairs.
  //
  // `intentions`, when given, are nouns whose infinitive takes their
  // possessor as subject ("Intel's plan to invest": Intel invests).
  Arguments(const AnnotatedSentence& s,
            const std::unordered_set<std::string>& light_verbs,
            const std::function<bool(const std::string&)>& known = nullptr,
            const std::function<bool(char, std::string_view, std::string_view)>& takes =
                nullptr,
            const std::unordered_set<std::string>* intentions = nullptr);

  // Words filling a role of word w (heads of phrases; several when
  // coordinated is left to the caller). Roles: "A", "P", "D", "self", "@case"
  // (an obl or nmod child whose case word is `case`), "conjhead" (the word a
  // conjunct is coordinated with), or a UD relation name
  // (exact, with subtype) among w's children.
  std::vector<int> Fill(int w, std::string_view role) const;

  const std::vector<int>& children(int w) const { return children_[w]; }
  std::string_view rel(int w) const { return rels_[w]; }
  std::string_view upos(int w) const { return s_.words[w].upos; }
  int head(int w) const { return heads_[w]; }
  std::string_view lower_lemma(int w) const { return lemmas_[w]; }
  // The head of a name written right after common noun w, however the parser
  // hung it ("its chip unit HiSilicon", "the equipment makers Naura"), or -1;
  // -1 too when the name starts a clause of its own ("told the ministry
  // China would retaliate").
  int NameAfter(int w) const;
  // The word an apposition w renames: its head, or the last name coordinated
  // with the head before w ("killed Kennedy and wounded Connally, then the
  // Texas governor"; "Oracle, Silver Lake and MGX, an investment fund"),
  // wherever the parser hung it; -1 if w is no apposition.
  int Renamed(int w) const;
  int Child(int w, std::string_view rel) const;  // first child with that relation, or -1
  // The lemma of w's case word ("as", "of"), or "".
  std::string_view CaseOf(int w) const;
  bool IsVerb(int w) const;
  bool IsNoun(int w) const;
  // The words whose modifiers can deny w's statement: w, then the verbs that
  // control it or share its subject, and a light verb over a noun.
  std::vector<int> Clause(int w) const;

 private:
  void ReattachLowPhrases(
      const std::function<bool(char, std::string_view, std::string_view)>& takes);
  bool Passive(int w) const;
  std::vector<int> Subject(int w) const;  // nsubj or nsubj:pass, inherited
  std::vector<int> Agent(int w, int depth) const;
  std::vector<int> Patient(int w, int depth) const;
  std::vector<int> Described(int w) const;
  std::vector<int> ByCase(int w, std::string_view case_word) const;
  std::vector<int> DirectCase(int w, std::string_view case_word) const;
  bool IsRelativeWord(int w) const;

  const AnnotatedSentence& s_;
  const std::unordered_set<std::string>& light_verbs_;
  const std::unordered_set<std::string>* intentions_;
  std::vector<int> heads_;              // the parser's, repaired
  std::vector<std::string_view> rels_;  // likewise
  std::vector<std::vector<int>> children_;
  std::vector<std::string> lemmas_;  // lower case
};

}  // namespace kg

#endif  // KG_INGEST_ARGUMENTS_H_

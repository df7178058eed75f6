// Internal to ingest/: relation frames over the dependency tree, read from
// ingest/data/frames.tsv. A frame names a predicate, the trigger lemmas that
// evoke it and the paths from the trigger to its subject and object. The
// paths use voice-free roles: "A" (the agent) and "P" (the patient) are
// found the same way whether the trigger is active ("Washington banned X"),
// passive ("X was banned by Washington"), a participle ("chips designed by
// Huawei"), in a relative clause ("the firm that makes X"), coordinated
// ("developed and released X") or controlled ("forced DeepSeek to use X");
// a noun's agent is its possessor, a compounded name, a demonym or the
// subject of a light verb ("imposed a ban on X").
#ifndef KG_INGEST_FRAMES_H_
#define KG_INGEST_FRAMES_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/cues.h"
#include "ingest/nlp/annotation.h"

namespace kg {

// What a word of the sentence names: an entity of the document, or none.
struct WordEntity {
  int entity = -1;
  std::string type;
  bool demonym = false;  // "Chinese" for China
  bool coref = false;    // "it", "the company"
  int span_head = -1;    // the head word of the name the word is part of
  bool unknown = false;  // a name no one could type (entity -1)
  int also = -1;         // a second entity the word refers to ("both companies")
};

struct FrameMatch {
  int frame = -1;
  int subject = -1, object = -1;  // entities
  bool coref = false;             // an argument is a reference ("its")
  bool coordinated = false;       // an argument was reached through "and"
  int trigger = -1;               // word
};

class Frames {
 public:
  // Lines: PREDICATE<TAB>CONFIDENCE<TAB>TRIGGERS<TAB>SUBJECT<TAB>OBJECT, '#'
  // comments.
  //   TRIGGERS  V:lemma,lemma  N:lemma  A:lemma   verb, noun or adjective
  //             lemmas; lemma+word requires a child with that lemma
  //             ("N:control+export" is "export controls"); lemma~word
  //             rules out a child with that lemma ("president~vice").
  //   SUBJECT, OBJECT  PATH:Type,Type  (no types: any)
  //     PATH    alternatives joined by '|', each steps joined by '>': A, P, D (the entity
  //     a noun describes:
  //             "X, Nvidia's chief executive", "X is a unit of Y", "CEO X"),
  //             self (the trigger itself, for frames on a name: "X of Y"),
  //             head (the word the last step reached depends on),
  //             conjhead (the word a conjunct is coordinated with),
  //             @word (an obl or nmod child with that case word: @to, @on),
  //             or a UD relation (poss, compound, appos, nmod:poss...); a
  //             step may constrain the word it reaches: P[export|shipment].
  //             An alternative =Name (underscores for spaces) is a fixed
  //             lexicon entity, used when no other alternative finds one:
  //             the implied agent of "X was added to the Entity List".
  //             A path may end in ~restrictor: when it reaches a word but
  //             the slot finds no entity, the document's salient
  //             restricting government ("exports of X will require a
  //             licence": ~restrictor alone; "X was caught by the curbs":
  //             A[curb]>~restrictor).
  //   FLAGS (optional sixth column): "denied": the frame states a fact by
  //   what cannot happen ("X cannot be shipped to Y without a licence") and
  //   fires only under a negation.
  // Throws Error("NAME:LINE: ...") on a malformed line.
  Frames(std::string_view tsv, const std::string& name);
  static const Frames& Bundled();

  // Every frame that fires in a parsed sentence. `at[w]` is what word w
  // names. A frame under a negation, modal or condition (cue words read from
  // the tree) does not fire.
  // How the extractor makes entities a frame asks for.
  struct EntityMaker {
    // The entity of a fixed lexicon name (=Name in a slot) and its type.
    std::function<std::pair<int, std::string>(const std::string& name)> fixed;
    // The entity for the unknown name at word w, given the type the frame's
    // slot expects ("X, an analyst at Y": X is a Person).
    std::function<int(int w, const std::string& type)> unknown;
    // The document's salient entity in a role (~restrictor in a slot: the
    // government that has restricted most, else the salient government
    // body), or -1; asked only when the clause names no agent.
    std::function<int(const std::string& role)> salient;
    // The country a place entity lies in (names.tsv), or -1: a place fills a
    // slot for countries that takes no places ("invest in Arizona").
    std::function<int(int place)> country_of;
  };
  std::vector<FrameMatch> Match(const AnnotatedSentence& s,
                                const std::vector<WordEntity>& at, const Cues& cues,
                                const EntityMaker& make) const;

  size_t size() const { return frames_.size(); }
  const std::string& predicate(int f) const { return frames_[f].predicate; }
  double confidence(int f) const { return frames_[f].confidence; }
  // "frames.tsv:12 sanctions V:sanction" for reports.
  std::string Describe(int f) const;

 private:
  struct Step {
    std::string role;                        // "A", "P", "D", "self", "@to", "poss", ...
    std::unordered_set<std::string> lemmas;  // empty: any word
    bool exclude = false;                    // [!a|b]: any word but these
    bool Accepts(std::string_view lemma) const {
      return lemmas.empty() || (lemmas.count(std::string(lemma)) > 0) != exclude;
    }
  };
  struct Slot {
    std::vector<std::vector<Step>> paths;   // alternatives
    std::string fixed;                      // =Name: a fallback entity
    std::unordered_set<std::string> types;  // empty: any
    std::string first_type;                 // an unknown name's type here, or ""
    // The same for a name of two words or more, in a person-or-organisation
    // slot.
    std::string org_type;
    bool place_for_country = false;  // a place fills it as its country
  };
  struct Frame {
    std::string predicate, triggers_text;
    double confidence = 0;
    char pos = 'V';       // V, N, A, E (a name)
    bool denied = false;  // fires only under a negation (flag "denied")
    Slot subject, object;
    int line = 0;
  };
  struct Trigger {
    int frame;
    std::string with;                  // a required child's lemma ("export"), or ""
    std::vector<std::string> without;  // children that rule it out ("vice")
  };

  std::string name_;
  std::vector<Frame> frames_;
  std::unordered_map<std::string, std::vector<Trigger>> by_lemma_;  // "V:ban"
  // Every lemma the frames name (triggers, lemma constraints on steps): a
  // word the lemmatiser got wrong ("curbed" -> "cur") is read as the one of
  // these its regular inflection gives.
  std::unordered_set<std::string> lemmas_;
  std::vector<int> name_frames_;  // frames triggered by a name (pos E)
  // "V verb case", "N noun case": the word takes a phrase with that case
  // word (a V or N frame's slot path starts with "@case").
  std::unordered_set<std::string> takes_;
};

}  // namespace kg

#endif  // KG_INGEST_FRAMES_H_

// The analysis of a document: what extraction reads and `kg annotate`
// prints. Produced by the Analyzer (ingest/nlp/analyzer.h) and, for entity
// spans, by the entity finder (ingest/entities.h); nothing outside ingest/
// sees it.
#ifndef KG_INGEST_NLP_ANNOTATION_H_
#define KG_INGEST_NLP_ANNOTATION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

struct AnnotatedWord {
  std::string form;   // as written, normalised (NFKC; typographic quotes,
                      // apostrophes and dashes as ASCII)
  std::string lemma;  // "curb" for "curbed"; proper nouns keep capitals
  // Tags and relation are views of the models' own names: valid while the
  // Analyzer lives.
  std::string_view upos, xpos;  // "PROPN", "NNP"
  int head = -1;                // index of the head word; -1 for the root
  std::string_view deprel;      // UD relation with subtype: "nsubj:pass"
  uint32_t begin = 0, end = 0;  // bytes of the article's text
  bool space_after = true;
};

// A name found in a sentence: words [begin, end), the entity it names.
struct EntitySpan {
  int begin = 0, end = 0;
  std::string name, type;  // canonical name and schema type
  enum class Source {
    kLexicon,   // a name the lexicon knows (or a near miss of one)
    kOpenName,  // a name the lexicon does not know, typed from its context
    kReference  // "the company", "it": a mention of an entity named earlier
  } source = Source::kLexicon;
  bool demonym = false;  // "Chinese" for China
};

struct AnnotatedSentence {
  uint32_t begin = 0, end = 0;  // bytes of the article's text
  std::vector<AnnotatedWord> words;
  std::vector<EntitySpan> entities;  // in word order, not overlapping
  bool parsed = false;               // heads and relations are set

  // The relation's universal part: "nsubj" for "nsubj:pass".
  static std::string_view Universal(std::string_view deprel) {
    return deprel.substr(0, deprel.find(':'));
  }
};

struct AnnotatedDocument {
  std::vector<AnnotatedSentence> sentences;
};

}  // namespace kg

#endif  // KG_INGEST_NLP_ANNOTATION_H_

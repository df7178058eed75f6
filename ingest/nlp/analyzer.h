// ingest/nlp: the syntactic analysis of text. The tokenizer's rules are data
// (ingest/data/tokens.tsv); the tagger, lemmatiser and parser are models
// trained by scripts/train from UD English EWT and loaded from one model
// file through Env. Deterministic; thread-safe once loaded.
#ifndef KG_INGEST_NLP_ANALYZER_H_
#define KG_INGEST_NLP_ANALYZER_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/base.h"
#include "ingest/nlp/annotation.h"
#include "ingest/nlp/lemmatizer.h"
#include "ingest/nlp/parser.h"
#include "ingest/nlp/tagger.h"
#include "ingest/nlp/tokenizer.h"

namespace kg {

class Analyzer {
 public:
  // Reads the model file at `path` through `env`. Throws Error naming the
  // file when it is missing, truncated, damaged, foreign or of another
  // format version.
  static std::unique_ptr<Analyzer> Load(Env& env, const std::string& path);
  // The same from bytes already read (`path` names them in errors).
  static std::unique_ptr<Analyzer> FromBytes(std::string_view bytes,
                                             const std::string& path);
  // Assembles an analyzer from trained parts (scripts/train, tests).
  Analyzer(Tagger tagger, Parser parser, Lemmatizer lemmatizer, std::string checksum);

  // Sentences of `text` with their words; no tags, lemmas or trees yet.
  AnnotatedDocument Split(std::string_view text) const;
  // Tags and lemmas for a sentence whose words are set (forms normalised).
  void Tag(AnnotatedSentence& sentence) const;
  // Heads and relations for a tagged sentence.
  void Parse(AnnotatedSentence& sentence) const;

  // The parts, for training tools (kg train's pruning).
  Tagger& tagger() { return tagger_; }
  Parser& parser() { return parser_; }
  const Lemmatizer& lemmatizer() const { return lemmatizer_; }

  // Identifies the models (the model file's checksum), for fingerprints.
  const std::string& checksum() const { return checksum_; }

 private:
  const Tokenizer& tokenizer_;
  Tagger tagger_;
  Parser parser_;
  Lemmatizer lemmatizer_;
  std::string checksum_;
};

// Where the models are: $KG_MODEL when set; else models/english.kgm in the
// checkout the kg binary was built from (found beside the binary, else at
// the path compiled in).
std::string DefaultModelPath(Env& env);

// The normalised spelling of a word as the tokenizer writes forms, for
// words that come from elsewhere (a treebank, kg annotate --tokenized).
std::string NormalizeForm(std::string_view form);

}  // namespace kg

#endif  // KG_INGEST_NLP_ANALYZER_H_

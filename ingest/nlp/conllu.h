// Internal to ingest/nlp/: CoNLL-U (universaldependencies.org/format.html),
// read for training and for `kg annotate --tokenized`, written by annotate.
#ifndef KG_INGEST_NLP_CONLLU_H_
#define KG_INGEST_NLP_CONLLU_H_

#include <string>
#include <string_view>
#include <vector>

namespace kg {

struct ConlluWord {
  std::string form, lemma, upos, xpos, feats;
  int head = -1;  // 0-based index of the head, -1 for the root
  std::string deprel, misc;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // "# sent_id = ...", without the newline
  std::vector<ConlluWord> words;      // the syntactic words (ids 1..n)
  // Multiword-token lines ("3-4\tdon't\t_...") and empty nodes ("8.1\t..."),
  // as read, each with the number of words before it, so that a sentence
  // written back keeps them where they were.
  std::vector<std::pair<int, std::string>> extra_lines;
};

// Parses a whole CoNLL-U file. Throws Error("NAME:LINE: ...") on a line that
// is not CoNLL-U: wrong column count, bad ids or heads.
std::vector<ConlluSentence> ParseConllu(std::string_view text, const std::string& name);

// One sentence in CoNLL-U, ending with its blank line.
std::string FormatConllu(const ConlluSentence& sentence);

}  // namespace kg

#endif  // KG_INGEST_NLP_CONLLU_H_

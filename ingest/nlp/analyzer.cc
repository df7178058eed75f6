#include "ingest/nlp/analyzer.h"

#include <filesystem>
#include <stdexcept>

#include "ingest/nlp/model_file.h"

#ifndef KG_SOURCE_MODEL
#define KG_SOURCE_MODEL ""
#endif

namespace kg {

Analyzer::Analyzer(Tagger tagger, Parser parser, Lemmatizer lemmatizer,
                   std::string checksum)
    : tokenizer_(Tokenizer::Bundled()),
      tagger_(std::move(tagger)),
      parser_(std::move(parser)),
      lemmatizer_(std::move(lemmatizer)),
      checksum_(std::move(checksum)) {}

std::unique_ptr<Analyzer> Analyzer::FromBytes(std::string_view bytes,
                                              const std::string& path) {
  std::vector<ModelSection> sections = ReadModelFile(bytes, path);
  auto part = [&](const char* name, auto parse) {
    std::string_view b = FindSection(sections, name, path);
    try {
      return parse(b);
    } catch (const std::runtime_error& e) {
      if (dynamic_cast<const Error*>(&e)) throw;
      throw Error(path + ": damaged " + name + " section (" + e.what() + ")");
    }
  };
  Tagger tagger = part("tagger", Tagger::FromBytes);
  Parser parser = part("parser", Parser::FromBytes);
  Lemmatizer lemmatizer = part("lemmatizer", Lemmatizer::FromBytes);
  if (parser.tags() != tagger.classes())
    throw Error(path + ": the parser was trained with another tagger");
  return std::make_unique<Analyzer>(std::move(tagger), std::move(parser),
                                    std::move(lemmatizer), ModelChecksum(bytes));
}

std::unique_ptr<Analyzer> Analyzer::Load(Env& env, const std::string& path) {
  if (!env.IsFile(path))
    throw Error(path +
                ": no model file here (train one with scripts/train, or set "
                "KG_MODEL to one)");
  return FromBytes(env.ReadFile(path), path);
}

AnnotatedDocument Analyzer::Split(std::string_view text) const {
  AnnotatedDocument doc;
  for (RawSentence& raw : tokenizer_.Split(text)) {
    AnnotatedSentence s;
    s.begin = raw.begin;
    s.end = raw.end;
    s.words.resize(raw.words.size());
    for (size_t i = 0; i < raw.words.size(); ++i) {
      AnnotatedWord& w = s.words[i];
      w.form = std::move(raw.words[i].form);
      w.begin = raw.words[i].begin;
      w.end = raw.words[i].end;
      w.space_after = raw.words[i].space_after;
    }
    doc.sentences.push_back(std::move(s));
  }
  return doc;
}

void Analyzer::Tag(AnnotatedSentence& s) const {
  std::vector<std::string> forms;
  forms.reserve(s.words.size());
  for (const AnnotatedWord& w : s.words) forms.push_back(w.form);
  std::vector<int> tags = tagger_.Tag(forms);
  for (size_t i = 0; i < s.words.size(); ++i) {
    AnnotatedWord& w = s.words[i];
    w.upos = tagger_.upos(tags[i]);
    w.xpos = tagger_.xpos(tags[i]);
    w.lemma = lemmatizer_.Lemma(w.form, w.upos, w.xpos);
    w.head = -1;
    w.deprel = {};
  }
  s.parsed = false;
}

void Analyzer::Parse(AnnotatedSentence& s) const {
  ParserInput in;
  in.forms.reserve(s.words.size());
  for (const AnnotatedWord& w : s.words) {
    int tag = tagger_.ClassOf(w.upos, w.xpos);
    in.forms.push_back(w.form);
    in.tags.push_back(tag);
    in.coarse.push_back(tagger_.coarse(tag));
  }
  ParseTree tree = parser_.Parse(in);
  for (size_t i = 0; i < s.words.size(); ++i) {
    s.words[i].head = tree.heads[i];
    s.words[i].deprel = parser_.label(tree.labels[i]);
  }
  s.parsed = true;
}

std::string DefaultModelPath(Env& env) {
  if (std::string path = env.GetVar("KG_MODEL"); !path.empty()) return path;
  namespace fs = std::filesystem;
  // build/kg -> models/english.kgm in the checkout it was built in.
  std::string exe = env.ExecutablePath();
  if (!exe.empty()) {
    fs::path dir = fs::path(exe).parent_path();
    for (fs::path candidate :
         {dir.parent_path() / "models" / "english.kgm", dir / "models" / "english.kgm"})
      if (env.IsFile(candidate.string())) return candidate.string();
  }
  return KG_SOURCE_MODEL;
}

std::string NormalizeForm(std::string_view form) { return Tokenizer::Normalize(form); }

}  // namespace kg

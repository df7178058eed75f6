#include "ingest/nlp/conllu.h"

#include "base/base.h"

namespace kg {

std::vector<ConlluSentence> ParseConllu(std::string_view text, const std::string& name) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  std::vector<int> heads;  // 1-based as read
  int line_no = 0;
  auto fail = [&](const std::string& what) {
    throw Error(name + ":" + std::to_string(line_no) + ": " + what);
  };
  auto finish = [&] {
    if (cur.words.empty()) {
      if (!cur.comments.empty() || !cur.extra_lines.empty())
        fail("a sentence without words");
      return;
    }
    int n = static_cast<int>(cur.words.size());
    for (int i = 0; i < n; ++i) {
      if (heads[i] > n) fail("head " + std::to_string(heads[i]) + " beyond the sentence");
      cur.words[i].head = heads[i] - 1;
    }
    out.push_back(std::move(cur));
    cur = ConlluSentence();
    heads.clear();
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      finish();
      if (nl == text.size()) break;
      continue;
    }
    if (line[0] == '#') {
      cur.comments.emplace_back(line);
      continue;
    }
    std::vector<std::string> cols = Split(line, '\t');
    if (cols.size() != 10) fail("expected 10 tab-separated columns");
    const std::string& id = cols[0];
    if (id.find('-') != std::string::npos || id.find('.') != std::string::npos) {
      cur.extra_lines.emplace_back(static_cast<int>(cur.words.size()), std::string(line));
      continue;
    }
    int idn = 0, head = 0;
    if (!ParseDecimal(id, &idn) || idn != static_cast<int>(cur.words.size()) + 1)
      fail("word id " + id + " out of sequence");
    if (cols[6] == "_") {
      head = 0;  // no tree given (raw tokens): the word is its own root
    } else if (!ParseDecimal(cols[6], &head)) {
      fail("head '" + cols[6] + "' is not a number");
    }
    ConlluWord w;
    w.form = cols[1];
    w.lemma = cols[2];
    w.upos = cols[3];
    w.xpos = cols[4];
    w.feats = cols[5];
    w.deprel = cols[7];
    w.misc = cols[9];
    cur.words.push_back(std::move(w));
    heads.push_back(head);
    if (nl == text.size()) break;
  }
  finish();
  return out;
}

std::string FormatConllu(const ConlluSentence& s) {
  std::string out;
  for (const std::string& c : s.comments) out += c + "\n";
  size_t extra = 0;
  for (size_t i = 0; i <= s.words.size(); ++i) {
    while (extra < s.extra_lines.size() &&
           s.extra_lines[extra].first == static_cast<int>(i)) {
      out += s.extra_lines[extra++].second + "\n";
    }
    if (i == s.words.size()) break;
    const ConlluWord& w = s.words[i];
    auto col = [](const std::string& v) { return v.empty() ? std::string("_") : v; };
    out += std::to_string(i + 1) + "\t" + col(w.form) + "\t" + col(w.lemma) + "\t" +
           col(w.upos) + "\t" + col(w.xpos) + "\t" + col(w.feats) + "\t" +
           std::to_string(w.head + 1) + "\t" + col(w.deprel) + "\t_\t" + col(w.misc) +
           "\n";
  }
  out += "\n";
  return out;
}

}  // namespace kg

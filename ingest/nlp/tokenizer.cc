#include "ingest/nlp/tokenizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "base/base.h"

namespace kg {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (IsUpper(c)) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// One code point: its value and length; invalid UTF-8 is U+FFFD of length 1.
std::pair<uint32_t, size_t> Decode(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return {c, 1};
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return {0xFFFD, 1};
  uint32_t cp = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = cp << 6 | (b(i + k) & 0x3F);
  }
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return {0xFFFD, 1};
  return {cp, len};
}

bool IsSpace(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF || cp == 0x85;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | cp >> 6));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | cp >> 12));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | cp >> 18));
    out.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The normalised spelling of one code point: typographic punctuation as
// ASCII, the rest NFKC ("ﬁ" -> "fi", full-width letters -> ASCII).
void AppendNormalized(uint32_t cp, std::string& out) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x00B4:
    case 0x02BC:
      out += '\'';
      return;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      out += '"';
      return;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2212:
      out += '-';
      return;
    case 0x2013:
    case 0x2014:
    case 0x2015:
      out += "--";
      return;
    case 0x2026:
      out += "...";
      return;
    case 0x00AD:
    case 0x200C:
    case 0x200D:
    case 0x2060:
      return;  // soft hyphen and joiners: invisible
    default:
      break;
  }
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString u(static_cast<UChar32>(cp));
  if (U_SUCCESS(status) && !nfkc->isNormalized(u, status)) {
    icu::UnicodeString n = nfkc->normalize(u, status);
    if (U_SUCCESS(status)) {
      n.toUTF8String(out);
      return;
    }
  }
  AppendUtf8(cp, out);
}

char LowerAscii(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-blind prefix and suffix tests; `affix` is lower case.
bool StartsWithCi(std::string_view s, std::string_view affix) {
  if (s.size() < affix.size()) return false;
  for (size_t i = 0; i < affix.size(); ++i)
    if (LowerAscii(s[i]) != affix[i]) return false;
  return true;
}
bool EndsWithCi(std::string_view s, std::string_view affix) {
  return s.size() >= affix.size() &&
         StartsWithCi(s.substr(s.size() - affix.size()), affix);
}

bool LooksLikeUrl(std::string_view s) {
  if (StartsWithCi(s, "http://") || StartsWithCi(s, "https://") ||
      StartsWithCi(s, "www."))
    return true;
  size_t at = s.find('@');  // an e-mail address
  return at != std::string_view::npos && at > 0 &&
         s.find('.', at) != std::string_view::npos && IsAlpha(s[at + 1]);
}

}  // namespace

std::string Tokenizer::Normalize(std::string_view word) {
  std::string out;
  for (size_t i = 0; i < word.size();) {
    auto [cp, len] = Decode(word, i);
    AppendNormalized(cp, out);
    i += len;
  }
  return out;
}

// A run of non-space characters: normalised, with each normalised byte's
// source bytes in the original text.
struct Tokenizer::Chunk {
  std::string s;
  std::vector<uint32_t> from, to;
  int newlines_before = 0;  // line breaks between this chunk and the last
};

Tokenizer::Tokenizer(std::string_view rules_tsv, const std::string& name) {
  int line_no = 0;
  for (const std::string& line : kg::Split(rules_tsv, '\n')) {
    ++line_no;
    if (Trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string> cols = kg::Split(line, '\t');
    if (cols.size() != 2 || cols[1].empty())
      throw Error(name + ":" + std::to_string(line_no) + ": expected KIND<TAB>VALUE");
    if (cols[0] == "abbreviation") {
      abbreviations_.insert(Lower(cols[1]));
    } else if (cols[0] == "prefix") {
      prefixes_.insert(Lower(cols[1]));
    } else if (cols[0] == "opener") {
      openers_.insert(cols[1]);
    } else {
      throw Error(name + ":" + std::to_string(line_no) + ": unknown kind '" + cols[0] +
                  "' (abbreviation, prefix or opener)");
    }
  }
}

const Tokenizer& Tokenizer::Bundled() {
  static const Tokenizer t(EmbeddedData("tokens.tsv"));
  return t;
}

// "U.S.", "e.g.", "J.", listed words ("Corp.", "Jan."): the period stays.
bool Tokenizer::IsAbbreviation(std::string_view w) const {
  if (w.size() < 2 || w.back() != '.') return false;
  if (abbreviations_.count(Lower(w))) return true;
  // Letters with periods after each: initials and acronyms.
  bool dotted = true;
  for (size_t i = 0; i < w.size() && dotted; i += 2)
    dotted = IsAlpha(w[i]) && i + 1 < w.size() && w[i + 1] == '.';
  return dotted && (w.size() > 2 || IsUpper(w[0]));
}

void Tokenizer::TokenizeChunk(const Chunk& c, std::vector<RawWord>& out) const {
  const std::string& s = c.s;
  std::vector<std::pair<size_t, size_t>> front, back, core;
  size_t a = 0, b = s.size();
  auto closer = [](char ch) {
    return ch == ')' || ch == ']' || ch == '}' || ch == '"' || ch == '>' || ch == ',' ||
           ch == ';' || ch == ':' || ch == '!' || ch == '?' || ch == '%' || ch == '\'';
  };
  // A run of two or more periods or hyphens is one word ("...", "--").
  auto run = [&](size_t i, size_t end) -> size_t {
    if (s[i] != '.' && s[i] != '-') return 0;
    size_t j = i;
    while (j < end && s[j] == s[i]) ++j;
    return j - i >= 2 ? j - i : 0;
  };
  auto opener = [](char ch) {
    return ch == '(' || ch == '[' || ch == '{' || ch == '"' || ch == '<';
  };
  while (a < b) {
    char ch = s[a];
    if (size_t n = run(a, b)) {
      front.push_back({a, a + n}), a += n;
    } else if (opener(ch) || (ch == '\'' && !(a + 1 < b && IsDigit(s[a + 1])))) {
      front.push_back({a, a + 1}), ++a;  // an opening quote, but not "'90s"
    } else if ((ch == '$' || ch == '#') && a + 1 < b && IsDigit(s[a + 1])) {
      front.push_back({a, a + 1}), ++a;
    } else if (ch == '-' && a + 1 < b && IsAlpha(s[a + 1])) {
      front.push_back({a, a + 1}), ++a;  // "-M", a dash glued to a word
    } else {
      break;
    }
  }
  if (LooksLikeUrl(std::string_view(s).substr(a, b - a))) {
    while (b > a && (closer(s[b - 1]) || s[b - 1] == '.')) {
      --b;
      back.push_back({b, b + 1});
    }
    core.push_back({a, b});
  } else {
    while (b > a) {
      char ch = s[b - 1];
      size_t r = b - a >= 2 && (ch == '.' || ch == '-') && s[b - 2] == ch ? 2 : 0;
      if (r) {
        while (b - r > a && s[b - r - 1] == ch) ++r;
        back.push_back({b - r, b}), b -= r;
      } else if (ch == '.') {
        if (IsAbbreviation(std::string_view(s).substr(a, b - a))) break;
        back.push_back({b - 1, b}), --b;
      } else if (closer(ch) || ch == '-') {
        back.push_back({b - 1, b}), --b;
      } else {
        break;
      }
    }
    // Clitics: "don't" -> "do n't", "Nvidia's" -> "Nvidia 's", "cannot".
    std::string_view w = std::string_view(s).substr(a, b - a);
    size_t cut = b;
    if (w.size() > 3 && EndsWithCi(w, "n't")) {
      cut = b - 3;
    } else {
      for (std::string_view clitic : {"'s", "'re", "'ve", "'ll", "'d", "'m"})
        if (w.size() > clitic.size() && EndsWithCi(w, clitic) &&
            (IsAlpha(s[b - clitic.size() - 1]) ||
             (clitic == "'s" && IsDigit(s[b - clitic.size() - 1]))))  // "the H800's"
          cut = b - clitic.size();
      std::string lw = Lower(w);
      if (lw == "cannot") cut = a + 3;
      if (lw == "gonna" || lw == "wanna" || lw == "gotta") cut = a + 3;
    }
    if (cut < b) back.push_back({cut, b}), b = cut;
    // Inside the word: runs of periods or hyphens, brackets, quotes, "/",
    // "," and ";" between words, and hyphens but after a bound prefix or
    // between digits.
    // A range of two numbers ("1969-1970", "2023-24") is three words; a
    // phone number or a date ("713-853-3989", "2024-12-10") is one.
    std::string_view core_word = std::string_view(s).substr(a, b - a);
    bool range = std::count(core_word.begin(), core_word.end(), '-') == 1 &&
                 std::all_of(core_word.begin(), core_word.end(),
                             [](char ch) { return IsDigit(ch) || ch == '-'; });
    size_t start = a;
    for (size_t i = a; i < b;) {
      char ch = s[i];
      bool digits = i > a && i + 1 < b && IsDigit(s[i - 1]) && IsDigit(s[i + 1]) &&
                    !(range && ch == '-');
      size_t sep = run(i, b);
      if (sep == 0 && (opener(ch) || closer(ch)) && ch != '\'' && ch != '%' &&
          ch != ',' && ch != ':' && ch != ';') {
        sep = 1;
      } else if (sep == 0 && (ch == '/' || ch == ',' || ch == ';') && !digits && i > a &&
                 i + 1 < b) {
        sep = 1;
      } else if (sep == 0 && ch == '-' && i > start && i + 1 < b && !digits) {
        std::string left = Lower(std::string_view(s).substr(start, i - start));
        bool bound = prefixes_.count(left) || (left.size() == 1 && IsAlpha(left[0]));
        if (!bound) sep = 1;
      }
      if (sep == 0) {
        ++i;
        continue;
      }
      if (i > start) core.push_back({start, i});
      core.push_back({i, i + sep});
      i += sep;
      start = i;
    }
    if (b > start) core.push_back({start, b});
  }
  auto emit = [&](std::pair<size_t, size_t> r) {
    if (r.second <= r.first) return;
    RawWord w;
    w.form = s.substr(r.first, r.second - r.first);
    w.begin = c.from[r.first];
    w.end = c.to[r.second - 1];
    out.push_back(std::move(w));
  };
  for (auto r : front) emit(r);
  for (auto r : core) emit(r);
  for (auto it = back.rbegin(); it != back.rend(); ++it) emit(*it);
}

namespace {
// Words before a dash that read as a dateline: a place in capitals first,
// then anything but lower-case words outside parentheses.
bool IsDateline(const std::vector<RawWord>& w) {
  if (w.size() < 2) return false;
  const std::string& first = w[0].form;
  if (first.size() < 3) return false;
  for (char c : first)
    if (!(c >= 'A' && c <= 'Z') && c != '.' && c != '-') return false;
  int depth = 0;
  for (size_t i = 1; i + 1 < w.size(); ++i) {
    const std::string& f = w[i].form;
    if (f == "(") ++depth;
    if (f == ")") --depth;
    if (depth == 0 && !f.empty() && f[0] >= 'a' && f[0] <= 'z') return false;
  }
  return true;
}
}  // namespace

std::vector<RawSentence> Tokenizer::Split(std::string_view text) const {
  // Words, each with the line breaks before it.
  std::vector<RawWord> words;
  std::vector<int> breaks;           // newlines before words[i]
  std::vector<uint32_t> line_start;  // byte where words[i]'s line starts
  Chunk chunk;
  int newlines = 0;
  uint32_t line_begin = 0;
  auto flush = [&] {
    if (chunk.s.empty()) return;
    size_t first = words.size();
    TokenizeChunk(chunk, words);
    for (size_t k = first; k < words.size(); ++k) {
      breaks.push_back(k == first ? chunk.newlines_before : 0);
      line_start.push_back(line_begin);
    }
    chunk.s.clear();  // kept, with their capacity, for the next chunk
    chunk.from.clear();
    chunk.to.clear();
  };
  for (size_t i = 0; i < text.size();) {
    auto [cp, len] = Decode(text, i);
    if (IsSpace(cp)) {
      flush();
      if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
        ++newlines;
        line_begin = static_cast<uint32_t>(i + len);
      }
      i += len;
      continue;
    }
    if (chunk.s.empty()) chunk.newlines_before = newlines, newlines = 0;
    AppendNormalized(cp, chunk.s);
    chunk.from.resize(chunk.s.size(), static_cast<uint32_t>(i));
    chunk.to.resize(chunk.s.size(), static_cast<uint32_t>(i + len));
    i += len;
  }
  flush();
  for (size_t k = 0; k + 1 < words.size(); ++k)
    words[k].space_after = words[k].end != words[k + 1].begin;
  if (!words.empty()) words.back().space_after = false;

  // Sentences.
  auto terminal = [](const std::string& f) {
    return f == "." || f == "!" || f == "?" || f == "..." || f == "?!" || f == "!?";
  };
  auto closing = [](const std::string& f) {
    return f == "\"" || f == "'" || f == ")" || f == "]";
  };
  auto starts_sentence = [](const std::string& f) {
    char ch = f[0];
    return IsUpper(ch) || IsDigit(ch) || ch == '"' || ch == '\'' || ch == '(' ||
           ch == '[' || static_cast<unsigned char>(ch) >= 0x80;
  };
  std::vector<RawSentence> out;
  RawSentence cur;
  auto end_sentence = [&] {
    if (cur.words.empty()) return;
    cur.begin = cur.words.front().begin;
    cur.end = cur.words.back().end;
    out.push_back(std::move(cur));
    cur = RawSentence();
  };
  for (size_t k = 0; k < words.size(); ++k) {
    if (k > 0 && breaks[k] > 0) {
      // A line break ends the sentence but for a long line without a stop
      // that runs on in lower case: hard-wrapped prose.
      const RawWord& last = words[k - 1];
      bool long_line = last.end - line_start[k - 1] >= 60;
      bool wrapped = breaks[k] == 1 && long_line && !terminal(last.form) &&
                     !closing(last.form) && IsLower(words[k].form[0]);
      if (!wrapped) end_sentence();
    }
    cur.words.push_back(std::move(words[k]));
    const std::string& f = cur.words.back().form;
    bool same_line = k + 1 < words.size() && breaks[k + 1] == 0;
    if (!same_line || cur.words.size() >= kMaxWords) {
      if (cur.words.size() >= kMaxWords) end_sentence();
      continue;
    }
    // "WASHINGTON — The ...", "CHANDLER, Ariz. (AP) -- A ...": a dateline
    // is a sentence of its own, so that its place is nobody's subject.
    if ((f == "\u2014" || f == "\u2013" || f == "--") && cur.words.size() <= 8 &&
        IsDateline(cur.words) && starts_sentence(words[k + 1].form)) {
      end_sentence();
      continue;
    }
    // After . ! ? (and any closing quotes), before a word that can start a
    // sentence; after an abbreviation only before a typical opener.
    size_t j = k + 1;
    if (terminal(f)) {
      while (j < words.size() && breaks[j] == 0 && closing(words[j].form)) ++j;
      if (j < words.size() && breaks[j] == 0 && !starts_sentence(words[j].form)) continue;
      for (++k; k < j; ++k) cur.words.push_back(std::move(words[k]));
      --k;
      end_sentence();
    } else if (f.size() > 1 && f.back() == '.' && openers_.count(words[j].form)) {
      end_sentence();
    }
  }
  end_sentence();
  return out;
}

}  // namespace kg

#include "ingest/text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cctype>
#include <unordered_set>

namespace kg {

namespace {

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordByte(unsigned char c) {
  return std::isalnum(c) || c >= 0x80;  // non-ASCII letters count as word bytes
}

// Abbreviations after which a period does not end a sentence.
const std::unordered_set<std::string_view>& Abbreviations() {
  static const std::unordered_set<std::string_view> set = {
      "u.s",    "u.k", "u.n",   "e.u",   "corp", "inc",  "ltd",  "co",  "jan", "feb",
      "mar",    "apr", "jun",   "jul",   "aug",  "sep",  "sept", "oct", "nov", "dec",
      "mr",     "mrs", "ms",    "dr",    "prof", "sen",  "rep",  "gov", "gen", "st",
      "no",     "vs",  "etc",   "jr",    "sr",   "dept", "e.g",  "i.e", "a.m", "p.m",
      "approx", "est", "u.s.a", "p.r.c", "fig",  "vol"};
  return set;
}

int64_t CodePoints(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string NormalizeText(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_SUCCESS(status) && !nfkc->isNormalized(u, status)) u = nfkc->normalize(u, status);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    switch (c) {
      case 0x2018:
      case 0x2019:
      case 0x201A:
      case 0x2032:
        out.append(u'\'');
        break;
      case 0x201C:
      case 0x201D:
      case 0x201E:
      case 0x2033:
      case 0x00AB:
      case 0x00BB:
        out.append(u'"');
        break;
      case 0x2010:
      case 0x2011:
      case 0x2012:
      case 0x2013:
      case 0x2014:
      case 0x2015:
      case 0x2212:
        out.append(u'-');
        break;
      case 0x00A0:
      case 0x2007:
      case 0x202F:
        out.append(u' ');
        break;
      case 0xFEFF:
        break;  // a BOM or zero-width no-break space
      case '\r':
        if (i + 1 < u.length() && u.charAt(i + 1) == '\n') break;
        out.append(u'\n');
        break;
      default:
        out.append(c);
    }
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::vector<Sentence> SplitSentences(const std::string& text) {
  std::vector<Sentence> out;
  size_t start = 0;
  auto emit = [&](size_t end) {
    size_t b = start, e = end;
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    // Leading list markers ("- ", "* ") are not part of the sentence.
    while (b + 1 < e && (text[b] == '-' || text[b] == '*') && text[b + 1] == ' ') b += 2;
    if (e > b) out.push_back({b, e, 0, 0});
    start = end;
  };
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    char c = text[i];
    if (c == '\n') {
      emit(i);
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    // Swallow closing quotes and brackets after the terminator.
    size_t j = i + 1;
    while (j < n && (text[j] == '"' || text[j] == '\'' || text[j] == ')')) ++j;
    if (j < n && text[j] != ' ' && text[j] != '\n' && text[j] != '\t') continue;
    size_t k = j;
    while (k < n && (text[k] == ' ' || text[k] == '\t')) ++k;
    if (k < n && text[k] != '\n') {
      char next = text[k];
      bool starts_sentence = IsAsciiUpper(next) || IsAsciiDigit(next) || next == '"' ||
                             next == '\'' || static_cast<unsigned char>(next) >= 0x80;
      if (!starts_sentence) continue;
    }
    if (c == '.') {
      // The word before the period: an abbreviation or an initial keeps going.
      size_t w = i;
      while (w > start && (IsWordByte(text[w - 1]) || text[w - 1] == '.')) --w;
      std::string word;
      for (size_t p = w; p < i; ++p)
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[p])));
      if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]))) continue;
      if (Abbreviations().count(word)) {
        // "the U.S. Commerce Department" goes on; "sanctions on the U.S. The
        // next..." is ambiguous: keep going only if a capitalised word that is
        // not a sentence opener follows.
        static const std::unordered_set<std::string_view> openers = {
            "The",   "A",     "An",      "It",    "He",       "She",  "They",
            "We",    "I",     "In",      "But",   "And",      "This", "That",
            "Those", "These", "However", "Still", "Meanwhile"};
        size_t e = k;
        while (e < n && IsWordByte(text[e])) ++e;
        if (!openers.count(std::string_view(text).substr(k, e - k))) continue;
      }
    }
    emit(j);
    i = j - 1;
  }
  emit(n);
  // Code-point offsets in one pass.
  int64_t cp = 0;
  size_t pos = 0;
  for (Sentence& s : out) {
    cp += CodePoints(std::string_view(text).substr(pos, s.begin - pos));
    s.cp_begin = cp;
    cp += CodePoints(std::string_view(text).substr(s.begin, s.end - s.begin));
    s.cp_end = cp;
    pos = s.end;
  }
  return out;
}

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    size_t b = i;
    if (IsWordByte(c)) {
      while (i < n) {
        if (IsWordByte(s[i])) {
          ++i;
        } else if ((s[i] == '.' || s[i] == '-' || s[i] == '&' || s[i] == '\'' ||
                    s[i] == ':' || s[i] == ',') &&
                   i + 1 < n && IsWordByte(s[i + 1])) {
          // Inner punctuation joins: "U.S", "GPT-4o", "AT&T", "NXT:1980i", "50,000".
          // A comma only joins digits; an apostrophe before "s " is a possessive.
          if (s[i] == ',' && !(IsAsciiDigit(s[i - 1]) && IsAsciiDigit(s[i + 1]))) break;
          if (s[i] == ':' && !IsAsciiDigit(s[i + 1])) break;
          if (s[i] == '\'' && (s[i + 1] == 's' || s[i + 1] == 'S') &&
              (i + 2 >= n || !IsWordByte(s[i + 2])))
            break;
          ++i;
        } else {
          break;
        }
      }
      // "U.S." keeps its final period when the word is an abbreviation with
      // inner periods (short letter groups); "Llama-3.1-405B." does not.
      if (i < n && s[i] == '.') {
        std::string_view w = s.substr(b, i - b);
        bool abbreviation = w.find('.') != std::string_view::npos;
        size_t run = 0;
        for (char ch : w) {
          if (ch == '.') {
            run = 0;
          } else if (!std::isalpha(static_cast<unsigned char>(ch)) || ++run > 3) {
            abbreviation = false;
          }
        }
        if (abbreviation) ++i;
      }
    } else if (c == '\'' && i + 1 < n && (s[i + 1] == 's' || s[i + 1] == 'S') &&
               (i + 2 >= n || !IsWordByte(s[i + 2]))) {
      i += 2;  // possessive 's
    } else if (c == '\'' && tokens.size() && i + 1 < n && s[i + 1] == ' ' &&
               !tokens.back().text.empty() && tokens.back().text.back() == 's') {
      i += 1;  // plural possessive: "companies' " -> "'" token
    } else {
      ++i;
    }
    Token t;
    t.text = s.substr(b, i - b);
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(i);
    t.lower.reserve(t.text.size());
    for (char ch : t.text)
      t.lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    t.word = IsWordByte(static_cast<unsigned char>(t.text[0]));
    t.capitalized = IsAsciiUpper(t.text[0]) ||
                    (static_cast<unsigned char>(t.text[0]) >= 0x80 && t.word);
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace kg

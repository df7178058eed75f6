#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>

#include "base/base.h"

namespace kg {

std::string FoldKey(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString folded = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  if (U_SUCCESS(status)) folded = nfkc_cf->normalize(folded, status);

  // Keep letters and digits; "&" is "and"; apostrophes vanish inside words
  // ("Moody's" -> "moodys"); everything else separates words.
  std::string out;
  bool pending_space = false;
  auto add_word_char = [&](UChar32 c) {
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(buf, len);
  };
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c)) {
      add_word_char(c);
    } else if (c == '&') {
      pending_space = true;
      add_word_char('a');
      out += "nd";
      pending_space = true;
    } else if (c == '\'' || c == 0x2019 || c == '.') {
      // "U.S." -> "us", "SH.BA" -> "shba", "Moody's" -> "moodys".
    } else {
      pending_space = true;
    }
  }
  if (out.rfind("the ", 0) == 0 && out.size() > 4) out.erase(0, 4);
  // A trailing possessive: the apostrophe is gone, so "nvidia's" is "nvidias".
  // Only strip when the name had one, which we check on the original text.
  std::string_view n = Trim(name);
  if (n.size() > 2 && (n.ends_with("'s") || n.ends_with("\xE2\x80\x99s")) &&
      out.size() > 1 && out.back() == 's') {
    out.pop_back();
    if (out.back() == ' ') out.pop_back();  // "Nvidia 's" is "nvidia" too
  }
  return out;
}

int SanitizeUtf8(std::string* text) {
  std::string out;
  int replaced = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text->data());
  int32_t len = static_cast<int32_t>(text->size());
  bool clean = true;
  for (int32_t i = 0; i < len;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) {
      if (clean) {
        out.assign(text->data(), start);
        clean = false;
      }
      out += "\xEF\xBF\xBD";
      ++replaced;
    } else if (!clean) {
      out.append(text->data() + start, i - start);
    }
  }
  if (!clean) *text = std::move(out);
  return replaced;
}

std::string ContentHash(std::string_view data) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string_view Trim(std::string_view text) {
  const char* ws = " \t\r\n";
  size_t b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

bool ParseDecimal(std::string_view digits, int* out) {
  if (digits.empty() || digits.size() > 6) return false;
  int v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int EditDistance(std::string_view a, std::string_view b, int cap) {
  if (static_cast<int>(a.size()) - static_cast<int>(b.size()) > cap ||
      static_cast<int>(b.size()) - static_cast<int>(a.size()) > cap)
    return cap + 1;
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], cap + 1);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace kg

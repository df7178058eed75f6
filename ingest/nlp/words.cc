#include "ingest/nlp/words.h"

namespace kg {

void NormalizedLower(std::string_view form, std::string* out) {
  out->clear();
  for (char c : form) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= '1' && c <= '9') c = '0';
    out->push_back(c);
  }
}

std::string WordShape(std::string_view form) {
  std::string shape;
  char last = 0;
  for (size_t i = 0; i < form.size() && shape.size() < 6; ++i) {
    unsigned char c = static_cast<unsigned char>(form[i]);
    char k;
    if (c >= 'A' && c <= 'Z') {
      k = 'X';
    } else if (c >= 'a' && c <= 'z') {
      k = 'x';
    } else if (c >= '0' && c <= '9') {
      k = 'd';
    } else if (c >= 0x80) {
      if ((c & 0xC0) == 0x80) continue;  // a continuation byte
      k = 'u';                           // a non-ASCII character
    } else {
      k = static_cast<char>(c);
    }
    if (k == last && (k == 'X' || k == 'x' || k == 'd' || k == 'u')) continue;
    shape.push_back(k);
    last = k;
  }
  return shape;
}

std::string_view Utf8Prefix(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t chars = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == n) break;
  }
  return s.substr(0, i);
}

std::string_view Utf8Suffix(std::string_view s, size_t n) {
  size_t i = s.size();
  for (size_t chars = 0; i > 0 && chars < n;) {
    --i;
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++chars;
  }
  return s.substr(i);
}

}  // namespace kg

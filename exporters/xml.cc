#include "exporters/xml.h"

#include <unicode/utf8.h>

#include <charconv>
#include <cmath>

namespace kg {

void WriteXmlEscaped(XmlOut& out, std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t len = static_cast<int32_t>(text.size());
  int32_t run = 0;  // start of the bytes that pass through as they are
  auto pass = [&](int32_t end) {
    if (end > run) out << text.substr(run, end - run);
  };
  for (int32_t i = 0; i < len;) {
    uint8_t b = s[i];
    // Most text is ASCII that needs nothing: let it run.
    if (b >= 0x20 && b < 0x80 && b != '&' && b != '<' && b != '>' && b != '"' &&
        b != '\'') {
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    const char* replacement = nullptr;
    switch (c) {
      case '&':
        replacement = "&amp;";
        break;
      case '<':
        replacement = "&lt;";
        break;
      case '>':
        replacement = "&gt;";
        break;
      case '"':
        replacement = "&quot;";
        break;
      case '\'':
        replacement = "&apos;";
        break;
      // As references, so that attribute-value normalization keeps them.
      case '\t':
        replacement = "&#9;";
        break;
      case '\n':
        replacement = "&#10;";
        break;
      case '\r':
        replacement = "&#13;";
        break;
      default:
        // Invalid UTF-8 (c < 0), the other C0 controls, and the non-characters
        // U+FFFE/U+FFFF are not allowed in XML 1.0.
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) replacement = "\xEF\xBF\xBD";
    }
    if (replacement == nullptr) continue;  // a valid character: part of the run
    pass(start);
    out << replacement;
    run = i;
  }
  pass(len);
}

void WriteXmlNumber(XmlOut& out, double value) {
  if (!std::isfinite(value)) value = 0;
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    out << static_cast<long long>(value);
    return;
  }
  char buf[32];  // to_chars in general format with precision 6 is printf's %.6g
  auto end =
      std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 6).ptr;
  out << std::string_view(buf, end - buf);
}

}  // namespace kg

#include "exporters/xml.h"

#include <unicode/utf8.h>

#include <cmath>
#include <cstdio>

namespace kg {

void WriteXmlEscaped(std::ostream& out, std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t len = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < len;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    switch (c) {
      case '&': out << "&amp;"; break;
      case '<': out << "&lt;"; break;
      case '>': out << "&gt;"; break;
      case '"': out << "&quot;"; break;
      case '\'': out << "&apos;"; break;
      // As references, so that attribute-value normalization keeps them.
      case '\t': out << "&#9;"; break;
      case '\n': out << "&#10;"; break;
      case '\r': out << "&#13;"; break;
      default:
        // Invalid UTF-8 (c < 0), the other C0 controls, and the non-characters
        // U+FFFE/U+FFFF are not allowed in XML 1.0.
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
          out << "\xEF\xBF\xBD";
        } else {
          out.write(text.data() + start, i - start);
        }
    }
  }
}

void WriteXmlNumber(std::ostream& out, double value) {
  if (!std::isfinite(value)) value = 0;
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    out << static_cast<long long>(value);
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  out << buf;
}

}  // namespace kg

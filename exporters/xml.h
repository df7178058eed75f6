// Internal to exporters/: a buffered writer for XML text, and text made safe
// for XML 1.0.
#ifndef KG_EXPORTERS_XML_H_
#define KG_EXPORTERS_XML_H_

#include <charconv>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

namespace kg {

// Collects the many short pieces of an XML file and hands them to the
// ostream 256 KB at a time: one ostream call per piece costs more than the
// formatting. Whatever is buffered is written by Flush() or the destructor.
class XmlOut {
 public:
  explicit XmlOut(std::ostream& out) : out_(out) { buf_.reserve(kChunk + 1024); }
  XmlOut(const XmlOut&) = delete;
  XmlOut& operator=(const XmlOut&) = delete;
  ~XmlOut() { Flush(); }

  XmlOut& operator<<(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kChunk) Flush();
    return *this;
  }
  XmlOut& operator<<(const char* s) { return *this << std::string_view(s); }
  XmlOut& operator<<(const std::string& s) { return *this << std::string_view(s); }
  XmlOut& operator<<(char c) {
    buf_.push_back(c);
    return *this;
  }
  template <typename Int>
  requires(std::is_integral_v<Int> && !std::is_same_v<Int, char> &&
           !std::is_same_v<Int, bool>) XmlOut&
  operator<<(Int v) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
    return *this << std::string_view(digits, end - digits);
  }
  void Flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr size_t kChunk = 256 * 1024;
  std::ostream& out_;
  std::string buf_;
};

// Writes `text` escaped for XML content and attribute values: & < > " ' as
// entities, tab/LF/CR as character references (an attribute value would
// otherwise turn them into spaces), other C0 controls and invalid UTF-8 as
// U+FFFD (XML 1.0 cannot carry them at all, and Gephi refuses the file).
void WriteXmlEscaped(XmlOut& out, std::string_view text);

// A number as XML wants it: integers without decimals, never nan or inf.
void WriteXmlNumber(XmlOut& out, double value);

}  // namespace kg

#endif  // KG_EXPORTERS_XML_H_

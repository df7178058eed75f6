// Internal to exporters/: text made safe for XML 1.0.
#ifndef KG_EXPORTERS_XML_H_
#define KG_EXPORTERS_XML_H_

#include <ostream>
#include <string_view>

namespace kg {

// Writes `text` escaped for XML content and attribute values: & < > " ' as
// entities, tab/LF/CR as character references (an attribute value would
// otherwise turn them into spaces), other C0 controls and invalid UTF-8 as
// U+FFFD (XML 1.0 cannot carry them at all, and Gephi refuses the file).
void WriteXmlEscaped(std::ostream& out, std::string_view text);

// A number as XML wants it: integers without decimals, never nan or inf.
void WriteXmlNumber(std::ostream& out, double value);

}  // namespace kg

#endif  // KG_EXPORTERS_XML_H_

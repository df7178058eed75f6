// Internal to exporters/: the JSON formats' writer (node-link JSON and
// Cytoscape.js) and the fields they share.
#ifndef KG_EXPORTERS_JSON_OUT_H_
#define KG_EXPORTERS_JSON_OUT_H_

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/exporters.h"

namespace kg::json {

using Writer = rapidjson::Writer<rapidjson::OStreamWrapper>;

// Invalid UTF-8 would make the whole document unreadable: it becomes U+FFFD.
inline void String(Writer& w, std::string_view s) {
  std::string text(s);
  SanitizeUtf8(&text);
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void Field(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  String(w, value);
}

inline void Field(Writer& w, const char* key, int value) {
  w.Key(key);
  w.Int(value);
}

inline void Field(Writer& w, const char* key, double value) {
  w.Key(key);
  w.Double(std::isfinite(value) ? value : 0.0);
}

inline void Strings(Writer& w, const char* key, const std::vector<std::string>& items) {
  w.Key(key);
  w.StartArray();
  for (const std::string& s : items) String(w, s);
  w.EndArray();
}

inline void Id(Writer& w, const char* key, char prefix, int64_t id) {
  Field(w, key, prefix + std::to_string(id));
}

// The time fields of a node or an edge: first_seen and last_seen (ISO dates),
// first_seen_ymd and last_seen_ymd (the same as integers YYYYMMDD, for numeric
// range filters) and dates (every dated article's date). An unknown date is
// null, or left out when `omit_unknown` (Cytoscape's tables have no null).
inline void Date(Writer& w, const char* key, const char* ymd_key, const std::string& date,
                 bool omit_unknown) {
  if (!date.empty() || !omit_unknown) {
    w.Key(key);
    if (date.empty()) {
      w.Null();
    } else {
      String(w, date);
    }
  }
  int ymd = DateNumber(date);
  if (ymd || !omit_unknown) {
    w.Key(ymd_key);
    if (ymd) {
      w.Int(ymd);
    } else {
      w.Null();
    }
  }
}

inline void Dates(Writer& w, const std::string& first, const std::string& last,
                  const std::vector<std::string>& dates, bool omit_unknown) {
  Date(w, "first_seen", "first_seen_ymd", first, omit_unknown);
  Date(w, "last_seen", "last_seen_ymd", last, omit_unknown);
  Strings(w, "dates", dates);
}

}  // namespace kg::json

#endif  // KG_EXPORTERS_JSON_OUT_H_

// `kg ingest --triples FILE.jsonl`: triples made by another tool (or by
// `kg extract`), one JSON object per line, grouped into documents by "doc".
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cmath>
#include <map>

#include "ingest/ingest.h"

namespace kg {

namespace {

class LineReader {
 public:
  LineReader(const rapidjson::Document& d, const std::string& where)
      : d_(d), where_(where) {}

  // A string field; "" when absent and not required.
  std::string Str(const char* field, bool required) const {
    auto it = d_.FindMember(field);
    if (it == d_.MemberEnd() || it->value.IsNull()) {
      if (required) Fail(std::string("missing \"") + field + "\"");
      return "";
    }
    if (!it->value.IsString()) Fail(std::string("\"") + field + "\" must be a string");
    std::string s(it->value.GetString(), it->value.GetStringLength());
    // RapidJSON decodes a lone low surrogate ("\udc00") to bytes that are not
    // UTF-8.
    if (SanitizeUtf8(&s) > 0)
      Fail(std::string("\"") + field + "\" has an invalid \\u escape");
    if (required && Trim(s).empty()) Fail(std::string("\"") + field + "\" is empty");
    return s;
  }

  double Num(const char* field, double fallback) const {
    auto it = d_.FindMember(field);
    if (it == d_.MemberEnd() || it->value.IsNull()) return fallback;
    if (!it->value.IsNumber()) Fail(std::string("\"") + field + "\" must be a number");
    return it->value.GetDouble();
  }

  // A code-point offset: a whole number, -1 when unknown. Checked before the
  // cast, which is undefined for a double beyond int64_t.
  int64_t Offset(const char* field) const {
    double v = Num(field, -1);
    if (!(v >= -1 && v <= 9007199254740992.0) || v != std::floor(v))
      Fail(std::string("\"") + field + "\" must be a whole number, -1 when unknown");
    return static_cast<int64_t>(v);
  }

  std::string Type(const char* field) const {
    std::string t = Str(field, false);
    if (!t.empty() && !IsEntityType(t))
      Fail(std::string("\"") + field + "\" is \"" + t +
           "\", not one of the schema's entity types");
    return t;
  }

  // "forms": {"U.S.": 3, ...}, the names an article used (kg extract's
  // entity lines); empty when absent.
  std::map<std::string, int> Forms() const {
    std::map<std::string, int> forms;
    auto it = d_.FindMember("forms");
    if (it == d_.MemberEnd() || it->value.IsNull()) return forms;
    if (!it->value.IsObject()) Fail("\"forms\" must be an object of names and counts");
    for (const auto& f : it->value.GetObject()) {
      std::string form(f.name.GetString(), f.name.GetStringLength());
      if (SanitizeUtf8(&form) > 0) Fail("a name in \"forms\" has an invalid \\u escape");
      if (!f.value.IsInt() || f.value.GetInt() < 1)
        Fail("\"forms\": the count of \"" + form + "\" must be a whole number >= 1");
      if (!Trim(form).empty()) forms[form] += f.value.GetInt();
    }
    return forms;
  }

  [[noreturn]] void Fail(const std::string& what) const {
    throw Error(where_ + ": " + what);
  }

 private:
  const rapidjson::Document& d_;
  const std::string& where_;
};

bool IsPredicateName(const std::string& p) {
  if (p.empty() || p.size() > 64) return false;
  for (char c : p)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace

ChangeSet ReadTriplesJsonl(std::string_view content, const std::string& file_name) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  std::map<std::string, DocumentInput> docs;  // by doc id: deterministic order
  std::map<std::string, std::string> raw;     // the lines of each doc, for its hash
  int line_no = 0;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    std::string_view line = content.substr(
        pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? content.size() : nl + 1;
    ++line_no;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (Trim(line).empty()) continue;

    std::string where = file_name + ":" + std::to_string(line_no);
    std::string text(line);
    if (SanitizeUtf8(&text) > 0) throw Error(where + ": invalid UTF-8");
    rapidjson::Document d;
    d.Parse(text.c_str(), text.size());
    if (d.HasParseError())
      throw Error(where + ": invalid JSON: " + GetParseError_En(d.GetParseError()) +
                  " (column " + std::to_string(d.GetErrorOffset() + 1) + ")");
    if (!d.IsObject()) throw Error(where + ": expected a JSON object");
    LineReader r(d, where);

    std::string doc_id = r.Str("doc", true);
    DocumentInput& doc = docs[doc_id];
    raw[doc_id].append(text).push_back('\n');
    if (doc.uri.empty()) doc.uri = doc_id;
    if (doc.title.empty()) doc.title = r.Str("title", false);
    if (doc.source.empty()) doc.source = r.Str("source", false);
    std::string date = r.Str("date", false);
    if (!date.empty()) {
      if (!IsIsoDate(date)) r.Fail("\"date\" must be YYYY-MM-DD, not \"" + date + "\"");
      if (doc.date.empty()) doc.date = date;
    }

    if (r.Str("kind", false) == "entity") {
      doc.mentions.push_back({r.Str("name", true), r.Type("type"), 1, r.Forms(), {}});
      continue;
    }
    Fact f;
    f.subject = r.Str("subject", true);
    f.subject_type = r.Type("subject_type");
    f.predicate = r.Str("predicate", true);
    if (!IsPredicateName(f.predicate))
      r.Fail("\"predicate\" must be lower_snake_case, not \"" + f.predicate + "\"");
    f.object = r.Str("object", true);
    f.object_type = r.Type("object_type");
    f.confidence = r.Num("confidence", 1.0);
    if (!(f.confidence >= 0.0 && f.confidence <= 1.0))
      r.Fail("\"confidence\" must be between 0 and 1");
    f.sentence = r.Str("evidence", true);
    f.start = r.Offset("start");
    f.end = r.Offset("end");
    if (f.start > f.end) r.Fail("\"start\" is after \"end\"");
    doc.facts.push_back(std::move(f));
  }

  ChangeSet cs;
  cs.kind = "ingest --triples";
  for (auto& [id, doc] : docs) {
    doc.hash = ContentHash(raw[id]);
    cs.documents.push_back(std::move(doc));
  }
  return cs;
}

}  // namespace kg

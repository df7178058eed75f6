// Internal to ingest/nlp/: the model file, named sections behind a header
// and a checksum, so that a missing, truncated, damaged or foreign file is
// told apart and named, never half-read.
//   "kg-model" (8 bytes), format version (u32), section count (u32),
//   per section its name (u32 length + bytes) and size (u64),
//   the sections' bytes in that order, FNV-1a 64 of all the above (u64).
#ifndef KG_INGEST_NLP_MODEL_FILE_H_
#define KG_INGEST_NLP_MODEL_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

constexpr uint32_t kModelFormatVersion = 1;

struct ModelSection {
  std::string name;
  std::string_view bytes;
};

std::string WriteModelFile(const std::vector<ModelSection>& sections);

// The file's checksum (its last 8 bytes, as 16 hex digits): identifies the
// models. Call after ReadModelFile accepted the bytes.
std::string ModelChecksum(std::string_view bytes);

// The sections of a model file held in `bytes` (views into it). Throws
// Error("PATH: ...") saying what is wrong: not a model file, a format
// version this kg does not read, truncated, or damaged.
std::vector<ModelSection> ReadModelFile(std::string_view bytes, const std::string& path);

// The section called `name`; throws Error("PATH: no NAME section").
std::string_view FindSection(const std::vector<ModelSection>& sections,
                             std::string_view name, const std::string& path);

}  // namespace kg

#endif  // KG_INGEST_NLP_MODEL_FILE_H_

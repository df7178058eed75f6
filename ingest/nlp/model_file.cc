#include "ingest/nlp/model_file.h"

#include <cstring>

#include "base/base.h"
#include "ingest/nlp/bytes.h"

namespace kg {

namespace {

constexpr std::string_view kMagic = "kg-model";

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string WriteModelFile(const std::vector<ModelSection>& sections) {
  ByteWriter out;
  out.bytes() += kMagic;
  out.Put<uint32_t>(kModelFormatVersion);
  out.Put<uint32_t>(static_cast<uint32_t>(sections.size()));
  for (const ModelSection& s : sections) {
    out.PutString(s.name);
    out.Put<uint64_t>(s.bytes.size());
  }
  for (const ModelSection& s : sections) out.bytes() += s.bytes;
  out.Put<uint64_t>(Fnv1a(out.bytes()));
  return std::move(out.bytes());
}

std::vector<ModelSection> ReadModelFile(std::string_view bytes, const std::string& path) {
  if (bytes.substr(0, kMagic.size()) != kMagic)
    throw Error(path + ": not a kg model file");
  std::vector<ModelSection> sections;
  std::vector<uint64_t> sizes;
  uint64_t total = 0;
  ByteReader r(bytes.substr(kMagic.size()));
  try {
    uint32_t version = r.Get<uint32_t>();
    if (version != kModelFormatVersion)
      throw Error(path + ": model format version " + std::to_string(version) +
                  ", but this kg reads version " + std::to_string(kModelFormatVersion) +
                  " (train the models again with scripts/train, or use a matching kg)");
    uint32_t count = r.Get<uint32_t>();
    if (count > 64) throw std::runtime_error("section count");
    for (uint32_t i = 0; i < count; ++i) {
      sections.push_back({r.GetString(), {}});
      sizes.push_back(r.Get<uint64_t>());
      if (sizes.back() > bytes.size()) throw std::runtime_error("section size");
      total += sizes.back();
    }
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const Error*>(&e)) throw;
    throw Error(path + ": truncated model file (the header is cut short)");
  }
  size_t header = bytes.size() - r.Rest().size();
  if (bytes.size() < header + total + 8 || total > bytes.size())
    throw Error(path + ": truncated model file (" + std::to_string(bytes.size()) +
                " bytes, its header promises " + std::to_string(header + total + 8) +
                ")");
  if (bytes.size() > header + total + 8)
    throw Error(path + ": damaged model file (bytes after its end)");
  uint64_t stored;
  std::memcpy(&stored, bytes.data() + header + total, 8);
  if (stored != Fnv1a(bytes.substr(0, header + total)))
    throw Error(path + ": damaged model file (checksum mismatch)");
  size_t at = header;
  for (size_t i = 0; i < sections.size(); ++i) {
    sections[i].bytes = bytes.substr(at, sizes[i]);
    at += sizes[i];
  }
  return sections;
}

std::string ModelChecksum(std::string_view bytes) {
  uint64_t stored = 0;
  if (bytes.size() >= 8) std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  static const char* digits = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, stored >>= 4)
    hex[static_cast<size_t>(i)] = digits[stored & 15];
  return hex;
}

std::string_view FindSection(const std::vector<ModelSection>& sections,
                             std::string_view name, const std::string& path) {
  for (const ModelSection& s : sections)
    if (s.name == name) return s.bytes;
  throw Error(path + ": model file has no " + std::string(name) + " section");
}

}  // namespace kg

// Internal to ingest/nlp/: little-endian byte buffers for model sections.
// ByteReader throws std::runtime_error on any overrun, so a truncated or
// foreign model fails cleanly instead of reading past its end.
#ifndef KG_INGEST_NLP_BYTES_H_
#define KG_INGEST_NLP_BYTES_H_

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

class ByteWriter {
 public:
  template <typename T>
  void Put(T v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void PutString(std::string_view s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void PutStrings(const std::vector<std::string>& v) {
    Put<uint32_t>(static_cast<uint32_t>(v.size()));
    for (const auto& s : v) PutString(s);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view b) : b_(b) {}
  template <typename T>
  T Get() {
    T v;
    Need(sizeof v);
    std::memcpy(&v, b_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string_view GetBytes(size_t n) {
    Need(n);
    std::string_view v = b_.substr(at_, n);
    at_ += n;
    return v;
  }
  std::string GetString() {
    uint32_t n = Get<uint32_t>();
    return std::string(GetBytes(n));
  }
  std::vector<std::string> GetStrings() {
    uint32_t n = Get<uint32_t>();
    if (n > b_.size() - at_) throw std::runtime_error("string count out of range");
    std::vector<std::string> v;
    v.reserve(n);
    for (uint32_t i = 0; i < n; ++i) v.push_back(GetString());
    return v;
  }
  // A count of items of `size` bytes each that must still fit in the buffer.
  uint64_t GetCount(size_t size) {
    uint64_t n = Get<uint64_t>();
    if (size == 0 || n > (b_.size() - at_) / size)
      throw std::runtime_error("count out of range");
    return n;
  }
  // Everything not read yet; the reader is then done.
  std::string_view Rest() {
    std::string_view v = b_.substr(at_);
    at_ = b_.size();
    return v;
  }
  bool done() const { return at_ == b_.size(); }
  void ExpectDone() const {
    if (!done()) throw std::runtime_error("trailing bytes");
  }

 private:
  void Need(size_t n) const {
    if (b_.size() - at_ < n) throw std::runtime_error("truncated");
  }
  std::string_view b_;
  size_t at_ = 0;
};

}  // namespace kg

#endif  // KG_INGEST_NLP_BYTES_H_

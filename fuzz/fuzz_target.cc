// One libFuzzer target: the entry of fuzz/entries.h named by KG_FUZZ_TARGET.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/entries.h"

#ifndef KG_FUZZ_TARGET
#error "define KG_FUZZ_TARGET as the name of an entry in fuzz/entries.h"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const kg::fuzz::EntryFn entry = [] {
    kg::fuzz::EntryFn fn = kg::fuzz::FindEntry(KG_FUZZ_TARGET);
    if (!fn) {
      std::fprintf(stderr, "no fuzz entry named %s\n", KG_FUZZ_TARGET);
      std::abort();
    }
    return fn;
  }();
  entry(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

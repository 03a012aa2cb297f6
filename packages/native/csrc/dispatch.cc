// Run-time CPU dispatch: AVX-512 (F+VL+BW+DQ) > AVX2+FMA > portable (baseline SIMD of the target).
#include "dispatch.h"

#include <atomic>
#include <stdexcept>

namespace dn {
namespace {

bool has_avx512() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

bool has_avx2() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

const Kernels* table_for(const char* level) {
#if defined(__x86_64__)
  if (std::string(level) == "avx512") return &kernels_avx512;
  if (std::string(level) == "avx2") return &kernels_avx2;
#endif
  (void)level;
  return &kernels_portable;
}

std::atomic<const Kernels*> selected{nullptr};

}  // namespace

const char* best_cpu_level() { return has_avx512() ? "avx512" : has_avx2() ? "avx2" : "portable"; }

void select_kernels(const std::string& level) {
  if (level == "auto" || level.empty()) {
    selected.store(table_for(best_cpu_level()));
    return;
  }
  if (level != "avx512" && level != "avx2" && level != "portable")
    throw std::runtime_error("unknown CPU level " + level + " (auto, avx512, avx2, portable)");
  if ((level == "avx512" && !has_avx512()) || (level == "avx2" && !has_avx2()))
    throw std::runtime_error("this CPU does not support " + level + " (it has " + best_cpu_level() + ")");
  selected.store(table_for(level.c_str()));
}

const Kernels& K() {
  const Kernels* k = selected.load();
  if (!k) {
    k = table_for(best_cpu_level());
    selected.store(k);
  }
  return *k;
}

}  // namespace dn

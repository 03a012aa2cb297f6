#pragma once
#include <string>

#include "kernels.h"

namespace dn {
/** What the CPU supports, best first: "avx512", "avx2", "portable". */
const char* best_cpu_level();
/**
 * Select the kernels: "auto" (the best the CPU has) or a forced level. A forced level the CPU lacks
 * throws std::runtime_error (running AVX-512 code on an AVX2 machine would crash the process).
 */
void select_kernels(const std::string& level);
/** The selected kernels (auto until select_kernels is called). */
const Kernels& K();
}  // namespace dn

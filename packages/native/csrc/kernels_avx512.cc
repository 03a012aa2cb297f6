// avx512 build of kernels_body.h (compiler flags for this file are set in binding.gyp).
#define DN_NS avx512
#define DN_W 16
#define DN_MR 12
#include "kernels_body.h"

namespace dn {
extern const Kernels kernels_avx512 = {"avx512", 16, avx512::gemm, avx512::conv, avx512::conv_wgrad, avx512::WR, avx512::relu_mask, avx512::adam, avx512::col_sums, avx512::bn_moments, avx512::bn_apply, avx512::bn_grad_sums, avx512::bn_grad_dx, avx512::add, avx512::acc};
}

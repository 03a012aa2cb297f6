// avx2 build of kernels_body.h (compiler flags for this file are set in binding.gyp).
#define DN_NS avx2
#define DN_W 8
#define DN_MR 6
#include "kernels_body.h"

namespace dn {
extern const Kernels kernels_avx2 = {"avx2", 8, avx2::gemm, avx2::conv, avx2::conv_wgrad, 0, avx2::relu_mask, avx2::adam, avx2::col_sums, avx2::bn_moments, avx2::bn_apply, avx2::bn_grad_sums, avx2::bn_grad_dx, avx2::add, avx2::acc};
}

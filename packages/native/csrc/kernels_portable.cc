// portable build of kernels_body.h (compiler flags for this file are set in binding.gyp).
#define DN_NS portable
#define DN_W 4
#define DN_MR 4
#include "kernels_body.h"

namespace dn {
extern const Kernels kernels_portable = {"portable", 4, portable::gemm, portable::conv, portable::conv_wgrad, portable::WR, portable::relu_mask, portable::adam, portable::col_sums, portable::bn_moments, portable::bn_apply, portable::bn_grad_sums, portable::bn_grad_dx, portable::add, portable::acc};
}

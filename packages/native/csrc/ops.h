// Layer operations on raw NHWC float buffers, shared by the whole-step sessions (session.cc) and the
// single-kernel bindings that tfjs kernel overrides call (addon.cc). Parallelism is by output element,
// so results do not depend on the thread count.
#pragma once
#include <cstdint>

namespace dn {

/** NHWC window geometry (tfjs Conv2DInfo / Pool2DInfo fields). */
struct Geom {
  int N, H, W, C;     // input
  int OH, OW, OC;     // output (OC = output channels; pooling: OC = C)
  int KH, KW, SH, SW, PT, PL;
  int DH = 1, DW = 1;  // dilation (convolutions only)
  int64_t M() const { return int64_t(N) * OH * OW; }
  int K() const { return KH * KW * C; }
  /** A 1×1 stride-1 unpadded convolution reads its input as the im2col matrix itself. */
  bool pointwise() const { return KH == 1 && KW == 1 && SH == 1 && SW == 1 && PT == 0 && PL == 0; }
};

/** col[m, (kh·KW + kw)·C + c] = x[n, oh·SH + kh·DH − PT, ow·SW + kw·DW − PL, c], zero outside. */
void im2col(const float* x, const Geom& g, float* col, int threads);
/** dx (+)= the adjoint of im2col applied to dcol[M, K]. */
void col2im(const float* dcol, const Geom& g, float* dx, bool accumulate, int threads);

/** y = conv(x, w[KH,KW,C,OC]) (+ bias) (ReLU), im2col + GEMM per group of images. */
void conv_forward(const float* x, const float* w, const float* bias, bool relu, const Geom& g, float* y,
                  int threads);
/** dw (+)= im2col(x)ᵀ·dy (per image group, the groups' partial sums added in order). */
void conv_filter_grad(const float* x, const float* dy, const Geom& g, float* dw, bool accumulate, int threads);
/** dx (+)= col2im(dy·wᵀ). */
void conv_input_grad(const float* dy, const float* w, const Geom& g, float* dx, bool accumulate, int threads);

/**
 * A conv (+ bias, ReLU) whose only reader is a max pool (geometry pg): per group of images in cache,
 * so the conv output never goes to memory; y / arg are the pool's output and arg-max (arg may be null).
 */
void conv_pool_forward(const float* x, const float* w, const float* bias, bool relu, const Geom& g,
                       const Geom& pg, float* y, int32_t* arg, int threads);
/**
 * Its gradients from the pooled gradient dyPool, pooled output yPool and arg: dw and db are written
 * (may be null), dx (+)= the input gradient (may be null).
 */
void conv_pool_backward(const float* x, const float* w, const float* dyPool, const float* yPool,
                        const int32_t* arg, bool relu, const Geom& g, const Geom& pg, float* dw, float* db,
                        float* dx, bool accumulate, int threads);

/** db[j] (+)= Σ_rows dy[r, j], chunked in fixed row blocks and summed in order. */
void bias_grad(const float* dy, int64_t rows, int cols, float* db, bool accumulate, int threads);

/** Max pool; `arg` (may be null) gets each output's input index (first maximum in row-major scan). */
void maxpool_forward(const float* x, const Geom& g, float* y, int32_t* arg, int threads);
/** dx (+)= scatter of dy by `arg` (rebuilt from x when arg is null). */
void maxpool_backward(const float* dy, const int32_t* arg, const float* x, const Geom& g, float* dx,
                      bool accumulate, int threads);
/** Average pool (padding excluded from the count, as tfjs). */
void avgpool_forward(const float* x, const Geom& g, float* y, int threads);
void avgpool_backward(const float* dy, const Geom& g, float* dx, bool accumulate, int threads);

/** Depthwise conv with channel multiplier q = OC / C, filter [KH, KW, C, q]. */
void depthwise_forward(const float* x, const float* w, const Geom& g, float* y, int threads);
void depthwise_filter_grad(const float* x, const float* dy, const Geom& g, float* dw, int threads);
void depthwise_input_grad(const float* dy, const float* w, const Geom& g, float* dx, bool accumulate,
                          int threads);

/** Per-channel batch mean and biased variance over rows = N·H·W (double accumulation). */
void channel_moments(const float* x, int64_t rows, int C, float* mean, float* var, int threads);
/** y = (x − mean)·rsqrt(var + eps)·gamma + beta (gamma/beta may be null), optional ReLU. */
void batchnorm_apply(const float* x, int64_t rows, int C, const float* mean, const float* var, float eps,
                     const float* gamma, const float* beta, bool relu, float* y, int threads);
/**
 * Training-mode BN gradient (batch statistics depend on x): with x̂ = (x − mean)·istd,
 * dx = γ·istd·(dy − mean(dy) − x̂·mean(dy·x̂)), dγ = Σ dy·x̂, dβ = Σ dy. With `relu` (a BN + ReLU) dy
 * is first masked where the forward's ReLU passed, recomputed from x, γ and β in the same passes.
 */
void batchnorm_backward(const float* x, const float* dy, int64_t rows, int C, const float* mean, const float* var,
                        float eps, const float* gamma, const float* beta, bool relu, float* dx, bool accumulate,
                        float* dgamma, float* dbeta, int threads);

}  // namespace dn

// Kernels compiled once per instruction set (kernels_body.h via kernels_avx512.cc, kernels_avx2.cc, kernels_portable.cc),
// selected at run time (dispatch.cc). The per-target files include no C++ standard-library templates:
// an inline template instantiated under -mavx512f could be picked by the linker for every caller and
// run AVX-512 code on a CPU without it (ODR folding of COMDAT sections).
#pragma once
#include <cstddef>
#include <cstdint>

namespace dn {

/** A task of a parallel region: task index in [0, ntasks). */
typedef void (*TaskFn)(void* ctx, int task);

/**
 * Run fn(ctx, 0..ntasks-1) on up to `threads` threads (the caller plus pool workers). Which thread runs
 * a task never changes a result: every kernel partitions work by output, never by thread.
 */
void parallel_for(int ntasks, TaskFn fn, void* ctx, int threads);

/** C (+)= op(A)·op(B) with an optional bias + ReLU epilogue, row-major. */
struct GemmArgs {
  int M, N, K;
  const float* A;  // A(i,k) = transA ? A[k*lda + i] : A[i*lda + k]
  int lda;
  bool transA;
  const float* B;  // B(k,j) = transB ? B[j*ldb + k] : B[k*ldb + j]
  int ldb;
  bool transB;
  float* C;
  int ldc;
  bool accumulate;     // C += A·B (else C = A·B)
  const float* bias;   // epilogue C[i,j] += bias[j], or null
  bool relu;           // epilogue C = max(C, 0)
};

/**
 * A direct (implicit-GEMM) convolution on NHWC images: y[m, oc] (+)= Σ_{kh,kw,c} x[n, ih, iw, c] ·
 * w[(kh·KW + kw)·C + c, oc] with ih = oh·SH + kh·DH − PT, iw = ow·SW + kw·DW − PL (zero outside), then
 * bias and ReLU. No im2col matrix: the micro-tile reads each output position's input pixel per tap.
 * Needs OC to be a multiple of the kernels' vector width.
 */
struct ConvArgs {
  int N, H, W, C;
  int OH, OW, OC;
  int KH, KW, SH, SW, PT, PL, DH, DW;
  const float* x;
  const float* w;
  float* y;
  bool accumulate;
  const float* bias;
  bool relu;
};

/** One instruction set's kernels. */
struct Kernels {
  const char* name;
  /** Vector width in floats (16 AVX-512, 8 AVX2, 4 portable). */
  int width;
  void (*gemm)(const GemmArgs& g, int threads);
  void (*conv)(const ConvArgs& a, int threads);
  /**
   * The filter gradient of a direct convolution over a.N images, one thread: dw[(kh·KW + kw)·C + c, oc]
   * = Σ x[n, ih, iw, c]·dy[n, oh, ow, oc] with a.y read as dy; dw is overwritten. Needs OC a multiple
   * of `width` and C a multiple of `wgrad_rows`.
   */
  void (*conv_wgrad)(const ConvArgs& a, float* dw);
  /**
   * Input channels per conv_wgrad tile, or 0 where im2col + GEMM is faster (AVX2: its 16 registers
   * allow only 4-row tiles; measured 12 % slower on small-cnn, not faster on resnet_small).
   */
  int wgrad_rows;
  /** dy[i] = y[i] > 0 ? dy[i] : 0 (ReLU gradient from the ReLU output). */
  void (*relu_mask)(float* dy, const float* y, int64_t n);
  /** Adam (Keras form): m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; w -= lr (m/c1) / (sqrt(v/c2) + eps). */
  void (*adam)(float* w, const float* g, float* m, float* v, int64_t n, float lr, float b1, float b2,
               float eps, float c1, float c2);
  /** out[j] (+)= Σ_r x[r*cols + j] for rows [0, rows), float accumulation in row order. */
  void (*col_sums)(const float* x, int64_t rows, int cols, float* out);
  /** Batch-norm moments of rows [0, rows): s1[c] += Σ (x − shift[c]), s2[c] += Σ (x − shift[c])², double. */
  void (*bn_moments)(const float* x, int64_t rows, int C, const float* shift, double* s1, double* s2);
  /** y = x·scale + shift per channel, then ReLU if `relu`. */
  void (*bn_apply)(const float* x, int64_t rows, int C, const float* scale, const float* shift, bool relu,
                   float* y);
  /**
   * Batch-norm gradient sums: sd[c] += Σ d, sdx[c] += Σ d·x̂ (double), x̂ = (x − mean)·istd, where
   * d = dy, or for a BN + ReLU (rs, rb: bn_apply's scale and shift, else null) d = x·rs + rb > 0 ? dy : 0,
   * the forward's ReLU recomputed bit for bit from x instead of read from the output.
   */
  void (*bn_grad_sums)(const float* x, const float* dy, const float* rs, const float* rb, int64_t rows, int C,
                       const float* mean, const float* istd, double* sd, double* sdx);
  /** dx (+)= k·(d − mdy − x̂·mdyx), d and x̂ as bn_grad_sums. */
  void (*bn_grad_dx)(const float* x, const float* dy, const float* rs, const float* rb, int64_t rows, int C,
                     const float* mean, const float* istd, const float* k, const float* mdy, const float* mdyx,
                     float* dx, bool accumulate);
  /** y[i] = a[i] + b[i]. */
  void (*add)(float* y, const float* a, const float* b, int64_t n);
  /** y[i] += x[i]. */
  void (*acc)(float* y, const float* x, int64_t n);
};

extern const Kernels kernels_portable;
#if defined(__x86_64__)
extern const Kernels kernels_avx2;
extern const Kernels kernels_avx512;
#endif

}  // namespace dn

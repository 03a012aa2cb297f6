// The body of one instruction set's kernels. Included by kernels_<set>.cc after defining DN_NS (a
// namespace), DN_W (floats per vector) and DN_MR (micro-tile rows); the compiler flags of that file pick
// the instructions (GCC vector extensions lower to AVX-512, AVX2+FMA or SSE2/NEON). No std templates here.
#include <cstdlib>
#include <cstring>

#include "kernels.h"

namespace dn {
namespace DN_NS {

constexpr int W = DN_W;
constexpr int MR = DN_MR;
constexpr int NR = 2 * W;
// Cache blocking (Goto & van de Geijn 2008): a KC×NR panel of B stays in L1 (32 KB with AVX-512), an
// MC×KC block of A in L2; C tiles of MC×NC are the unit of parallel work.
constexpr int KC = 256;
constexpr int MC = MR * 16;
constexpr int NC = NR * 8;
// A huge reduction over a small output (the filter gradient of a first conv layer: K = batch·H·W) is
// cut into fixed chunks reduced in order, so the result does not depend on the thread count.
constexpr int KSPLIT = 4096;

typedef float vf __attribute__((vector_size(W * 4)));

static inline vf ld(const float* p) {
  vf v;
  memcpy(&v, p, sizeof v);
  return v;
}
static inline void st(float* p, vf v) { memcpy(p, &v, sizeof v); }
static inline int imin(int a, int b) { return a < b ? a : b; }
static inline int imax(int a, int b) { return a > b ? a : b; }

// MR×(W or 2W) micro-tile: c (+)= A-panel · B-panel over kc, every accumulator in a register.
// A is read as a[k·sa + i] (packed, or a transposed operand in place) or, with AROWS, straight from
// row-major rows a[i·sa + k] (no packing; rows past `mr` repeat the last valid row and are not stored).
// NARROW computes one vector column (nr ≤ W). Only the valid mr × nr corner of the tile is written.
// R (≤ MR) is the tile's register rows: a short edge tile (a batch of 64 is 5 × 12 + 4 rows) runs a
// smaller instantiation instead of computing 12 rows to store 4. Each element's sum is the same.
template <int R, bool NARROW, bool AROWS>
static inline void micro(int kc, const float* __restrict a, int sa, const float* __restrict b, int sb,
                         float* __restrict c, int ldc, bool acc, int mr, int nr, const float* bias, bool relu) {
  vf c0[R], c1[R];
  const float* ar[R];
#pragma GCC unroll 16
  for (int i = 0; i < R; i++) {
    c0[i] = vf{};
    c1[i] = vf{};
    ar[i] = a + (ptrdiff_t)(i < mr ? i : mr - 1) * sa;
  }
  for (int k = 0; k < kc; k++) {
    const vf b0 = ld(b);
    const vf b1 = NARROW ? vf{} : ld(b + W);
#pragma GCC unroll 16
    for (int i = 0; i < R; i++) {
      const float ai = AROWS ? ar[i][k] : a[i];
      c0[i] += ai * b0;
      if (!NARROW) c1[i] += ai * b1;
    }
    if (!AROWS) a += sa;
    b += sb;
  }
  // The epilogue (bias, then ReLU) rides on the store of the last K block: the same operations in the
  // same order as a separate pass over C, without reading C again.
  const int width = NARROW ? W : 2 * W;
  if (mr == R && nr == width) {
    const vf zero = vf{};
    const vf bv0 = bias ? ld(bias) : zero;
    const vf bv1 = bias && !NARROW ? ld(bias + W) : zero;
#pragma GCC unroll 16
    for (int i = 0; i < R; i++) {
      float* ci = c + (ptrdiff_t)i * ldc;
      vf r0 = acc ? ld(ci) + c0[i] : c0[i];
      if (bias) r0 += bv0;
      if (relu) r0 = r0 > zero ? r0 : zero;
      st(ci, r0);
      if (!NARROW) {
        vf r1 = acc ? ld(ci + W) + c1[i] : c1[i];
        if (bias) r1 += bv1;
        if (relu) r1 = r1 > zero ? r1 : zero;
        st(ci + W, r1);
      }
    }
    return;
  }
  float t[2 * W];
  for (int i = 0; i < mr; i++) {
    float* ci = c + (ptrdiff_t)i * ldc;
    st(t, c0[i]);
    if (!NARROW) st(t + W, c1[i]);
    for (int j = 0; j < nr; j++) {
      float v = acc ? ci[j] + t[j] : t[j];
      if (bias) v += bias[j];
      if (relu) v = v > 0.f ? v : 0.f;
      ci[j] = v;
    }
  }
}

// The micro-tile with the fewest register rows (MR, ⅔ MR or ⅓ MR) that holds mr rows.
template <bool NARROW, bool AROWS>
static inline void micro_rows(int kc, const float* a, int sa, const float* b, int sb, float* c, int ldc, bool acc,
                              int mr, int nr, const float* bias, bool relu) {
  constexpr int R1 = MR % 3 == 0 ? MR / 3 : MR, R2 = MR % 3 == 0 ? 2 * MR / 3 : MR;
  if (mr <= R1)
    micro<R1, NARROW, AROWS>(kc, a, sa, b, sb, c, ldc, acc, mr, nr, bias, relu);
  else if (mr <= R2)
    micro<R2, NARROW, AROWS>(kc, a, sa, b, sb, c, ldc, acc, mr, nr, bias, relu);
  else
    micro<MR, NARROW, AROWS>(kc, a, sa, b, sb, c, ldc, acc, mr, nr, bias, relu);
}

static void pack_a(const GemmArgs& g, int i0, int mc, int k0, int kc, float* dst) {
  for (int p = 0; p < mc; p += MR) {
    const int mr = imin(MR, mc - p);
    if (g.transA) {
      for (int k = 0; k < kc; k++) {
        const float* src = g.A + (ptrdiff_t)(k0 + k) * g.lda + i0 + p;
        float* d = dst + k * MR;
        int i = 0;
        for (; i < mr; i++) d[i] = src[i];
        for (; i < MR; i++) d[i] = 0.f;
      }
    } else {
      for (int i = 0; i < mr; i++) {
        const float* src = g.A + (ptrdiff_t)(i0 + p + i) * g.lda + k0;
        for (int k = 0; k < kc; k++) dst[k * MR + i] = src[k];
      }
      for (int i = mr; i < MR; i++)
        for (int k = 0; k < kc; k++) dst[k * MR + i] = 0.f;
    }
    dst += MR * kc;
  }
}

static void pack_b(const GemmArgs& g, int j0, int nc, int k0, int kc, float* dst) {
  for (int p = 0; p < nc; p += NR) {
    const int nr = imin(NR, nc - p);
    if (!g.transB) {
      for (int k = 0; k < kc; k++) {
        const float* src = g.B + (ptrdiff_t)(k0 + k) * g.ldb + j0 + p;
        float* d = dst + k * NR;
        if (nr == NR) {
          memcpy(d, src, sizeof(float) * NR);
        } else {
          int j = 0;
          for (; j < nr; j++) d[j] = src[j];
          for (; j < NR; j++) d[j] = 0.f;
        }
      }
    } else {
      for (int j = 0; j < nr; j++) {
        const float* src = g.B + (ptrdiff_t)(j0 + p + j) * g.ldb + k0;
        for (int k = 0; k < kc; k++) dst[k * NR + j] = src[k];
      }
      for (int j = nr; j < NR; j++)
        for (int k = 0; k < kc; k++) dst[k * NR + j] = 0.f;
    }
    dst += NR * kc;
  }
}

static thread_local float* tls_b = nullptr;
static thread_local float* tls_ea = nullptr;
static thread_local float* tls_eb = nullptr;

static float* buffer(float*& p, size_t n) {
  if (!p) p = static_cast<float*>(aligned_alloc(64, ((n * sizeof(float) + 63) / 64) * 64));
  return p;
}

// One MC×NC tile of C over k in [kb, ke): C (+)= A·B. A is never packed (row-major A is read by rows,
// a transposed A has MR contiguous rows per k) except a partial transposed edge panel; B is read in
// place when it is plain and the panel is full, otherwise packed (zero-padded), so nothing is read
// past either matrix.
static void tile(const GemmArgs& g, int i0, int mc, int j0, int nc, int kb, int ke, float* C, int ldc,
                 bool accumulate, bool fuse) {
  float* pb = g.transB ? buffer(tls_b, (size_t)KC * NC) : nullptr;
  float* ea = buffer(tls_ea, (size_t)MR * KC);
  float* eb = buffer(tls_eb, (size_t)NR * KC);
  if (ke <= kb) {
    if (!accumulate)
      for (int i = 0; i < mc; i++) memset(C + (ptrdiff_t)(i0 + i) * ldc + j0, 0, sizeof(float) * nc);
    return;
  }
  for (int k0 = kb; k0 < ke; k0 += KC) {
    const int kc = imin(KC, ke - k0);
    if (pb) pack_b(g, j0, nc, k0, kc, pb);
    const bool acc = accumulate || k0 > kb;
    const bool last = fuse && k0 + kc >= ke;
    const bool relu = last && g.relu;
    for (int jp = 0; jp < nc; jp += NR) {
      const int nr = imin(NR, nc - jp);
      const bool narrow = nr <= W;
      const float* bp;
      int sb = NR;
      if (pb) {
        bp = pb + (ptrdiff_t)(jp / NR) * NR * kc;
      } else if (nr == NR || nr == W) {
        bp = g.B + (ptrdiff_t)k0 * g.ldb + j0 + jp;
        sb = g.ldb;
      } else {
        pack_b(g, j0 + jp, nr, k0, kc, eb);
        bp = eb;
      }
      for (int ip = 0; ip < mc; ip += MR) {
        const int mr = imin(MR, mc - ip);
        float* c = C + (ptrdiff_t)(i0 + ip) * ldc + j0 + jp;
        const float* bias = last && g.bias ? g.bias + j0 + jp : nullptr;
        if (!g.transA) {
          const float* ap = g.A + (ptrdiff_t)(i0 + ip) * g.lda + k0;
          if (narrow)
            micro_rows<true, true>(kc, ap, g.lda, bp, sb, c, ldc, acc, mr, nr, bias, relu);
          else
            micro_rows<false, true>(kc, ap, g.lda, bp, sb, c, ldc, acc, mr, nr, bias, relu);
          continue;
        }
        const float* ap;
        int sa = g.lda;
        if (mr == MR) {
          ap = g.A + (ptrdiff_t)k0 * g.lda + i0 + ip;
        } else {
          pack_a(g, i0 + ip, mr, k0, kc, ea);
          ap = ea;
          sa = MR;
        }
        if (narrow)
          micro_rows<true, false>(kc, ap, sa, bp, sb, c, ldc, acc, mr, nr, bias, relu);
        else
          micro_rows<false, false>(kc, ap, sa, bp, sb, c, ldc, acc, mr, nr, bias, relu);
      }
    }
  }
}

static void epilogue(const GemmArgs& g, int i0, int mc, int j0, int nc) {
  if (!g.bias && !g.relu) return;
  for (int i = 0; i < mc; i++) {
    float* c = g.C + (ptrdiff_t)(i0 + i) * g.ldc + j0;
    if (g.bias) {
      const float* b = g.bias + j0;
      for (int j = 0; j < nc; j++) c[j] += b[j];
    }
    if (g.relu)
      for (int j = 0; j < nc; j++) c[j] = c[j] > 0.f ? c[j] : 0.f;
  }
}

struct TileCtx {
  const GemmArgs* g;
  int nt;
  int nc;  // tile width (a multiple of NR)
};

static void tile_task(void* p, int t) {
  const TileCtx& c = *static_cast<TileCtx*>(p);
  const GemmArgs& g = *c.g;
  const int i0 = (t / c.nt) * MC, j0 = (t % c.nt) * c.nc;
  const int mc = imin(MC, g.M - i0), nc = imin(c.nc, g.N - j0);
  tile(g, i0, mc, j0, nc, 0, g.K, g.C, g.ldc, g.accumulate, true);
  if (g.K <= 0) epilogue(g, i0, mc, j0, nc);
}

struct SplitCtx {
  const GemmArgs* g;
  float* parts;
};

static void split_task(void* p, int t) {
  const SplitCtx& c = *static_cast<SplitCtx*>(p);
  const GemmArgs& g = *c.g;
  float* out = c.parts + (ptrdiff_t)t * g.M * g.N;
  const int kb = t * KSPLIT, ke = imin(g.K, kb + KSPLIT);
  for (int i0 = 0; i0 < g.M; i0 += MC)
    for (int j0 = 0; j0 < g.N; j0 += NC)
      tile(g, i0, imin(MC, g.M - i0), j0, imin(NC, g.N - j0), kb, ke, out, g.N, false, false);
}

static void gemm(const GemmArgs& g, int threads) {
  if (g.M <= 0 || g.N <= 0) return;
  const int mt = (g.M + MC - 1) / MC, nt = (g.N + NC - 1) / NC;
  if (mt * nt < 4 && g.K >= 4 * KSPLIT) {
    const int chunks = (g.K + KSPLIT - 1) / KSPLIT;
    const size_t mn = (size_t)g.M * g.N;
    float* parts = static_cast<float*>(malloc(sizeof(float) * mn * chunks));
    SplitCtx sc{&g, parts};
    parallel_for(chunks, split_task, &sc, threads);
    for (int i = 0; i < g.M; i++) {
      float* c = g.C + (ptrdiff_t)i * g.ldc;
      for (int j = 0; j < g.N; j++) {
        float s = g.accumulate ? c[j] : 0.f;
        for (int q = 0; q < chunks; q++) s += parts[q * mn + (size_t)i * g.N + j];
        c[j] = s;
      }
    }
    free(parts);
    for (int i0 = 0; i0 < g.M; i0 += MC)
      for (int j0 = 0; j0 < g.N; j0 += NC) epilogue(g, i0, imin(MC, g.M - i0), j0, imin(NC, g.N - j0));
    return;
  }
  // Few rows (a batch of 64): narrower tiles so both cores get balanced work. Tile shapes depend on the
  // matrix shape only, and a tile never splits K, so the bits do not depend on the thread count.
  int nc = NC;
  if (mt * nt < 8) {
    const int want = (8 + mt - 1) / mt;
    nc = imin(NC, imax(NR, ((g.N + want - 1) / want + NR - 1) / NR * NR));
  }
  TileCtx tc{&g, (g.N + nc - 1) / nc, nc};
  parallel_for(mt * tc.nt, tile_task, &tc, threads);
}

// Zero pixels for the taps of a direct convolution that fall in the padding.
constexpr int CONV_MAX_C = 4096;
static const float conv_zeros[CONV_MAX_C] = {};

// One MR × (W or 2W) tile of a direct convolution: output positions [m0, m0 + mr), channels from j0.
// Every accumulator stays in a register over the whole reduction (taps × input channels); per tap, each
// row of the tile points at its input pixel (or at zeros in the padding), so nothing is copied.
template <bool NARROW>
static inline void conv_micro(const ConvArgs& g, int m0, int mr, int j0) {
  vf c0[MR], c1[MR];
  const float* img[MR];
  int ih0[MR], iw0[MR];
  const int plane = g.OH * g.OW;
#pragma GCC unroll 16
  for (int i = 0; i < MR; i++) {
    c0[i] = vf{};
    c1[i] = vf{};
    const int m = m0 + (i < mr ? i : mr - 1);
    const int n = m / plane, r = m - n * plane, oh = r / g.OW, ow = r - oh * g.OW;
    img[i] = g.x + (ptrdiff_t)n * g.H * g.W * g.C;
    ih0[i] = oh * g.SH - g.PT;
    iw0[i] = ow * g.SW - g.PL;
  }
  const int C = g.C, OC = g.OC;
  for (int kh = 0; kh < g.KH; kh++)
    for (int kw = 0; kw < g.KW; kw++) {
      const float* ar[MR];
#pragma GCC unroll 16
      for (int i = 0; i < MR; i++) {
        const int ih = ih0[i] + kh * g.DH, iw = iw0[i] + kw * g.DW;
        ar[i] = (unsigned)ih < (unsigned)g.H && (unsigned)iw < (unsigned)g.W
                    ? img[i] + ((ptrdiff_t)ih * g.W + iw) * C
                    : conv_zeros;
      }
      const float* __restrict b = g.w + (ptrdiff_t)(kh * g.KW + kw) * C * OC + j0;
      for (int c = 0; c < C; c++) {
        const vf b0 = ld(b);
        const vf b1 = NARROW ? vf{} : ld(b + W);
#pragma GCC unroll 16
        for (int i = 0; i < MR; i++) {
          const float ai = ar[i][c];
          c0[i] += ai * b0;
          if (!NARROW) c1[i] += ai * b1;
        }
        b += OC;
      }
    }
  const vf zero = vf{};
  const vf bv0 = g.bias ? ld(g.bias + j0) : zero;
  const vf bv1 = g.bias && !NARROW ? ld(g.bias + j0 + W) : zero;
#pragma GCC unroll 16
  for (int i = 0; i < MR; i++) {
    if (i >= mr) break;
    float* ci = g.y + (ptrdiff_t)(m0 + i) * OC + j0;
    vf r0 = g.accumulate ? ld(ci) + c0[i] : c0[i];
    if (g.bias) r0 += bv0;
    if (g.relu) r0 = r0 > zero ? r0 : zero;
    st(ci, r0);
    if (!NARROW) {
      vf r1 = g.accumulate ? ld(ci + W) + c1[i] : c1[i];
      if (g.bias) r1 += bv1;
      if (g.relu) r1 = r1 > zero ? r1 : zero;
      st(ci + W, r1);
    }
  }
}

// Output positions per task: a few micro-tiles, so each weight column panel is reused from cache.
constexpr int CONV_MB = MR * 8;

static void conv_task(void* p, int t) {
  const ConvArgs& g = *static_cast<const ConvArgs*>(p);
  const int M = g.N * g.OH * g.OW;
  const int mb = t * CONV_MB, me = imin(M, mb + CONV_MB);
  for (int j0 = 0; j0 < g.OC; j0 += NR) {
    const bool narrow = g.OC - j0 <= W;
    for (int m0 = mb; m0 < me; m0 += MR) {
      if (narrow)
        conv_micro<true>(g, m0, imin(MR, me - m0), j0);
      else
        conv_micro<false>(g, m0, imin(MR, me - m0), j0);
    }
  }
}

static void conv(const ConvArgs& g, int threads) {
  const int M = g.N * g.OH * g.OW;
  if (M <= 0 || g.OC <= 0) return;
  parallel_for((M + CONV_MB - 1) / CONV_MB, conv_task, const_cast<ConvArgs*>(&g), threads);
}

// Filter-gradient tiles: R input channels of one tap × one or two vectors of output channels, summed
// over every output position of the images in registers. Per position the R input values are
// contiguous (NHWC), so each is one broadcast; the dy row is the B vector. No im2col matrix.
constexpr int WR = W >= 16 ? 8 : 4;

template <int R, bool NARROW>
static void wgrad_tile(const ConvArgs& g, int kh, int kw, int c0, int j0, float* dw) {
  vf c0v[R], c1v[R];
#pragma GCC unroll 16
  for (int i = 0; i < R; i++) {
    c0v[i] = vf{};
    c1v[i] = vf{};
  }
  const int C = g.C, OC = g.OC;
  const int off = kw * g.DW - g.PL;
  // Output columns whose input column ow·SW + off lies inside the image.
  int lo = 0, hi = g.OW;
  while (lo < hi && lo * g.SW + off < 0) lo++;
  while (hi > lo && (hi - 1) * g.SW + off >= g.W) hi--;
  const ptrdiff_t xstep = (ptrdiff_t)g.SW * C;
  for (int n = 0; n < g.N; n++)
    for (int oh = 0; oh < g.OH; oh++) {
      const int ih = oh * g.SH + kh * g.DH - g.PT;
      if ((unsigned)ih >= (unsigned)g.H || lo >= hi) continue;
      const float* __restrict xp = g.x + (((ptrdiff_t)n * g.H + ih) * g.W + lo * g.SW + off) * C + c0;
      const float* __restrict dp = g.y + (((ptrdiff_t)n * g.OH + oh) * g.OW + lo) * OC + j0;
      for (int ow = lo; ow < hi; ow++) {
        const vf b0 = ld(dp);
        const vf b1 = NARROW ? vf{} : ld(dp + W);
#pragma GCC unroll 16
        for (int i = 0; i < R; i++) {
          const float a = xp[i];
          c0v[i] += a * b0;
          if (!NARROW) c1v[i] += a * b1;
        }
        xp += xstep;
        dp += OC;
      }
    }
  float* out = dw + ((ptrdiff_t)(kh * g.KW + kw) * C + c0) * OC + j0;
#pragma GCC unroll 16
  for (int i = 0; i < R; i++) {
    st(out + (ptrdiff_t)i * OC, c0v[i]);
    if (!NARROW) st(out + (ptrdiff_t)i * OC + W, c1v[i]);
  }
}

static void conv_wgrad(const ConvArgs& g, float* dw) {
  for (int kh = 0; kh < g.KH; kh++)
    for (int kw = 0; kw < g.KW; kw++)
      for (int j0 = 0; j0 < g.OC; j0 += NR) {
        const bool narrow = g.OC - j0 <= W;
        // One vector of output channels leaves registers for twice the input channels.
        if (narrow && g.C % (2 * WR) == 0)
          for (int c0 = 0; c0 < g.C; c0 += 2 * WR) wgrad_tile<2 * WR, true>(g, kh, kw, c0, j0, dw);
        else if (narrow)
          for (int c0 = 0; c0 < g.C; c0 += WR) wgrad_tile<WR, true>(g, kh, kw, c0, j0, dw);
        else
          for (int c0 = 0; c0 < g.C; c0 += WR) wgrad_tile<WR, false>(g, kh, kw, c0, j0, dw);
      }
}

static void relu_mask(float* __restrict dy, const float* __restrict y, int64_t n) {
  for (int64_t i = 0; i < n; i++) dy[i] = y[i] > 0.f ? dy[i] : 0.f;
}

static void adam(float* __restrict w, const float* __restrict g, float* __restrict m, float* __restrict v,
                 int64_t n, float lr, float b1, float b2, float eps, float c1, float c2) {
  const float a1 = 1.f - b1, a2 = 1.f - b2;
  for (int64_t i = 0; i < n; i++) {
    const float gi = g[i];
    const float mi = b1 * m[i] + a1 * gi;
    const float vi = b2 * v[i] + a2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] -= (lr * (mi / c1)) / (__builtin_sqrtf(vi / c2) + eps);
  }
}

static void col_sums(const float* __restrict x, int64_t rows, int cols, float* __restrict out) {
  for (int64_t r = 0; r < rows; r++) {
    const float* xr = x + r * cols;
    for (int j = 0; j < cols; j++) out[j] += xr[j];
  }
}

// Batch norm, one row (a pixel's C channels) at a time; the channel loops vectorize (float → double
// conversions 8 wide with AVX-512). Every expression is the one the baseline ops.cc had.
static void bn_moments(const float* __restrict x, int64_t rows, int C, const float* __restrict shift,
                       double* __restrict s1, double* __restrict s2) {
  for (int64_t r = 0; r < rows; r++) {
    const float* xr = x + r * C;
    for (int c = 0; c < C; c++) {
      const double d = xr[c] - shift[c];
      s1[c] += d;
      s2[c] += d * d;
    }
  }
}

static void bn_apply(const float* __restrict x, int64_t rows, int C, const float* __restrict scale,
                     const float* __restrict shift, bool relu, float* __restrict y) {
  for (int64_t r = 0; r < rows; r++) {
    const float* xr = x + r * C;
    float* yr = y + r * C;
    if (relu)
      for (int c = 0; c < C; c++) {
        const float v = xr[c] * scale[c] + shift[c];
        yr[c] = v < 0.f ? 0.f : v;
      }
    else
      for (int c = 0; c < C; c++) yr[c] = xr[c] * scale[c] + shift[c];
  }
}

// Half a float vector widened to a full vector of doubles (GCC left this loop scalar on its own).
constexpr int HW = W / 2;
typedef float vhf __attribute__((vector_size(HW * 4)));
typedef double vhd __attribute__((vector_size(HW * 8)));

static void bn_grad_sums(const float* __restrict x, const float* __restrict dy, const float* __restrict rs,
                         const float* __restrict rb, int64_t rows, int C, const float* __restrict mean,
                         const float* __restrict istd, double* __restrict sd, double* __restrict sdx) {
  const vhf zero = vhf{};
  for (int64_t r = 0; r < rows; r++) {
    const float* xr = x + r * C;
    const float* dr = dy + r * C;
    int c = 0;
    for (; c + HW <= C; c += HW) {
      vhf d, xv, mv, iv;
      memcpy(&d, dr + c, sizeof d);
      memcpy(&xv, xr + c, sizeof xv);
      if (rs) {
        vhf sv, bv;
        memcpy(&sv, rs + c, sizeof sv);
        memcpy(&bv, rb + c, sizeof bv);
        const vhf v = xv * sv + bv;  // bn_apply's value: the ReLU passed where it is > 0
        d = v > zero ? d : zero;
      }
      memcpy(&mv, mean + c, sizeof mv);
      memcpy(&iv, istd + c, sizeof iv);
      const vhf p = d * ((xv - mv) * iv);
      vhd a, b;
      memcpy(&a, sd + c, sizeof a);
      memcpy(&b, sdx + c, sizeof b);
      a += __builtin_convertvector(d, vhd);
      b += __builtin_convertvector(p, vhd);
      memcpy(sd + c, &a, sizeof a);
      memcpy(sdx + c, &b, sizeof b);
    }
    for (; c < C; c++) {
      const float d = rs && !(xr[c] * rs[c] + rb[c] > 0.f) ? 0.f : dr[c];
      sd[c] += d;
      sdx[c] += d * ((xr[c] - mean[c]) * istd[c]);
    }
  }
}

static void bn_grad_dx(const float* __restrict x, const float* __restrict dy, const float* __restrict rs,
                       const float* __restrict rb, int64_t rows, int C, const float* __restrict mean,
                       const float* __restrict istd, const float* __restrict k, const float* __restrict mdy,
                       const float* __restrict mdyx, float* __restrict dx, bool accumulate) {
  for (int64_t r = 0; r < rows; r++) {
    const float* xr = x + r * C;
    const float* dr = dy + r * C;
    float* o = dx + r * C;
    if (rs && accumulate)
      for (int c = 0; c < C; c++) {
        const float d = xr[c] * rs[c] + rb[c] > 0.f ? dr[c] : 0.f;
        o[c] += k[c] * (d - mdy[c] - ((xr[c] - mean[c]) * istd[c]) * mdyx[c]);
      }
    else if (rs)
      for (int c = 0; c < C; c++) {
        const float d = xr[c] * rs[c] + rb[c] > 0.f ? dr[c] : 0.f;
        o[c] = k[c] * (d - mdy[c] - ((xr[c] - mean[c]) * istd[c]) * mdyx[c]);
      }
    else if (accumulate)
      for (int c = 0; c < C; c++) o[c] += k[c] * (dr[c] - mdy[c] - ((xr[c] - mean[c]) * istd[c]) * mdyx[c]);
    else
      for (int c = 0; c < C; c++) o[c] = k[c] * (dr[c] - mdy[c] - ((xr[c] - mean[c]) * istd[c]) * mdyx[c]);
  }
}

static void add(float* __restrict y, const float* __restrict a, const float* __restrict b, int64_t n) {
  for (int64_t i = 0; i < n; i++) y[i] = a[i] + b[i];
}

static void acc(float* __restrict y, const float* __restrict x, int64_t n) {
  for (int64_t i = 0; i < n; i++) y[i] += x[i];
}

}  // namespace DN_NS
}  // namespace dn

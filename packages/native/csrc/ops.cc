#include "ops.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "dispatch.h"
#include "kernels.h"

namespace dn {
namespace {

template <class F>
void par(int n, int threads, const F& f) {
  parallel_for(
      n, [](void* c, int t) { (*static_cast<const F*>(c))(t); }, const_cast<F*>(&f), threads);
}

constexpr int64_t ROW_CHUNK = 1024;  // fixed reduction blocks: thread-count-independent sums

// Copies of a few floats (an im2col tap of a 1-channel image) are cheaper inline than through memcpy.
inline void copy_floats(float* d, const float* s, int64_t n) {
  if (n <= 16) {
    for (int64_t i = 0; i < n; i++) d[i] = s[i];
  } else {
    std::memcpy(d, s, sizeof(float) * n);
  }
}
inline void zero_floats(float* d, int64_t n) {
  if (n <= 16) {
    for (int64_t i = 0; i < n; i++) d[i] = 0.f;
  } else {
    std::memset(d, 0, sizeof(float) * n);
  }
}

inline int chunks_of(int64_t rows) { return static_cast<int>((rows + ROW_CHUNK - 1) / ROW_CHUNK); }

}  // namespace

namespace {

// im2col rows of image n into out[OH·OW, K].
void im2col_image(const float* x, const Geom& g, int n, float* out) {
  const int K = g.K();
  const int64_t C = g.C;
  const float* xn = x + int64_t(n) * g.H * g.W * C;
  for (int oh = 0; oh < g.OH; oh++) {
    for (int ow = 0; ow < g.OW; ow++) {
      float* row = out + (int64_t(oh) * g.OW + ow) * K;
      for (int kh = 0; kh < g.KH; kh++) {
        float* d = row + int64_t(kh) * g.KW * C;
        const int ih = oh * g.SH + kh * g.DH - g.PT;
        if (ih < 0 || ih >= g.H) {
          zero_floats(d, g.KW * C);
          continue;
        }
        const float* xr = xn + int64_t(ih) * g.W * C;
        const int iw0 = ow * g.SW - g.PL;
        if (g.DW == 1 && iw0 >= 0 && iw0 + g.KW <= g.W) {
          copy_floats(d, xr + int64_t(iw0) * C, g.KW * C);
          continue;
        }
        for (int kw = 0; kw < g.KW; kw++) {
          const int iw = iw0 + kw * g.DW;
          if (iw < 0 || iw >= g.W)
            zero_floats(d + kw * C, C);
          else
            copy_floats(d + kw * C, xr + int64_t(iw) * C, C);
        }
      }
    }
  }
}

// dx of image n (+)= the adjoint of im2col applied to its rows dcol[OH·OW, K].
void col2im_image(const float* dcol, const Geom& g, int n, float* dx, bool accumulate) {
  const int K = g.K();
  const int64_t C = g.C;
  float* dxn = dx + int64_t(n) * g.H * g.W * C;
  if (!accumulate) std::memset(dxn, 0, sizeof(float) * g.H * g.W * C);
  for (int oh = 0; oh < g.OH; oh++) {
    for (int ow = 0; ow < g.OW; ow++) {
      const float* row = dcol + (int64_t(oh) * g.OW + ow) * K;
      for (int kh = 0; kh < g.KH; kh++) {
        const int ih = oh * g.SH + kh * g.DH - g.PT;
        if (ih < 0 || ih >= g.H) continue;
        float* xr = dxn + int64_t(ih) * g.W * C;
        for (int kw = 0; kw < g.KW; kw++) {
          const int iw = ow * g.SW + kw * g.DW - g.PL;
          if (iw < 0 || iw >= g.W) continue;
          const float* s = row + (int64_t(kh) * g.KW + kw) * C;
          float* d = xr + int64_t(iw) * C;
          for (int64_t c = 0; c < C; c++) d[c] += s[c];
        }
      }
    }
  }
}

// The transposed im2col of images [n0, n1): colT[k, r] with one row per tap k = (kh·KW + kw)·C + c and
// one column per output position r of the group. With few input channels (a first layer: C = 1) the
// row-major im2col copies a few floats per tap and position; here each (tap, output row) is one run of
// OW values read at stride SW·C, a plain copy for stride 1 and C = 1. The GEMMs read colT as Aᵀ
// (forward) or as row-major A (filter gradient), so neither packs it.
void im2col_t(const float* x, const Geom& g, int n0, int n1, float* colT) {
  const int rows = g.OH * g.OW;
  const int64_t ld = int64_t(n1 - n0) * rows, C = g.C, img = int64_t(g.H) * g.W * C;
  for (int kh = 0; kh < g.KH; kh++)
    for (int kw = 0; kw < g.KW; kw++) {
      // Output columns whose input column iw = ow·SW + kw·DW − PL lies inside the image.
      const int off = kw * g.DW - g.PL;
      int lo = 0, hi = g.OW;
      while (lo < hi && lo * g.SW + off < 0) lo++;
      while (hi > lo && (hi - 1) * g.SW + off >= g.W) hi--;
      for (int64_t c = 0; c < C; c++) {
        float* dst = colT + ((int64_t(kh) * g.KW + kw) * C + c) * ld;
        for (int n = n0; n < n1; n++) {
          const float* xn = x + n * img + c;
          for (int oh = 0; oh < g.OH; oh++) {
            float* d = dst + int64_t(n - n0) * rows + int64_t(oh) * g.OW;
            const int ih = oh * g.SH + kh * g.DH - g.PT;
            if (ih < 0 || ih >= g.H) {
              zero_floats(d, g.OW);
              continue;
            }
            for (int ow = 0; ow < lo; ow++) d[ow] = 0.f;
            const float* xr = xn + (int64_t(ih) * g.W + off) * C;
            if (g.SW == 1 && C == 1) {
              copy_floats(d + lo, xr + lo, hi - lo);
            } else {
              const int64_t step = int64_t(g.SW) * C;
              for (int ow = lo; ow < hi; ow++) d[ow] = xr[ow * step];
            }
            for (int ow = hi; ow < g.OW; ow++) d[ow] = 0.f;
          }
        }
      }
    }
}

// Few input channels: build the transposed im2col (see im2col_t).
inline bool transposed_im2col(const Geom& g) { return g.C < 4; }

// Convolutions run in groups of whole images small enough that the group's im2col matrix stays in
// L2 (no batch-sized im2col buffer crosses memory); the group size depends on the shape only, so
// results do not depend on the thread count.
int images_per_group(const Geom& g) {
  const int rows = g.OH * g.OW;
  return std::max(1, std::min(g.N, (512 + rows - 1) / rows));
}

float* scratch(size_t n) {
  static thread_local std::vector<float> buf;
  if (buf.size() < n) buf.resize(n);
  return buf.data();
}

}  // namespace

void im2col(const float* x, const Geom& g, float* col, int threads) {
  const int64_t rows = int64_t(g.OH) * g.OW * g.K();
  par(g.N, threads, [&](int n) { im2col_image(x, g, n, col + n * rows); });
}

void col2im(const float* dcol, const Geom& g, float* dx, bool accumulate, int threads) {
  const int64_t rows = int64_t(g.OH) * g.OW * g.K();
  par(g.N, threads, [&](int n) { col2im_image(dcol + n * rows, g, n, dx, accumulate); });
}

namespace {

// A direct convolution (kernels' `conv`) instead of im2col + GEMM: no im2col copy, and the output tile
// stays in registers over the whole reduction. Taken when the output channels fill whole vectors and
// the input has enough channels for a tap to be a useful run (few channels use im2col_t).
bool direct_conv(int C, int OC) {
  const int w = dn::K().width;
  return C >= 4 && C <= 4096 && OC % w == 0;
}

// The filter gradient without im2col (kernels' conv_wgrad).
bool direct_wgrad(const Geom& g) {
  const int rows = dn::K().wgrad_rows;
  return rows > 0 && g.C >= 4 && g.C % rows == 0 && g.OC % dn::K().width == 0;
}

// The direct-conv arguments of images [n0, n1) of x (dy: that group's output gradient).
ConvArgs group_conv(const Geom& g, const float* x, int n0, int n1, const float* dy) {
  return ConvArgs{n1 - n0, g.H, g.W, g.C, g.OH, g.OW, g.OC, g.KH, g.KW, g.SH, g.SW, g.PT, g.PL, g.DH, g.DW,
                  x + int64_t(n0) * g.H * g.W * g.C, nullptr, const_cast<float*>(dy), false, nullptr, false};
}

}  // namespace

void conv_forward(const float* x, const float* w, const float* bias, bool relu, const Geom& g, float* y,
                  int threads) {
  const int K = g.K();
  if (g.pointwise()) {
    GemmArgs a{static_cast<int>(g.M()), g.OC, K, x, K, false, w, g.OC, false, y, g.OC, false, bias, relu};
    dn::K().gemm(a, threads);
    return;
  }
  if (direct_conv(g.C, g.OC)) {
    ConvArgs a{g.N, g.H, g.W, g.C, g.OH, g.OW, g.OC, g.KH, g.KW, g.SH, g.SW, g.PT, g.PL, g.DH, g.DW,
               x, w, y, false, bias, relu};
    dn::K().conv(a, threads);
    return;
  }
  const int G = images_per_group(g), groups = (g.N + G - 1) / G, rows = g.OH * g.OW;
  const bool tr = transposed_im2col(g);
  par(groups, threads, [&](int t) {
    const int n0 = t * G, n1 = std::min(g.N, n0 + G), m = (n1 - n0) * rows;
    float* col = scratch(size_t(m) * K);
    if (tr)
      im2col_t(x, g, n0, n1, col);
    else
      for (int n = n0; n < n1; n++) im2col_image(x, g, n, col + int64_t(n - n0) * rows * K);
    GemmArgs a{m, g.OC, K, col, tr ? m : K, tr, w, g.OC, false, y + int64_t(n0) * rows * g.OC, g.OC,
               false, bias, relu};
    dn::K().gemm(a, 1);
  });
}

void conv_filter_grad(const float* x, const float* dy, const Geom& g, float* dw, bool accumulate, int threads) {
  const int K = g.K();
  if (g.pointwise()) {
    GemmArgs a{K, g.OC, static_cast<int>(g.M()), x, K, true, dy, g.OC, false, dw, g.OC, accumulate, nullptr, false};
    dn::K().gemm(a, threads);
    return;
  }
  const int G = images_per_group(g), groups = (g.N + G - 1) / G, rows = g.OH * g.OW;
  const size_t wsize = size_t(K) * g.OC;
  std::vector<float> parts(wsize * groups);
  const bool tr = transposed_im2col(g);
  const bool direct = direct_wgrad(g);
  par(groups, threads, [&](int t) {
    const int n0 = t * G, n1 = std::min(g.N, n0 + G), m = (n1 - n0) * rows;
    if (direct) {
      dn::K().conv_wgrad(group_conv(g, x, n0, n1, dy + int64_t(n0) * rows * g.OC), parts.data() + t * wsize);
      return;
    }
    float* col = scratch(size_t(m) * K);
    if (tr)
      im2col_t(x, g, n0, n1, col);
    else
      for (int n = n0; n < n1; n++) im2col_image(x, g, n, col + int64_t(n - n0) * rows * K);
    GemmArgs a{K, g.OC, m, col, tr ? m : K, !tr, dy + int64_t(n0) * rows * g.OC, g.OC, false,
               parts.data() + t * wsize, g.OC, false, nullptr, false};
    dn::K().gemm(a, 1);
  });
  for (size_t i = 0; i < wsize; i++) {
    float s = accumulate ? dw[i] : 0.f;
    for (int t = 0; t < groups; t++) s += parts[t * wsize + i];
    dw[i] = s;
  }
}

void conv_input_grad(const float* dy, const float* w, const Geom& g, float* dx, bool accumulate, int threads) {
  const int K = g.K();
  if (g.pointwise()) {
    GemmArgs a{static_cast<int>(g.M()), g.C, g.OC, dy, g.OC, false, w, g.OC, true, dx, g.C, accumulate, nullptr, false};
    dn::K().gemm(a, threads);
    return;
  }
  if (g.SH == 1 && g.SW == 1 && g.DH == 1 && g.DW == 1 && direct_conv(g.OC, g.C)) {
    // Stride 1: dx is the convolution of dy with the filter flipped in space and transposed in channels,
    // padded by KH − 1 − PT (KW − 1 − PL) — a direct conv whose output is written once, instead of a
    // GEMM into a 9×-larger dcol and a col2im scatter-add.
    std::vector<float> wt(size_t(K) * g.OC);
    const int taps = g.KH * g.KW;
    for (int t = 0; t < taps; t++) {
      const float* src = w + int64_t(taps - 1 - t) * g.C * g.OC;
      float* dst = wt.data() + int64_t(t) * g.OC * g.C;
      for (int c = 0; c < g.C; c++)
        for (int o = 0; o < g.OC; o++) dst[int64_t(o) * g.C + c] = src[int64_t(c) * g.OC + o];
    }
    ConvArgs a{g.N, g.OH, g.OW, g.OC, g.H, g.W, g.C, g.KH, g.KW, 1, 1, g.KH - 1 - g.PT, g.KW - 1 - g.PL, 1, 1,
               dy, wt.data(), dx, accumulate, nullptr, false};
    dn::K().conv(a, threads);
    return;
  }
  const int G = images_per_group(g), groups = (g.N + G - 1) / G, rows = g.OH * g.OW;
  par(groups, threads, [&](int t) {
    const int n0 = t * G, n1 = std::min(g.N, n0 + G);
    float* dcol = scratch(size_t(n1 - n0) * rows * K);
    GemmArgs a{(n1 - n0) * rows, K, g.OC, dy + int64_t(n0) * rows * g.OC, g.OC, false, w, g.OC, true, dcol, K,
               false, nullptr, false};
    dn::K().gemm(a, 1);
    for (int n = n0; n < n1; n++) col2im_image(dcol + int64_t(n - n0) * rows * K, g, n, dx, accumulate);
  });
}

void bias_grad(const float* dy, int64_t rows, int cols, float* db, bool accumulate, int threads) {
  const int chunks = chunks_of(rows);
  std::vector<float> parts(size_t(chunks) * cols, 0.f);
  par(chunks, threads, [&](int q) {
    const int64_t r0 = q * ROW_CHUNK, r1 = std::min(rows, r0 + ROW_CHUNK);
    dn::K().col_sums(dy + r0 * cols, r1 - r0, cols, parts.data() + size_t(q) * cols);
  });
  for (int j = 0; j < cols; j++) {
    double s = 0;
    for (int q = 0; q < chunks; q++) s += parts[size_t(q) * cols + j];
    db[j] = accumulate ? db[j] + static_cast<float>(s) : static_cast<float>(s);
  }
}

namespace {

// The arg-max of one pooling window per channel (first maximum wins, row-major, as tfjs cpu).
void pool_window(const float* xn, const Geom& g, int n, int oh, int ow, float* best, int32_t* at) {
  const int C = g.C;
  const int h0 = std::max(0, oh * g.SH - g.PT), h1 = std::min(g.H, oh * g.SH - g.PT + g.KH);
  const int w0 = std::max(0, ow * g.SW - g.PL), w1 = std::min(g.W, ow * g.SW - g.PL + g.KW);
  if (h0 >= h1 || w0 >= w1) {
    for (int c = 0; c < C; c++) {
      best[c] = 0.f;
      at[c] = -1;
    }
    return;
  }
  const int32_t img = static_cast<int32_t>(int64_t(n) * g.H * g.W * C);
  bool first = true;
  for (int ih = h0; ih < h1; ih++) {
    for (int iw = w0; iw < w1; iw++) {
      const int32_t base = static_cast<int32_t>((int64_t(ih) * g.W + iw) * C);
      const float* v = xn + base;
      if (first) {
        for (int c = 0; c < C; c++) {
          best[c] = v[c];
          at[c] = img + base + c;
        }
        first = false;
        continue;
      }
      for (int c = 0; c < C; c++) {
        const bool more = v[c] > best[c];
        best[c] = more ? v[c] : best[c];
        at[c] = more ? img + base + c : at[c];
      }
    }
  }
}

}  // namespace

namespace {

// Windows that tile the input without overlap or padding (2×2 stride 2, valid): each input lies in at
// most one window, so the backward pass writes every dx once instead of clearing and scattering.
inline bool tiling_windows(const Geom& g) {
  return g.PT == 0 && g.PL == 0 && g.KH == g.SH && g.KW == g.SW && g.OH * g.SH <= g.H && g.OW * g.SW <= g.W;
}

void maxpool_image_tiling(const float* xn, const Geom& g, int n, float* y, int32_t* arg) {
  const int C = g.C;
  {
    const int64_t img = int64_t(n) * g.H * g.W * C;
    for (int oh = 0; oh < g.OH; oh++)
      for (int ow = 0; ow < g.OW; ow++) {
        const int64_t o = ((int64_t(n) * g.OH + oh) * g.OW + ow) * C;
        float* __restrict yo = y + o;  // restrict + branch-free selects: the channel loops vectorize
        int32_t* __restrict ao = arg ? arg + o : nullptr;
        // Row-major scan, first maximum wins (strictly greater replaces), as pool_window.
        const int32_t b0 = static_cast<int32_t>((int64_t(oh) * g.SH * g.W + int64_t(ow) * g.SW) * C);
        for (int c = 0; c < C; c++) yo[c] = xn[b0 + c];
        if (ao)
          for (int c = 0; c < C; c++) ao[c] = static_cast<int32_t>(img) + b0 + c;
        for (int kh = 0; kh < g.KH; kh++)
          for (int kw = kh == 0 ? 1 : 0; kw < g.KW; kw++) {
            const int32_t b = b0 + static_cast<int32_t>((int64_t(kh) * g.W + kw) * C);
            const float* __restrict v = xn + b;
            if (ao) {
              const int32_t at = static_cast<int32_t>(img) + b;
              for (int c = 0; c < C; c++) {
                const float vc = v[c], bc = yo[c];
                const int32_t more = -static_cast<int32_t>(vc > bc);  // all ones where v replaces
                yo[c] = vc > bc ? vc : bc;
                ao[c] = (ao[c] & ~more) | ((at + c) & more);
              }
            } else {
              for (int c = 0; c < C; c++) yo[c] = v[c] > yo[c] ? v[c] : yo[c];
            }
          }
      }
  }
}

void maxpool_backward_tiling(const float* dy, const int32_t* arg, const Geom& g, float* dx, bool accumulate,
                             int threads) {
  const int C = g.C;
  const int64_t imgSize = int64_t(g.H) * g.W * C;
  par(g.N, threads, [&](int n) {
    const int64_t img = n * imgSize;
    float* dxn = dx + img;
    // Rows and columns no window covers (odd sizes, valid padding) get no gradient.
    if (!accumulate) {
      for (int ih = g.OH * g.SH; ih < g.H; ih++) std::memset(dxn + int64_t(ih) * g.W * C, 0, sizeof(float) * g.W * C);
      if (g.OW * g.SW < g.W)
        for (int ih = 0; ih < g.OH * g.SH; ih++) {
          float* r = dxn + (int64_t(ih) * g.W + g.OW * g.SW) * C;
          std::memset(r, 0, sizeof(float) * (g.W - g.OW * g.SW) * C);
        }
    }
    for (int oh = 0; oh < g.OH; oh++)
      for (int ow = 0; ow < g.OW; ow++) {
        const int64_t o = ((int64_t(n) * g.OH + oh) * g.OW + ow) * C;
        const float* d = dy + o;
        const int32_t* a = arg + o;
        for (int kh = 0; kh < g.KH; kh++)
          for (int kw = 0; kw < g.KW; kw++) {
            const int64_t b = ((int64_t(oh) * g.SH + kh) * g.W + int64_t(ow) * g.SW + kw) * C;
            const int32_t at = static_cast<int32_t>(img + b);
            float* t = dxn + b;
            for (int c = 0; c < C; c++) {
              const float v = a[c] == at + c ? d[c] : 0.f;
              t[c] = accumulate ? t[c] + v : v;
            }
          }
      }
  });
}

// Max pool of image n, read from xn (that image's pixels): y and arg (indices into the whole batch
// tensor) at image n's place.
void maxpool_image(const float* xn, const Geom& g, int n, float* y, int32_t* arg) {
  if (tiling_windows(g)) return maxpool_image_tiling(xn, g, n, y, arg);
  const int C = g.C;
  std::vector<float> best(C);
  std::vector<int32_t> at(C);
  for (int oh = 0; oh < g.OH; oh++) {
    for (int ow = 0; ow < g.OW; ow++) {
      const int64_t o = ((int64_t(n) * g.OH + oh) * g.OW + ow) * C;
      pool_window(xn, g, n, oh, ow, best.data(), at.data());
      for (int c = 0; c < C; c++) {
        y[o + c] = best[c];
        if (arg) arg[o + c] = at[c];
      }
    }
  }
}

}  // namespace

void maxpool_forward(const float* x, const Geom& g, float* y, int32_t* arg, int threads) {
  par(g.N, threads, [&](int n) { maxpool_image(x + int64_t(n) * g.H * g.W * g.C, g, n, y, arg); });
}

namespace {

float* scratch2(size_t n) {
  static thread_local std::vector<float> buf;
  if (buf.size() < n) buf.resize(n);
  return buf.data();
}

}  // namespace

void conv_pool_forward(const float* x, const float* w, const float* bias, bool relu, const Geom& g,
                       const Geom& pg, float* y, int32_t* arg, int threads) {
  const int K = g.K();
  const int G = images_per_group(g), groups = (g.N + G - 1) / G, rows = g.OH * g.OW;
  const bool tr = transposed_im2col(g);
  const int64_t img = int64_t(rows) * g.OC;
  par(groups, threads, [&](int t) {
    const int n0 = t * G, n1 = std::min(g.N, n0 + G), m = (n1 - n0) * rows;
    float* out = scratch2(size_t(m) * g.OC);
    if (g.pointwise()) {
      GemmArgs a{m, g.OC, K, x + int64_t(n0) * rows * K, K, false, w, g.OC, false, out, g.OC, false, bias, relu};
      dn::K().gemm(a, 1);
    } else {
      float* col = scratch(size_t(m) * K);
      if (tr)
        im2col_t(x, g, n0, n1, col);
      else
        for (int n = n0; n < n1; n++) im2col_image(x, g, n, col + int64_t(n - n0) * rows * K);
      GemmArgs a{m, g.OC, K, col, tr ? m : K, tr, w, g.OC, false, out, g.OC, false, bias, relu};
      dn::K().gemm(a, 1);
    }
    for (int n = n0; n < n1; n++) maxpool_image(out + (n - n0) * img, pg, n, y, arg);
  });
}

void conv_pool_backward(const float* x, const float* w, const float* dyPool, const float* yPool,
                        const int32_t* arg, bool relu, const Geom& g, const Geom& pg, float* dw, float* db,
                        float* dx, bool accumulate, int threads) {
  const int K = g.K();
  const int G = images_per_group(g), groups = (g.N + G - 1) / G, rows = g.OH * g.OW;
  const bool tr = transposed_im2col(g);
  const int64_t img = int64_t(rows) * g.OC, pooled = int64_t(pg.OH) * pg.OW * pg.C;
  const size_t wsize = size_t(K) * g.OC;
  std::vector<float> parts(dw ? wsize * groups : 0), bparts(db ? size_t(g.OC) * groups : 0, 0.f);
  par(groups, threads, [&](int t) {
    const int n0 = t * G, n1 = std::min(g.N, n0 + G), m = (n1 - n0) * rows;
    // The conv output's gradient, rebuilt in cache: the pooled gradient scattered to each window's
    // arg-max (in output order, as maxpool_backward) where the ReLU passed it. The ReLU output at an
    // arg-max is the pooled value, so the mask needs no conv output.
    float* d = scratch2(size_t(m) * g.OC);
    std::memset(d, 0, sizeof(float) * m * g.OC);
    for (int n = n0; n < n1; n++) {
      const int64_t base = int64_t(n0) * img;
      for (int64_t o = n * pooled, e = o + pooled; o < e; o++) {
        const int32_t a = arg[o];
        if (a >= 0 && (!relu || yPool[o] > 0.f)) d[a - base] += dyPool[o];
      }
    }
    const float* dyg = d;
    float* col = nullptr;
    if (dw && !g.pointwise() && direct_wgrad(g)) {
      dn::K().conv_wgrad(group_conv(g, x, n0, n1, dyg), parts.data() + t * wsize);
    } else if (dw) {
      const float* A = x + int64_t(n0) * rows * K;
      int lda = K;
      bool transA = true;
      if (!g.pointwise()) {
        col = scratch(size_t(m) * K);
        if (tr)
          im2col_t(x, g, n0, n1, col);
        else
          for (int n = n0; n < n1; n++) im2col_image(x, g, n, col + int64_t(n - n0) * rows * K);
        A = col;
        lda = tr ? m : K;
        transA = !tr;
      }
      GemmArgs a{K, g.OC, m, A, lda, transA, dyg, g.OC, false, parts.data() + t * wsize, g.OC, false, nullptr, false};
      dn::K().gemm(a, 1);
    }
    if (db) dn::K().col_sums(dyg, m, g.OC, bparts.data() + size_t(t) * g.OC);
    if (dx) {
      if (g.pointwise()) {
        GemmArgs a{m, g.C, g.OC, dyg, g.OC, false, w, g.OC, true, dx + int64_t(n0) * rows * g.C, g.C, accumulate,
                   nullptr, false};
        dn::K().gemm(a, 1);
      } else {
        float* dcol = scratch(size_t(m) * K);
        GemmArgs a{m, K, g.OC, dyg, g.OC, false, w, g.OC, true, dcol, K, false, nullptr, false};
        dn::K().gemm(a, 1);
        for (int n = n0; n < n1; n++) col2im_image(dcol + int64_t(n - n0) * rows * K, g, n, dx, accumulate);
      }
    }
  });
  if (dw)
    for (size_t i = 0; i < wsize; i++) {
      float s = 0.f;
      for (int t = 0; t < groups; t++) s += parts[t * wsize + i];
      dw[i] = s;
    }
  if (db)
    for (int j = 0; j < g.OC; j++) {
      double s = 0;
      for (int t = 0; t < groups; t++) s += bparts[size_t(t) * g.OC + j];
      db[j] = static_cast<float>(s);
    }
}

void maxpool_backward(const float* dy, const int32_t* arg, const float* x, const Geom& g, float* dx,
                      bool accumulate, int threads) {
  if (arg && tiling_windows(g)) return maxpool_backward_tiling(dy, arg, g, dx, accumulate, threads);
  const int C = g.C;
  const int64_t img = int64_t(g.H) * g.W * C;
  par(g.N, threads, [&](int n) {
    if (!accumulate) std::memset(dx + n * img, 0, sizeof(float) * img);
    std::vector<float> best(C);
    std::vector<int32_t> at(C);
    for (int oh = 0; oh < g.OH; oh++) {
      for (int ow = 0; ow < g.OW; ow++) {
        const int64_t o = ((int64_t(n) * g.OH + oh) * g.OW + ow) * C;
        const int32_t* a = arg ? arg + o : at.data();
        if (!arg) pool_window(x + n * img, g, n, oh, ow, best.data(), at.data());
        for (int c = 0; c < C; c++)
          if (a[c] >= 0) dx[a[c]] += dy[o + c];
      }
    }
  });
}

void avgpool_forward(const float* x, const Geom& g, float* y, int threads) {
  const int C = g.C;
  par(g.N, threads, [&](int n) {
    const float* xn = x + int64_t(n) * g.H * g.W * C;
    for (int oh = 0; oh < g.OH; oh++) {
      const int h0 = std::max(0, oh * g.SH - g.PT), h1 = std::min(g.H, oh * g.SH - g.PT + g.KH);
      for (int ow = 0; ow < g.OW; ow++) {
        const int w0 = std::max(0, ow * g.SW - g.PL), w1 = std::min(g.W, ow * g.SW - g.PL + g.KW);
        float* o = y + ((int64_t(n) * g.OH + oh) * g.OW + ow) * C;
        for (int c = 0; c < C; c++) o[c] = 0.f;
        for (int ih = h0; ih < h1; ih++)
          for (int iw = w0; iw < w1; iw++) {
            const float* v = xn + (int64_t(ih) * g.W + iw) * C;
            for (int c = 0; c < C; c++) o[c] += v[c];
          }
        const int cnt = std::max(1, (h1 - h0) * (w1 - w0));
        for (int c = 0; c < C; c++) o[c] /= static_cast<float>(cnt);
      }
    }
  });
}

void avgpool_backward(const float* dy, const Geom& g, float* dx, bool accumulate, int threads) {
  const int C = g.C;
  const int64_t img = int64_t(g.H) * g.W * C;
  par(g.N, threads, [&](int n) {
    float* dxn = dx + n * img;
    if (!accumulate) std::memset(dxn, 0, sizeof(float) * img);
    for (int oh = 0; oh < g.OH; oh++) {
      const int h0 = std::max(0, oh * g.SH - g.PT), h1 = std::min(g.H, oh * g.SH - g.PT + g.KH);
      for (int ow = 0; ow < g.OW; ow++) {
        const int w0 = std::max(0, ow * g.SW - g.PL), w1 = std::min(g.W, ow * g.SW - g.PL + g.KW);
        const float* d = dy + ((int64_t(n) * g.OH + oh) * g.OW + ow) * C;
        const float inv = 1.f / static_cast<float>(std::max(1, (h1 - h0) * (w1 - w0)));
        for (int ih = h0; ih < h1; ih++)
          for (int iw = w0; iw < w1; iw++) {
            float* v = dxn + (int64_t(ih) * g.W + iw) * C;
            for (int c = 0; c < C; c++) v[c] += d[c] * inv;
          }
      }
    }
  });
}

namespace {

// Visit the taps of one output position of a depthwise convolution.
template <class F>
void depthwise_taps(const Geom& g, int oh, int ow, const F& f) {
  for (int kh = 0; kh < g.KH; kh++) {
    const int ih = oh * g.SH + kh * g.DH - g.PT;
    if (ih < 0 || ih >= g.H) continue;
    for (int kw = 0; kw < g.KW; kw++) {
      const int iw = ow * g.SW + kw * g.DW - g.PL;
      if (iw < 0 || iw >= g.W) continue;
      f(ih, iw, kh * g.KW + kw);
    }
  }
}

}  // namespace

void depthwise_forward(const float* x, const float* w, const Geom& g, float* y, int threads) {
  const int C = g.C, q = g.OC / g.C;
  par(g.N, threads, [&](int n) {
    const float* xn = x + int64_t(n) * g.H * g.W * C;
    for (int oh = 0; oh < g.OH; oh++)
      for (int ow = 0; ow < g.OW; ow++) {
        float* o = y + ((int64_t(n) * g.OH + oh) * g.OW + ow) * g.OC;
        for (int j = 0; j < g.OC; j++) o[j] = 0.f;
        depthwise_taps(g, oh, ow, [&](int ih, int iw, int tap) {
          const float* v = xn + (int64_t(ih) * g.W + iw) * C;
          const float* wt = w + int64_t(tap) * C * q;
          for (int c = 0; c < C; c++)
            for (int j = 0; j < q; j++) o[c * q + j] += v[c] * wt[c * q + j];
        });
      }
  });
}

void depthwise_filter_grad(const float* x, const float* dy, const Geom& g, float* dw, int threads) {
  const int C = g.C, q = g.OC / g.C;
  const int64_t wsize = int64_t(g.KH) * g.KW * C * q;
  std::vector<float> parts(size_t(g.N) * wsize, 0.f);
  par(g.N, threads, [&](int n) {
    const float* xn = x + int64_t(n) * g.H * g.W * C;
    float* p = parts.data() + n * wsize;
    for (int oh = 0; oh < g.OH; oh++)
      for (int ow = 0; ow < g.OW; ow++) {
        const float* d = dy + ((int64_t(n) * g.OH + oh) * g.OW + ow) * g.OC;
        depthwise_taps(g, oh, ow, [&](int ih, int iw, int tap) {
          const float* v = xn + (int64_t(ih) * g.W + iw) * C;
          float* pt = p + int64_t(tap) * C * q;
          for (int c = 0; c < C; c++)
            for (int j = 0; j < q; j++) pt[c * q + j] += v[c] * d[c * q + j];
        });
      }
  });
  for (int64_t i = 0; i < wsize; i++) {
    float s = 0.f;
    for (int n = 0; n < g.N; n++) s += parts[n * wsize + i];
    dw[i] = s;
  }
}

void depthwise_input_grad(const float* dy, const float* w, const Geom& g, float* dx, bool accumulate,
                          int threads) {
  const int C = g.C, q = g.OC / g.C;
  const int64_t img = int64_t(g.H) * g.W * C;
  par(g.N, threads, [&](int n) {
    float* dxn = dx + n * img;
    if (!accumulate) std::memset(dxn, 0, sizeof(float) * img);
    for (int oh = 0; oh < g.OH; oh++)
      for (int ow = 0; ow < g.OW; ow++) {
        const float* d = dy + ((int64_t(n) * g.OH + oh) * g.OW + ow) * g.OC;
        depthwise_taps(g, oh, ow, [&](int ih, int iw, int tap) {
          float* v = dxn + (int64_t(ih) * g.W + iw) * C;
          const float* wt = w + int64_t(tap) * C * q;
          for (int c = 0; c < C; c++) {
            float s = 0.f;
            for (int j = 0; j < q; j++) s += d[c * q + j] * wt[c * q + j];
            v[c] += s;
          }
        });
      }
  });
}

void channel_moments(const float* x, int64_t rows, int C, float* mean, float* var, int threads) {
  // One pass: sums of x − x[0] (the batch's first pixel, per channel) in double, so E[d²] − E[d]²
  // cancels nothing that matters; fixed chunks summed in order keep the bits thread-independent.
  if (rows <= 0) return;
  const int chunks = chunks_of(rows);
  std::vector<double> parts(size_t(chunks) * 2 * C, 0.0);
  par(chunks, threads, [&](int q) {
    const int64_t r0 = q * ROW_CHUNK, r1 = std::min(rows, r0 + ROW_CHUNK);
    double* p = parts.data() + size_t(q) * 2 * C;
    dn::K().bn_moments(x + r0 * C, r1 - r0, C, x, p, p + C);
  });
  for (int c = 0; c < C; c++) {
    double s1 = 0, s2 = 0;
    for (int q = 0; q < chunks; q++) {
      s1 += parts[size_t(q) * 2 * C + c];
      s2 += parts[size_t(q) * 2 * C + C + c];
    }
    const double m = s1 / double(rows);
    mean[c] = static_cast<float>(double(x[c]) + m);
    var[c] = static_cast<float>(std::max(0.0, s2 / double(rows) - m * m));
  }
}

namespace {

// y = x·scale + shift: the forward's per-channel factors (the backward of a BN + ReLU recomputes them
// to rebuild the ReLU mask from x).
void bn_factors(int C, const float* mean, const float* var, float eps, const float* gamma, const float* beta,
                std::vector<float>& scale, std::vector<float>& shift) {
  scale.resize(C);
  shift.resize(C);
  for (int c = 0; c < C; c++) {
    scale[c] = (gamma ? gamma[c] : 1.f) / std::sqrt(var[c] + eps);
    shift[c] = (beta ? beta[c] : 0.f) - mean[c] * scale[c];
  }
}

}  // namespace

void batchnorm_apply(const float* x, int64_t rows, int C, const float* mean, const float* var, float eps,
                     const float* gamma, const float* beta, bool relu, float* y, int threads) {
  std::vector<float> scale, shift;
  bn_factors(C, mean, var, eps, gamma, beta, scale, shift);
  const int chunks = chunks_of(rows);
  par(chunks, threads, [&](int q) {
    const int64_t r0 = q * ROW_CHUNK, r1 = std::min(rows, r0 + ROW_CHUNK);
    dn::K().bn_apply(x + r0 * C, r1 - r0, C, scale.data(), shift.data(), relu, y + r0 * C);
  });
}

void batchnorm_backward(const float* x, const float* dy, int64_t rows, int C, const float* mean, const float* var,
                        float eps, const float* gamma, const float* beta, bool relu, float* dx, bool accumulate,
                        float* dgamma, float* dbeta, int threads) {
  const int chunks = chunks_of(rows);
  std::vector<float> istd(C), scale, shift;
  for (int c = 0; c < C; c++) istd[c] = 1.f / std::sqrt(var[c] + eps);
  if (relu) bn_factors(C, mean, var, eps, gamma, beta, scale, shift);
  const float* rs = relu ? scale.data() : nullptr;
  const float* rb = relu ? shift.data() : nullptr;
  std::vector<double> parts(size_t(chunks) * 2 * C, 0.0);
  par(chunks, threads, [&](int q) {
    const int64_t r0 = q * ROW_CHUNK, r1 = std::min(rows, r0 + ROW_CHUNK);
    double* sd = parts.data() + size_t(q) * 2 * C;
    dn::K().bn_grad_sums(x + r0 * C, dy + r0 * C, rs, rb, r1 - r0, C, mean, istd.data(), sd, sd + C);
  });
  std::vector<double> sdy(C, 0.0), sdyx(C, 0.0);
  for (int q = 0; q < chunks; q++)
    for (int c = 0; c < C; c++) {
      sdy[c] += parts[size_t(q) * 2 * C + c];
      sdyx[c] += parts[size_t(q) * 2 * C + C + c];
    }
  for (int c = 0; c < C; c++) {
    if (dgamma) dgamma[c] = static_cast<float>(sdyx[c]);
    if (dbeta) dbeta[c] = static_cast<float>(sdy[c]);
  }
  if (!dx) return;
  std::vector<float> k(C), mdy(C), mdyx(C);
  for (int c = 0; c < C; c++) {
    k[c] = (gamma ? gamma[c] : 1.f) * istd[c];
    mdy[c] = static_cast<float>(sdy[c] / double(rows));
    mdyx[c] = static_cast<float>(sdyx[c] / double(rows));
  }
  par(chunks, threads, [&](int q) {
    const int64_t r0 = q * ROW_CHUNK, r1 = std::min(rows, r0 + ROW_CHUNK);
    dn::K().bn_grad_dx(x + r0 * C, dy + r0 * C, rs, rb, r1 - r0, C, mean, istd.data(), k.data(), mdy.data(),
                       mdyx.data(), dx + r0 * C, accumulate);
  });
}

}  // namespace dn

#include "session.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "dispatch.h"
#include "kernels.h"
#include "pool.h"

namespace dn {
namespace {

std::atomic<int> g_live{0};
constexpr double KERAS_EPSILON = 1e-7;

template <class F>
void par(int n, int threads, const F& f) {
  parallel_for(
      n, [](void* c, int t) { (*static_cast<const F*>(c))(t); }, const_cast<F*>(&f), threads);
}

// Elementwise passes over whole activations (ReLU masks, residual adds, gradient hand-offs, pixel
// conversion) in fixed chunks on every thread: serial, they idled the second core for ~10 % of a
// `test` step. Each element is computed alone, so the split cannot change a bit.
constexpr int64_t EW_CHUNK = 1 << 14;
template <class F>
void elementwise(int64_t n, int threads, const F& f) {
  const int chunks = int((n + EW_CHUNK - 1) / EW_CHUNK);
  par(chunks, threads, [&](int q) {
    const int64_t i0 = q * EW_CHUNK;
    f(i0, std::min(n, i0 + EW_CHUNK));
  });
}

// ∂/∂z of softmax: dz = s ⊙ (ds − ⟨ds, s⟩), accumulated with weight `k`.
void softmax_backward(const double* s, const double* ds, int C, double k, double* dz) {
  double dot = 0;
  for (int c = 0; c < C; c++) dot += ds[c] * s[c];
  for (int c = 0; c < C; c++) dz[c] += k * s[c] * (ds[c] - dot);
}

void softmax(const float* z, int C, double t, double* s) {
  double mx = -INFINITY;
  for (int c = 0; c < C; c++) mx = std::max(mx, double(z[c]) / t);
  double sum = 0;
  for (int c = 0; c < C; c++) sum += (s[c] = std::exp(double(z[c]) / t - mx));
  for (int c = 0; c < C; c++) s[c] /= sum;
}

}  // namespace

int live_sessions() { return g_live.load(); }

Session::Session(std::vector<NodeSpec> nodes, std::vector<int> outputs, std::vector<ParamSpec> params,
                 std::vector<int> trainable, int classes, LossSpec loss, int threads)
    : outputs_(std::move(outputs)), trainable_(std::move(trainable)), classes_(classes), loss_(loss),
      threadOverride_(threads) {
  if (nodes.empty() || nodes[0].op != Op::Input) throw std::runtime_error("graph must start with an input node");
  for (auto& ps : params) {
    Param p;
    p.spec = ps;
    p.n = 1;
    for (int d : ps.shape) p.n *= d;
    p.w.assign(p.n, 0.f);
    params_.push_back(std::move(p));
  }
  std::vector<bool> isTrainable(params_.size(), false);
  for (int i : trainable_) {
    if (i < 0 || i >= int(params_.size())) throw std::runtime_error("trainable index out of range");
    isTrainable[i] = true;
    params_[i].g.assign(params_[i].n, 0.f);
    params_[i].m.assign(params_[i].n, 0.f);
    params_[i].v.assign(params_[i].n, 0.f);
  }
  std::vector<bool> isOutput(nodes.size(), false);
  for (int o : outputs_)
    if (o >= 0 && o < int(nodes.size())) isOutput[o] = true;
  for (size_t i = 0; i < nodes.size(); i++) {
    Node n;
    n.spec = std::move(nodes[i]);
    n.size = int64_t(n.spec.h) * n.spec.w * n.spec.c;
    for (int& j : n.spec.in) {
      if (j < 0 || j >= int(i)) throw std::runtime_error("node inputs must come earlier in the graph");
      // A flatten is the identity on an NHWC buffer: its consumers read (and send gradients to) its
      // input directly, and the flatten itself never runs (no copy forward or backward).
      while (nodes_[j].spec.op == Op::Flatten && !isOutput[j]) {
        nodes_[j].dead = true;
        nodes_[j].needsGrad = false;
        j = nodes_[j].spec.in[0];
      }
    }
    for (int p : {n.spec.weight, n.spec.bias, n.spec.gamma, n.spec.beta, n.spec.movingMean, n.spec.movingVar})
      if (p >= int(params_.size())) throw std::runtime_error("parameter index out of range");
    bool own = false;
    for (int p : {n.spec.weight, n.spec.bias, n.spec.gamma, n.spec.beta})
      if (p >= 0 && isTrainable[p]) own = true;
    n.needsGrad = own;
    for (int j : n.spec.in) n.needsGrad = n.needsGrad || nodes_[j].needsGrad;
    nodes_.push_back(std::move(n));
  }
  // A conv read only by a max pool runs with it per group of images in cache (conv_pool_forward): its
  // output and gradient never exist as batch-sized buffers.
  std::vector<int> readers(nodes_.size(), 0), reader(nodes_.size(), -1);
  for (size_t k = 0; k < nodes_.size(); k++)
    if (!nodes_[k].dead)
      for (int j : nodes_[k].spec.in) {
        readers[j]++;
        reader[j] = int(k);
      }
  for (size_t i = 0; i < nodes_.size(); i++) {
    if (nodes_[i].spec.op != Op::Conv || readers[i] != 1 || isOutput[i]) continue;
    Node& pool = nodes_[reader[i]];
    if (pool.spec.op != Op::MaxPool || pool.spec.in.size() != 1) continue;
    nodes_[i].poolInto = reader[i];
    pool.fusedConv = int(i);
  }
  // Pixels → float → rescale is one pass when the rescale is the input's only reader.
  int inputReaders = 0;
  for (const auto& n : nodes_)
    for (int j : n.spec.in) inputReaders += j == 0;
  if (nodes_.size() > 1 && nodes_[1].spec.op == Op::Rescale && nodes_[1].spec.in[0] == 0 && inputReaders == 1 &&
      !isOutput[0])
    nodes_[0].dead = true;
  for (int o : outputs_) {
    if (o < 0 || o >= int(nodes_.size())) throw std::runtime_error("output index out of range");
    if (nodes_[o].size != classes_) throw std::runtime_error("every output must have `classes` units");
  }
  g_live.fetch_add(1);
}

Session::~Session() { g_live.fetch_sub(1); }

int Session::threads() const {
  if (threadOverride_ > 0) return threadOverride_;
  return std::max(1, cpu_count() / std::max(1, g_live.load()));
}

void Session::ensure(int batch) {
  if (batch <= cap_) return;
  cap_ = batch;
  for (auto& n : nodes_) {
    if (n.dead || n.poolInto >= 0) continue;
    n.out.assign(n.size * batch, 0.f);
    if (n.needsGrad) n.grad.assign(n.size * batch, 0.f);
    const auto& s = n.spec;
    if (s.op == Op::MaxPool) n.arg.assign(n.size * batch, 0);
    if (s.op == Op::BatchNorm) {
      n.mean.assign(s.c, 0.f);
      n.var.assign(s.c, 0.f);
    }
  }
}

void Session::forward(const uint8_t* u8, const float* f32, int B, bool training) {
  ensure(B);
  const int T = threads();
  for (auto& n : nodes_) {
    if (n.dead) continue;
    const auto& s = n.spec;
    const int64_t total = n.size * B;
    float* y = n.out.data();
    const Node* a = s.in.empty() ? nullptr : &nodes_[s.in[0]];
    switch (s.op) {
      case Op::Input:
        if (n.dead) break;
        elementwise(total, T, [&](int64_t i0, int64_t i1) {
          if (u8)
            for (int64_t i = i0; i < i1; i++) y[i] = float(u8[i]);
          else
            std::memcpy(y + i0, f32 + i0, sizeof(float) * (i1 - i0));
        });
        break;
      case Op::Rescale: {
        // Straight from the caller's pixels when the input node is folded away (see the constructor).
        const bool direct = a->dead;
        const float* x = a->out.data();
        elementwise(total, T, [&](int64_t i0, int64_t i1) {
          if (direct && u8)
            for (int64_t i = i0; i < i1; i++) y[i] = float(u8[i]) * s.scale + s.offset;
          else if (direct)
            for (int64_t i = i0; i < i1; i++) y[i] = f32[i] * s.scale + s.offset;
          else
            for (int64_t i = i0; i < i1; i++) y[i] = x[i] * s.scale + s.offset;
        });
        break;
      }
      case Op::Conv: {
        Geom g = s.g;
        g.N = B;
        if (n.poolInto >= 0) {
          Node& pool = nodes_[n.poolInto];
          Geom pg = pool.spec.g;
          pg.N = B;
          conv_pool_forward(a->out.data(), P(s.weight), P(s.bias), s.relu, g, pg, pool.out.data(),
                            training ? pool.arg.data() : nullptr, T);
          break;
        }
        conv_forward(a->out.data(), P(s.weight), P(s.bias), s.relu, g, y, T);
        break;
      }
      case Op::Dense: {
        const int F = int(a->size);
        GemmArgs ga{B, s.c, F, a->out.data(), F, false, P(s.weight), s.c, false, y, s.c, false, P(s.bias), s.relu};
        K().gemm(ga, T);
        break;
      }
      case Op::Relu: {
        const float* x = a->out.data();
        elementwise(total, T, [&](int64_t i0, int64_t i1) {
          for (int64_t i = i0; i < i1; i++) y[i] = x[i] > 0.f ? x[i] : 0.f;
        });
        break;
      }
      case Op::MaxPool: {
        Geom g = s.g;
        g.N = B;
        if (n.fusedConv < 0) maxpool_forward(a->out.data(), g, y, training ? n.arg.data() : nullptr, T);
        break;
      }
      case Op::AvgPool: {
        Geom g = s.g;
        g.N = B;
        avgpool_forward(a->out.data(), g, y, T);
        break;
      }
      case Op::BatchNorm: {
        const int64_t rows = int64_t(B) * s.h * s.w;
        float* mm = P(s.movingMean);
        float* mv = P(s.movingVar);
        if (training) {
          channel_moments(a->out.data(), rows, s.c, n.mean.data(), n.var.data(), T);
          // tfjs-layers: moving ← moving − (moving − batch)·(1 − momentum), biased batch variance.
          const float decay = 1.f - s.momentum;
          for (int c = 0; c < s.c; c++) {
            mm[c] -= (mm[c] - n.mean[c]) * decay;
            mv[c] -= (mv[c] - n.var[c]) * decay;
          }
          batchnorm_apply(a->out.data(), rows, s.c, n.mean.data(), n.var.data(), s.eps, P(s.gamma), P(s.beta),
                          s.relu, y, T);
        } else {
          batchnorm_apply(a->out.data(), rows, s.c, mm, mv, s.eps, P(s.gamma), P(s.beta), s.relu, y, T);
        }
        break;
      }
      case Op::Add: {
        elementwise(total, T, [&](int64_t i0, int64_t i1) {
          K().add(y + i0, a->out.data() + i0, nodes_[s.in[1]].out.data() + i0, i1 - i0);
          for (size_t k = 2; k < s.in.size(); k++) K().acc(y + i0, nodes_[s.in[k]].out.data() + i0, i1 - i0);
        });
        break;
      }
      case Op::Gap: {
        const int HW = int(a->size / s.c);
        par(B, T, [&](int b) {
          const float* x = a->out.data() + int64_t(b) * a->size;
          float* o = y + int64_t(b) * s.c;
          for (int c = 0; c < s.c; c++) o[c] = 0.f;
          for (int p = 0; p < HW; p++)
            for (int c = 0; c < s.c; c++) o[c] += x[int64_t(p) * s.c + c];
          for (int c = 0; c < s.c; c++) o[c] /= float(HW);
        });
        break;
      }
      case Op::Flatten:
        std::memcpy(y, a->out.data(), sizeof(float) * total);
        break;
    }
  }
}

// Pass gradient `g` (n floats) into input node `j`: the first contributor writes, later ones add.
static void give(std::vector<float>& dst, bool& ready, const float* g, int64_t n, int threads) {
  float* d = dst.data();
  const bool acc = ready;
  elementwise(n, threads, [&](int64_t i0, int64_t i1) {
    if (acc)
      K().acc(d + i0, g + i0, i1 - i0);
    else
      std::memcpy(d + i0, g + i0, sizeof(float) * (i1 - i0));
  });
  ready = true;
}

static void relu_mask(float* dy, const float* y, int64_t n, int threads) {
  elementwise(n, threads, [&](int64_t i0, int64_t i1) { K().relu_mask(dy + i0, y + i0, i1 - i0); });
}

void Session::backward(int B) {
  const int T = threads();
  for (int i = int(nodes_.size()) - 1; i >= 0; i--) {
    Node& n = nodes_[i];
    if (!n.needsGrad || !n.gradReady) continue;
    const auto& s = n.spec;
    const int64_t total = n.size * B;
    float* dy = n.grad.data();
    // A BN + ReLU masks dy inside its own passes (batchnorm_backward recomputes the mask from its input).
    if (s.relu && n.poolInto < 0 && s.op != Op::BatchNorm) relu_mask(dy, n.out.data(), total, T);
    Node* a = s.in.empty() ? nullptr : &nodes_[s.in[0]];
    const bool wantDx = a && a->needsGrad;
    switch (s.op) {
      case Op::Input:
      case Op::Rescale:
        break;
      case Op::Conv: {
        Geom g = s.g;
        g.N = B;
        if (n.poolInto >= 0) {
          const Node& pool = nodes_[n.poolInto];
          Geom pg = pool.spec.g;
          pg.N = B;
          conv_pool_backward(a->out.data(), P(s.weight), pool.grad.data(), pool.out.data(), pool.arg.data(), s.relu,
                             g, pg, G(s.weight), G(s.bias), wantDx ? a->grad.data() : nullptr, a->gradReady, T);
          if (wantDx) a->gradReady = true;
          break;
        }
        if (G(s.weight))
          conv_filter_grad(a->out.data(), dy, g, G(s.weight), false, T);
        if (G(s.bias)) bias_grad(dy, g.M(), g.OC, G(s.bias), false, T);
        if (wantDx) {
          conv_input_grad(dy, P(s.weight), g, a->grad.data(), a->gradReady, T);
          a->gradReady = true;
        }
        break;
      }
      case Op::Dense: {
        const int F = int(a->size);
        if (G(s.weight)) {
          GemmArgs ga{F, s.c, B, a->out.data(), F, true, dy, s.c, false, G(s.weight), s.c, false, nullptr, false};
          K().gemm(ga, T);
        }
        if (G(s.bias)) bias_grad(dy, B, s.c, G(s.bias), false, T);
        if (wantDx) {
          GemmArgs ga{B, F, s.c, dy, s.c, false, P(s.weight), s.c, true, a->grad.data(), F, a->gradReady, nullptr, false};
          K().gemm(ga, T);
          a->gradReady = true;
        }
        break;
      }
      case Op::Relu:
        if (wantDx) {
          relu_mask(dy, n.out.data(), total, T);
          give(a->grad, a->gradReady, dy, total, T);
        }
        break;
      case Op::MaxPool:
        if (n.fusedConv >= 0) {
          a->gradReady = true;  // the conv reads this node's gradient itself (conv_pool_backward)
        } else if (wantDx) {
          Geom g = s.g;
          g.N = B;
          maxpool_backward(dy, n.arg.data(), a->out.data(), g, a->grad.data(), a->gradReady, T);
          a->gradReady = true;
        }
        break;
      case Op::AvgPool:
        if (wantDx) {
          Geom g = s.g;
          g.N = B;
          avgpool_backward(dy, g, a->grad.data(), a->gradReady, T);
          a->gradReady = true;
        }
        break;
      case Op::BatchNorm: {
        const int64_t rows = int64_t(B) * s.h * s.w;
        batchnorm_backward(a->out.data(), dy, rows, s.c, n.mean.data(), n.var.data(), s.eps, P(s.gamma), P(s.beta),
                           s.relu, wantDx ? a->grad.data() : nullptr, a->gradReady, G(s.gamma), G(s.beta), T);
        if (wantDx) a->gradReady = true;
        break;
      }
      case Op::Add: {
        int last = -1;
        for (size_t k = 0; k < s.in.size(); k++)
          if (nodes_[s.in[k]].needsGrad) last = int(k);
        for (int k = 0; k <= last; k++) {
          Node& in = nodes_[s.in[k]];
          if (!in.needsGrad) continue;
          if (k == last && !in.gradReady) {
            // The last reader of dy takes the buffer itself (same shape): one copy fewer per residual add.
            in.grad.swap(n.grad);
            in.gradReady = true;
          } else {
            give(in.grad, in.gradReady, n.grad.data(), total, T);
          }
        }
        break;
      }
      case Op::Gap:
        if (wantDx) {
          const int HW = int(a->size / s.c);
          const bool acc = a->gradReady;
          par(B, T, [&](int b) {
            float* dx = a->grad.data() + int64_t(b) * a->size;
            const float* d = dy + int64_t(b) * s.c;
            for (int p = 0; p < HW; p++)
              for (int c = 0; c < s.c; c++) {
                const float v = d[c] / float(HW);
                dx[int64_t(p) * s.c + c] = acc ? dx[int64_t(p) * s.c + c] + v : v;
              }
          });
          a->gradReady = true;
        }
        break;
      case Op::Flatten:
        if (wantDx) give(a->grad, a->gradReady, dy, total, T);
        break;
    }
  }
}

StepResult Session::loss(int B, const int32_t* labels, const float* targets, int ntargets) {
  const int C = classes_;
  const int H = heads();
  for (auto& n : nodes_) n.gradReady = false;
  for (int h = 0; h < H; h++) {
    Node& o = nodes_[outputs_[h]];
    if (o.needsGrad) {
      std::fill(o.grad.begin(), o.grad.begin() + int64_t(B) * C, 0.f);
      o.gradReady = true;
    }
  }
  StepResult r{0, 0, 0, 0};
  std::vector<double> s(size_t(H) * C), dz(size_t(H) * C), P(C), dP(C), g(C), st(C), ds(C);
  const double alpha = loss_.kind == LossSpec::SoftmaxCE ? 1.0 : loss_.alpha;
  const int pairs = ntargets == 0 ? 0 : loss_.pairing == 0 ? 1 : ntargets;
  for (int b = 0; b < B; b++) {
    const int y = labels[b];
    if (y < 0 || y >= C) throw std::runtime_error("label out of range");
    std::fill(dz.begin(), dz.end(), 0.0);
    for (int h = 0; h < H; h++) softmax(nodes_[outputs_[h]].out.data() + int64_t(b) * C, C, 1.0, &s[size_t(h) * C]);
    for (int c = 0; c < C; c++) {
      P[c] = 0;
      for (int h = 0; h < H; h++) P[c] += s[size_t(h) * C + c];
      P[c] /= H;
    }
    int arg = 0;
    for (int c = 1; c < C; c++)
      if (P[c] > P[arg]) arg = c;
    if (arg == y) r.hits += 1;
    double ce;
    if (loss_.kind == LossSpec::SoftmaxCE) {
      // tf.losses.softmaxCrossEntropy: −log softmax(z)_y, gradient softmax − onehot.
      const float* z = nodes_[outputs_[0]].out.data() + int64_t(b) * C;
      double mx = -INFINITY, sum = 0;
      for (int c = 0; c < C; c++) mx = std::max(mx, double(z[c]));
      for (int c = 0; c < C; c++) sum += std::exp(double(z[c]) - mx);
      ce = std::log(sum) + mx - z[y];
      for (int c = 0; c < C; c++) dz[c] = (s[c] - (c == y ? 1.0 : 0.0)) / B;
    } else {
      // Keras categorical CE on the head mean: q = P / ΣP, clipped to [ε, 1 − ε] (zero gradient outside).
      double S = 0;
      for (int c = 0; c < C; c++) S += P[c];
      double gq = 0;
      ce = 0;
      for (int c = 0; c < C; c++) {
        const double q = P[c] / S;
        const double p = std::min(std::max(q, KERAS_EPSILON), 1 - KERAS_EPSILON);
        if (c == y) ce = -std::log(p);
        g[c] = (c == y && q >= KERAS_EPSILON && q <= 1 - KERAS_EPSILON) ? -1.0 / (B * p) : 0.0;
        gq += g[c] * q;
      }
      for (int c = 0; c < C; c++) dP[c] = alpha * (g[c] - gq) / S;
      for (int h = 0; h < H; h++) softmax_backward(&s[size_t(h) * C], dP.data(), C, 1.0 / H, &dz[size_t(h) * C]);
      double kd = 0;
      for (int k = 0; k < pairs; k++) {
        const int h = loss_.pairing == 2 ? k : 0;
        const float* t = targets + (int64_t(k) * B + b) * C;
        const float* z = nodes_[outputs_[h]].out.data() + int64_t(b) * C;
        const double w = (1 - alpha) / pairs;
        if (loss_.hinton) {
          // T²·Σ t (log clip(t) − log softmax(z/T)); ∂/∂z = T·(softmax(z/T)·Σt − t) (Hinton et al. 2015).
          const double T = loss_.temperature;
          softmax(z, C, T, st.data());
          double tsum = 0, term = 0;
          for (int c = 0; c < C; c++) {
            tsum += t[c];
            term += t[c] * (std::log(std::min(std::max(double(t[c]), KERAS_EPSILON), 1.0)) - std::log(std::max(st[c], 1e-300)));
          }
          kd += T * T * term;
          for (int c = 0; c < C; c++) dz[size_t(h) * C + c] += w * T * (st[c] * tsum - t[c]) / B;
        } else {
          // Keras KLDivergence(t, softmax(z)): Σ t·log(t/s), both clipped to [ε, 1].
          const double* sh = &s[size_t(h) * C];
          double term = 0;
          for (int c = 0; c < C; c++) {
            const double tc = std::min(std::max(double(t[c]), KERAS_EPSILON), 1.0);
            const double sc = std::min(std::max(sh[c], KERAS_EPSILON), 1.0);
            term += tc * std::log(tc / sc);
            ds[c] = (sh[c] >= KERAS_EPSILON && sh[c] <= 1.0) ? -w * tc / (B * sc) : 0.0;
          }
          kd += term;
          softmax_backward(sh, ds.data(), C, 1.0, &dz[size_t(h) * C]);
        }
      }
      r.kd += pairs ? kd / pairs : 0;
    }
    r.ce += ce;
    for (int h = 0; h < H; h++) {
      Node& o = nodes_[outputs_[h]];
      if (!o.needsGrad) continue;
      float* og = o.grad.data() + int64_t(b) * C;
      for (int c = 0; c < C; c++) og[c] += float(dz[size_t(h) * C + c]);
    }
  }
  r.ce /= B;
  r.kd /= B;
  r.loss = loss_.kind == LossSpec::SoftmaxCE ? r.ce : alpha * r.ce + (1 - alpha) * r.kd;
  return r;
}

StepResult Session::gradients(const uint8_t* u8, const float* f32, int B, const int32_t* labels,
                              const float* targets, int ntargets) {
  if (ntargets > 0 && loss_.pairing == 2 && ntargets != heads())
    throw std::runtime_error("mimic_all needs one target per head");
  forward(u8, f32, B, true);
  StepResult r = loss(B, labels, targets, ntargets);
  backward(B);
  return r;
}

StepResult Session::train_step(const uint8_t* u8, const float* f32, int B, const int32_t* labels,
                               const float* targets, int ntargets, double lr, double b1, double b2,
                               double eps) {
  StepResult r = gradients(u8, f32, B, labels, targets, ntargets);
  step++;
  // Bias corrections in double from the step count (the project's Adam, train/adam.ts).
  const float c1 = float(1 - std::pow(b1, double(step)));
  const float c2 = float(1 - std::pow(b2, double(step)));
  constexpr int64_t CHUNK = 1 << 14;
  struct Piece {
    Param* p;
    int64_t at, n;
  };
  std::vector<Piece> pieces;
  for (int i : trainable_) {
    Param& p = params_[i];
    for (int64_t at = 0; at < p.n; at += CHUNK) pieces.push_back({&p, at, std::min(CHUNK, p.n - at)});
  }
  par(int(pieces.size()), threads(), [&](int t) {
    const Piece& q = pieces[t];
    K().adam(q.p->w.data() + q.at, q.p->g.data() + q.at, q.p->m.data() + q.at, q.p->v.data() + q.at, q.n,
             float(lr), float(b1), float(b2), float(eps), c1, c2);
  });
  return r;
}

void Session::predict(const uint8_t* u8, const float* f32, int B, float* out) {
  forward(u8, f32, B, false);
  const int C = classes_;
  for (int h = 0; h < heads(); h++)
    std::memcpy(out + int64_t(h) * B * C, nodes_[outputs_[h]].out.data(), sizeof(float) * B * C);
}

}  // namespace dn

// A whole-model training session: the layer graph, its weights, Adam moments and every activation
// buffer live here; one call runs forward, loss, backward and the Adam update of a batch.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ops.h"

namespace dn {

enum class Op { Input, Rescale, Conv, Dense, Relu, MaxPool, AvgPool, BatchNorm, Add, Gap, Flatten };

/** One node as the JS compiler describes it (per-sample shapes; the batch is set per call). */
struct NodeSpec {
  Op op;
  std::vector<int> in;
  int h = 1, w = 1, c = 1;  // output shape per sample
  Geom g{};                  // conv / pooling window (N unused)
  int weight = -1, bias = -1;                          // conv, dense
  int gamma = -1, beta = -1, movingMean = -1, movingVar = -1;  // batch norm
  bool relu = false;
  float scale = 1.f, offset = 0.f;  // rescale
  float eps = 1e-3f, momentum = 0.99f;
};

/** A weight array (model.weights order); trainable ones get Adam moments. */
struct ParamSpec {
  std::vector<int> shape;
  bool trainable = true;
};

/** The training loss: softmax CE on one head, or the distillation loss of losses.ts. */
struct LossSpec {
  enum Kind { SoftmaxCE, Distill } kind = SoftmaxCE;
  double alpha = 1.0;
  bool hinton = false;
  double temperature = 1.0;
  /** Distill: 0 = one target against head 0, 1 = mean over targets against head 0 (loss_avg), 2 = target i against head i (mimic_all). */
  int pairing = 0;
};

struct StepResult {
  double loss, ce, kd, hits;
};

class Session {
 public:
  Session(std::vector<NodeSpec> nodes, std::vector<int> outputs, std::vector<ParamSpec> params,
          std::vector<int> trainable, int classes, LossSpec loss, int threads);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /** One optimizer step on a batch: `u8` (uint8 pixels) or `f32` inputs, `targets` K×B×classes. */
  StepResult train_step(const uint8_t* u8, const float* f32, int batch, const int32_t* labels,
                        const float* targets, int ntargets, double lr, double beta1, double beta2,
                        double eps);
  /** Inference forward (moving BN statistics); logits of every output head, heads × batch × classes. */
  void predict(const uint8_t* u8, const float* f32, int batch, float* out);
  /** Gradients of the loss for a batch without updating anything (tests: compare with tfjs autodiff). */
  StepResult gradients(const uint8_t* u8, const float* f32, int batch, const int32_t* labels,
                       const float* targets, int ntargets);

  std::vector<float>& weight(int i) { return params_[i].w; }
  const std::vector<float>& grad(int i) const { return params_[i].g; }
  int param_count() const { return static_cast<int>(params_.size()); }
  const std::vector<int>& trainable() const { return trainable_; }
  std::vector<float>& moment(int slot, bool second) {
    return second ? params_[trainable_[slot]].v : params_[trainable_[slot]].m;
  }
  int64_t step = 0;
  int input_size() const { return nodes_[0].spec.h * nodes_[0].spec.w * nodes_[0].spec.c; }
  int heads() const { return static_cast<int>(outputs_.size()); }
  int classes() const { return classes_; }
  int threads() const;

 private:
  struct Param {
    ParamSpec spec;
    int64_t n = 0;
    std::vector<float> w, g, m, v;
  };
  struct Node {
    NodeSpec spec;
    int64_t size = 0;       // floats per sample
    bool needsGrad = false;  // does the loss gradient w.r.t. this output matter
    bool gradReady = false;
    bool dead = false;       // a bypassed flatten (its consumers read its input), or a folded input
    int poolInto = -1;       // conv: the max pool it runs fused with (no buffers of its own)
    int fusedConv = -1;      // max pool: the conv that computes it
    std::vector<float> out, grad, mean, var;
    std::vector<int32_t> arg;
  };

  void ensure(int batch);
  void forward(const uint8_t* u8, const float* f32, int batch, bool training);
  void backward(int batch);
  StepResult loss(int batch, const int32_t* labels, const float* targets, int ntargets);
  float* P(int i) { return i < 0 ? nullptr : params_[i].w.data(); }
  float* G(int i) { return i < 0 ? nullptr : params_[i].g.data(); }

  std::vector<Node> nodes_;
  std::vector<int> outputs_;
  std::vector<Param> params_;
  std::vector<int> trainable_;
  int classes_;
  LossSpec loss_;
  int threadOverride_;
  int cap_ = 0;
};

/** Live sessions in this process: a job alone uses every core, N concurrent jobs share them. */
int live_sessions();

}  // namespace dn

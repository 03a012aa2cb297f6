// N-API bindings (node-addon-api): the whole-step Session class and the single kernels that the tfjs
// kernel overrides call on wasm-heap views. Every argument is checked; a bad one throws a JS TypeError
// or RangeError, never crashes the process.
#include <napi.h>

#include <memory>
#include <string>
#include <vector>

#include "dispatch.h"
#include "ops.h"
#include "pool.h"
#include "session.h"

namespace {

using dn::Geom;

[[noreturn]] void fail(const Napi::Env& env, const std::string& why) { throw Napi::TypeError::New(env, why); }

Napi::Float32Array f32(const Napi::Value& v, const char* name, size_t min = 0) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    fail(v.Env(), std::string(name) + " must be a Float32Array");
  auto a = v.As<Napi::Float32Array>();
  if (a.ElementLength() < min)
    throw Napi::RangeError::New(v.Env(), std::string(name) + " has " + std::to_string(a.ElementLength()) +
                                             " elements, needs " + std::to_string(min));
  return a;
}

float* f32orNull(const Napi::Value& v, const char* name, size_t min) {
  if (v.IsNull() || v.IsUndefined()) return nullptr;
  return f32(v, name, min).Data();
}

int num(const Napi::Value& v, const char* name) {
  if (!v.IsNumber()) fail(v.Env(), std::string(name) + " must be a number");
  return v.As<Napi::Number>().Int32Value();
}

double dbl(const Napi::Value& v, const char* name) {
  if (!v.IsNumber()) fail(v.Env(), std::string(name) + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

bool flag(const Napi::Value& v) { return v.IsBoolean() && v.As<Napi::Boolean>().Value(); }

std::vector<int> ints(const Napi::Value& v, const char* name) {
  if (!v.IsArray()) fail(v.Env(), std::string(name) + " must be an array of numbers");
  auto a = v.As<Napi::Array>();
  std::vector<int> out;
  for (uint32_t i = 0; i < a.Length(); i++) out.push_back(num(a.Get(i), name));
  return out;
}

// Geometry as [N, H, W, C, OH, OW, OC, KH, KW, SH, SW, PT, PL, DH, DW].
Geom geom(const Napi::Value& v) {
  const auto g = ints(v, "geometry");
  if (g.size() != 15) fail(v.Env(), "geometry must have 15 numbers");
  Geom r{g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12], g[13], g[14]};
  for (int x : {r.N, r.H, r.W, r.C, r.OH, r.OW, r.OC, r.KH, r.KW, r.SH, r.SW, r.DH, r.DW})
    if (x <= 0) throw Napi::RangeError::New(v.Env(), "geometry sizes must be positive");
  return r;
}

int threadsArg(const Napi::CallbackInfo& info, size_t i) {
  if (info.Length() > i && info[i].IsNumber()) return std::max(1, num(info[i], "threads"));
  return std::max(1, dn::cpu_count() / std::max(1, dn::live_sessions()));
}

dn::Op opOf(const Napi::Env& env, const std::string& s) {
  static const std::pair<const char*, dn::Op> ops[] = {
      {"input", dn::Op::Input},     {"rescale", dn::Op::Rescale}, {"conv", dn::Op::Conv},
      {"dense", dn::Op::Dense},     {"relu", dn::Op::Relu},       {"maxpool", dn::Op::MaxPool},
      {"avgpool", dn::Op::AvgPool}, {"batchnorm", dn::Op::BatchNorm}, {"add", dn::Op::Add},
      {"gap", dn::Op::Gap},         {"flatten", dn::Op::Flatten}};
  for (auto& [name, op] : ops)
    if (s == name) return op;
  fail(env, "unknown node op " + s);
}

int optInt(const Napi::Object& o, const char* k, int d) {
  return o.Has(k) && o.Get(k).IsNumber() ? o.Get(k).As<Napi::Number>().Int32Value() : d;
}
double optNum(const Napi::Object& o, const char* k, double d) {
  return o.Has(k) && o.Get(k).IsNumber() ? o.Get(k).As<Napi::Number>().DoubleValue() : d;
}

class SessionWrap : public Napi::ObjectWrap<SessionWrap> {
 public:
  static Napi::Function Init(Napi::Env env) {
    return DefineClass(env, "Session",
                       {InstanceMethod("trainStep", &SessionWrap::TrainStep),
                        InstanceMethod("gradients", &SessionWrap::Gradients),
                        InstanceMethod("predict", &SessionWrap::Predict),
                        InstanceMethod("getWeight", &SessionWrap::GetWeight),
                        InstanceMethod("setWeight", &SessionWrap::SetWeight),
                        InstanceMethod("getGrad", &SessionWrap::GetGrad),
                        InstanceMethod("getMoment", &SessionWrap::GetMoment),
                        InstanceMethod("setMoment", &SessionWrap::SetMoment),
                        InstanceMethod("getStep", &SessionWrap::GetStep),
                        InstanceMethod("setStep", &SessionWrap::SetStep),
                        InstanceMethod("threads", &SessionWrap::Threads),
                        InstanceMethod("dispose", &SessionWrap::Dispose)});
  }

  explicit SessionWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<SessionWrap>(info) {
    Napi::Env env = info.Env();
    if (!info[0].IsObject()) fail(env, "Session(spec): spec must be an object");
    auto spec = info[0].As<Napi::Object>();
    std::vector<dn::NodeSpec> nodes;
    auto arr = spec.Get("nodes").As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); i++) {
      auto o = arr.Get(i).As<Napi::Object>();
      dn::NodeSpec n;
      n.op = opOf(env, o.Get("op").ToString().Utf8Value());
      n.in = ints(o.Get("in"), "node.in");
      auto shape = ints(o.Get("shape"), "node.shape");
      if (shape.empty() || shape.size() > 3) fail(env, "node.shape must have 1-3 dimensions");
      n.c = shape.back();
      if (shape.size() >= 2) n.w = shape[shape.size() - 2];
      if (shape.size() == 3) n.h = shape[0];
      if (o.Has("geometry")) n.g = geom(o.Get("geometry"));
      n.weight = optInt(o, "weight", -1);
      n.bias = optInt(o, "bias", -1);
      n.gamma = optInt(o, "gamma", -1);
      n.beta = optInt(o, "beta", -1);
      n.movingMean = optInt(o, "movingMean", -1);
      n.movingVar = optInt(o, "movingVariance", -1);
      n.relu = o.Has("relu") && flag(o.Get("relu"));
      n.scale = float(optNum(o, "scale", 1));
      n.offset = float(optNum(o, "offset", 0));
      n.eps = float(optNum(o, "epsilon", 1e-3));
      n.momentum = float(optNum(o, "momentum", 0.99));
      nodes.push_back(std::move(n));
    }
    std::vector<dn::ParamSpec> params;
    auto ps = spec.Get("params").As<Napi::Array>();
    for (uint32_t i = 0; i < ps.Length(); i++) params.push_back({ints(ps.Get(i), "params[i]"), true});
    auto lo = spec.Get("loss").As<Napi::Object>();
    dn::LossSpec loss;
    loss.kind = lo.Get("kind").ToString().Utf8Value() == "distill" ? dn::LossSpec::Distill : dn::LossSpec::SoftmaxCE;
    loss.alpha = optNum(lo, "alpha", 1);
    loss.hinton = lo.Has("hinton") && flag(lo.Get("hinton"));
    loss.temperature = optNum(lo, "temperature", 1);
    loss.pairing = optInt(lo, "pairing", 0);
    try {
      s_ = std::make_unique<dn::Session>(std::move(nodes), ints(spec.Get("outputs"), "outputs"), std::move(params),
                                         ints(spec.Get("trainable"), "trainable"), num(spec.Get("classes"), "classes"),
                                         loss, optInt(spec, "threads", 0));
    } catch (const std::exception& e) {
      fail(env, std::string("native session: ") + e.what());
    }
  }

 private:
  dn::Session& S(const Napi::Env& env) {
    if (!s_) throw Napi::Error::New(env, "native session was disposed");
    return *s_;
  }

  // Input of a batch: Uint8Array (pixels) or Float32Array, batch·inputSize values.
  void input(const Napi::Value& v, int batch, const uint8_t** u8, const float** f) {
    const size_t need = size_t(batch) * S(v.Env()).input_size();
    if (v.IsTypedArray() && v.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array) {
      auto a = v.As<Napi::Uint8Array>();
      if (a.ElementLength() < need) throw Napi::RangeError::New(v.Env(), "input is shorter than batch × input size");
      *u8 = a.Data();
      *f = nullptr;
    } else {
      *f = f32(v, "input", need).Data();
      *u8 = nullptr;
    }
  }

  Napi::Value result(const Napi::Env& env, const dn::StepResult& r) {
    auto out = Napi::Float64Array::New(env, 4);
    out[0] = r.loss;
    out[1] = r.ce;
    out[2] = r.kd;
    out[3] = r.hits;
    return out;
  }

  // (input, labels, targets | null, ntargets)
  dn::StepResult run(const Napi::CallbackInfo& info, bool update) {
    Napi::Env env = info.Env();
    auto& s = S(env);
    if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array)
      fail(env, "labels must be an Int32Array");
    auto labels = info[1].As<Napi::Int32Array>();
    const int B = int(labels.ElementLength());
    if (B <= 0) throw Napi::RangeError::New(env, "empty batch");
    const uint8_t* u8;
    const float* f;
    input(info[0], B, &u8, &f);
    const int nt = num(info[3], "ntargets");
    const float* t = nt > 0 ? f32(info[2], "targets", size_t(nt) * B * s.classes()).Data() : nullptr;
    try {
      if (!update) return s.gradients(u8, f, B, labels.Data(), t, nt);
      return s.train_step(u8, f, B, labels.Data(), t, nt, dbl(info[4], "lr"), dbl(info[5], "beta1"),
                          dbl(info[6], "beta2"), dbl(info[7], "epsilon"));
    } catch (const std::exception& e) {
      throw Napi::Error::New(env, std::string("native step: ") + e.what());
    }
  }

  Napi::Value TrainStep(const Napi::CallbackInfo& info) { return result(info.Env(), run(info, true)); }
  Napi::Value Gradients(const Napi::CallbackInfo& info) { return result(info.Env(), run(info, false)); }

  Napi::Value Predict(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    auto& s = S(env);
    const int B = num(info[1], "batch");
    if (B <= 0) throw Napi::RangeError::New(env, "empty batch");
    const uint8_t* u8;
    const float* f;
    input(info[0], B, &u8, &f);
    auto out = Napi::Float32Array::New(env, size_t(s.heads()) * B * s.classes());
    s.predict(u8, f, B, out.Data());
    return out;
  }

  int index(const Napi::CallbackInfo& info) {
    const int i = num(info[0], "index");
    if (i < 0 || i >= S(info.Env()).param_count()) throw Napi::RangeError::New(info.Env(), "weight index out of range");
    return i;
  }

  static Napi::Value copy(const Napi::Env& env, const std::vector<float>& v) {
    auto out = Napi::Float32Array::New(env, v.size());
    std::copy(v.begin(), v.end(), out.Data());
    return out;
  }

  Napi::Value GetWeight(const Napi::CallbackInfo& info) { return copy(info.Env(), S(info.Env()).weight(index(info))); }
  Napi::Value GetGrad(const Napi::CallbackInfo& info) { return copy(info.Env(), S(info.Env()).grad(index(info))); }

  Napi::Value SetWeight(const Napi::CallbackInfo& info) {
    auto& w = S(info.Env()).weight(index(info));
    auto a = f32(info[1], "values", w.size());
    std::copy(a.Data(), a.Data() + w.size(), w.begin());
    return info.Env().Undefined();
  }

  std::vector<float>& moment(const Napi::CallbackInfo& info) {
    auto& s = S(info.Env());
    const int slot = num(info[0], "slot");
    if (slot < 0 || slot >= int(s.trainable().size())) throw Napi::RangeError::New(info.Env(), "moment slot out of range");
    return s.moment(slot, flag(info[1]));
  }

  Napi::Value GetMoment(const Napi::CallbackInfo& info) { return copy(info.Env(), moment(info)); }

  Napi::Value SetMoment(const Napi::CallbackInfo& info) {
    auto& m = moment(info);
    auto a = f32(info[2], "values", m.size());
    std::copy(a.Data(), a.Data() + m.size(), m.begin());
    return info.Env().Undefined();
  }

  Napi::Value GetStep(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), double(S(info.Env()).step)); }
  Napi::Value SetStep(const Napi::CallbackInfo& info) {
    S(info.Env()).step = int64_t(dbl(info[0], "step"));
    return info.Env().Undefined();
  }
  Napi::Value Threads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), S(info.Env()).threads()); }
  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    s_.reset();
    return info.Env().Undefined();
  }

  std::unique_ptr<dn::Session> s_;
};

// ---- single kernels (stage 1: tfjs kernel overrides) ----

size_t img(const Geom& g) { return size_t(g.N) * g.H * g.W * g.C; }
size_t outSize(const Geom& g) { return size_t(g.N) * g.OH * g.OW * g.OC; }

// gemm(a, b, c, M, N, K, transA, transB, accumulate, bias, relu, threads?)
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  const int M = num(info[3], "M"), N = num(info[4], "N"), K = num(info[5], "K");
  if (M < 0 || N < 0 || K < 0) throw Napi::RangeError::New(info.Env(), "negative size");
  const bool ta = flag(info[6]), tb = flag(info[7]);
  auto a = f32(info[0], "a", size_t(M) * K), b = f32(info[1], "b", size_t(K) * N), c = f32(info[2], "c", size_t(M) * N);
  dn::GemmArgs g{M, N, K, a.Data(), ta ? M : K, ta, b.Data(), tb ? K : N, tb, c.Data(), N, flag(info[8]),
                 f32orNull(info[9], "bias", N), flag(info[10])};
  dn::K().gemm(g, threadsArg(info, 11));
  return info.Env().Undefined();
}

// conv2d(x, w, bias, geometry, relu, y)
Napi::Value Conv2d(const Napi::CallbackInfo& info) {
  const Geom g = geom(info[3]);
  auto x = f32(info[0], "x", img(g));
  auto w = f32(info[1], "w", size_t(g.K()) * g.OC);
  auto y = f32(info[5], "y", outSize(g));
  dn::conv_forward(x.Data(), w.Data(), f32orNull(info[2], "bias", g.OC), flag(info[4]), g, y.Data(),
                   threadsArg(info, 6));
  return info.Env().Undefined();
}

// conv2dFilterGrad(x, dy, geometry, dw)
Napi::Value Conv2dFilterGrad(const Napi::CallbackInfo& info) {
  const Geom g = geom(info[2]);
  auto x = f32(info[0], "x", img(g));
  auto dy = f32(info[1], "dy", outSize(g));
  auto dw = f32(info[3], "dw", size_t(g.K()) * g.OC);
  dn::conv_filter_grad(x.Data(), dy.Data(), g, dw.Data(), false, threadsArg(info, 4));
  return info.Env().Undefined();
}

// conv2dInputGrad(dy, w, geometry, dx)
Napi::Value Conv2dInputGrad(const Napi::CallbackInfo& info) {
  const Geom g = geom(info[2]);
  auto dy = f32(info[0], "dy", outSize(g));
  auto w = f32(info[1], "w", size_t(g.K()) * g.OC);
  auto dx = f32(info[3], "dx", img(g));
  dn::conv_input_grad(dy.Data(), w.Data(), g, dx.Data(), false, threadsArg(info, 4));
  return info.Env().Undefined();
}

// Pooling geometry: OC = C. pool(kind, x, geometry, y); poolGrad(kind, dy, x, geometry, dx)
Napi::Value Pool(const Napi::CallbackInfo& info) {
  const bool isMax = info[0].ToString().Utf8Value() == "max";
  const Geom g = geom(info[2]);
  auto x = f32(info[1], "x", img(g));
  auto y = f32(info[3], "y", outSize(g));
  if (isMax)
    dn::maxpool_forward(x.Data(), g, y.Data(), nullptr, threadsArg(info, 4));
  else
    dn::avgpool_forward(x.Data(), g, y.Data(), threadsArg(info, 4));
  return info.Env().Undefined();
}

Napi::Value PoolGrad(const Napi::CallbackInfo& info) {
  const bool isMax = info[0].ToString().Utf8Value() == "max";
  const Geom g = geom(info[3]);
  auto dy = f32(info[1], "dy", outSize(g));
  auto dx = f32(info[4], "dx", img(g));
  if (isMax)
    dn::maxpool_backward(dy.Data(), nullptr, f32(info[2], "x", img(g)).Data(), g, dx.Data(), false, threadsArg(info, 5));
  else
    dn::avgpool_backward(dy.Data(), g, dx.Data(), false, threadsArg(info, 5));
  return info.Env().Undefined();
}

// depthwise(kind: 'forward' | 'filter' | 'input', a, b, geometry, out)
Napi::Value Depthwise(const Napi::CallbackInfo& info) {
  const std::string kind = info[0].ToString().Utf8Value();
  const Geom g = geom(info[3]);
  if (g.OC % g.C != 0) throw Napi::RangeError::New(info.Env(), "depthwise output channels must be a multiple of C");
  const size_t wsize = size_t(g.KH) * g.KW * g.OC;
  const int T = threadsArg(info, 5);
  if (kind == "forward")
    dn::depthwise_forward(f32(info[1], "x", img(g)).Data(), f32(info[2], "w", wsize).Data(), g,
                          f32(info[4], "y", outSize(g)).Data(), T);
  else if (kind == "filter")
    dn::depthwise_filter_grad(f32(info[1], "x", img(g)).Data(), f32(info[2], "dy", outSize(g)).Data(), g,
                              f32(info[4], "dw", wsize).Data(), T);
  else
    dn::depthwise_input_grad(f32(info[1], "dy", outSize(g)).Data(), f32(info[2], "w", wsize).Data(), g,
                             f32(info[4], "dx", img(g)).Data(), false, T);
  return info.Env().Undefined();
}

// batchNorm(x, mean, variance, offset | null, scale | null, epsilon, channels, y): inference form.
Napi::Value BatchNorm(const Napi::CallbackInfo& info) {
  const int C = num(info[6], "channels");
  if (C <= 0) throw Napi::RangeError::New(info.Env(), "channels must be positive");
  auto x = f32(info[0], "x");
  if (x.ElementLength() % C) throw Napi::RangeError::New(info.Env(), "x length is not a multiple of channels");
  auto y = f32(info[7], "y", x.ElementLength());
  dn::batchnorm_apply(x.Data(), int64_t(x.ElementLength() / C), C, f32(info[1], "mean", C).Data(),
                      f32(info[2], "variance", C).Data(), float(dbl(info[5], "epsilon")),
                      f32orNull(info[4], "scale", C), f32orNull(info[3], "offset", C), false, y.Data(),
                      threadsArg(info, 8));
  return info.Env().Undefined();
}

// adam(w, g, m, v, lr, beta1, beta2, epsilon, c1, c2): in place.
Napi::Value Adam(const Napi::CallbackInfo& info) {
  auto w = f32(info[0], "w");
  const size_t n = w.ElementLength();
  dn::K().adam(w.Data(), f32(info[1], "g", n).Data(), f32(info[2], "m", n).Data(), f32(info[3], "v", n).Data(),
               int64_t(n), float(dbl(info[4], "lr")), float(dbl(info[5], "beta1")), float(dbl(info[6], "beta2")),
               float(dbl(info[7], "epsilon")), float(dbl(info[8], "c1")), float(dbl(info[9], "c2")));
  return info.Env().Undefined();
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  auto o = Napi::Object::New(info.Env());
  o.Set("best", dn::best_cpu_level());
  o.Set("selected", dn::K().name);
  o.Set("vectorWidth", dn::K().width);
  o.Set("cpus", dn::cpu_count());
  o.Set("liveSessions", dn::live_sessions());
  o.Set("compiler", __VERSION__);
  return o;
}

Napi::Value SelectCpu(const Napi::CallbackInfo& info) {
  try {
    dn::select_kernels(info[0].ToString().Utf8Value());
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), e.what());
  }
  return Napi::String::New(info.Env(), dn::K().name);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("Session", SessionWrap::Init(env));
  exports.Set("gemm", Napi::Function::New(env, Gemm));
  exports.Set("conv2d", Napi::Function::New(env, Conv2d));
  exports.Set("conv2dFilterGrad", Napi::Function::New(env, Conv2dFilterGrad));
  exports.Set("conv2dInputGrad", Napi::Function::New(env, Conv2dInputGrad));
  exports.Set("pool", Napi::Function::New(env, Pool));
  exports.Set("poolGrad", Napi::Function::New(env, PoolGrad));
  exports.Set("depthwise", Napi::Function::New(env, Depthwise));
  exports.Set("batchNorm", Napi::Function::New(env, BatchNorm));
  exports.Set("adam", Napi::Function::New(env, Adam));
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("selectCpu", Napi::Function::New(env, SelectCpu));
  return exports;
}

}  // namespace

NODE_API_MODULE(distillery_native, Init)

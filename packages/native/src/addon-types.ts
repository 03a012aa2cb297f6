/** Per-sample window geometry [N, H, W, C, OH, OW, OC, KH, KW, SH, SW, PT, PL, DH, DW] (ops.h `Geom`). */
export type Geometry = readonly number[];

/** One node of a native graph (csrc/session.h `NodeSpec`); shapes are per sample. */
export interface NodeSpec {
  op:
    | 'input'
    | 'rescale'
    | 'conv'
    | 'dense'
    | 'relu'
    | 'maxpool'
    | 'avgpool'
    | 'batchnorm'
    | 'add'
    | 'gap'
    | 'flatten';
  in: number[];
  shape: number[];
  geometry?: Geometry;
  weight?: number;
  bias?: number;
  gamma?: number;
  beta?: number;
  movingMean?: number;
  movingVariance?: number;
  relu?: boolean;
  scale?: number;
  offset?: number;
  epsilon?: number;
  momentum?: number;
}

/** The loss a session minimises: softmax CE on one head, or the distillation loss (distill/losses.ts). */
export interface LossSpec {
  kind: 'softmax_ce' | 'distill';
  alpha?: number;
  hinton?: boolean;
  temperature?: number;
  /** 0: one target vs head 0; 1: mean over targets vs head 0 (loss_avg); 2: target i vs head i (mimic_all). */
  pairing?: 0 | 1 | 2;
}

/** A whole graph: nodes in topological order, output heads (logits), weight shapes, trainable indices. */
export interface GraphSpec {
  nodes: NodeSpec[];
  outputs: number[];
  params: number[][];
  /** Indices into `params` of the trainable weights, in the optimizer's order. */
  trainable: number[];
  classes: number;
  loss: LossSpec;
  /** Fixed thread count; default: the CPUs divided by the live sessions of this process. */
  threads?: number;
}

/** A native session (csrc/addon.cc `SessionWrap`). Step results are [loss, ce, kd, hits]. */
export interface AddonSession {
  trainStep(
    input: Uint8Array | Float32Array,
    labels: Int32Array,
    targets: Float32Array | null,
    ntargets: number,
    lr: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): Float64Array;
  gradients(
    input: Uint8Array | Float32Array,
    labels: Int32Array,
    targets: Float32Array | null,
    ntargets: number,
  ): Float64Array;
  predict(input: Uint8Array | Float32Array, batch: number): Float32Array;
  getWeight(i: number): Float32Array;
  setWeight(i: number, values: Float32Array): void;
  getGrad(i: number): Float32Array;
  getMoment(slot: number, second: boolean): Float32Array;
  setMoment(slot: number, second: boolean, values: Float32Array): void;
  getStep(): number;
  setStep(step: number): void;
  threads(): number;
  dispose(): void;
}

/** What the loaded addon reports about itself. */
export interface AddonInfo {
  /** Best instruction set of this CPU. */
  best: 'avx512' | 'avx2' | 'portable';
  /** Instruction set the kernels run with (best unless forced). */
  selected: 'avx512' | 'avx2' | 'portable';
  vectorWidth: number;
  cpus: number;
  liveSessions: number;
  compiler: string;
}

/** The compiled addon's exports. Single kernels write into their last array argument. */
export interface NativeAddon {
  Session: new (spec: GraphSpec) => AddonSession;
  gemm(
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    M: number,
    N: number,
    K: number,
    transA: boolean,
    transB: boolean,
    accumulate: boolean,
    bias: Float32Array | null,
    relu: boolean,
    threads?: number,
  ): void;
  conv2d(
    x: Float32Array,
    w: Float32Array,
    bias: Float32Array | null,
    g: Geometry,
    relu: boolean,
    y: Float32Array,
  ): void;
  conv2dFilterGrad(x: Float32Array, dy: Float32Array, g: Geometry, dw: Float32Array): void;
  conv2dInputGrad(dy: Float32Array, w: Float32Array, g: Geometry, dx: Float32Array): void;
  pool(kind: 'max' | 'avg', x: Float32Array, g: Geometry, y: Float32Array): void;
  poolGrad(
    kind: 'max' | 'avg',
    dy: Float32Array,
    x: Float32Array | null,
    g: Geometry,
    dx: Float32Array,
  ): void;
  depthwise(
    kind: 'forward' | 'filter' | 'input',
    a: Float32Array,
    b: Float32Array,
    g: Geometry,
    out: Float32Array,
  ): void;
  batchNorm(
    x: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    offset: Float32Array | null,
    scale: Float32Array | null,
    epsilon: number,
    channels: number,
    y: Float32Array,
  ): void;
  adam(
    w: Float32Array,
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    lr: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    c1: number,
    c2: number,
  ): void;
  info(): AddonInfo;
  selectCpu(level: string): string;
}

"""Read a Distillery safetensors export with nothing but the standard library and numpy, and run the
`test` CNN (Rescaling -> Conv2D 3x3 same + ReLU -> MaxPool 2 -> Flatten -> Dense -> softmax) on the
images given as a raw float32 file. Prints JSON: the metadata, tensor names/shapes and probabilities."""
import json
import struct
import sys

import numpy as np


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    meta = header.pop("__metadata__", {})
    base = 8 + n
    dtypes = {"F32": np.float32, "I32": np.int32}
    tensors = {}
    for name, e in header.items():
        begin, end = e["data_offsets"]
        tensors[name] = np.frombuffer(raw[base + begin : base + end], dtype=dtypes[e["dtype"]]).reshape(e["shape"])
    return meta, tensors


def forward(meta, t, x):
    x = x / 127.5 - 1.0
    names = list(t)
    kernel = t[next(k for k in names if k.startswith("conv") and k.endswith("/kernel"))]
    bias = t[next(k for k in names if k.startswith("conv") and k.endswith("/bias"))]
    n, h, w, _ = x.shape
    padded = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    y = np.zeros((n, h, w, kernel.shape[3]), dtype=np.float64)
    for dy in range(3):
        for dx in range(3):
            y += np.einsum("nhwc,co->nhwo", padded[:, dy : dy + h, dx : dx + w, :], kernel[dy, dx])
    y = np.maximum(y + bias, 0)
    y = y[:, : h // 2 * 2, : w // 2 * 2, :].reshape(n, h // 2, 2, w // 2, 2, -1).max(axis=(2, 4))
    logits = y.reshape(n, -1) @ t["logits/kernel"] + t["logits/bias"]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


if __name__ == "__main__":
    meta, tensors = read_safetensors(sys.argv[1])
    shape = json.loads(meta["input_shape"])
    images = np.fromfile(sys.argv[2], dtype=np.float32).reshape([-1] + shape)
    print(
        json.dumps(
            {
                "metadata": meta,
                "tensors": {k: list(v.shape) for k, v in tensors.items()},
                "probabilities": forward(meta, tensors, images).tolist(),
            }
        )
    )

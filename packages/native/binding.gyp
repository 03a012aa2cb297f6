# NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS: the runner stops a job by terminating its worker thread, often
# inside a native step; an error raised then cannot be thrown into the dying thread, and without this
# define node-addon-api rethrows it as a C++ exception nobody catches, aborting the whole runner
# (src/worker-termination.test.ts).
{
  "target_defaults": {
    "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
    "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
    "cflags": ["-O3", "-fno-math-errno", "-ffp-contract=fast", "-fPIC"],
    "cflags_cc": ["-std=gnu++17", "-fexceptions", "-O3", "-fno-math-errno", "-ffp-contract=fast", "-fPIC"]
  },
  "targets": [
    {
      "target_name": "kernels_portable",
      "type": "static_library",
      "sources": ["csrc/kernels_portable.cc"]
    },
    {
      "target_name": "distillery_native",
      "dependencies": ["kernels_portable"],
      "sources": ["csrc/addon.cc", "csrc/session.cc", "csrc/ops.cc", "csrc/dispatch.cc", "csrc/pool.cc"],
      "libraries": ["-lpthread"],
      "conditions": [["target_arch=='x64'", { "dependencies": ["kernels_avx2", "kernels_avx512"] }]]
    }
  ],
  "conditions": [
    [
      "target_arch=='x64'",
      {
        "targets": [
          {
            "target_name": "kernels_avx2",
            "type": "static_library",
            "sources": ["csrc/kernels_avx2.cc"],
            "cflags_cc": ["-mavx2", "-mfma"]
          },
          {
            "target_name": "kernels_avx512",
            "type": "static_library",
            "sources": ["csrc/kernels_avx512.cc"],
            "cflags_cc": ["-mavx512f", "-mavx512vl", "-mavx512bw", "-mavx512dq", "-mavx2", "-mfma"]
          }
        ]
      }
    ]
  ]
}

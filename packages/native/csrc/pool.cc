// The engine's thread pool: persistent workers that spin briefly between the many small parallel
// regions of a training step (waking a sleeping thread costs ~10-50 µs), then sleep.
#include <sched.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "kernels.h"
#include "pool.h"

namespace dn {
namespace {

inline void cpu_relax() {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

struct Pool {
  std::vector<std::thread> workers;
  std::mutex run_mutex;  // one parallel region at a time; a concurrent caller runs its region inline
  std::mutex m;
  std::condition_variable wake;
  std::atomic<uint64_t> gen{0};
  std::atomic<int> next{0};
  std::atomic<int> joined{0};
  std::atomic<int> pending{0};
  int ntasks = 0;
  int want = 0;
  TaskFn fn = nullptr;
  void* ctx = nullptr;
  bool stopping = false;

  explicit Pool(int n) {
    for (int i = 0; i < n; i++) workers.emplace_back([this] { loop(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> l(m);
      stopping = true;
      gen.fetch_add(1);
    }
    wake.notify_all();
    for (auto& t : workers) t.join();
  }

  void work() {
    for (int t; (t = next.fetch_add(1)) < ntasks;) fn(ctx, t);
  }

  void loop() {
    uint64_t seen = 0;
    for (;;) {
      // Spin ~50 µs for the next region of the same step, then sleep.
      for (int i = 0; i < 20000 && gen.load(std::memory_order_acquire) == seen; i++) cpu_relax();
      if (gen.load(std::memory_order_acquire) == seen) {
        std::unique_lock<std::mutex> l(m);
        wake.wait(l, [&] { return gen.load() != seen; });
      }
      seen = gen.load(std::memory_order_acquire);
      if (stopping) return;
      if (joined.fetch_add(1) < want) {
        work();
        pending.fetch_sub(1, std::memory_order_release);
      }
    }
  }

  void run(int n, TaskFn f, void* c, int helpers) {
    ntasks = n;
    fn = f;
    ctx = c;
    next.store(0);
    joined.store(0);
    want = helpers;
    pending.store(helpers);
    {
      std::lock_guard<std::mutex> l(m);
      gen.fetch_add(1, std::memory_order_release);
    }
    wake.notify_all();
    work();
    while (pending.load(std::memory_order_acquire) > 0) cpu_relax();
  }
};

Pool& pool() {
  static Pool p(cpu_count() > 1 ? cpu_count() - 1 : 0);
  return p;
}

}  // namespace

int cpu_count() {
  static const int n = [] {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set) > 0 ? CPU_COUNT(&set) : 1;
    const unsigned h = std::thread::hardware_concurrency();
    return h > 0 ? static_cast<int>(h) : 1;
  }();
  return n;
}

void parallel_for(int ntasks, TaskFn fn, void* ctx, int threads) {
  if (threads <= 1 || ntasks <= 1 || cpu_count() <= 1) {
    for (int t = 0; t < ntasks; t++) fn(ctx, t);
    return;
  }
  Pool& p = pool();
  std::unique_lock<std::mutex> l(p.run_mutex, std::try_to_lock);
  if (!l.owns_lock()) {
    for (int t = 0; t < ntasks; t++) fn(ctx, t);
    return;
  }
  int helpers = threads - 1;
  if (helpers > static_cast<int>(p.workers.size())) helpers = static_cast<int>(p.workers.size());
  if (helpers > ntasks - 1) helpers = ntasks - 1;
  p.run(ntasks, fn, ctx, helpers);
}

}  // namespace dn

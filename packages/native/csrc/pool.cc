// The engine's thread pool: persistent workers that spin briefly between the many small parallel
// regions of a training step (waking a sleeping thread costs ~10-50 µs), then sleep. The caller runs
// tasks too and never waits for a helper that has not started one: on a loaded machine a descheduled
// helper only means fewer hands, not a stalled step.
#include "pool.h"

#include <sched.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "kernels.h"

namespace dn {
namespace {

inline void cpu_relax() {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

// A parallel region. Regions live in a ring that is never freed, so a helper that wakes late can look
// at its slot safely and see (by the generation) that the region is gone.
struct Region {
  std::atomic<uint64_t> gen{0};
  std::atomic<int> next{0};
  std::atomic<int> refs{0};
  std::atomic<int> joined{0};
  int want = 0;  // helpers wanted (threads − 1)
  int ntasks = 0;
  TaskFn fn = nullptr;
  void* ctx = nullptr;
};

constexpr int RING = 64;
constexpr int SPIN = 4000;

struct Pool {
  std::vector<std::thread> workers;
  std::mutex run_mutex;  // one region at a time; a concurrent caller runs its region inline
  std::mutex m;
  std::condition_variable wake;
  std::atomic<uint64_t> gen{0};
  Region ring[RING];
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

  static void work(Region& r) {
    for (int t; (t = r.next.fetch_add(1)) < r.ntasks;) r.fn(r.ctx, t);
  }

  void loop() {
    uint64_t seen = 0;
    for (;;) {
      for (int i = 0; i < SPIN && gen.load(std::memory_order_acquire) == seen; i++) cpu_relax();
      if (gen.load(std::memory_order_acquire) == seen) {
        std::unique_lock<std::mutex> l(m);
        wake.wait(l, [&] { return gen.load() != seen || stopping; });
      }
      if (stopping) return;
      seen = gen.load(std::memory_order_acquire);
      Region& r = ring[seen % RING];
      // seq_cst on refs/gen: the caller's "close, then wait for refs" must see every helper that got in.
      r.refs.fetch_add(1);
      if (r.gen.load() == seen && r.joined.fetch_add(1) < r.want) work(r);
      r.refs.fetch_sub(1);
    }
  }

  void run(int n, TaskFn f, void* c, int helpers) {
    const uint64_t g = gen.load() + 1;
    Region& r = ring[g % RING];
    while (r.refs.load() > 0) cpu_relax();  // a straggler from 64 regions ago
    r.ntasks = n;
    r.want = helpers;
    r.joined.store(0);
    r.fn = f;
    r.ctx = c;
    r.next.store(0);
    r.gen.store(g);
    {
      std::lock_guard<std::mutex> l(m);
      gen.store(g, std::memory_order_release);
    }
    wake.notify_all();
    work(r);
    // Every task is claimed; wait only for helpers still inside one.
    r.gen.store(0);
    while (r.refs.load() > 0) cpu_relax();
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
  p.run(ntasks, fn, ctx, threads - 1);
}

}  // namespace dn

#pragma once

namespace dn {
/** CPUs this process may run on (sched_getaffinity; cgroup-pinned containers report fewer). */
int cpu_count();
}  // namespace dn

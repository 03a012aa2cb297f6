/**
 * `np.argsort(row)` exactly as numpy 1.24 computes it for a float64 row (default `kind='quicksort'`:
 * numpy's introsort `aquicksort_` in `npysort/quicksort.cpp`, with `aheapsort_` past the depth limit
 * and insertion sort on partitions of at most 16 elements). The original voting code ranks classes
 * with `np.fliplr(np.argsort(vote_matrix))`, so which of two equal probabilities ranks first is
 * whatever this algorithm leaves: for ≤ 16 classes (pure insertion sort, stable) the higher class
 * index ranks first after the flip; above 16 classes the order of equal values depends on the
 * partitioning. Hand-ported because no npm package reproduces numpy's unstable order, and pinned
 * against numpy 1.24.2 (the version of the original's era; numpy ≥ 1.25 sorts with SIMD networks on
 * AVX-512/AVX2 machines, whose order of ties differs by CPU).
 */

const SMALL_QUICKSORT = 15;

/** numpy's `npy_get_msb`: the index of the highest set bit. */
function msb(n: number): number {
  let depth = 0;
  while ((n >>>= 1) > 0) depth++;
  return depth;
}

/** Ascending argsort of `v[off … off + n)` into `out` (indices 0 … n−1), numpy 1.24 order. */
export function numpyArgsort(v: ArrayLike<number>, off: number, n: number, out: Int32Array): void {
  for (let i = 0; i < n; i++) out[i] = i;
  const at = (k: number) => v[off + (out[k] as number)] as number;
  const swap = (a: number, b: number) => {
    const t = out[a] as number;
    out[a] = out[b] as number;
    out[b] = t;
  };
  const stack: number[] = [];
  const depths: number[] = [];
  let pl = 0;
  let pr = n - 1;
  let cdepth = msb(n) * 2;
  for (;;) {
    if (cdepth < 0) {
      heapsort(v, off, out, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        // Median of three, pivot parked at pr − 1, Hoare-style partition.
        const pm = pl + ((pr - pl) >> 1);
        if (at(pm) < at(pl)) swap(pm, pl);
        if (at(pr) < at(pm)) swap(pr, pm);
        if (at(pm) < at(pl)) swap(pm, pl);
        const vp = at(pm);
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do ++pi;
          while (at(pi) < vp);
          do --pj;
          while (vp < at(pj));
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        // Push the larger partition, continue with the smaller one.
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; pi++) {
        const vi = out[pi] as number;
        const vp = v[off + vi] as number;
        let pj = pi;
        while (pj > pl && vp < at(pj - 1)) {
          out[pj] = out[pj - 1] as number;
          pj--;
        }
        out[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop() as number;
    pl = stack.pop() as number;
    cdepth = depths.pop() as number;
  }
}

/** numpy's `aheapsort_` on out[start … start + n) (1-based heap over that window). */
function heapsort(v: ArrayLike<number>, off: number, out: Int32Array, start: number, n: number): void {
  const a = (k: number) => start + k - 1;
  const val = (k: number) => v[off + (out[a(k)] as number)] as number;
  // Sift `tmp` down from heap slot i within the first `size` slots.
  const siftDown = (tmp: number, i: number, size: number) => {
    for (let j = i << 1; j <= size;) {
      if (j < size && val(j) < val(j + 1)) j += 1;
      if ((v[off + tmp] as number) < val(j)) {
        out[a(i)] = out[a(j)] as number;
        i = j;
        j += j;
      } else break;
    }
    out[a(i)] = tmp;
  };
  for (let l = n >> 1; l > 0; --l) siftDown(out[a(l)] as number, l, n);
  for (let m = n; m > 1;) {
    const tmp = out[a(m)] as number;
    out[a(m)] = out[a(1)] as number;
    m -= 1;
    siftDown(tmp, 1, m);
  }
}

/**
 * A push-based async iterator: `push` enqueues, `next` waits; `return` (client unsubscribed or
 * disconnected) runs `onClose` once. Bounded so a stalled client cannot grow memory without limit.
 */
export function pushIterator<T>(
  onClose: () => void,
  maxQueued = 10_000,
): { iterator: AsyncIterableIterator<T>; push: (v: T) => void; fail: (e: unknown) => void } {
  const queue: T[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | null = null;
  let failWaiting: ((e: unknown) => void) | null = null;
  let error: unknown = null;
  let done = false;
  const close = () => {
    if (done) return;
    done = true;
    onClose();
    waiting?.({ value: undefined, done: true });
    waiting = null;
  };
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (error) return Promise.reject(error);
      const v = queue.shift();
      if (v !== undefined) return Promise.resolve({ value: v, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiting = resolve;
        failWaiting = reject;
      });
    },
    return() {
      close();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(e: unknown) {
      close();
      return Promise.reject(e);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return {
    iterator,
    push(v: T) {
      if (done) return;
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: v, done: false });
      } else if (queue.length < maxQueued) queue.push(v);
      else this.fail(new Error('subscriber too slow: queue overflow'));
    },
    fail(e: unknown) {
      if (done) return;
      error = e;
      failWaiting?.(e);
      waiting = null;
      close();
    },
  };
}

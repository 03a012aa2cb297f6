import type { ExecutionArgs, ExecutionResult } from 'graphql';

import { graphqlRuntime } from '../graphql-runtime.ts';

const { createSourceEventStream, execute, print } = graphqlRuntime;

// Results per event object and operation: hundreds of subscribers of the same run receive the same
// event object, and their identical operation runs once per event instead of once per subscriber.
const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

function operationKey(args: ExecutionArgs): string {
  return `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}\u0000${print(args.document)}`;
}

function mapIterator<T, R>(source: AsyncIterator<T>, fn: (value: T) => Promise<R>): AsyncIterableIterator<R> {
  return {
    async next() {
      const r = await source.next();
      return r.done ? { value: undefined, done: true } : { value: await fn(r.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(e: unknown) {
      await source.return?.();
      throw e;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * `subscribe` for graphql-ws that executes each event once per distinct operation. Safe here because
 * subscription payload fields do not depend on the viewer: access is checked when subscribing.
 */
export async function subscribeShared(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const key = operationKey(args);
  return mapIterator((source as AsyncIterable<unknown>)[Symbol.asyncIterator](), (event) => {
    if (typeof event !== 'object' || event === null)
      return Promise.resolve(execute({ ...args, rootValue: event }) as ExecutionResult);
    let byOp = results.get(event);
    if (!byOp) results.set(event, (byOp = new Map()));
    let result = byOp.get(key);
    if (!result) {
      result = Promise.resolve(
        execute({ ...args, rootValue: event }) as ExecutionResult | Promise<ExecutionResult>,
      );
      byOp.set(key, result);
    }
    return result;
  });
}

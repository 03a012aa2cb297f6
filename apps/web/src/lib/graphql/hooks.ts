'use client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';

import { useConfig } from '../config.tsx';
import { onTokenChange, readToken, writeToken } from '../session.ts';
import { ApiError } from './errors.ts';
import { request } from './transport.ts';
import { liveStore, wsClient, type LiveState } from './ws.ts';

/** The session token (null when signed out); re-renders on sign-in/out. */
export function useToken(): string | null {
  return useSyncExternalStore(onTokenChange, readToken, () => null);
}

// Last result per (operation, variables): pages show it at once on return, then refresh.
const cache = new Map<string, unknown>();

export interface QueryState<R> {
  data: R | undefined;
  error: ApiError | undefined;
  loading: boolean;
  refetch: () => Promise<void>;
}

/** Fetch a query; refetches when variables change; sends the user to sign-in on UNAUTHENTICATED. */
export function useQuery<R, V>(
  doc: TypedDocumentNode<R, V>,
  variables: V,
  options: { skip?: boolean } = {},
): QueryState<R> {
  const { apiUrl } = useConfig();
  const token = useToken();
  const router = useRouter();
  const key = `${(doc.definitions[0] as { name?: { value: string } }).name?.value ?? print(doc)}:${JSON.stringify(variables)}`;
  const [state, setState] = useState<{
    key: string;
    data: R | undefined;
    error: ApiError | undefined;
    loading: boolean;
  }>(() => ({
    key,
    data: cache.get(key) as R | undefined,
    error: undefined,
    loading: !options.skip,
  }));
  const varsRef = useRef(variables);
  varsRef.current = variables;
  const skip = options.skip ?? false;

  const run = useCallback(
    async (signal?: AbortSignal) => {
      if (skip) return;
      setState((s) => ({
        key,
        data: s.key === key ? s.data : (cache.get(key) as R | undefined),
        error: undefined,
        loading: true,
      }));
      try {
        const data = await request(apiUrl, readToken(), doc, varsRef.current, signal);
        cache.set(key, data);
        setState({ key, data, error: undefined, loading: false });
      } catch (e) {
        if ((e as Error).name === 'AbortError') return;
        const err =
          e instanceof ApiError
            ? e
            : new ApiError([{ message: String(e), code: 'INTERNAL', field: undefined }]);
        if (err.code === 'UNAUTHENTICATED') {
          writeToken(null);
          router.replace(
            `/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`,
          );
        }
        setState((s) => ({ ...s, key, error: err, loading: false }));
      }
    },
    [apiUrl, key, skip, token],
  );

  useEffect(() => {
    const ac = new AbortController();
    void run(ac.signal);
    return () => ac.abort();
  }, [run]);

  const refetch = useCallback(() => run(), [run]);
  const current =
    state.key === key ? state : { data: cache.get(key) as R | undefined, error: undefined, loading: true };
  return { data: current.data, error: current.error, loading: current.loading, refetch };
}

/** A mutation runner: `mutate(vars)` resolves with data or throws ApiError (with field errors). */
export function useMutation<R, V>(
  doc: TypedDocumentNode<R, V>,
): { mutate: (v: V) => Promise<R>; pending: boolean } {
  const { apiUrl } = useConfig();
  const [pending, setPending] = useState(false);
  const mutate = useCallback(
    async (variables: V) => {
      setPending(true);
      try {
        return await request(apiUrl, readToken(), doc, variables);
      } finally {
        setPending(false);
      }
    },
    [apiUrl, doc],
  );
  return { mutate, pending };
}

/**
 * Subscribe over graphql-ws. `variables` is kept as one mutable object: `onData` may move a
 * cursor in it (e.g. `sinceStep`) and a reconnect re-sends the updated object.
 */
export function useSubscription<R, V extends Record<string, unknown>>(
  doc: TypedDocumentNode<R, V>,
  variables: V | null,
  onData: (data: R, vars: V) => void,
): LiveState {
  const { wsUrl } = useConfig();
  const token = useToken();
  const live = useSyncExternalStore(liveStore.subscribe, liveStore.get, () => 'connecting' as const);
  const handler = useRef(onData);
  handler.current = onData;
  const varsKey = JSON.stringify(variables);

  useEffect(() => {
    // Anonymous callers get nothing from subscriptions; wait for the token (hydration renders without it).
    if (!variables || !token) return;
    const client = wsClient(wsUrl, token);
    const vars = { ...variables } as V;
    const payload = { query: print(doc), variables: vars };
    const dispose = client.subscribe<R>(payload, {
      next: (msg) => {
        if (msg.data) handler.current(msg.data, vars);
      },
      error: () => undefined,
      complete: () => undefined,
    });
    return dispose;
  }, [wsUrl, token, varsKey, doc]);

  return live;
}

'use client';
import { toAppError, type AppError } from '@distillery/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';

import { onTokenChange, readToken } from '../session.ts';
import { browserClient } from './client.ts';
import { liveStore, type LiveState } from './live-state.ts';

/** The session token (null when signed out); re-renders on sign-in/out. */
export function useToken(): string | null {
  return useSyncExternalStore(onTokenChange, readToken, () => null);
}

/** The cache key of an operation: its name and variables (the session is part of it, see GraphqlProvider). */
export function operationKey<R, V>(doc: TypedDocumentNode<R, V>, variables: V): QueryKey {
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition');
  return [op && 'name' in op ? op.name?.value : undefined, variables];
}

/** What a page reads of a query. */
export interface QueryState<R> {
  data: R | undefined;
  error: AppError | undefined;
  /** A request for this query is in flight (first load or refresh). */
  loading: boolean;
  refetch: () => Promise<void>;
}

/**
 * A cached query (TanStack Query): shared and de-duplicated by operation + variables, refreshed on mount.
 * `pollMs` refetches on an interval while the page is visible, for data no event announces (heartbeats).
 */
export function useGqlQuery<R, V>(
  doc: TypedDocumentNode<R, V>,
  variables: V,
  options: { skip?: boolean; pollMs?: number } = {},
): QueryState<R> {
  const q = useQuery({
    queryKey: operationKey(doc, variables),
    queryFn: ({ signal }) => browserClient().send(doc, variables, { signal }),
    enabled: !options.skip,
    refetchInterval: options.pollMs ?? false,
  });
  const { refetch } = q;
  return {
    data: q.data,
    error: q.error ? toAppError(q.error) : undefined,
    loading: q.isFetching,
    refetch: useCallback(async () => void (await refetch()), [refetch]),
  };
}

/**
 * A mutation: `mutate(vars)` resolves with data or throws the API's AppError (with field errors).
 * On success every cached query is invalidated: pages on screen refetch at once, others when shown,
 * so no page keeps data the mutation changed (which queries a mutation touches is the API's business).
 * `invalidates: false` is for mutations that end the session (signOut): its cache is dropped instead.
 */
export function useGqlMutation<R, V>(
  doc: TypedDocumentNode<R, V>,
  options: { invalidates?: boolean } = {},
): { mutate: (v: V) => Promise<R>; pending: boolean } {
  const queryClient = useQueryClient();
  const m = useMutation({
    mutationFn: (variables: V) => browserClient().send(doc, variables),
    onSuccess: () => (options.invalidates === false ? undefined : queryClient.invalidateQueries()),
  });
  return { mutate: m.mutateAsync, pending: m.isPending };
}

/**
 * Subscribe over graphql-ws while `variables` is non-null and someone is signed in. `variables` is
 * kept as one mutable object: `onData` may move a cursor in it (e.g. `sinceStep`) and a reconnect
 * re-sends the updated object. `onError` hears a refusal (FORBIDDEN, a deleted run, …).
 */
export function useSubscription<R, V extends Record<string, unknown>>(
  doc: TypedDocumentNode<R, V>,
  variables: V | null,
  onData: (data: R, vars: V) => void,
  onError?: (e: AppError) => void,
): LiveState {
  const token = useToken();
  const live = useSyncExternalStore(liveStore.subscribe, liveStore.get, () => 'connecting' as const);
  const handlers = useRef({ onData, onError });
  handlers.current = { onData, onError };
  const varsKey = JSON.stringify(variables);

  useEffect(() => {
    // Anonymous callers get nothing from subscriptions; wait for the token (hydration renders without it).
    if (!variables || !token) return;
    const vars = { ...variables } as V;
    return browserClient().listen(doc, vars, {
      next: (data) => handlers.current.onData(data, vars),
      error: (e) => handlers.current.onError?.(e),
    });
    // varsKey stands for variables
  }, [token, varsKey, doc]);

  return live;
}

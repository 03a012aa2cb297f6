import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

import { ApiError, toApiError } from './errors.ts';

const printed = new WeakMap<object, string>();

function source(doc: TypedDocumentNode<unknown, unknown>): string {
  let s = printed.get(doc);
  if (!s) {
    s = print(doc);
    printed.set(doc, s);
  }
  return s;
}

/** Run a query or mutation over HTTP with `Authorization: Bearer <token>`. */
export async function request<R, V>(
  url: string,
  token: string | null,
  doc: TypedDocumentNode<R, V>,
  variables: V,
  signal?: AbortSignal,
): Promise<R> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: source(doc as TypedDocumentNode<unknown, unknown>), variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError([{ message: `cannot reach the API at ${url}`, code: 'NETWORK', field: undefined }]);
  }
  let body: {
    data?: R | null;
    errors?: { message?: unknown; extensions?: { code?: unknown; field?: unknown } }[];
  };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError([
      { message: `the API answered HTTP ${res.status} without JSON`, code: 'INTERNAL', field: undefined },
    ]);
  }
  if (body.errors?.length) throw toApiError(body.errors);
  if (!body.data)
    throw new ApiError([{ message: `HTTP ${res.status}: no data`, code: 'INTERNAL', field: undefined }]);
  return body.data;
}

import { createWsClient } from '@distillery/client';
import { WebSocket } from '@distillery/client/node';
import type { Client } from 'graphql-ws';

const SUB = `subscription($r: ID!) { metricsAppended(runId: $r) { points { step } } }`;

/** `n` graphql-ws clients (one socket each) subscribed to metricsAppended of the given runs, round-robin. */
export async function subscribe(
  url: string,
  token: string,
  runIds: string[],
  n: number,
  onPoints: (subscriber: number, runId: string, steps: number[]) => void,
  onError: (e: unknown) => void,
): Promise<{ clients: Client[]; close: () => Promise<void> }> {
  const clients: Client[] = [];
  await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const runId = runIds[i % runIds.length]!;
      return new Promise<void>((resolve) => {
        const client = createWsClient({
          url,
          token,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          on: { connected: () => resolve() },
        });
        clients.push(client);
        client.subscribe<{ metricsAppended: { points: { step: number }[] } }>(
          { query: SUB, variables: { r: runId } },
          {
            next: (m) => onPoints(i, runId, m.data?.metricsAppended.points.map((p) => p.step) ?? []),
            error: onError,
            complete: () => undefined,
          },
        );
      });
    }),
  );
  // Connected is not yet subscribed: give the server a moment to register every subscription.
  await new Promise((r) => setTimeout(r, 1500 + n * 2));
  return { clients, close: async () => void (await Promise.all(clients.map((c) => c.dispose()))) };
}

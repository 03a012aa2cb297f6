import { ClaimRunDocument, CreateApiTokenDocument, ReportRunStatusDocument } from '@distillery/client';
import { createNodeClient } from '@distillery/client/node';

const RUNNER_ID = 'test-runner';

/** Act as a runner through the API: claim a queued run with a RUNNER token, then report its outcome. */
export async function actAsRunner(url: string, userToken: string, projectId: string) {
  const { createApiToken } = await createNodeClient({ url, token: userToken }).request(
    CreateApiTokenDocument,
    {
      input: { name: 'test runner', kind: 'RUNNER', projectId },
    },
  );
  const runner = createNodeClient({ url, token: createApiToken.secret });
  return {
    client: runner,
    /** Claim `runId` and return the attempt. */
    async claim(runId: string): Promise<number> {
      return (await runner.request(ClaimRunDocument, { runId, runnerId: RUNNER_ID })).claimRun.attempt;
    },
    /** The runner id every claim and write of this helper carries. */
    runnerId: RUNNER_ID,
    /** Report the attempt's outcome. */
    async finish(
      runId: string,
      attempt: number,
      status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED',
      summary: Record<string, number> = {},
      failureReason?: string,
    ) {
      await runner.request(ReportRunStatusDocument, {
        input: {
          runId,
          attempt,
          runnerId: RUNNER_ID,
          status,
          summary,
          ...(failureReason ? { failureReason } : {}),
        },
      });
    },
    /** Claim and finish as SUCCEEDED with `summary`. */
    async complete(runId: string, summary: Record<string, number>) {
      const attempt = await this.claim(runId);
      await this.finish(runId, attempt, 'SUCCEEDED', summary);
    },
  };
}

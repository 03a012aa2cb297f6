// What every command needs: the resolved connection, a client, the project, output mode.
import { getProject, ProjectsDocument, type DistilleryClient } from '@distillery/client';
import { configPath, createNodeClient, resolveConnection } from '@distillery/client/node';
import { AppError, AppErrorCode } from '@distillery/errors';

import type { CliIo } from './io.ts';

/** Global options, available on every command. */
export interface GlobalOptions {
  url?: string;
  token?: string;
  project?: string;
  json?: boolean;
}

/** One invocation's context. */
export class CliContext {
  private cached: DistilleryClient | undefined;
  private projectIdCache: string | undefined;

  constructor(
    readonly io: CliIo,
    readonly options: GlobalOptions,
  ) {}

  get json(): boolean {
    return Boolean(this.options.json);
  }

  /** url/token/project after flags, DISTILLERY_* variables and the config file. */
  connection() {
    return resolveConnection(
      { url: this.options.url, token: this.options.token, project: this.options.project },
      this.io.env,
    );
  }

  /** The config file of this user. */
  configPath(): string {
    return configPath(this.io.env);
  }

  /** A client with the stored token; `requireToken` fails early with a hint to log in. */
  client(requireToken = true): DistilleryClient {
    if (this.cached) return this.cached;
    const { url, token } = this.connection();
    if (requireToken && !token)
      throw new AppError(
        AppErrorCode.UNAUTHENTICATED,
        `not logged in: run \`distillery login\` or set DISTILLERY_TOKEN (API ${url})`,
      );
    this.cached = createNodeClient({ url, token });
    return this.cached;
  }

  /** The project id from --project / DISTILLERY_PROJECT / config, or the caller's only project. */
  async projectId(): Promise<string> {
    if (this.projectIdCache) return this.projectIdCache;
    const { project } = this.connection();
    if (project) {
      this.projectIdCache = (await getProject(this.client(), project)).id;
    } else {
      const { projects } = await this.client().request(ProjectsDocument);
      if (projects.length !== 1) {
        throw new AppError(
          AppErrorCode.BAD_USER_INPUT,
          `pass --project <slug|id> (you are a member of ${projects.length} projects: ${projects.map((p) => p.slug).join(', ') || 'none'})`,
        );
      }
      this.projectIdCache = projects[0]!.id;
    }
    return this.projectIdCache;
  }

  /** Flush loggers and close the WebSocket. */
  async close(): Promise<void> {
    await this.cached?.close();
  }
}

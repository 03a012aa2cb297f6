import { definedEnv } from '@distillery/config/env';
import { z } from 'zod';

/** The API's environment (the only place it reads process.env). */
export const apiEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .min(1, 'DATABASE_URL is required, e.g. postgresql://postgres@127.0.0.1:5432/distillery'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Loopback unless told otherwise; the image sets 0.0.0.0 for containers. */
  API_HOST: z.string().min(1).default('127.0.0.1'),
  /** Dashboard session lifetime. */
  API_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Pool size for queries and transactions (the LISTEN connection is extra). */
  API_DB_POOL: z.coerce.number().int().min(2).max(200).default(20),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Folders FOLDER datasets may live in (`:`-separated); see @distillery/db/dataset-roots for the defaults. */
  DISTILLERY_DATASET_ROOTS: z.string().optional(),
  DISTILLERY_DATA_DIR: z.string().optional(),
  /** The runners' artifact store (`file:///dir`, a path, or `s3://bucket/prefix`); downloads stream from it. */
  ARTIFACT_STORE: z.string().optional(),
  /** Where packs are cached to serve sample images from (default `<DISTILLERY_DATA_DIR>/cache/datasets`, as runners). */
  DISTILLERY_DATASET_CACHE: z.string().optional(),
  /** Largest dataset pack an upload may store, in bytes (default 16 GiB). */
  DISTILLERY_MAX_DATASET_BYTES: z.coerce.number().int().min(1024).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  XDG_DATA_HOME: z.string().optional(),
  HOME: z.string().optional(),
  /** Ed25519 private key (PEM) that signs audit chain heads; see audit/signing-key.ts. */
  AUDIT_SIGNING_KEY: z.string().optional(),
  AUDIT_SIGNING_KEY_FILE: z.string().optional(),
  /** How often chain heads are signed. */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 1: human-readable log lines (npm start sets it when its output is a terminal); else JSON lines. */
  DISTILLERY_LOG_PRETTY: z.enum(['0', '1']).default('0'),
  /** The dashboard's public URL: invitation, reset and single sign-on links point there. */
  DISTILLERY_WEB_URL: z.url().default('http://localhost:3000'),
  /** How long invitation links work. */
  DISTILLERY_INVITATION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** How long admin-issued password reset links work. */
  DISTILLERY_RESET_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** SMTP server for invitation and reset mail, e.g. `smtps://user:pass@mail.lab.org:465` (none: links are only shown). */
  SMTP_URL: z.string().optional(),
  SMTP_URL_FILE: z.string().optional(),
  MAIL_FROM: z.string().default('Distillery <distillery@localhost>'),
  /** OpenID Connect single sign-on: the provider's issuer URL (none: password sign-in only). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_CLIENT_SECRET_FILE: z.string().optional(),
  /** Registered at the provider; default `<DISTILLERY_WEB_URL>/sso/callback`. */
  OIDC_REDIRECT_URI: z.url().optional(),
  /** Comma-separated email domains that may get an account on first sign-in (with OIDC_PROVISIONING=jit). */
  OIDC_ALLOWED_DOMAINS: z.string().default(''),
  /** `invitation`: only existing or invited people sign in; `jit`: also anyone of an allowed domain. */
  OIDC_PROVISIONING: z.enum(['invitation', 'jit']).default('invitation'),
  OIDC_LABEL: z.string().max(60).default('Single sign-on'),
});

/** Validated API environment. */
export type ApiEnv = z.infer<typeof apiEnvSchema>;

/** Parse the environment; throws one message naming every bad variable. */
export function readApiEnv(env: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = apiEnvSchema.safeParse(definedEnv(env));
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

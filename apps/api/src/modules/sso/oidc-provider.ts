import { AppError, AppErrorCode } from '@distillery/errors';
import * as oidc from 'openid-client';

import type { Context } from '../../context.ts';

/** Single sign-on settings (OIDC_* in the API's environment). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The dashboard's callback, registered at the provider: `<DISTILLERY_WEB_URL>/sso/callback`. */
  redirectUri: string;
  /** Email domains whose people get an account on first sign-in (with provisioning `jit`). */
  allowedDomains: readonly string[];
  /** `invitation`: only existing or invited people; `jit`: also anyone of an allowed domain. */
  provisioning: 'invitation' | 'jit';
  /** What the sign-in button says. */
  label: string;
}

/** The configured provider: its settings and its discovered metadata (fetched once, on first use). */
export interface OidcProvider {
  settings: OidcSettings;
  configuration(): Promise<oidc.Configuration>;
}

/**
 * The provider client (openid-client: discovery, PKCE, ID token validation). Plain http is allowed
 * only for a loopback issuer (a provider on the same machine, as in tests); anything else needs https.
 */
export function createOidcProvider(settings: OidcSettings): OidcProvider {
  let discovered: Promise<oidc.Configuration> | null = null;
  const issuer = new URL(settings.issuer);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  return {
    settings,
    configuration() {
      discovered ??= oidc
        .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
          ...(issuer.protocol === 'http:' && loopback ? { execute: [oidc.allowInsecureRequests] } : {}),
        })
        .catch((e: unknown) => {
          // Try again on the next sign-in: the provider may just have been down.
          discovered = null;
          console.error('api: OIDC discovery failed', e instanceof Error ? e.message : e);
          throw new AppError(AppErrorCode.INTERNAL, 'the single sign-on provider cannot be reached');
        });
      return discovered;
    },
  };
}

/** The provider, or a typed error when the deployment configured none. */
export function requireOidc(ctx: Context): OidcProvider {
  if (!ctx.deps.oidc)
    throw new AppError(AppErrorCode.BAD_USER_INPUT, 'single sign-on is not configured on this server', {
      details: { reason: 'SSO_DISABLED' },
    });
  return ctx.deps.oidc;
}

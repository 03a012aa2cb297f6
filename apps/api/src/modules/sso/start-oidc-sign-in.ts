import { AppError, AppErrorCode } from '@distillery/errors';
import * as oidc from 'openid-client';

import { hashSecret } from '../auth/tokens.ts';
import type { Context } from '../../context.ts';
import { requireOidc } from './oidc-provider.ts';

/** How long a browser has between leaving for the provider and coming back. */
const LOGIN_TTL_MS = 10 * 60_000;
/** Sign-ins in flight at once; anonymous callers must not be able to grow the table without bound. */
const MAX_PENDING = 10_000;

/**
 * Begin an authorization code flow with PKCE (S256): a fresh state, nonce and code verifier, kept
 * server-side under the state's hash for ten minutes. The dashboard binds the state to the browser
 * (an HttpOnly cookie) and sends the browser to `authorizationUrl`.
 */
export async function startOidcSignIn(ctx: Context) {
  const provider = requireOidc(ctx);
  const config = await provider.configuration();
  const { prisma } = ctx.deps;
  await prisma.oidcLogin.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  if ((await prisma.oidcLogin.count()) >= MAX_PENDING)
    throw new AppError(
      AppErrorCode.RATE_LIMITED,
      'too many single sign-ons in progress; try again in a minute',
    );
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const redirectUri = provider.settings.redirectUri;
  await prisma.oidcLogin.create({
    data: {
      stateHash: hashSecret(state),
      codeVerifier,
      nonce,
      redirectUri,
      expiresAt: new Date(Date.now() + LOGIN_TTL_MS),
    },
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { authorizationUrl: url.href, state };
}

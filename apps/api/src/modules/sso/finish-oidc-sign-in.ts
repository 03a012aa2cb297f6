import { AppError, AppErrorCode, isAppError } from '@distillery/errors';
import * as oidc from 'openid-client';
import { z } from 'zod';

import { generateSecret, hashSecret, TOKEN_PREFIX } from '../auth/tokens.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { recordSignInFailure } from '../auth/sign-in-audit.ts';
import { findOrCreateOidcUser, type OidcPerson } from './find-oidc-user.ts';
import { requireOidc } from './oidc-provider.ts';

const finishSchema = z.object({ state: z.string().min(1).max(200), callbackUrl: z.string().max(4000) });

interface PendingLogin {
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  expired: boolean;
}

const bad = (field: string, reason: string, message: string) =>
  new AppError(AppErrorCode.BAD_USER_INPUT, message, { field, details: { reason } });

/**
 * Complete the flow started by startOidcSignIn: spend the state (once), redeem the code with the PKCE
 * verifier at the provider, validate the ID token (issuer, audience, nonce, expiry: openid-client),
 * map the person to a user and open a dashboard session, audited as a sign-in.
 */
export async function finishOidcSignIn(ctx: Context, raw: unknown) {
  const provider = requireOidc(ctx);
  const input = parseInput(finishSchema, raw, 'input');
  // Deleted as it is read: a state works once, even when two callbacks race.
  const pending = (
    await ctx.deps.pool.query<PendingLogin>(
      `DELETE FROM "OidcLogin" WHERE "stateHash" = $1
       RETURNING "codeVerifier", nonce, "redirectUri", "expiresAt" <= (now() AT TIME ZONE 'UTC') AS expired`,
      [hashSecret(input.state)],
    )
  ).rows[0];
  if (!pending || pending.expired)
    throw bad('input.state', 'SSO_STATE', 'this sign-in attempt is unknown or took too long; start again');
  const callback = new URL(input.callbackUrl);
  if (`${callback.origin}${callback.pathname}` !== pending.redirectUri)
    throw bad('input.callbackUrl', 'SSO_CALLBACK', 'the callback URL is not the registered redirect URI');
  const config = await provider.configuration();
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: input.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError(
      AppErrorCode.UNAUTHENTICATED,
      `the identity provider did not confirm the sign-in: ${why}`,
      {
        details: { reason: 'SSO_REFUSED' },
      },
    );
  }
  const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!claims || !email || claims.email_verified === false)
    throw new AppError(AppErrorCode.FORBIDDEN, 'the identity provider sent no verified email address', {
      details: { reason: 'SSO_NO_EMAIL' },
    });
  const person: OidcPerson = {
    issuer: claims.iss,
    subject: claims.sub,
    email,
    name: (typeof claims.name === 'string' && claims.name.trim()) || email.split('@')[0] || email,
  };
  return openOidcSession(ctx, person);
}

async function openOidcSession(ctx: Context, person: OidcPerson) {
  const settings = requireOidc(ctx).settings;
  const token = generateSecret(TOKEN_PREFIX.session);
  const expiresAt = new Date(Date.now() + ctx.deps.env.API_SESSION_DAYS * 86_400_000);
  // The actor is known only once the person is mapped; audited reads it after the body.
  const actorCtx: Context = { ...ctx };
  const opened = audited(
    actorCtx,
    { operation: 'signIn', targetType: 'Session', args: { email: person.email, method: 'oidc' } },
    async (tx, scope) => {
      const user = await findOrCreateOidcUser(tx, settings, person);
      if (user.disabledAt)
        throw new AppError(AppErrorCode.FORBIDDEN, 'this account is disabled; ask a site admin', {
          details: { reason: 'ACCOUNT_DISABLED' },
        });
      actorCtx.actor = { ...ctx.actor, kind: 'USER', userId: user.id, isSiteAdmin: user.isSiteAdmin };
      const session = await tx.session.create({
        data: { userId: user.id, tokenHash: hashSecret(token), expiresAt },
      });
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
      scope.targetId = session.id;
      return { token, expiresAt, user };
    },
  );
  // Refused people are anonymous, so audited skips them; like failed password sign-ins they go to
  // the site chain.
  return opened.catch(async (e: unknown) => {
    if (isAppError(e) && e.code === AppErrorCode.FORBIDDEN)
      await recordSignInFailure(ctx, person.email, actorCtx.actor.userId, e.code);
    throw e;
  });
}

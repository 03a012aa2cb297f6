import { readFileSync } from 'node:fs';

import { AppError, AppErrorCode } from '@distillery/errors';

import type { ApiEnv } from './env.ts';
import type { MailerOptions } from './mail/mailer.ts';
import type { OidcSettings } from './modules/sso/oidc-provider.ts';
import type { AccountSettings } from './modules/user/one-time-link.ts';

/** A secret from its variable, else from the file its `_FILE` variable names (Docker/Kubernetes secrets). */
function secret(name: string, value: string | undefined, file: string | undefined): string | undefined {
  if (value) return value;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new AppError(
      AppErrorCode.CONFIG,
      `${name}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code})`,
    );
  }
}

/** Accounts, mail and single sign-on settings of the API, from its environment. */
export function accountOptions(env: ApiEnv): {
  accounts: AccountSettings;
  smtp: MailerOptions | undefined;
  oidc: OidcSettings | undefined;
} {
  const accounts = {
    webUrl: env.DISTILLERY_WEB_URL,
    invitationDays: env.DISTILLERY_INVITATION_DAYS,
    resetHours: env.DISTILLERY_RESET_HOURS,
  };
  const smtpUrl = secret('SMTP_URL', env.SMTP_URL, env.SMTP_URL_FILE);
  const clientSecret = secret('OIDC_CLIENT_SECRET', env.OIDC_CLIENT_SECRET, env.OIDC_CLIENT_SECRET_FILE);
  if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !clientSecret))
    throw new AppError(
      AppErrorCode.CONFIG,
      'OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET(_FILE) are needed too',
    );
  return {
    accounts,
    smtp: smtpUrl ? { url: smtpUrl, from: env.MAIL_FROM } : undefined,
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && clientSecret
        ? {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret,
            redirectUri:
              env.OIDC_REDIRECT_URI ?? `${env.DISTILLERY_WEB_URL.replace(/\/+$/, '')}/sso/callback`,
            allowedDomains: env.OIDC_ALLOWED_DOMAINS.split(',')
              .map((d) => d.trim().toLowerCase())
              .filter(Boolean),
            provisioning: env.OIDC_PROVISIONING,
            label: env.OIDC_LABEL,
          }
        : undefined,
  };
}

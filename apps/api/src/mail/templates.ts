import type { Mail } from './mailer.ts';

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** The invitation mail: who invited, to what, the one-time link and until when it works. */
export function invitationMail(i: {
  to: string;
  inviter: string;
  project: string | null;
  role: string | null;
  url: string;
  expiresAt: Date;
}): Mail {
  const what = i.project ? `the project "${i.project}" as ${i.role?.toLowerCase()}` : 'Distillery';
  return {
    to: i.to,
    subject: `${i.inviter} invited you to ${i.project ? i.project : 'Distillery'}`,
    text: [
      `${i.inviter} invited you to ${what}.`,
      '',
      'Open this link to choose your name and password:',
      i.url,
      '',
      `The link works once, until ${when(i.expiresAt)}. If you did not expect it, ignore this mail.`,
    ].join('\n'),
  };
}

/** The reset mail an admin triggers. */
export function passwordResetMail(r: { to: string; url: string; expiresAt: Date }): Mail {
  return {
    to: r.to,
    subject: 'Set a new Distillery password',
    text: [
      'A site admin issued a password reset for your Distillery account.',
      '',
      'Open this link to choose a new password:',
      r.url,
      '',
      `The link works once, until ${when(r.expiresAt)}. Your other sessions end when you use it.`,
    ].join('\n'),
  };
}

// A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives, parsed with
// `mailparser`, so tests read invitation links the way a person reads their mail.
import type { AddressInfo } from 'node:net';

import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import { waitFor } from '@distillery/testing';

/** A running mail server and its inbox. */
export interface MailServer {
  /** `smtp://user:secret@127.0.0.1:<port>` for the API's SMTP_URL. */
  url: string;
  inbox: ParsedMail[];
  /** Wait for the next message to `to` not returned before. */
  nextTo(to: string): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** Start an SMTP server that requires the login it prints in its URL (plain auth over loopback). */
export async function startMailServer(): Promise<MailServer> {
  const inbox: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'distillery' && auth.password === 'mail-secret') cb(null, { user: 'distillery' });
      else cb(new Error('invalid login'));
    },
    onData(stream, _session, cb) {
      simpleParser(stream).then(
        (m) => {
          inbox.push(m);
          cb();
        },
        (e: Error) => cb(e),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const returned = new Map<string, number>();
  return {
    url: `smtp://distillery:mail-secret@127.0.0.1:${port}`,
    inbox,
    async nextTo(to) {
      const mine = () => inbox.filter((m) => addresses(m).includes(to));
      const n = returned.get(to) ?? 0;
      await waitFor(() => mine().length > n, 10_000);
      returned.set(to, n + 1);
      return mine()[n]!;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function addresses(m: ParsedMail): string[] {
  const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

/** The first link in a mail's text. */
export function linkIn(m: ParsedMail): string {
  const url = /https?:\/\/\S+/.exec(m.text ?? '')?.[0];
  if (!url) throw new Error(`no link in mail "${m.subject}"`);
  return url;
}

import nodemailer from 'nodemailer';

/** One plain-text message. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail; configured only when the deployment names an SMTP server. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** SMTP settings (SMTP_URL, e.g. `smtps://user:pass@mail.lab.org:465`, and the sender). */
export interface MailerOptions {
  url: string;
  from: string;
}

/**
 * nodemailer over SMTP (pooled, so a burst of invitations reuses one connection). Timeouts are short:
 * the mutation waits for the server's answer, and a dead mail server must not hold a request long.
 */
export function createMailer(options: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transport.close();
    },
  };
}

/**
 * Send `mail` if a mailer is configured; true when the server accepted it. A failure is logged and
 * reported as false: the link was already shown to whoever asked, so nothing is lost.
 */
export async function trySend(mailer: Mailer | null, mail: Mail): Promise<boolean> {
  if (!mailer) return false;
  try {
    await mailer.send(mail);
    return true;
  } catch (e) {
    console.error(`api: could not send mail "${mail.subject}"`, e instanceof Error ? e.message : e);
    return false;
  }
}

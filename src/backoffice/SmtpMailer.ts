/**
 * Mailer over SMTP with nodemailer: host, port, TLS (implicit with `secure`, STARTTLS otherwise,
 * required by default) and auth from the relay config. One pooled transport per relay; each send
 * is one attempt (nodemailer does not retry by itself; MailRelay does, with backoff).
 */
import type { Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail } from './MailRelay.js';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  ca?: Buffer;
  user?: string;
  password?: string;
  timeoutMs: number;
}

export class SmtpMailer implements Mailer {
  private transport: Transporter | undefined;

  constructor(private readonly o: SmtpOptions) {}

  private async transporter(): Promise<Transporter> {
    if (!this.transport) {
      const { createTransport } = (await import('nodemailer')).default;
      this.transport = createTransport({
        host: this.o.host,
        port: this.o.port,
        secure: this.o.secure,
        requireTLS: this.o.requireTLS,
        ...(this.o.user ? { auth: { user: this.o.user, pass: this.o.password ?? '' } } : {}),
        tls: { rejectUnauthorized: true, ...(this.o.ca ? { ca: this.o.ca } : {}) },
        connectionTimeout: this.o.timeoutMs,
        greetingTimeout: this.o.timeoutMs,
        socketTimeout: this.o.timeoutMs,
      });
    }
    return this.transport;
  }

  async send(m: OutgoingMail): Promise<{ response?: string }> {
    const t = await this.transporter();
    const info = await t.sendMail({
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      messageId: m.messageId,
      attachments: m.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    });
    return { response: String(info.response ?? '') };
  }

  close(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}

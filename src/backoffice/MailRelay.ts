/**
 * Mails issued invoices to the customers who asked for e-mail (contract v1: invoice.issued carries
 * `emailTo` then; "the back office sends it"). One invoice.issued message in, at most one mail out:
 *
 *   validate the event (contract v1) → no emailTo: nothing to do → claim the invoice number in the
 *   MailLedger (already sent: nothing to do; another relay on it: wait) → render the PDF → SMTP,
 *   retrying transient failures with exponential backoff and jitter → record sent/failed → return.
 *
 * The caller acknowledges the MQTT message (PUBACK) only when `handle` returns, so an invoice whose
 * mail was not yet recorded is delivered again after a crash or stop. A permanent SMTP refusal (5xx:
 * unknown mailbox, rejected recipient) is recorded as failed and not retried: it needs a person.
 * No customer data in logs: invoice numbers only.
 */
import type { Invoice } from '../core/billing/types.js';
import { validateEvent } from '../core/contract/index.js';
import type { DistributorInfo } from '../core/documents/types.js';
import { formatDate, formatTl } from '../core/documents/format.js';
import { backoffDelay } from '../core/retry/backoff.js';
import { renderInvoicePdf, type PdfFonts, type PdfPage } from './invoicePdf.js';
import type { MailLedger } from './MailLedger.js';
import type { Log } from '../ports/Logger.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/** Sends one mail; rejects with the SMTP error (nodemailer's, with `responseCode` when the server answered). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ response?: string }>;
  close?(): void;
}

export interface MailRelayOptions {
  ledger: MailLedger;
  mailer: Mailer;
  /** Stable id of this relay (its MQTT client id): after a restart it takes back its own claims. */
  owner: string;
  from: string;
  distributor: DistributorInfo;
  page: PdfPage;
  fonts: PdfFonts;
  /** How long a claim holds while its relay is silent; each SMTP attempt renews it. */
  leaseMs: number;
  retry: { minMs: number; maxMs: number };
  /**
   * Operator names by id (relay config pdf.operatorsFile), printed on the PDF as "name (id)" the way
   * the handheld prints them; an operator not in it shows by id alone.
   */
  operatorNames?: ReadonlyMap<string, string>;
  /** Right-hand side of the Message-ID: <invoiceNo.invoice@domain>. */
  messageIdDomain: string;
  log: Log;
  clock?: () => number;
  random?: () => number;
}

export type RelayOutcome = 'sent' | 'already-sent' | 'already-failed' | 'no-email' | 'not-invoice' | 'invalid' | 'failed' | 'stopped';

export interface RelayStats {
  sent: number;
  duplicates: number;
  noEmail: number;
  invalid: number;
  failed: number;
  retries: number;
}

export function isPermanentSmtpError(e: unknown): boolean {
  const code = (e as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export class MailRelay {
  private stopped = false;
  private readonly wakers = new Set<() => void>();
  readonly stats: RelayStats = { sent: 0, duplicates: 0, noEmail: 0, invalid: 0, failed: 0, retries: 0 };

  constructor(private readonly o: MailRelayOptions) {}

  private now(): number {
    return (this.o.clock ?? Date.now)();
  }

  /** Handles one MQTT message; resolves when it may be acknowledged (or with 'stopped': do not acknowledge). */
  async handle(topic: string, payload: Buffer): Promise<RelayOutcome> {
    let event: unknown;
    try {
      event = JSON.parse(payload.toString('utf8'));
    } catch {
      this.stats.invalid++;
      this.o.log('warn', `mail relay: ignored a message on ${topic} that is not JSON`);
      return 'invalid';
    }
    if ((event as { type?: unknown } | null)?.type !== 'invoice.issued') return 'not-invoice';
    const v = validateEvent(event, topic);
    if (!v.ok) {
      this.stats.invalid++;
      this.o.log(
        'warn',
        `mail relay: ignored an invalid invoice.issued on ${topic}: ${v.errors
          .slice(0, 5)
          .map((e) => `${e.path} ${e.message}`)
          .join('; ')}`,
      );
      return 'invalid';
    }
    const { data: inv, eventId } = event as { data: Invoice; eventId: string };
    // A bilgi fişi is not an invoice: the office issues the e-Fatura, which reaches the buyer through
    // GİB's e-Fatura system, so nothing is mailed here (docs/invoice.md "Bilgi fişi").
    if (!inv.emailTo || inv.documentKind === 'bilgi-fisi') {
      this.stats.noEmail++;
      return 'no-email';
    }
    return this.mail(inv, eventId);
  }

  /**
   * `handle`, retried with backoff when something other than SMTP fails (ledger directory unwritable,
   * disk full): such a message must not be acknowledged unmailed. Resolves 'stopped' on stop().
   */
  async handleUntilDone(topic: string, payload: Buffer): Promise<RelayOutcome> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.handle(topic, payload);
      } catch (e) {
        if (this.stopped) return 'stopped';
        const delay = backoffDelay(attempt, this.o.retry.minMs, this.o.retry.maxMs, this.o.random ?? Math.random);
        this.o.log('error', `mail relay: ${(e as Error).message}; retrying in ${delay} ms`);
        await this.sleep(delay);
        if (this.stopped) return 'stopped';
      }
    }
  }

  private async mail(inv: Invoice, eventId: string): Promise<RelayOutcome> {
    const no = inv.invoiceNo;
    const { ledger, owner, leaseMs } = this.o;
    // Claim, or wait while another relay holds a live claim on it.
    for (;;) {
      if (this.stopped) return 'stopped';
      const c = ledger.claim(no, owner, leaseMs);
      if (c.kind === 'done') {
        this.stats.duplicates++;
        this.o.log('info', `mail relay: ${no} already ${c.record.state}; acknowledged without mailing`);
        return c.record.state === 'sent' ? 'already-sent' : 'already-failed';
      }
      if (c.kind === 'claimed') {
        if (c.takenOver) this.o.log('info', `mail relay: ${no}: took over an unfinished claim`);
        break;
      }
      await this.sleep(Math.max(50, Math.min(c.record.leaseUntil - this.now() + 10, leaseMs / 4)));
    }
    const mail = await this.compose(inv);
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) return 'stopped';
      ledger.renew(no, owner, leaseMs, attempt);
      try {
        await this.o.mailer.send(mail);
        ledger.finish({
          state: 'sent',
          invoiceNo: no,
          owner,
          at: this.now(),
          to: inv.emailTo!,
          messageId: mail.messageId,
          eventId,
          attempts: attempt,
        });
        this.stats.sent++;
        this.o.log('info', `mail relay: ${no} mailed (attempt ${attempt})`);
        return 'sent';
      } catch (e) {
        const msg = (e as Error).message;
        if (isPermanentSmtpError(e)) {
          ledger.finish({
            state: 'failed',
            invoiceNo: no,
            owner,
            at: this.now(),
            to: inv.emailTo!,
            error: msg.slice(0, 500),
            attempts: attempt,
          });
          this.stats.failed++;
          this.o.log('error', `mail relay: ${no} refused by the SMTP server, not retried: ${msg}`);
          return 'failed';
        }
        this.stats.retries++;
        const delay = backoffDelay(attempt - 1, this.o.retry.minMs, this.o.retry.maxMs, this.o.random ?? Math.random);
        this.o.log('warn', `mail relay: ${no} attempt ${attempt} failed (${msg}); retrying in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  async compose(inv: Invoice): Promise<OutgoingMail> {
    const pdf = await renderInvoicePdf(inv, this.o.distributor, {
      page: this.o.page,
      fonts: this.o.fonts,
      creationDate: new Date(Date.parse(inv.issuedAt)),
      operatorName: this.o.operatorNames?.get(inv.operatorId),
    });
    const text = [
      `Sayın ${inv.customer.name},`,
      '',
      `${inv.customer.installationNo} numaralı tesisatınızın doğal gaz faturası ekte PDF olarak gönderilmiştir.`,
      '',
      `Fatura No: ${inv.invoiceNo}`,
      `Dönem: ${formatDate(inv.period.from)} – ${formatDate(inv.period.to)}`,
      `Ödenecek tutar: ${formatTl(inv.payable)}`,
      `Son ödeme tarihi: ${formatDate(inv.dueDate)}`,
      '',
      "Gaz kokusu alırsanız elektrik düğmelerine dokunmayın, 187'yi arayın.",
      '',
      this.o.distributor.title,
    ].join('\n');
    return {
      from: this.o.from,
      to: inv.emailTo!,
      subject: `Doğal gaz faturanız ${inv.invoiceNo}`,
      text,
      messageId: `<${inv.invoiceNo}.invoice@${this.o.messageIdDomain}>`,
      attachments: [{ filename: `fatura-${inv.invoiceNo}.pdf`, content: pdf, contentType: 'application/pdf' }],
    };
  }

  /** Ends waits and retries at once; a message being handled is left unacknowledged. */
  stop(): void {
    this.stopped = true;
    for (const w of [...this.wakers]) w();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wakers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }
}

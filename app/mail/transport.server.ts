import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import type { Config, DkimConfig } from '../env.server.ts'
import type { Locale } from '../i18n/index.ts'
import type { MailKind } from './templates.server.ts'

/**
 * Where rendered mail goes: an SMTP relay when SMTP_URL is set, otherwise the local file mailbox
 * under DATA_DIR/mailbox (read at /dev/mailbox). Both build the same RFC 5322 message with
 * nodemailer, so what the mailbox shows is what a relay would receive (docs/decisions/0005-mail-pipeline.md).
 */
export type OutgoingMail = {
  /** Stable per outbox row: a resend after a crash carries the same Message-ID. */
  messageId: string
  from: string
  to: string
  subject: string
  html: string
  text: string
  locale: Locale
  kind: MailKind
  replyTo?: string
  /** Notification mail only (RFC 2369, RFC 8058). */
  list?: { id: string; unsubscribeUrl: string; unsubscribeMailto: string }
  /** With `cid`, an image the HTML part shows inline (multipart/related). */
  attachments?: Array<{ filename: string; content: string | Buffer; contentType?: string; cid?: string; contentDisposition?: 'inline' | 'attachment' }>
  /** A calendar invitation (app/calendar): sent as text/calendar with the same `method=` as its METHOD. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string }
}

/**
 * `beforeHandOver` runs when the message is about to go to the relay (an SMTP connection is free
 * for it), not while it waits for one: what it records is "this message may have arrived". If it
 * throws, nothing is sent and send rejects with its error.
 */
export type SendHooks = { beforeHandOver?: () => Promise<void> }

export type MailTransport = {
  kind: 'smtp' | 'mailbox'
  send(mail: OutgoingMail, hooks?: SendHooks): Promise<void>
  close(): Promise<void>
}

/** The nodemailer message: every header Samling promises, whatever the transport. */
export function toNodemailerMessage(mail: OutgoingMail): SendMailOptions {
  const headers: Record<string, string> = {
    // RFC 3834: vacation responders and ticket systems must not answer machine mail.
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
    'Content-Language': mail.locale,
  }
  if (mail.list) {
    headers['List-Id'] = mail.list.id
    headers['List-Unsubscribe'] = `<${mail.list.unsubscribeUrl}>, <${mail.list.unsubscribeMailto}>`
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click'
  }
  return {
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    date: new Date(),
    headers,
    attachments: mail.attachments,
    // nodemailer adds it as a text/calendar alternative with `method=` (which Outlook needs to equal
    // the body's METHOD) plus an invite.ics attachment; never add a second .ics by hand.
    icalEvent: mail.calendar ? { method: mail.calendar.method, content: mail.calendar.content, filename: 'invite.ics' } : undefined,
    // Our own content only: never let a payload make nodemailer read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  }
}

/** A delivery error that retrying will not fix (SMTP 5xx: unknown user, rejected content). */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: number })?.responseCode
  return typeof code === 'number' && code >= 500 && code < 600
}

export type SmtpTransportOptions = {
  maxConnections?: number
  maxMessages?: number
  /** Signs every message (DKIM_* in the configuration; docs/operations.md has the DNS side). */
  dkim?: DkimConfig
}

/**
 * Pooled SMTP. The URL decides TLS as nodemailer reads it: smtps:// is implicit TLS, smtp:// upgrades
 * with STARTTLS when the server offers it; query options such as ?ignoreTLS=true or
 * ?tls.rejectUnauthorized=false and ?pool=false are honoured (they override the defaults here).
 */
export function createSmtpTransport(url: string, options: SmtpTransportOptions = {}): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: options.maxMessages ?? 500,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    // Well under the worker's lease, so a stuck relay fails the attempt instead of double-sending.
    socketTimeout: 60_000,
    // nodemailer signs the finished message (all headers it writes, the body's hash) with the key.
    dkim: options.dkim,
  } as Parameters<typeof nodemailer.createTransport>[0])
  // At most one message per pooled connection is inside nodemailer at a time; the others wait here,
  // before their hand-over is recorded (a message queued inside the pool has not left).
  const slots = options.maxConnections ?? 5
  let busy = 0
  const waiting: Array<() => void> = []
  const acquire = () => (busy < slots ? (busy++, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve)))
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else busy--
  }
  return {
    kind: 'smtp',
    async send(mail, hooks) {
      await acquire()
      try {
        await hooks?.beforeHandOver?.()
        await transporter.sendMail(toNodemailerMessage(mail))
      } finally {
        release()
      }
    },
    async close() {
      transporter.close()
    },
  }
}

export type MailboxEntry = {
  id: string
  messageId: string
  from: string
  to: string
  subject: string
  /** ISO instant the message was stored. */
  date: string
  size: number
}

export function mailboxDir(dataDir: string): string {
  return path.join(dataDir, 'mailbox')
}

export const MAILBOX_INDEX = 'index.jsonl'

/**
 * The local mailbox: each message as a real RFC 5322 `<id>.eml` (nodemailer's stream transport),
 * plus one JSON line per message in index.jsonl. Appending a line is atomic enough for the app and
 * a separate worker process writing at once; the .eml is written (and renamed) before its line.
 */
export function createMailboxTransport(dir: string, options: { dkim?: DkimConfig } = {}): MailTransport {
  // Signed like the SMTP transport, so the dev mailbox's raw view shows the real DKIM-Signature.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', dkim: options.dkim })
  let ready: Promise<unknown> | undefined
  return {
    kind: 'mailbox',
    async send(mail, hooks) {
      ready ??= fs.mkdir(dir, { recursive: true })
      await ready
      await hooks?.beforeHandOver?.()
      const info = await composer.sendMail(toNodemailerMessage(mail))
      const raw = info.message as Buffer
      const id = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`
      const file = path.join(dir, `${id}.eml`)
      await fs.writeFile(`${file}.tmp`, raw)
      await fs.rename(`${file}.tmp`, file)
      const entry: MailboxEntry = {
        id,
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        date: new Date().toISOString(),
        size: raw.length,
      }
      await fs.appendFile(path.join(dir, MAILBOX_INDEX), JSON.stringify(entry) + '\n')
    },
    async close() {
      composer.close()
    },
  }
}

/** The transport the configuration asks for: SMTP when SMTP_URL is set, else the file mailbox. */
export function createTransportFromConfig(
  config: Pick<Config, 'smtpUrl' | 'dataDir'> & Partial<Pick<Config, 'dkim'>>,
  options: SmtpTransportOptions = {},
): MailTransport {
  const dkim = options.dkim ?? config.dkim
  return config.smtpUrl ? createSmtpTransport(config.smtpUrl, { ...options, dkim }) : createMailboxTransport(mailboxDir(config.dataDir), { dkim })
}

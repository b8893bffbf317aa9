import libmime from 'libmime'
import { timingSafeEqual } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { simpleParser, type AddressObject } from 'mailparser'
import { config } from '../env.server.ts'
import { getLocale, t } from '../i18n/index.ts'
import { MAILBOX_INDEX, mailboxDir, type MailboxEntry } from './transport.server.ts'

/**
 * Reading the local file mailbox (written by transport.server.ts) for /dev/mailbox. It exists only
 * while no SMTP_URL is configured, and only for someone holding the mailbox key printed at start-up.
 */
const COOKIE = 'samling_mailbox'
const ID_PATTERN = /^[0-9a-z]{6,12}-[0-9a-f]{8}$/

function notFoundResponse(request: Request): Response {
  return Response.json({ message: t(getLocale(request), 'error.notFound.title') }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
}

function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.get('Cookie') ?? ''
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key !== name) continue
    try {
      return decodeURIComponent(rest.join('='))
    } catch {
      return undefined // not something this app set (%zz): no access, not a 500
    }
  }
  return undefined
}

export type MailboxAccess = {
  dir: string
  /** Set when the visitor came with ?key=: remembers them for the rest of the visit. */
  setCookie?: string
}

/**
 * Lets the visitor in with the right `?key=` or the cookie it leaves; otherwise throws a 404
 * Response (as if the page did not exist). Also 404 whenever SMTP_URL is configured.
 */
export function requireMailboxAccess(request: Request): MailboxAccess {
  const { smtpUrl, mailboxKey, dataDir, appUrl } = config()
  if (smtpUrl) throw notFoundResponse(request)
  const dir = mailboxDir(dataDir)
  const key = new URL(request.url).searchParams.get('key')
  if (sameSecret(key, mailboxKey)) {
    const secure = appUrl.startsWith('https:') ? '; Secure' : ''
    return { dir, setCookie: `${COOKIE}=${encodeURIComponent(mailboxKey)}; Path=/dev/mailbox; HttpOnly; SameSite=Lax${secure}` }
  }
  if (sameSecret(cookieValue(request, COOKIE), mailboxKey)) return { dir }
  throw notFoundResponse(request)
}

/** Every stored message, newest first. Lines that cannot be read are skipped. */
export async function listMailbox(dir: string): Promise<MailboxEntry[]> {
  let text: string
  try {
    text = await fs.readFile(path.join(dir, MAILBOX_INDEX), 'utf8')
  } catch {
    return []
  }
  const entries: MailboxEntry[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      entries.push(JSON.parse(line) as MailboxEntry)
    } catch {
      // a half-written last line from a crash: ignore
    }
  }
  return entries.reverse()
}

export type MailboxMessage = {
  id: string
  messageId: string
  subject: string
  from: string
  to: string
  replyTo: string
  date: string | null
  /** Content-Language of the message (sv/en), for the lang attribute of its text. */
  language: string
  headers: Array<{ name: string; value: string }>
  html: string | null
  text: string | null
  /** Every http(s) link in the message, in order, once: the easy way to follow a sign-in link. */
  links: string[]
  attachments: Array<{ index: number; filename: string; contentType: string; size: number }>
}

async function readRaw(dir: string, id: string): Promise<Buffer | null> {
  if (!ID_PATTERN.test(id)) return null
  try {
    return await fs.readFile(path.join(dir, `${id}.eml`))
  } catch {
    return null
  }
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  [value ?? []]
    .flat()
    .map((a) => a.text)
    .join(', ')

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

function findLinks(html: string | null, text: string | null): string[] {
  const found: string[] = []
  for (const match of (html ?? '').matchAll(/href="(https?:[^"]+)"/g)) found.push(decodeEntities(match[1]))
  for (const match of (text ?? '').matchAll(/https?:\/\/[^\s<>"]+/g)) found.push(match[0])
  return [...new Set(found)]
}

/** One stored message, parsed with mailparser; null when there is no such message. */
export async function readMailboxMessage(dir: string, id: string): Promise<MailboxMessage | null> {
  const raw = await readRaw(dir, id)
  if (!raw) return null
  const parsed = await simpleParser(raw)
  const html = typeof parsed.html === 'string' ? parsed.html : null
  const text = parsed.text ?? null
  return {
    id,
    messageId: parsed.messageId ?? '',
    subject: parsed.subject ?? '',
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    replyTo: addresses(parsed.replyTo),
    date: parsed.date ? parsed.date.toISOString() : null,
    language: String(parsed.headers.get('content-language') ?? ''),
    // Header lines as sent, with RFC 2047 encoded words (=?UTF-8?Q?…?=) decoded so å, ä and ö read normally.
    headers: parsed.headerLines.map((line) => ({
      name: line.key,
      value: decodeWords(
        line.line
          .slice(line.line.indexOf(':') + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      ),
    })),
    html,
    text,
    links: findLinks(html, text),
    attachments: parsed.attachments.map((attachment, index) => ({
      index,
      filename: attachment.filename ?? `attachment-${index + 1}`,
      contentType: attachment.contentType,
      size: attachment.size,
    })),
  }
}

/** The whole message as stored (message/rfc822), or null. */
export async function readMailboxRaw(dir: string, id: string): Promise<Buffer | null> {
  return readRaw(dir, id)
}

export async function readMailboxAttachment(dir: string, id: string, index: number) {
  const raw = await readRaw(dir, id)
  if (!raw) return null
  const attachment = (await simpleParser(raw)).attachments[index]
  if (!attachment) return null
  return { filename: attachment.filename ?? `attachment-${index + 1}`, contentType: attachment.contentType, content: attachment.content }
}

function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value)
  } catch {
    return value
  }
}

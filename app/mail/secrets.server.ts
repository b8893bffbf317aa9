import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { secretFields } from '../../emails/schemas.ts'
import { config } from '../env.server.ts'

/**
 * Secrets in outbox payloads (fields a template marks with `secret()`, e.g. the sign-in link).
 * Rule: nothing in the database lets a reader act as someone. So enqueueMail stores such a field
 * sealed with AES-256-GCM under a key derived from SESSION_SECRET (HKDF-SHA256), the worker opens
 * it only to render, and once the mail is sent, or has finally failed, the field is overwritten
 * with REDACTED. The ciphertext is bound to its row and field (additional authenticated data), so
 * it cannot be copied into another row.
 */
export type SealedValue = { $sealed: string }
export const REDACTED = { $redacted: true } as const

const VERSION = 'v1'
let cachedKey: { secret: string; key: Buffer } | undefined

function key(): Buffer {
  const { sessionSecret } = config()
  if (cachedKey?.secret !== sessionSecret) {
    const derived = Buffer.from(hkdfSync('sha256', sessionSecret, 'samling', 'outbox payload secrets v1', 32))
    cachedKey = { secret: sessionSecret, key: derived }
  }
  return cachedKey.key
}

/** The payload's secret field names, as the template's schema marks them (top-level fields only). */
export function secretFieldNames(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape
  if (!shape) return []
  return Object.entries(shape)
    .filter(([, field]) => secretFields.has(field as never))
    .map(([name]) => name)
}

function aad(rowId: string, field: string) {
  return Buffer.from(`${rowId}:${field}`, 'utf8')
}

function seal(value: unknown, rowId: string, field: string): SealedValue {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  cipher.setAAD(aad(rowId, field))
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return { $sealed: [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.') }
}

function open(sealed: SealedValue, rowId: string, field: string): unknown {
  const [version, iv, body, tag] = sealed.$sealed.split('.')
  if (version !== VERSION || !iv || body === undefined || !tag) throw new MailSecretUnreadableError(field)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
    decipher.setAAD(aad(rowId, field))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    return JSON.parse(text)
  } catch {
    throw new MailSecretUnreadableError(field)
  }
}

const isSealed = (value: unknown): value is SealedValue => typeof value === 'object' && value !== null && typeof (value as SealedValue).$sealed === 'string'
const isRedacted = (value: unknown) => typeof value === 'object' && value !== null && (value as { $redacted?: unknown }).$redacted === true

/**
 * A sealed secret that this process cannot open: SESSION_SECRET differs from the one it was sealed
 * with (a worker started with another configuration). Retried, since a correctly configured worker
 * may take the row.
 */
export class MailSecretUnreadableError extends Error {
  constructor(readonly field: string) {
    super(`Cannot decrypt the secret field "${field}" of an outbox payload: is SESSION_SECRET the same as the app's?`)
    this.name = 'MailSecretUnreadableError'
  }
}

/** The payload's secrets were erased after sending or failing: it cannot be sent again. */
export class RedactedMailPayloadError extends Error {
  constructor(readonly field: string) {
    super(`The secret field "${field}" was erased after the first delivery or failure; this mail cannot be sent again`)
    this.name = 'RedactedMailPayloadError'
  }
}

/** Seals the secret fields of a checked payload before it is written to the row `rowId`. */
export function sealSecrets(payload: Record<string, unknown>, fields: string[], rowId: string): Record<string, unknown> {
  if (fields.length === 0) return payload
  const stored = { ...payload }
  for (const field of fields) if (stored[field] !== undefined) stored[field] = seal(stored[field], rowId, field)
  return stored
}

/** Opens the sealed fields of a stored payload for rendering. Throws for erased or unreadable ones. */
export function openSecrets(payload: unknown, fields: string[], rowId: string): unknown {
  if (fields.length === 0 || typeof payload !== 'object' || payload === null) return payload
  const opened: Record<string, unknown> = { ...(payload as Record<string, unknown>) }
  for (const field of fields) {
    const value = opened[field]
    if (isRedacted(value)) throw new RedactedMailPayloadError(field)
    if (isSealed(value)) opened[field] = open(value, rowId, field)
  }
  return opened
}

/** The stored payload with every secret field replaced by REDACTED (after sending or failing). */
export function redactSecrets(payload: unknown, fields: string[]): Record<string, unknown> | undefined {
  if (fields.length === 0 || typeof payload !== 'object' || payload === null) return undefined
  const redacted: Record<string, unknown> = { ...(payload as Record<string, unknown>) }
  for (const field of fields) if (field in redacted) redacted[field] = REDACTED
  return redacted
}

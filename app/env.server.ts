import crypto, { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/**
 * Replaces the password of every URL in a text (`postgresql://user:secret@host` →
 * `postgresql://user:***@host`), also in values too broken to parse as a URL. Configuration
 * errors, connection errors and logs go through it, so a DATABASE_URL or SMTP_URL never shows its
 * password.
 */
export function redactCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@'"]*):[^\s'"]*@/gi, '$1:***@')
}

/** A configuration problem: printed as one line naming the variable, then exit code 1. Never carries a password. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(redactCredentials(message))
    this.name = 'ConfigError'
  }
}

/** The one URL check: a URL whose scheme is one of `protocols` (e.g. `['postgres:', 'postgresql:']`). */
function urlWithScheme(protocols: string[], message: string) {
  return z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol)
      } catch {
        return false
      }
    }, message)
}

const postgresUrl = urlWithScheme(['postgres:', 'postgresql:'], 'must be a postgresql:// URL')
const httpUrl = urlWithScheme(['http:', 'https:'], 'must be an http:// or https:// URL')
const smtpUrl = urlWithScheme(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL')

/** Variables whose value is never shown, not even in a configuration error. */
const SECRET_VARIABLES = new Set(['SESSION_SECRET', 'METRICS_TOKEN', 'DKIM_PRIVATE_KEY'])

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535').default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  DEMO: z.enum(['on', 'off']).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  UPLOAD_DIR: z.string().trim().min(1).optional(),
  APP_URL: httpUrl.optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z.string().trim().min(3).default('Samling <no-reply@samling.localhost>'),
  MAIL_WORKER: z.enum(['on', 'off']).default('on'),
  SAMLING_QUIET_LOG: z.enum(['0', '1']).default('0'),
  REGISTRATIONS_PER_IP: z.coerce.number().int('must be a whole number').min(1).default(60),
  REGISTRATIONS_PER_EMAIL: z.coerce.number().int('must be a whole number').min(1).default(10),
  METRICS_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it travels in an Authorization header)')
    .optional(),
  DKIM_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as sormland.se')
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62})$/, 'must be a DNS label such as samling2026')
    .optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().trim().min(1).optional(),
})

export type Config = {
  nodeEnv: 'development' | 'production' | 'test'
  port: number
  host: string
  databaseUrl: string | undefined
  /** Load the demo into an empty database on boot: DEMO=on/off, else only on the embedded database. */
  loadDemoOnBoot: boolean
  databasePoolSize: number
  dataDir: string
  /** Uploaded files (app/uploads/store.server.ts): UPLOAD_DIR, default DATA_DIR/uploads. */
  uploadDir: string
  appUrl: string
  sessionSecret: string
  smtpUrl: string | undefined
  mailFrom: string
  mailboxKey: string
  runMailWorker: boolean
  /** SAMLING_QUIET_LOG=1 (tests, benchmarks): no line per request in the server's log. */
  quietRequestLog: boolean
  /** Registration attempts allowed per client IP / per e-mail address in 10 minutes (shared by every instance). */
  registrationLimits: { perIp: number; perEmail: number }
  /** METRICS_TOKEN: the bearer token /metrics asks for; unset = /metrics answers 404. */
  metricsToken: string | undefined
  /** DKIM_DOMAIN, DKIM_SELECTOR and the key (DKIM_PRIVATE_KEY or _FILE): every outgoing mail is signed. */
  dkim: DkimConfig | undefined
}

export type DkimConfig = { domainName: string; keySelector: string; privateKey: string }

/**
 * DKIM signing (docs/operations.md): all of domain, selector and key, or none. The key is a PEM
 * private key (RSA or Ed25519) given inline or as a file; it is parsed here, so a wrong one stops
 * start-up with a line naming the variable instead of failing every send.
 */
function dkimConfig(e: z.infer<typeof EnvSchema>): DkimConfig | undefined {
  if (e.DKIM_PRIVATE_KEY && e.DKIM_PRIVATE_KEY_FILE)
    throw new ConfigError('DKIM_PRIVATE_KEY_FILE: set either DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both')
  const keyVariable = e.DKIM_PRIVATE_KEY_FILE ? 'DKIM_PRIVATE_KEY_FILE' : 'DKIM_PRIVATE_KEY'
  const hasKey = Boolean(e.DKIM_PRIVATE_KEY || e.DKIM_PRIVATE_KEY_FILE)
  if (!e.DKIM_DOMAIN && !e.DKIM_SELECTOR && !hasKey) return undefined
  const missing = [!e.DKIM_DOMAIN && 'DKIM_DOMAIN', !e.DKIM_SELECTOR && 'DKIM_SELECTOR', !hasKey && 'DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE)'].filter(
    Boolean,
  )
  if (missing.length) throw new ConfigError(`${missing[0]}: required when any DKIM_* variable is set (DKIM needs the domain, the selector and the private key)`)
  let pem = e.DKIM_PRIVATE_KEY ?? ''
  if (e.DKIM_PRIVATE_KEY_FILE) {
    try {
      pem = fs.readFileSync(e.DKIM_PRIVATE_KEY_FILE, 'utf8')
    } catch (error) {
      throw new ConfigError(
        `DKIM_PRIVATE_KEY_FILE: cannot read ${JSON.stringify(e.DKIM_PRIVATE_KEY_FILE)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      )
    }
  }
  // A key pasted into an environment file often has its line breaks written as "\n".
  pem = pem.includes('\\n') && !pem.includes('\n') ? pem.replace(/\\n/g, '\n') : pem
  let key: crypto.KeyObject
  try {
    key = crypto.createPrivateKey(pem)
  } catch {
    throw new ConfigError(`${keyVariable}: not a PEM private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----")`)
  }
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(`${keyVariable}: must be an RSA or Ed25519 key (got ${key.asymmetricKeyType ?? 'unknown'})`)
  }
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 1024) {
    throw new ConfigError(`${keyVariable}: an RSA key for DKIM must have at least 1024 bits (2048 recommended)`)
  }
  return { domainName: e.DKIM_DOMAIN!, keySelector: e.DKIM_SELECTOR!, privateKey: pem.trim() }
}

type Secrets = { sessionSecret: string; mailboxKey: string }

/** Secrets generated on first start and kept in DATA_DIR, so sessions survive restarts. */
function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, 'secrets.json')
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Secrets>
    if (stored.sessionSecret && stored.mailboxKey) return stored as Secrets
  } catch {
    // first start, or an unreadable file: write new secrets below
  }
  const secrets = { sessionSecret: randomBytes(32).toString('hex'), mailboxKey: randomBytes(16).toString('hex') }
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  } catch (error) {
    throw new ConfigError(`DATA_DIR: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  return secrets
}

/** Reads and checks the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = String(issue.path[0])
    const value = cleaned[name] ?? ''
    const shown = SECRET_VARIABLES.has(name) ? `${value.length} characters` : JSON.stringify(value)
    throw new ConfigError(`${name}: ${issue.message} (got ${shown})`)
  }
  const e = parsed.data
  const dataDir = path.resolve(e.DATA_DIR)
  if (e.NODE_ENV === 'production' && e.DATABASE_URL && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET: required when NODE_ENV=production and DATABASE_URL is set (at least 32 characters)')
  }
  const secrets = loadOrCreateSecrets(dataDir)
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    loadDemoOnBoot: e.DEMO ? e.DEMO === 'on' : !e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir,
    uploadDir: e.UPLOAD_DIR ? path.resolve(e.UPLOAD_DIR) : path.join(dataDir, 'uploads'),
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT || 3000}`).replace(/\/+$/, ''),
    sessionSecret: e.SESSION_SECRET ?? secrets.sessionSecret,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailboxKey: secrets.mailboxKey,
    runMailWorker: e.MAIL_WORKER === 'on',
    quietRequestLog: e.SAMLING_QUIET_LOG === '1',
    registrationLimits: { perIp: e.REGISTRATIONS_PER_IP, perEmail: e.REGISTRATIONS_PER_EMAIL },
    metricsToken: e.METRICS_TOKEN,
    dkim: dkimConfig(e),
  }
}

let cached: Config | undefined

/** The process-wide configuration (loaded once). */
export function config(): Config {
  cached ??= loadConfig()
  return cached
}

/** For tests and the server: set the configuration explicitly. */
export function setConfig(value: Config) {
  cached = value
}

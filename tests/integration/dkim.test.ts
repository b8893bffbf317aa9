import { generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { dkimVerify } from 'mailauth/lib/dkim/verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../app/env.server.ts'
import { createTransportFromConfig, type OutgoingMail } from '../../app/mail/transport.server.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

// DKIM signing (ADR 0033): the configured key signs what the relay receives, and a real verifier
// (mailauth, as receiving servers check) finds the signature good with the public key it reads from
// "DNS" — here a resolver that answers the one TXT record an operator would publish.
const DOMAIN = 'sormland.se'
const SELECTOR = 'samling2026'
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')

const resolver = async (name: string, type: string): Promise<string[][]> => {
  if (type === 'TXT' && name === `${SELECTOR}._domainkey.${DOMAIN}`) return [[`v=DKIM1; k=rsa; p=${publicKey}`]]
  throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' })
}

const mail: OutgoingMail = {
  messageId: '<dkim-test@samling.mail>',
  from: `Samling <evenemang@${DOMAIN}>`,
  to: 'anna@example.org',
  subject: 'Du är anmäld till Innovationsdagen',
  html: '<p>Välkommen till Innovationsdagen i Eskilstuna!</p>',
  text: 'Välkommen till Innovationsdagen i Eskilstuna!',
  locale: 'sv',
  kind: 'transactional',
}

const env = (extra: Record<string, string>) => ({ NODE_ENV: 'test', DATA_DIR: dataDir, ...extra })
let dataDir: string
let sink: SmtpSink

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-dkim-'))
  sink = await startSmtpSink()
})

afterAll(async () => {
  await sink?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function sendSigned(extra: Record<string, string>): Promise<Buffer> {
  const config = loadConfig(env({ SMTP_URL: sink.url, ...extra }))
  const transport = createTransportFromConfig(config)
  sink.messages.length = 0
  try {
    await transport.send(mail)
  } finally {
    await transport.close()
  }
  expect(sink.messages).toHaveLength(1)
  return sink.messages[0].raw
}

describe('DKIM signing', () => {
  it('signs what the relay receives; a verifier with the published key says pass, aligned with the From domain', async () => {
    const raw = await sendSigned({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY: privatePem })
    expect(raw.toString('utf8')).toMatch(new RegExp(`^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${DOMAIN};`, 'm'))
    const result = await dkimVerify(raw, { resolver })
    expect(result.results.map((signature) => [signature.signingDomain, signature.selector, signature.status.result])).toEqual([[DOMAIN, SELECTOR, 'pass']])
    expect(result.results[0].status.aligned).toBe(DOMAIN)
  })

  it('a message changed on the way fails: another body, another subject', async () => {
    const raw = (await sendSigned({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY: privatePem })).toString('utf8')
    const body = Buffer.from(raw.replace('Eskilstuna', 'Katrineholm'))
    expect(body.toString('utf8')).not.toBe(raw)
    const subject = Buffer.from(raw.replace(/^Subject: .*$/m, 'Subject: Betala 500 kr till konto 123'))
    // mailauth words a changed body as RFC 6376 §3.7 does: the body hash does not verify (neutral,
    // which DMARC counts as no valid signature); a changed signed header breaks the signature itself.
    const [changedBody, changedSubject] = await Promise.all([body, subject].map((tampered) => dkimVerify(tampered, { resolver })))
    expect(changedBody.results.map((signature) => [signature.status.result, signature.status.comment])).toEqual([['neutral', 'body hash did not verify']])
    expect(changedSubject.results.map((signature) => [signature.status.result, signature.status.comment])).toEqual([['fail', 'bad signature']])
  })

  it('reads the key from DKIM_PRIVATE_KEY_FILE, and from a one-line value with \\n for line breaks', async () => {
    const file = path.join(dataDir, 'dkim.pem')
    fs.writeFileSync(file, privatePem, { mode: 0o600 })
    const variants: Array<Record<string, string>> = [{ DKIM_PRIVATE_KEY_FILE: file }, { DKIM_PRIVATE_KEY: privatePem.trim().replace(/\n/g, '\\n') }]
    for (const key of variants) {
      const raw = await sendSigned({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, ...key })
      expect((await dkimVerify(raw, { resolver })).results.map((signature) => signature.status.result)).toEqual(['pass'])
    }
  })

  it('the dev mailbox stores the message signed too', async () => {
    const config = loadConfig(env({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY: privatePem }))
    const transport = createTransportFromConfig(config)
    await transport.send(mail)
    await transport.close()
    const stored = fs.readdirSync(path.join(dataDir, 'mailbox')).find((name) => name.endsWith('.eml'))!
    const result = await dkimVerify(fs.readFileSync(path.join(dataDir, 'mailbox', stored)), { resolver })
    expect(result.results.map((signature) => signature.status.result)).toEqual(['pass'])
  })

  it('stops start-up with one clear line for an incomplete or wrong DKIM configuration, never showing the key', () => {
    const problem = (extra: Record<string, string>) => {
      try {
        loadConfig(env(extra))
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError)
        return (error as Error).message
      }
      throw new Error('no ConfigError')
    }
    expect(problem({ DKIM_DOMAIN: DOMAIN, DKIM_PRIVATE_KEY: privatePem })).toBe(
      'DKIM_SELECTOR: required when any DKIM_* variable is set (DKIM needs the domain, the selector and the private key)',
    )
    expect(problem({ DKIM_SELECTOR: SELECTOR })).toMatch(/^DKIM_DOMAIN: required when any DKIM_\* variable is set/)
    expect(problem({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR })).toMatch(/^DKIM_PRIVATE_KEY \(or DKIM_PRIVATE_KEY_FILE\): required/)
    expect(problem({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY: 'not a key' })).toBe(
      'DKIM_PRIVATE_KEY: not a PEM private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----")',
    )
    expect(problem({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_FILE: '/nonexistent/dkim.pem' })).toBe(
      'DKIM_PRIVATE_KEY_FILE: cannot read "/nonexistent/dkim.pem" (ENOENT)',
    )
    expect(problem({ DKIM_DOMAIN: 'not a domain', DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY: privatePem })).toBe(
      'DKIM_DOMAIN: must be a domain name such as sormland.se (got "not a domain")',
    )
    const weak = generateKeyPairSync('rsa', { modulusLength: 512 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(problem({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY: weak })).toBe(
      'DKIM_PRIVATE_KEY: an RSA key for DKIM must have at least 1024 bits (2048 recommended)',
    )
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(problem({ DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY: ec })).toBe('DKIM_PRIVATE_KEY: must be an RSA or Ed25519 key (got ec)')
    expect(problem({ METRICS_TOKEN: 'short' })).toBe('METRICS_TOKEN: must be at least 32 characters (got 5 characters)')
    expect(loadConfig(env({})).dkim).toBeUndefined()
  })
})

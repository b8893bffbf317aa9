import { rememberOrganizationSlug } from '../../app/mail/privacy-link.server.ts'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import { listTemplates } from '../../app/mail/templates.server.ts'
import { toNodemailerMessage } from '../../app/mail/transport.server.ts'
import { composeMail } from '../../app/mail/worker.server.ts'
import { freePort } from '../support/server.ts'

// Every mail template, in Swedish and in English, composed exactly as the worker sends it (the
// same headers, parts, inline images and calendar parts, built into MIME by nodemailer) and scored
// by Debian's SpamAssassin (spamd on loopback, local rules only, no network tests), as a mail
// filter at a municipality would. Each must score well under the usual 5.0; the report names the
// rules that fired.
const LIMIT = 2.5
let spamd: ChildProcess | undefined
let port = 0
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-spam-'))

function spamc(message: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('spamc', ['-d', '127.0.0.1', '-p', String(port), '-R', '-x'], { stdio: ['pipe', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', () => resolve(out))
    child.stdin.end(message)
  })
}

beforeAll(async () => {
  setConfig({ ...loadConfig({ DATA_DIR: dataDir, APP_URL: 'https://samling.se' }), mailFrom: 'Samling <no-reply@samling.se>' })
  port = await freePort()
  spamd = spawn('spamd', ['-L', '--listen', `127.0.0.1:${port}`, '--max-children', '2', '-u', 'nobody', '--nouser-config', '--syslog', 'stderr'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  spamd.stderr?.resume()
  // spamd takes a few seconds to compile its rules; wait until it answers.
  const probe = Buffer.from('From: a@samling.se\r\nTo: b@samling.se\r\nSubject: probe\r\n\r\nhej\r\n')
  for (let attempt = 0; attempt < 120; attempt++) {
    if (/^-?\d+(\.\d+)?\/\d/.test(await spamc(probe))) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error('spamd did not start')
}, 90_000)

afterAll(() => {
  spamd?.kill('SIGTERM')
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('every mail as a spam filter reads it', { timeout: 300_000 }, () => {
  it(`scores under ${LIMIT} in SpamAssassin, for every template in Swedish and English`, async () => {
    const build = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' })
    const scores: string[] = []
    const over: string[] = []
    for (const template of listTemplates()) {
      for (const locale of ['sv', 'en'] as const) {
        const id = randomUUID()
        // The footer links the organization's privacy notice (ADR 0032); no database here, so its slug is told.
        const organizationId = randomUUID()
        rememberOrganizationSlug(organizationId, 'region-sormland')
        const mail = await composeMail({
          id,
          template: template.name,
          recipient: 'anna.lindqvist@kommun.se',
          locale,
          payload: template.sample(locale),
          messageId: `<${id}@samling.mail>`,
          attempts: 1,
          organizationId,
          eventId: null,
          createdAt: new Date(),
        })
        const info = await build.sendMail(toNodemailerMessage(mail))
        const report = await spamc(info.message as Buffer)
        const score = Number(/^(-?\d+(?:\.\d+)?)\//.exec(report)?.[1] ?? NaN)
        scores.push(`${template.name}/${locale} ${score}`)
        if (!(score < LIMIT)) over.push(`${template.name}/${locale} ${score}\n${report}`)
      }
    }
    console.info(`SpamAssassin: ${scores.length} mails, highest ${scores.sort((a, b) => Number(b.split(' ')[1]) - Number(a.split(' ')[1]))[0]}`)
    expect(scores.length).toBeGreaterThan(20)
    expect(over).toEqual([])
  })
})

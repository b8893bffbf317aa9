import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { assertSameOrigin } from '../../app/accounts/session.server.ts'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import { DomainError } from '../../app/errors.server.ts'
import { log, redactEmails } from '../../app/log.server.ts'
import { isSameOrigin } from '../../app/same-origin.ts'

describe('the log', () => {
  it('writes one JSON line per call and never an e-mail address', () => {
    const lines: string[] = []
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0)
    try {
      log({ level: 'error', msg: 'mail failed for anna.berg@kommun.se', error: { to: ['Anna <anna@example.org>'] }, attempts: 2 })
    } finally {
      write.mockRestore()
    }
    expect(lines.length).toBe(1)
    const line = lines[0]
    expect(line.endsWith('\n')).toBe(true)
    const { time, ...fields } = JSON.parse(line)
    expect(typeof time).toBe('string')
    expect(fields).toEqual({ level: 'error', msg: 'mail failed for [email]', error: { to: ['Anna <[email]>'] }, attempts: 2 })
    expect(redactEmails('no address here: /events/a@')).toBe('no address here: /events/a@')
  })
})

describe('same origin', () => {
  const urls = { appUrl: 'https://samling.example', requestUrl: 'http://127.0.0.1:3000/login' }
  it('accepts APP_URL and the address the request was made to, scheme and port included', () => {
    expect(isSameOrigin('https://samling.example', urls)).toBe(true)
    expect(isSameOrigin('http://127.0.0.1:3000', urls)).toBe(true)
  })
  it('refuses the same host under the other scheme, another port, another site, and a missing or opaque origin', () => {
    expect(isSameOrigin('https://127.0.0.1:3000', urls)).toBe(false)
    expect(isSameOrigin('http://samling.example', urls)).toBe(false)
    expect(isSameOrigin('http://127.0.0.1:3001', urls)).toBe(false)
    expect(isSameOrigin('https://evil.example', urls)).toBe(false)
    expect(isSameOrigin('null', urls)).toBe(false)
    expect(isSameOrigin(null, urls)).toBe(false)
  })
})

describe("assertSameOrigin (the actions' own check)", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-origin-'))
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  setConfig(loadConfig({ DATA_DIR: dataDir, APP_URL: 'http://localhost:3000' }))
  const post = (origin: string) => new Request('http://localhost:3000/logout', { method: 'POST', headers: { Origin: origin, Host: 'localhost:3000' } })

  it('lets a post from our own pages through and stops one from https on the same host and port with 403', () => {
    expect(() => assertSameOrigin(post('http://localhost:3000'))).not.toThrow()
    let thrown: unknown
    try {
      assertSameOrigin(post('https://localhost:3000'))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(DomainError)
    expect((thrown as DomainError).status).toBe(403)
  })
})

import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { chooseUniqueSlug, isSlug, slugify } from '../../app/slug.ts'
import { ConfigError, loadConfig } from '../../app/env.server.ts'
import { log } from '../../app/log.server.ts'

describe('slugs', () => {
  it('keep the base letter of å, ä and ö', () => {
    expect(slugify('Sörmland Social Innovation Day')).toBe('sormland-social-innovation-day')
    expect(slugify('Innovationer och samverkan för barnets rätt')).toBe('innovationer-och-samverkan-for-barnets-ratt')
    expect(slugify('  Co-Days – Social Innovation Värmland! ')).toBe('co-days-social-innovation-varmland')
  })

  it('never produce an empty or invalid slug', () => {
    for (const text of ['', '!!!', '—', 'a'.repeat(200), 'Ærø & Øst']) {
      expect(isSlug(slugify(text))).toBe(true)
    }
    expect(isSlug('Bad Slug')).toBe(false)
    expect(isSlug('-x')).toBe(false)
  })
})

describe('configuration', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-config-'))
  const base = { DATA_DIR: dataDir }
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('has working defaults and generates secrets into DATA_DIR once', () => {
    const first = loadConfig(base)
    expect(first.port).toBe(3000)
    expect(first.host).toBe('127.0.0.1')
    expect(first.appUrl).toBe('http://localhost:3000')
    expect(first.databaseUrl).toBeUndefined()
    expect(first.sessionSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(loadConfig(base).sessionSecret).toBe(first.sessionSecret)
  })

  it.each([
    [{ PORT: '70000' }, /^PORT: /],
    [{ PORT: 'abc' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must be a postgresql:\/\/ URL/],
    [{ APP_URL: 'not a url' }, /^APP_URL: /],
    [{ SMTP_URL: 'http://mail' }, /^SMTP_URL: /],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/x' }, /^SESSION_SECRET: required/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError)
    expect(() => loadConfig({ ...base, ...env })).toThrow(message)
  })

  it.each([
    [{ DATABASE_URL: 'mysql://admin:hunter2@db.example/x' }, 'DATABASE_URL: must be a postgresql:// URL (got "mysql://admin:***@db.example/x")'],
    [
      { DATABASE_URL: 'postgresql://admin:hunter2@db.example:99999/x' },
      'DATABASE_URL: must be a postgresql:// URL (got "postgresql://admin:***@db.example:99999/x")',
    ],
    [
      { DATABASE_URL: 'postgresql://admin:hunter@2@db.example:port/x' },
      'DATABASE_URL: must be a postgresql:// URL (got "postgresql://admin:***@db.example:port/x")',
    ],
    [{ SMTP_URL: 'http://mailer:hunter2@mail.example' }, 'SMTP_URL: must be an smtp:// or smtps:// URL (got "http://mailer:***@mail.example")'],
    [{ SESSION_SECRET: 'hunter2-is-short' }, 'SESSION_SECRET: must be at least 32 characters (got 16 characters)'],
  ])('names the variable of %j but never shows its password', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(new ConfigError(message))
    try {
      loadConfig({ ...base, ...env })
    } catch (error) {
      expect((error as Error).message).toBe(message)
      expect((error as Error).message).not.toContain('hunter2')
    }
  })
})

describe('log lines', () => {
  it('never show the password of a URL, e.g. of a failing DATABASE_URL', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      log({ level: 'error', msg: 'cannot connect', url: 'postgresql://samling:hunter2@db/samling' })
      expect(JSON.parse(String(write.mock.calls[0][0]))).toMatchObject({ level: 'error', msg: 'cannot connect', url: 'postgresql://samling:***@db/samling' })
    } finally {
      write.mockRestore()
    }
  })
})

describe('choosing a free slug', () => {
  const taken = new Set(['re-act', 're-act-2'])
  const isTaken = async (slug: string) => taken.has(slug)

  it('numbers a slug made from the title until it is free', async () => {
    expect(await chooseUniqueSlug({ title: 'Re-Act', maxLength: 80, isTaken })).toEqual({ ok: true, slug: 're-act-3' })
    expect(await chooseUniqueSlug({ title: 'Barnets rätt', maxLength: 80, isTaken })).toEqual({ ok: true, slug: 'barnets-ratt' })
  })

  it('never renames a slug the organizer typed: a taken one is refused with a free suggestion', async () => {
    expect(await chooseUniqueSlug({ requested: 're-act', title: 'x', maxLength: 80, isTaken })).toEqual({ ok: false, suggestion: 're-act-3' })
    expect(await chooseUniqueSlug({ requested: 'egen', title: 'x', maxLength: 80, isTaken })).toEqual({ ok: true, slug: 'egen' })
  })

  it('always finds a free slug for an empty slug field, even when another organization took the title and every number', async () => {
    const crowded = new Set(['stadsmote', ...Array.from({ length: 200 }, (_, i) => `stadsmote-${i + 2}`)])
    const inCrowd = async (slug: string) => crowded.has(slug)
    expect(await chooseUniqueSlug({ title: 'Stadsmöte', maxLength: 80, organizationSlug: 'region-varmland', isTaken: inCrowd })).toEqual({
      ok: true,
      slug: 'stadsmote-region-varmland',
    })
    crowded.add('stadsmote-region-varmland')
    for (let n = 2; n <= 9; n++) crowded.add(`stadsmote-region-varmland-${n}`)
    const random = await chooseUniqueSlug({ title: 'Stadsmöte', maxLength: 80, organizationSlug: 'region-varmland', isTaken: inCrowd })
    expect(random.ok && random.slug).toMatch(/^stadsmote-[a-z0-9]{6}$/)
  })

  it('keeps a long title within the slug limit when it adds a suffix', async () => {
    const title = 'Innovationer och samverkan för barnets rätt '.repeat(4)
    const base = (await chooseUniqueSlug({ title, maxLength: 80, isTaken: async () => false })) as { slug: string }
    const choice = await chooseUniqueSlug({ title, maxLength: 80, organizationSlug: 'mind', isTaken: async (slug) => slug === base.slug || /-\d$/.test(slug) })
    expect(choice.ok && choice.slug.endsWith('-mind')).toBe(true)
    expect(choice.ok && isSlug(choice.slug)).toBe(true)
  })
})

import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../app/db/client.server.ts'

/** Runs `npm run create-owner -- …` as an operator would: a separate process, its own DATA_DIR. */
function createOwner(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/create-owner.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'development', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const dataDirs: string[] = []
afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true })
})

function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-owner-'))
  dataDirs.push(dir)
  return dir
}

describe('npm run create-owner', () => {
  it('refuses bad arguments with a clear message and exit code 1, before touching any database', () => {
    const dataDir = freshDataDir()
    const missing = createOwner(['--organization', 'Region Test'], { DATA_DIR: dataDir })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('create-owner: --email is required')
    const bad = createOwner(['--email', 'inte-en-adress', '--organization', 'Region Test'], { DATA_DIR: dataDir })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('create-owner: --email: Invalid email address (got "inte-en-adress")')
    const config = createOwner(['--email', 'a@b.se', '--organization', 'Region Test'], { DATA_DIR: dataDir, PORT: 'abc' })
    expect(config.code).toBe(1)
    expect(config.stderr).toMatch(/^create-owner: PORT: /)
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false)
  }, 120_000) // three tsx start-ups, slow on a busy runner

  it('creates the organization, the person and the owner membership, and says how to sign in; repeating changes nothing', async () => {
    const dataDir = freshDataDir()
    const args = ['--email', ' Anna@Kommun.SE ', '--organization', 'Sörmlands sociala innovation', '--name', 'Anna Andersson']
    const first = createOwner(args, { DATA_DIR: dataDir })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('Created organization "Sörmlands sociala innovation" (/sormlands-sociala-innovation).')
    expect(first.stdout).toContain('Made anna@kommun.se an owner.')
    expect(first.stdout).toContain('To sign in: open http://localhost:3000/login?redirectTo=/organizer/sormlands-sociala-innovation and enter anna@kommun.se.')

    const second = createOwner(args, { DATA_DIR: dataDir })
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('anna@kommun.se is already an owner of "Sörmlands sociala innovation".')

    const database = await openDatabase({ dataDir, migrate: false })
    try {
      const memberships = await database.prisma.membership.findMany({ include: { person: true, organization: true } })
      expect(memberships.map((m) => [m.organization.slug, m.person.email, m.person.name, m.role])).toEqual([
        ['sormlands-sociala-innovation', 'anna@kommun.se', 'Anna Andersson', 'owner'],
      ])
      expect(await database.prisma.auditEntry.count({ where: { action: 'member.invited' } })).toBe(1)
    } finally {
      await database.close()
    }
  }, 180_000)
})

describe('npm run create-owner while the app runs on the embedded database', () => {
  /** As createOwner above, but without blocking this process (the "running app" lives in it). */
  const run = async (script: string, args: string[], env: Record<string, string>) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
        env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'development', ...env },
        timeout: 90_000,
      })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
    }
  }

  it('refuses with "stop it first" in Swedish and English and exit 1, stores nothing, and works once the app has stopped', async () => {
    const dataDir = freshDataDir()
    const args = ['--email', 'ida@region.se', '--organization', 'Region Norrbotten']
    const app = await openDatabase({ dataDir }) // what `npm start` holds open while it runs
    let closed = false
    try {
      const refused = await run('scripts/create-owner.ts', args, { DATA_DIR: dataDir })
      expect(refused.code).toBe(1)
      expect(refused.stdout).toBe('')
      expect(refused.stderr.trim().split('\n')).toEqual([
        `create-owner: Samling körs redan på den här datakatalogen (${dataDir}) – stoppa den först. Ingenting har sparats.`,
        `create-owner: Samling is running on this data directory (${dataDir}) – stop it first. Nothing was stored.`,
      ])
      expect(await app.prisma.organization.count()).toBe(0)
      expect(await app.prisma.person.count({ where: { email: 'ida@region.se' } })).toBe(0)

      const worker = await run('scripts/worker.ts', ['--embedded'], { DATA_DIR: dataDir })
      expect(worker.code).toBe(1)
      expect(worker.stderr).toContain(`The mail worker cannot start: Samling is running on this data directory (${dataDir}) – stop it first.`)

      await app.close()
      closed = true
      const stored = await run('scripts/create-owner.ts', args, { DATA_DIR: dataDir })
      expect(stored.code, stored.stderr).toBe(0)
      expect(stored.stdout).toContain('Made ida@region.se an owner.')
      const restarted = await openDatabase({ dataDir, migrate: false })
      try {
        const owners = await restarted.prisma.membership.findMany({ where: { role: 'owner' }, include: { person: true, organization: true } })
        expect(owners.map((m) => [m.organization.name, m.person.email])).toEqual([['Region Norrbotten', 'ida@region.se']])
      } finally {
        await restarted.close()
      }
    } finally {
      if (!closed) await app.close()
    }
  }, 300_000)
})

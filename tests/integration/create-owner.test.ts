import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
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
  })

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

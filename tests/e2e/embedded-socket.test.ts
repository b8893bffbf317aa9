import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../app/db/client.server.ts'
import { listeners } from '../support/listeners.ts'
import { startServer, type RunningServer } from '../support/server.ts'

describe('the embedded database is reachable only by its owner', () => {
  let server: RunningServer | undefined
  afterAll(async () => {
    await server?.stop()
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true })
  })

  it('after start the server listens on its HTTP port and nothing else; the database (and its backup socket) are 0600 Unix sockets in a 0700 folder of DATA_DIR', async () => {
    server = await startServer()
    const { tcpPorts, unixPaths } = listeners(server.pid)
    expect(tcpPorts).toEqual([Number(new URL(server.url).port)])
    const socketPath = path.join(server.dataDir, 'socket', '.s.PGSQL.5432')
    // backup.sock: where `npm run backup` asks the running app for a snapshot (ADR 0034).
    const backupPath = path.join(server.dataDir, 'socket', 'backup.sock')
    expect([...unixPaths].sort()).toEqual([socketPath, backupPath].sort())
    expect(fs.statSync(socketPath).mode & 0o777).toBe(0o600)
    expect(fs.statSync(backupPath).mode & 0o777).toBe(0o600)
    expect(fs.statSync(path.dirname(socketPath)).mode & 0o777).toBe(0o700)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }, 90_000)

  it('a second process on the same DATA_DIR is refused with a clear message instead of opening the database twice', async () => {
    await expect(openDatabase({ dataDir: server!.dataDir })).rejects.toThrow(`DATA_DIR: ${server!.dataDir} is in use by another running Samling process`)
    expect((await fetch(`${server!.url}/healthz`)).status).toBe(200)
  })

  it('the socket is gone after SIGTERM, and the next start on the same DATA_DIR works', async () => {
    const { dataDir } = server!
    expect((await server!.stop()).code).toBe(0)
    expect(fs.existsSync(path.join(dataDir, 'socket', '.s.PGSQL.5432'))).toBe(false)
    expect(fs.existsSync(path.join(dataDir, 'socket', 'backup.sock'))).toBe(false)
    server = await startServer({ DATA_DIR: dataDir })
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }, 90_000)

  it('an in-memory database (tests) opens no TCP port; its socket folder is private and removed on close', async () => {
    const before = listeners(process.pid)
    const database = await openDatabase({ dataDir: 'memory://' })
    const during = listeners(process.pid)
    expect(during.tcpPorts).toEqual(before.tcpPorts)
    const added = during.unixPaths.filter((socketPath) => !before.unixPaths.includes(socketPath))
    expect(added).toHaveLength(1)
    expect(path.basename(added[0])).toBe('.s.PGSQL.5432')
    expect(fs.statSync(path.dirname(added[0])).mode & 0o777).toBe(0o700)
    expect(await database.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }])
    await database.close()
    expect(fs.existsSync(path.dirname(added[0]))).toBe(false)
  }, 90_000)
})

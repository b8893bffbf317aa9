import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import net from 'node:net'
import path from 'node:path'
import { afterAll } from 'vitest'

export type RunningServer = {
  url: string
  pid: number
  dataDir: string
  output: () => string
  /**
   * Sends SIGTERM; resolves with the exit code and how long the exit took. A DATA_DIR this helper
   * made is removed afterwards unless `keepDataDir` (to start again on the same data).
   */
  stop: (opts?: { keepDataDir?: boolean }) => Promise<{ code: number | null; ms: number }>
}

/**
 * Starts the real production server (server.ts + the Remix build; `npm test` builds first) on a
 * random port with a fresh DATA_DIR, and waits for its "ready" line.
 */
/** A free TCP port on 127.0.0.1 (so APP_URL's default, http://localhost:PORT, is right in mail links). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

const pending = new Set<() => Promise<void>>()
afterAll(async () => {
  for (const cleanUp of [...pending]) await cleanUp()
  pending.clear()
})

export async function startServer(env: Record<string, string | undefined> = {}): Promise<RunningServer> {
  const ownsDataDir = !env.DATA_DIR
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'samling-server-'))
  const child: ChildProcess = spawn(process.execPath, ['build/server.js'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      SAMLING_QUIET_LOG: '1',
      // The browser journeys read the demo, also when DATABASE_URL points at a PostgreSQL.
      DEMO: 'on',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exitedEarly = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // A server that never got ready (or whose test timed out while it started) is stopped and its
  // DATA_DIR removed when the test file ends, so nothing keeps running or stays on disk.
  const cleanUp = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exitedEarly
    }
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }
  pending.add(cleanUp)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000)
    const check = () => {
      const match = /Samling is ready on (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1].replace('localhost', '127.0.0.1'))
      }
    }
    child.stdout!.on('data', check)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`))
    })
  }).catch(async (error: unknown) => {
    pending.delete(cleanUp)
    await cleanUp()
    throw error
  })
  let exited: Promise<number | null> | undefined
  return {
    url,
    pid: child.pid!,
    dataDir,
    output: () => output,
    async stop(opts = {}) {
      const started = Date.now()
      exited ??= new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode)
        child.once('exit', (code) => resolve(code))
      })
      child.kill('SIGTERM')
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000)
      const code = await exited
      clearTimeout(timeout)
      const ms = Date.now() - started
      pending.delete(cleanUp)
      if (ownsDataDir && !opts.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true })
      return { code, ms }
    },
  }
}

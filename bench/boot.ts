/**
 * npm run bench:boot — the production server's first boot on an empty DATA_DIR (initdb, every
 * migration, the demo data; the database starts as a copy of build/pglite-template/) and a second boot on the same directory, each with `npm start`'s V8
 * flags. Prints the time to "ready" and the peak RSS of each (VmHWM, the kernel's high-water mark,
 * so no peak between samples is missed). Issue 7 §9: a small container must survive the first boot
 * (target < 300 MiB). Run `npm run build` first.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { below, figure } from './figures.ts'

// The same V8 flags as `npm start` (package.json), unless BENCH_NODE_ARGS says otherwise.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '--max-old-space-size=192 --max-semi-space-size=1 --liftoff-only').split(' ').filter(Boolean)

type Boot = { readyMs: number; peakMiB: number; idleMiB: number }

function mib(status: string, field: 'VmHWM' | 'VmRSS'): number {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024
}

async function boot(dataDir: string): Promise<Boot> {
  const started = Date.now()
  const child = spawn(process.execPath, [...nodeArgs, 'build/server.js'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', SAMLING_QUIET_LOG: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk
      if (output.includes('Samling is ready on')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)))
  })
  const readyMs = Date.now() - started
  // A few seconds of idling after "ready" (the mail worker's first round, timers) count too.
  await new Promise((resolve) => setTimeout(resolve, 3000))
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
  const result = { readyMs, peakMiB: mib(status, 'VmHWM'), idleMiB: mib(status, 'VmRSS') }
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
  return result
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-bench-boot-'))
try {
  const first = await boot(dataDir)
  const second = await boot(dataDir)
  console.log(`\nSamling boot benchmark — embedded PGlite, node ${nodeArgs.join(' ')}`)
  console.table([
    {
      boot: 'first (empty DATA_DIR: new database, migrations, demo)',
      'ready s': (first.readyMs / 1000).toFixed(1),
      'peak RSS MiB': Math.round(first.peakMiB),
      'RSS after 3 s MiB': Math.round(first.idleMiB),
    },
    {
      boot: 'second (same DATA_DIR)',
      'ready s': (second.readyMs / 1000).toFixed(1),
      'peak RSS MiB': Math.round(second.peakMiB),
      'RSS after 3 s MiB': Math.round(second.idleMiB),
    },
  ])
  console.log(`first-boot peak RSS: ${Math.round(first.peakMiB)} MiB (target < 300)`)
  // Issue 7 §9: a small container must survive the first boot.
  figure('boot / first boot peak RSS', first.peakMiB, 'MiB', below(300))
  figure('boot / first boot to ready', first.readyMs / 1000, 's')
  figure('boot / second boot peak RSS', second.peakMiB, 'MiB', below(300))
  figure('boot / second boot to ready', second.readyMs / 1000, 's')
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true })
}

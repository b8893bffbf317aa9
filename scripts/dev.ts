/**
 * `npm run dev`: rebuilds on every change (remix watch) and restarts the server when the build
 * changes. The server is stopped with SIGTERM, so the embedded database closes cleanly before the
 * next start opens it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'

const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development' }
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env })
if (build.status !== 0) process.exit(build.status ?? 1)

let server = undefined as ChildProcess | undefined
let restarting = false

function startServer() {
  server = spawn(process.execPath, ['build/server.js'], { stdio: 'inherit', env })
}

async function restart() {
  if (restarting) return
  restarting = true
  const old = server
  if (old && old.exitCode === null) {
    await new Promise<void>((resolve) => {
      old.once('exit', () => resolve())
      old.kill('SIGTERM')
    })
  }
  startServer()
  restarting = false
}

startServer()
// Own process group, so stopping dev stops esbuild's watcher too.
const watcher = spawn('node_modules/.bin/remix', ['watch'], { stdio: 'inherit', env, detached: true })
let timer: NodeJS.Timeout | undefined
fs.watch('build', () => {
  clearTimeout(timer)
  timer = setTimeout(() => void restart(), 300)
})

const stopAll = () => {
  try {
    process.kill(-watcher.pid!, 'SIGTERM')
  } catch {
    watcher.kill('SIGTERM')
  }
  server?.kill('SIGTERM')
  server?.once('exit', () => process.exit(0))
  if (!server || server.exitCode !== null) process.exit(0)
}
process.on('SIGINT', stopAll)
process.on('SIGTERM', stopAll)

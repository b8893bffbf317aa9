// npm run build: the Remix build, then server.ts compiled to build/server.js and the embedded
// database's worker thread to build/embedded-worker.js (loaded by the bundle from its own folder),
// and build/pglite-template/ (scripts/pglite-template.mjs).
// Remix 2's esbuild (0.17) service has been seen to die with "all goroutines are asleep – deadlock"
// on this 2-core machine when another build runs at the same time; a second attempt succeeds, so
// each step is tried twice before the build fails.
import { spawnSync } from 'node:child_process'

const steps = [
  ['node_modules/.bin/remix', ['build']],
  [
    'node_modules/.bin/esbuild',
    ['server.ts', '--bundle', '--platform=node', '--format=esm', '--target=node20', '--packages=external', '--outfile=build/server.js', '--log-level=warning'],
  ],
  [
    'node_modules/.bin/esbuild',
    [
      'app/db/embedded-worker.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--packages=external',
      '--outfile=build/embedded-worker.js',
      '--log-level=warning',
    ],
  ],
  // An initialized empty data directory for the embedded database's first boot (kept while the
  // PGlite version stays the same).
  ['node', ['scripts/pglite-template.mjs', 'build/pglite-template']],
]
for (const [command, args] of steps) {
  let status = 1
  for (let attempt = 1; attempt <= 2 && status !== 0; attempt++) {
    if (attempt > 1) console.error(`${command} ${args[0]} failed; trying once more`)
    status = spawnSync(command, args, { stdio: 'inherit' }).status ?? 1
  }
  if (status !== 0) process.exit(status)
}

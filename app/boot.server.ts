import { connectDatabase, disconnectDatabase, type DatabaseMode } from './db/client.server.ts'
import { setConfig, type Config } from './env.server.ts'
import { loadDemoIfEmpty } from './demo/load-demo.server.ts'
import { startBackgroundWork } from './background.server.ts'

export type BootResult = { mode: DatabaseMode; appliedMigrations: string[]; demoLoaded: boolean }

const stoppers: Array<() => Promise<void>> = []

/** Registers something to stop on shutdown (the mail worker, timers), in reverse order of start. */
export function onShutdown(stop: () => Promise<void>) {
  stoppers.push(stop)
}

/**
 * Start-up of one app process: configuration, database (migrated under an advisory lock on
 * PostgreSQL), demo data into an empty database (only where it belongs: on the embedded database,
 * or where DEMO=on; `opts.loadDemo` overrides that), and background work.
 */
export async function boot(config: Config, opts: { loadDemo?: boolean } = {}): Promise<BootResult> {
  setConfig(config)
  const database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  })
  const demoLoaded = (opts.loadDemo ?? config.loadDemoOnBoot) ? await loadDemoIfEmpty() : false
  if (demoLoaded) await database.prisma.$executeRawUnsafe('ANALYZE')
  for (const stop of startBackgroundWork(config)) onShutdown(stop)
  return { mode: database.mode, appliedMigrations: database.appliedMigrations, demoLoaded }
}

/** Stops background work, then closes the database. Safe to call twice. */
export async function shutdown(): Promise<void> {
  while (stoppers.length) {
    const stop = stoppers.pop()!
    await stop().catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'shutdown step failed', error: String(error) })))
  }
  await disconnectDatabase()
}

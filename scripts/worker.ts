/**
 * The mail worker on its own (docs/decisions/0005-mail-pipeline.md):
 *
 *   npm run worker              needs DATABASE_URL; run the app with MAIL_WORKER=off, or not — SKIP LOCKED
 *                               lets any number of workers share the queue without sending a mail twice
 *   npm run worker -- --embedded  use the embedded database in DATA_DIR (only while the app is NOT running:
 *                               an embedded database belongs to one process; it refuses with exit 1 otherwise)
 *
 * SIGTERM/SIGINT: the round in progress finishes (sends already started complete and are recorded),
 * then the database closes and the process exits 0.
 */
import { connectDatabase, disconnectDatabase } from '../app/db/client.server.ts'
import { DataDirInUseError } from '../app/db/embedded.server.ts'
import { ConfigError, loadConfig, setConfig } from '../app/env.server.ts'
import { exitOnSignal, log } from '../app/log.server.ts'
import { startMailWorker } from '../app/mail/worker.server.ts'
import { startRetention } from '../app/privacy/retention.server.ts'
import { startScheduledMail } from '../app/registrations/scheduled-mail.server.ts'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`The mail worker cannot start: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
  if (!config.databaseUrl && !process.argv.includes('--embedded')) {
    console.error(
      'The mail worker cannot start: DATABASE_URL is not set. With the embedded database the app runs the mail worker itself; ' +
        'use `npm run worker -- --embedded` only while the app is stopped.',
    )
    process.exit(1)
  }
  setConfig(config)
  try {
    await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: Math.min(config.databasePoolSize, 4) })
  } catch (error) {
    const lines = error instanceof DataDirInUseError ? error.advice : [error instanceof Error ? error.message : String(error)]
    for (const line of lines) console.error(`The mail worker cannot start: ${line}`)
    process.exit(1)
  }
  const worker = startMailWorker({ intervalMs: 1000, batchSize: 50, concurrency: config.databaseUrl ? 2 : 1 })
  // Reminders and digests: queued once per mail however many workers and app instances run this.
  const scheduled = startScheduledMail()
  // The retention job (ADR 0031): once shortly after start, then hourly; one instance at a time.
  const retention = startRetention()
  log({ level: 'info', msg: 'mail worker ready', transport: config.smtpUrl ? 'smtp' : 'mailbox', db: config.databaseUrl ? 'postgres' : 'embedded' })

  exitOnSignal({
    name: 'mail worker',
    forceAfterMs: 30_000,
    stop: async () => {
      await scheduled.stop()
      await retention.stop()
      await worker.stop()
      await disconnectDatabase()
    },
  })
}

await main()

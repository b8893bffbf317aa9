/**
 * Loads the demo conferences, webinars and series into an EMPTY database.
 *
 *   npm run seed:demo        (DATABASE_URL for PostgreSQL, otherwise the embedded database in DATA_DIR)
 *
 * A database that already holds organizations or events is never touched: the command says so
 * in one line and exits with code 1.
 */
import { connectDatabase, disconnectDatabase } from '../app/db/client.server.ts'
import { DataDirInUseError } from '../app/db/embedded.server.ts'
import { ConfigError, loadConfig } from '../app/env.server.ts'
import { loadDemo } from '../app/demo/load-demo.server.ts'

async function main(): Promise<number> {
  const config = loadConfig()
  await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const result = await loadDemo({ force: process.argv.includes('--force') })
    if (!result.loaded) {
      console.error(
        `The database already holds data (${result.existingOrganizations} organizations, ${result.existingEvents} events); the demo is only loaded into an empty database, so nothing was changed.`,
      )
      return 1
    }
    const c = result.counts
    console.log(
      `Demo loaded: ${c.organizations} organizations, ${c.events} events, ${c.series} series, ${c.programmeItems} programme items, ${c.speakers} speakers, ${c.people} accounts.`,
    )
    return 0
  } finally {
    await disconnectDatabase()
  }
}

try {
  process.exit(await main())
} catch (error) {
  if (error instanceof DataDirInUseError) {
    for (const line of error.advice) console.error(line)
    process.exit(1)
  }
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}

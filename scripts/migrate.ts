/**
 * Offline replacement for `prisma migrate dev|deploy` (Prisma's CLI cannot download its schema
 * engine on our network; docs/decisions/0002-migrations.md).
 *
 *   npm run db:migrate                      apply pending migrations (DATABASE_URL, or the embedded DB in DATA_DIR)
 *   npm run db:migrate:create -- <name>     write prisma/migrations/<timestamp>_<name>/migration.sql from schema changes
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { applyMigrations, migrationsDirectory } from '../app/migrations.server.ts'
import { openDatabase } from '../app/db/client.server.ts'
import { loadConfig, ConfigError } from '../app/env.server.ts'

async function deploy() {
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const applied = database.appliedMigrations
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
  await database.close()
}

/**
 * The engine's schema description reads catalog columns of PostgreSQL's internal `"char"` type
 * (OID 18), which @prisma/adapter-pg 7.10 rejects as unsupported. Those values already arrive as
 * strings, so we report them as text.
 */
function withCharAsText(factory: PrismaPg): PrismaPg {
  type Result = { columnTypes: number[] }
  type Io = {
    performIO: (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }>
    queryRaw: (query: unknown) => Promise<Result>
  }
  const CHARACTER = 6 // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
  const patch = <T>(adapter: T): T => {
    const io = adapter as unknown as Io
    const performIO = io.performIO.bind(adapter)
    const queryRaw = io.queryRaw.bind(adapter)
    let charColumns: number[] = []
    io.performIO = async (query) => {
      const result = await performIO(query)
      charColumns = []
      result.fields.forEach((field, index) => {
        if (field.dataTypeID === 18) {
          field.dataTypeID = 25
          charColumns.push(index)
        }
      })
      return result
    }
    io.queryRaw = async (query) => {
      const result = await queryRaw(query)
      for (const index of charColumns) result.columnTypes[index] = CHARACTER
      return result
    }
    return adapter
  }
  const wrapped = Object.create(factory) as PrismaPg
  wrapped.connect = async () => patch(await factory.connect())
  return wrapped
}

async function create(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('Usage: npm run db:migrate:create -- <name_in_snake_case>')
    process.exit(1)
  }
  // Replay the existing migrations into a throwaway embedded PostgreSQL …
  const pg = await PGlite.create('memory://')
  const existing = await applyMigrations(
    { exec: async (sql) => void (await pg.exec(sql)), query: async (sql, params) => (await pg.query(sql, params)).rows as never },
    { useAdvisoryLock: false },
  )
  // Served on a Unix socket in a private temporary folder, never on TCP (PGlite has no authentication).
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-migrate-'))
  const server = new PGLiteSocketServer({ db: pg, path: path.join(socketDir, '.s.PGSQL.5432'), maxConnections: 1 })
  await server.start()
  try {
    // … and let Prisma's own (WASM) schema engine diff it against schema.prisma.
    const require = createRequire(import.meta.url)
    const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(pkgDir, 'schema_engine_bg.wasm')), {
      './schema_engine_bg.js': bg as never,
    })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports as { __wbindgen_start: () => void }).__wbindgen_start()
    const schemaPath = path.resolve('prisma/schema.prisma')
    const schema = fs.readFileSync(schemaPath, 'utf8')
    const adapter = withCharAsText(new PrismaPg({ host: socketDir, user: 'postgres', database: 'postgres', max: 1 }))
    const engine = await bg.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter))
    const result = await engine.diff({
      // With no history yet, diff from nothing (describing an empty PGlite schema trips the engine).
      from: existing.length === 0 ? { tag: 'empty' } : { tag: 'schemaDatasource', files: [{ path: schemaPath, content: schema }], configDir: process.cwd() },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    })
    const sql = (result.stdout ?? '').trim()
    if (!sql || sql === '-- This is an empty migration.') {
      console.log('No schema changes: no migration written.')
      return
    }
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)
    const dir = path.join(migrationsDirectory(), `${stamp}_${name}`)
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql + '\n')
    const lock = path.join(migrationsDirectory(), 'migration_lock.toml')
    if (!fs.existsSync(lock)) {
      fs.writeFileSync(
        lock,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      )
    }
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, add CHECK constraints by hand if needed.`)
  } finally {
    await server.stop()
    await pg.close()
    fs.rmSync(socketDir, { recursive: true, force: true })
  }
}

const [command, name] = process.argv.slice(2)
try {
  if (command === 'deploy') await deploy()
  else if (command === 'create') await create(name)
  else {
    console.error('Usage: tsx scripts/migrate.ts deploy | create <name>')
    process.exit(1)
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
process.exit(0)

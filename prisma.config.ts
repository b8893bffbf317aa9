import { defineConfig } from 'prisma/config'

// Only Prisma's CLI reads this (generate/validate). Migrations run through scripts/migrate.ts,
// because the CLI's schema engine cannot be downloaded on our network (docs/decisions/0002-migrations.md).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
})

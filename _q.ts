import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './app/generated/prisma/client.ts'
const pg = await PGlite.create('/tmp/perf/q-data/pglite')
await pg.exec('ANALYZE')
const server = new PGLiteSocketServer({ db: pg, host: '127.0.0.1', port: 0, maxConnections: 1 })
await server.start()
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://postgres@${server.getServerConn()}/postgres`, max: 1 }), log: [{ emit: 'event', level: 'query' }] })
const queries: { query: string; params: string; duration: number }[] = []
prisma.$on('query', (e) => queries.push(e))
const { eventFilterWhere, eventCardSelect } = await import('./app/events/listing.server.ts')
const where = eventFilterWhere({}) as any
where.endsAt = { gte: new Date() }
for (let i = 0; i < 3; i++) await prisma.event.findMany({ where, select: eventCardSelect, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], skip: 0, take: 13 })
let t = performance.now()
for (let i = 0; i < 50; i++) await prisma.event.findMany({ where, select: eventCardSelect, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], skip: 0, take: 13 })
console.log('prisma listing ms', (performance.now() - t) / 50)
for (const q of queries.slice(0, 4)) console.log(q.duration, q.query.slice(0, 1500), q.params)
await prisma.$disconnect(); await server.stop()
// explain
const sql = queries[0].query
const params = JSON.parse(queries[0].params)
const r = await pg.query('EXPLAIN ANALYZE ' + sql, params)
console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'))
for (const q of queries.slice(1, 3)) { const r2 = await pg.query('EXPLAIN ANALYZE ' + q.query, JSON.parse(q.params)); console.log(r2.rows.map((x: any) => x['QUERY PLAN']).join('\n')) }
await pg.close()

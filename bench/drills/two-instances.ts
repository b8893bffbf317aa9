/**
 * npm run drill:two-instances — two production servers (MAIL_WORKER=off, build first) and two
 * `npm run worker` processes on one PostgreSQL database, mail to a real SMTP sink:
 *   - 200 registrations at once over both instances for an event with 20 seats;
 *   - 10 of the confirmed cancel (through both instances) while 20 more register: each freed seat
 *     goes to the next in the queue, once;
 *   - an event tomorrow whose 24 h reminders are due: both workers' scheduled mail looks for them;
 *   - the retention job (ADR 0031), which every app and worker runs 30 s after start, due for an
 *     event that ended 14 months ago (the organization keeps 12).
 * Checks: no mail twice (by Message-ID and by person × template), each promotion once, reminders
 * once per person, the retention run once (one audit entry, every registration anonymized once). Needs PostgreSQL (TEST_PG_URL / DATABASE_URL / 127.0.0.1:5432); skipped without.
 * DRILL_PEOPLE (200), DRILL_SEATS (20), DRILL_CANCELS (10).
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import { manageToken } from '../../app/registrations/tokens.server.ts'
import { exactly } from '../figures.ts'
import { createSeatedEvent, postRegistration } from '../../tests/support/registrations.ts'
import { startSmtpSink } from '../../tests/support/smtp-sink.ts'
import {
  postgresReachable,
  Report,
  requireBuild,
  SESSION_SECRET,
  sleep,
  startApp,
  startWorker,
  throwawayPostgres,
  waitUntil,
  withDatabase,
  type Child,
} from './support.ts'

const PEOPLE = Number(process.env.DRILL_PEOPLE ?? 200)
const SEATS = Number(process.env.DRILL_SEATS ?? 20)
const CANCELS = Number(process.env.DRILL_CANCELS ?? 10)
const LATE = 20
const REMINDED = 10
const EXPIRED = 5
const HOUR = 3_600_000

function cancel(url: string, token: string): Promise<number> {
  const body = new URLSearchParams({ intent: 'cancel' }).toString()
  return new Promise((resolve) => {
    const request = http.request(
      `${url}/registrations/${token}`,
      {
        method: 'POST',
        agent: false,
        headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      },
    )
    request.on('error', () => resolve(0))
    request.end(body)
  })
}

if (!(await postgresReachable())) {
  console.log('drill two-instances: PostgreSQL is not reachable; skipped')
  process.exit(0)
}
requireBuild()
const report = new Report('two-instances')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-drill-two-'))
const postgres = await throwawayPostgres()
const store = { dataDir, databaseUrl: postgres.url }
const sink = await startSmtpSink()
const children: Child[] = []
setConfig({ ...loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, SESSION_SECRET }), databaseUrl: postgres.url })
try {
  const { eventId, reminderEventId, expiredEventId, expiredOrganizationId } = await withDatabase(store, async (db) => {
    const event = await createSeatedEvent(db, { slug: 'sista-platserna', seats: SEATS })
    const tomorrow = await createSeatedEvent(db, { slug: 'imorgon', seats: 100 })
    await db.event.update({ where: { id: tomorrow.id }, data: { startsAt: new Date(Date.now() + 23 * HOUR), endsAt: new Date(Date.now() + 29 * HOUR) } })
    const twoDaysAgo = new Date(Date.now() - 48 * HOUR)
    for (let n = 0; n < REMINDED; n++) {
      const email = `paminnelse-${n}@example.org`
      await db.registration.create({
        data: {
          eventId: tomorrow.id,
          name: `Påmind ${n}`,
          email,
          emailNormalized: email,
          attendanceMode: 'on_site',
          status: 'confirmed',
          sector: 'public_sector',
          county: 'sodermanland',
          locale: 'sv',
          privacyVersion: 1,
          privacyAcceptedAt: twoDaysAgo,
          createdAt: twoDaysAgo,
          queuedAt: twoDaysAgo,
          manageTokenHash: `seeded-${n}`,
        },
      })
    }
    // An event that ended 14 months ago: past its organization's 12 months, so the retention job is due.
    const old = await createSeatedEvent(db, { slug: 'forra-aret', seats: 100 })
    const ended = new Date(Date.now() - 14 * 30 * 86_400_000)
    await db.event.update({ where: { id: old.id }, data: { startsAt: new Date(ended.getTime() - 6 * HOUR), endsAt: ended } })
    for (let n = 0; n < EXPIRED; n++) {
      const email = `gammal-${n}@example.org`
      await db.registration.create({
        data: {
          eventId: old.id,
          name: `Gammal ${n}`,
          email,
          emailNormalized: email,
          attendanceMode: 'on_site',
          status: 'confirmed',
          manageTokenHash: `old-${n}`,
        },
      })
    }
    return { eventId: event.id, reminderEventId: tomorrow.id, expiredEventId: old.id, expiredOrganizationId: old.organizationId }
  })
  const env = { DATA_DIR: dataDir, DATABASE_URL: postgres.url, SMTP_URL: sink.url, DATABASE_POOL_SIZE: '5' }
  const [a, b] = await Promise.all([startApp({ ...env, MAIL_WORKER: 'off' }), startApp({ ...env, MAIL_WORKER: 'off' })])
  children.push(a, b)
  children.push(...(await Promise.all([startWorker(env), startWorker(env)])))

  const burstStarted = Date.now()
  const answers = await Promise.all(
    Array.from({ length: PEOPLE }, (_, n) => postRegistration((n % 2 ? a : b).url, 'sista-platserna', `plats-${n}@example.org`)),
  )
  const burstSeconds = (Date.now() - burstStarted) / 1000

  // Cancellations through both instances while latecomers register through both.
  const leaving = await withDatabase(store, (db) =>
    db.registration.findMany({ where: { eventId, status: 'confirmed' }, orderBy: { queuedAt: 'asc' }, take: CANCELS }),
  )
  const queueHead = await withDatabase(store, (db) =>
    db.registration.findMany({ where: { eventId, status: 'waitlisted' }, orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }], take: CANCELS, select: { id: true } }),
  )
  const [cancelStatuses, lateAnswers] = await Promise.all([
    Promise.all(leaving.map((registration, n) => cancel((n % 2 ? a : b).url, manageToken(registration)))),
    Promise.all(Array.from({ length: LATE }, (_, n) => postRegistration((n % 2 ? a : b).url, 'sista-platserna', `sen-${n}@example.org`))),
  ])

  // Every outbox row of both events at the sink (or 120 s).
  const outboxRows = () =>
    withDatabase(store, (db) =>
      db.outboxMessage.findMany({
        where: { eventId: { in: [eventId, reminderEventId] } },
        select: { messageId: true, template: true, recipient: true, status: true },
      }),
    )
  let rows = await outboxRows()
  const delivered = await waitUntil(
    async () => {
      rows = await outboxRows()
      const arrived = new Set(sink.messages.map((m) => m.messageId))
      return rows.some((row) => row.template === 'registration-reminder') && rows.every((row) => arrived.has(row.messageId))
    },
    120_000,
    500,
  )
  // The retention job runs in all four processes 30 s after their start: wait until the event is anonymized (or 90 s).
  const anonymized = await waitUntil(
    async () =>
      (await withDatabase(store, (db) => db.event.findUniqueOrThrow({ where: { id: expiredEventId }, select: { anonymizedAt: true } }))).anonymizedAt !== null,
    90_000,
    1000,
  )
  await sleep(5000) // the other processes' turns of the job, and a late second delivery, if any
  rows = await outboxRows()

  const figures = await withDatabase(store, async (db) => {
    const byStatus = await db.registration.groupBy({ by: ['status'], where: { eventId }, _count: { _all: true } })
    const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0
    const promoted = await db.registration.findMany({ where: { eventId, promotedAt: { not: null } }, select: { id: true } })
    const retentionRuns = await db.auditEntry.count({ where: { organizationId: expiredOrganizationId, action: 'retention.anonymized' } })
    const anonymizedPeople = await db.registration.count({ where: { eventId: expiredEventId, anonymizedAt: { not: null } } })
    const leftNamed = await db.registration.count({ where: { eventId: expiredEventId, email: { startsWith: 'gammal-' } } })
    return {
      confirmed: count('confirmed'),
      waitlisted: count('waitlisted'),
      cancelled: count('cancelled'),
      promoted,
      retentionRuns,
      anonymizedPeople,
      leftNamed,
    }
  })
  const deliveries = sink.deliveriesByMessageId()
  const twiceById = [...deliveries.values()].filter((n) => n > 1).length
  const perPerson = new Map<string, number>()
  for (const row of rows) perPerson.set(`${row.recipient} ${row.template}`, (perPerson.get(`${row.recipient} ${row.template}`) ?? 0) + 1)
  const twiceByPerson = [...perPerson.values()].filter((n) => n > 1).length
  const reminders = rows.filter((row) => row.template === 'registration-reminder')
  const promotedIds = new Set(figures.promoted.map((p) => p.id))
  const wrongPromotions =
    queueHead.filter((head) => !promotedIds.has(head.id)).length + figures.promoted.filter((p) => !queueHead.some((h) => h.id === p.id)).length

  report.note('registrations at once over both instances', PEOPLE)
  report.add('answered 303', answers.filter((x) => x.status === 303).length, 'answers', exactly(PEOPLE))
  report.note('burst took', burstSeconds.toFixed(1), 's')
  report.add('confirmed after the burst, cancels and promotions', figures.confirmed, 'seats', exactly(SEATS))
  report.note('waitlisted', figures.waitlisted)
  report.add('cancellations answered 303', cancelStatuses.filter((s) => s === 303).length, 'cancels', exactly(CANCELS))
  report.add('latecomers waitlisted (no freed seat ever seen free)', lateAnswers.filter((x) => x.done === 'waitlisted').length, 'people', exactly(LATE))
  report.add('promotions', figures.promoted.length, 'people', exactly(CANCELS))
  report.add('promotions not the head of the queue', wrongPromotions, 'people', exactly(0))
  report.note('outbox rows (both events)', rows.length)
  report.note('mails at the sink', sink.messages.length)
  report.add('mails delivered twice (same Message-ID)', twiceById, 'mails', exactly(0))
  report.add('people with two mails of one template', twiceByPerson, 'people', exactly(0))
  report.add('reminders queued', reminders.length, 'mails', exactly(REMINDED))
  report.add('reminders delivered', reminders.filter((row) => deliveries.get(row.messageId) === 1).length, 'mails', exactly(REMINDED))
  report.add('outbox rows not sent', rows.filter((row) => row.status !== 'sent').length, 'rows', exactly(0))
  report.add('retention runs that anonymized (audit entries)', figures.retentionRuns, 'runs', exactly(1))
  report.add('registrations anonymized by retention', figures.anonymizedPeople, 'registrations', exactly(EXPIRED))
  report.add('registrations still carrying their address', figures.leftNamed, 'registrations', exactly(0))
  if (!anonymized) report.problem('the retention job did not anonymize the ended event within 90 s')
  if (!delivered) report.problem('not every mail arrived within 120 s')
} finally {
  for (const child of children) await child.stop()
  await sink.close()
  await postgres.drop()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
report.finish(
  `Drill: two app instances + two workers on one PostgreSQL (${PEOPLE} registrations for ${SEATS} seats, ${CANCELS} cancels, ${REMINDED} reminders due, retention due for ${EXPIRED})`,
)
process.exit(process.exitCode ?? 0)

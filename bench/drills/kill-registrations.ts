/**
 * npm run drill:kill-registrations — the production server (run `npm run build` first) with its mail
 * worker sending to a real SMTP sink gets 500 registrations at once for an event with 150 seats and
 * is killed with SIGKILL in the middle of the burst, then started again on the same data. Embedded
 * database on disk, and PostgreSQL too when it answers (TEST_PG_URL / DATABASE_URL / 127.0.0.1:5432).
 *
 * Checks: every registration the client was told about (303) is stored with that outcome (0 lost);
 * none half-written (each registration has exactly its one outbox mail, no mail without its
 * registration); seats not oversold; after the restart the worker drains the outbox and each
 * confirmed person has exactly one confirmation at the sink (one Message-ID; a message cut by the
 * kill may arrive again under the same Message-ID: at least once, ADR 0005/0035, counted apart).
 * Rows the killed worker had claimed wait for their 5-minute lease; the drill moves that clock on,
 * as the crash test does, and prints how many there were.
 *
 * DRILL_PEOPLE (500), DRILL_SEATS (150), DRILL_KILL_AFTER (200 answers), DRILL_DATABASES (embedded,postgres).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { atMost, exactly } from '../figures.ts'
import { createSeatedEvent, postRegistration, type PostedRegistration } from '../../tests/support/registrations.ts'
import { startSmtpSink } from '../../tests/support/smtp-sink.ts'
import { postgresReachable, Report, requireBuild, sleep, startApp, throwawayPostgres, waitUntil, withDatabase, type Store } from './support.ts'

const PEOPLE = Number(process.env.DRILL_PEOPLE ?? 500)
const SEATS = Number(process.env.DRILL_SEATS ?? 150)
const KILL_AFTER = Number(process.env.DRILL_KILL_AFTER ?? Math.round(PEOPLE * 0.4))
const DATABASES = (process.env.DRILL_DATABASES ?? 'embedded,postgres').split(',')
const SLUG = 'kraschdagen'
const MAIL_FOR = { confirmed: 'registration-confirmed', waitlisted: 'registration-waitlisted' } as Record<string, string>

async function drill(kind: 'embedded' | 'postgres', report: Report) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-drill-kill-'))
  const postgres = kind === 'postgres' ? await throwawayPostgres() : undefined
  const store: Store = { dataDir, databaseUrl: postgres?.url }
  const sink = await startSmtpSink()
  const env = { DATA_DIR: dataDir, DATABASE_URL: postgres?.url, MAIL_WORKER: 'on', SMTP_URL: sink.url, DATABASE_POOL_SIZE: '10' }
  try {
    const eventId = await withDatabase(store, async (db) => (await createSeatedEvent(db, { slug: SLUG, seats: SEATS })).id)
    const first = await startApp(env)
    const answers: PostedRegistration[] = []
    let killedAt = 0
    const burstStarted = Date.now()
    await Promise.all(
      Array.from({ length: PEOPLE }, (_, n) =>
        postRegistration(first.url, SLUG, `krasch-${n}@example.org`).then((answer) => {
          answers.push(answer)
          if (!killedAt && answers.filter((a) => a.status === 303).length >= KILL_AFTER) {
            killedAt = Date.now()
            process.kill(first.pid, 'SIGKILL')
          }
        }),
      ),
    )
    if (!killedAt) {
      killedAt = Date.now()
      report.problem(`${kind}: the burst ended before the kill (raise DRILL_PEOPLE or lower DRILL_KILL_AFTER)`)
    }
    await first.kill9()
    const answered = answers.filter((a) => a.status === 303)
    const otherAnswers = answers.filter((a) => a.status !== 303 && a.status !== 'network error')

    // Straight after the kill: what was promised is there, and nothing is half-written.
    const afterKill = await withDatabase(store, async (db) => {
      const registrations = await db.registration.findMany({ where: { eventId }, select: { id: true, email: true, status: true } })
      const outbox = await db.outboxMessage.findMany({ where: { eventId }, select: { registrationId: true, template: true } })
      const leased = await db.$executeRaw`UPDATE outbox_messages SET next_attempt_at = now() WHERE status = 'pending' AND attempts > 0`
      return { registrations, outbox, leased }
    })
    const byEmail = new Map(afterKill.registrations.map((r) => [r.email, r]))
    const lost = answered.filter((a) => byEmail.get(a.email)?.status !== a.done)
    // Each registration has exactly its one mail (confirmation or waitlist notice), and no mail is without its registration.
    const expectedMail = new Set(afterKill.registrations.map((r) => `${r.id} ${MAIL_FOR[r.status]}`))
    const mailCount = new Map<string, number>()
    for (const m of afterKill.outbox) mailCount.set(`${m.registrationId} ${m.template}`, (mailCount.get(`${m.registrationId} ${m.template}`) ?? 0) + 1)
    let halfWritten = 0
    for (const key of expectedMail) halfWritten += Math.abs((mailCount.get(key) ?? 0) - 1)
    for (const [key, n] of mailCount) if (!expectedMail.has(key)) halfWritten += n
    const confirmed = afterKill.registrations.filter((r) => r.status === 'confirmed')
    const waitlisted = afterKill.registrations.filter((r) => r.status === 'waitlisted')

    // Started again on the same data: the worker sends what was still in the outbox.
    const sinkBefore = sink.messages.length
    const second = await startApp(env)
    const rows = () =>
      withDatabase(store, (db) =>
        db.outboxMessage.findMany({ where: { eventId }, select: { registrationId: true, template: true, messageId: true, status: true } }),
      )
    const distinctAtSink = () => new Set(sink.messages.map((m) => m.messageId)).size
    const drained = await waitUntil(() => distinctAtSink() >= afterKill.outbox.length, 180_000, 100)
    const drainedMs = Date.now() - second.startedAt
    await sleep(1000) // late duplicates, if any
    // Embedded: the server must stop before the drill can read its data.
    if (kind === 'embedded') await second.stop()
    const finalRows = await rows()
    if (kind === 'postgres') await second.stop()

    const deliveries = sink.deliveriesByMessageId()
    let missingConfirmation = 0
    let extraConfirmation = 0
    for (const registration of confirmed) {
      const atSink = new Set(sink.messages.filter((m) => m.to.includes(registration.email)).map((m) => m.messageId))
      const mine = finalRows.filter((row) => row.registrationId === registration.id && row.template === 'registration-confirmed')
      if (atSink.size === 0 || mine.length === 0) missingConfirmation++
      if (atSink.size > 1 || mine.length > 1) extraConfirmation++
    }
    const resent = [...deliveries.values()].reduce((sum, n) => sum + n - 1, 0)
    const unsent = finalRows.filter((row) => row.status !== 'sent').length

    const label = kind === 'embedded' ? 'embedded' : 'PostgreSQL'
    report.note(`${label}: requests`, PEOPLE)
    report.note(`${label}: answered 303 before the kill`, answered.length)
    report.note(`${label}: network errors (cut by the kill)`, answers.filter((a) => a.status === 'network error').length)
    report.add(`${label}: other answers (4xx/5xx)`, otherAnswers.length, 'answers', exactly(0))
    report.note(`${label}: kill after`, ((killedAt - burstStarted) / 1000).toFixed(1), 's of burst')
    report.note(`${label}: stored`, afterKill.registrations.length)
    report.note(`${label}: confirmed`, confirmed.length)
    report.note(`${label}: waitlisted`, waitlisted.length)
    report.add(`${label}: seats oversold`, Math.max(0, confirmed.length - SEATS), 'seats', exactly(0))
    report.add(`${label}: lost (303 not stored as answered)`, lost.length, 'registrations', exactly(0))
    report.add(`${label}: half-written (registration ≠ one outbox mail)`, halfWritten, 'rows', exactly(0))
    report.note(`${label}: claimed by the killed worker (lease moved on)`, afterKill.leased)
    report.note(`${label}: mails at the sink (distinct Message-IDs)`, distinctAtSink())
    report.note(`${label}: mails at the sink before the restart`, sinkBefore)
    report.add(`${label}: confirmed without their confirmation`, missingConfirmation, 'people', exactly(0))
    report.add(`${label}: duplicates (a 2nd confirmation Message-ID)`, extraConfirmation, 'people', exactly(0))
    report.note(`${label}: re-sent under the same Message-ID (at least once)`, resent)
    report.add(`${label}: outbox rows not sent after the drain`, unsent, 'rows', exactly(0))
    report.add(`${label}: restart → ready`, second.readyMs / 1000, 's', atMost(30))
    report.add(`${label}: restart → outbox drained`, drainedMs / 1000, 's', atMost(120))
    if (!drained) report.problem(`${label}: the outbox did not drain within 180 s`)
  } finally {
    await sink.close()
    await postgres?.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

requireBuild()
const report = new Report('kill-registrations')
for (const kind of DATABASES as Array<'embedded' | 'postgres'>) {
  if (kind === 'postgres' && !(await postgresReachable())) {
    report.note('PostgreSQL', 'not reachable: skipped')
    continue
  }
  await drill(kind, report)
}
report.finish(`Drill: SIGKILL during ${PEOPLE} concurrent registrations for ${SEATS} seats (kill after ${KILL_AFTER} answers), restart on the same data`)
process.exit(process.exitCode ?? 0)

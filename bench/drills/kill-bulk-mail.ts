/**
 * npm run drill:kill-bulk-mail — an event with 1,000 registrants and a bulk mailing to all of them
 * (app/mailings, "Skicka" pressed through the domain verb), sent by the production server's mail
 * worker to a real SMTP sink; the server is killed with SIGKILL in the middle of the send and
 * started again on the same data (embedded database on disk, and PostgreSQL when it answers).
 *
 * Bulk mail is at most once (ADR 0035): the worker records the hand-over of each message to the
 * relay, and a message cut after it (the relay may have it) is closed as failed ("interrupted")
 * instead of going again. Checks: the mailing completes (state `sent`), no recipient is mailed twice,
 * none is missing without a trace (every recipient either reached the sink or has a failed row the
 * organizer sees). Prints how many were interrupted and how many of those the relay had in fact
 * taken. Rows the killed worker had claimed wait for their 5-minute lease; the drill moves that
 * clock on and prints how many there were.
 *
 * DRILL_RECIPIENTS (1000), DRILL_KILL_AT (400 mails at the sink), DRILL_DATABASES (embedded,postgres).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { connectDatabase, db, disconnectDatabase } from '../../app/db/client.server.ts'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import { createMailing, saveMailing, sendMailing, MailingFormSchema } from '../../app/mailings/mailings.server.ts'
import { INTERRUPTED_AT_MOST_ONCE } from '../../app/mail/worker.server.ts'
import { atMost, exactly } from '../figures.ts'
import { createSeatedEvent } from '../../tests/support/registrations.ts'
import { startSmtpSink } from '../../tests/support/smtp-sink.ts'
import { postgresReachable, Report, requireBuild, SESSION_SECRET, sleep, startApp, throwawayPostgres, waitUntil, withDatabase, type Store } from './support.ts'

const RECIPIENTS = Number(process.env.DRILL_RECIPIENTS ?? 1000)
const KILL_AT = Number(process.env.DRILL_KILL_AT ?? Math.round(RECIPIENTS * 0.4))
const DATABASES = (process.env.DRILL_DATABASES ?? 'embedded,postgres').split(',')

/** 1,000 confirmed registrants and a mailing to them, queued by "Skicka" (in this process, before any server runs). */
async function queueMailing(store: Store) {
  setConfig({ ...loadConfig({ NODE_ENV: 'production', DATA_DIR: store.dataDir, SESSION_SECRET }), databaseUrl: store.databaseUrl })
  await connectDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, poolSize: 3 })
  try {
    const event = await createSeatedEvent(db as never, { slug: 'utskicksdagen', seats: RECIPIENTS })
    for (let start = 0; start < RECIPIENTS; start += 500) {
      await db.registration.createMany({
        data: Array.from({ length: Math.min(500, RECIPIENTS - start) }, (_, i) => {
          const email = `mottagare-${start + i}@example.org`
          return {
            eventId: event.id,
            name: `Mottagare ${start + i}`,
            email,
            emailNormalized: email,
            status: 'confirmed' as const,
            attendanceMode: 'on_site' as const,
            locale: (start + i) % 4 === 0 ? ('en' as const) : ('sv' as const),
            manageTokenHash: `drill-${start + i}`,
          }
        }),
      })
    }
    const organization = await db.organization.findUniqueOrThrow({ where: { id: event.organizationId } })
    const person = await db.person.create({ data: { email: 'arrangor@example.org', name: 'Arrangör' } })
    await db.membership.create({ data: { organizationId: organization.id, personId: person.id, role: 'organizer' } })
    const access = { organization, role: 'organizer' as const, personId: person.id }
    const mailing = await createMailing({ access, eventId: event.id })
    const form = MailingFormSchema.parse({
      subjectSv: 'Praktisk information inför {eventnamn}',
      bodySv: 'Hej {förnamn}!\n\nVälkommen. Dina uppgifter: {länk}',
      subjectEn: 'Practical information for {eventname}',
      bodyEn: 'Hi {firstname}!\n\nWelcome. Your details: {link}',
    })
    await saveMailing({ access, eventId: event.id, mailingId: mailing.id, form })
    const counts = await sendMailing({ access, eventId: event.id, mailingId: mailing.id })
    return { eventId: event.id, mailingId: mailing.id, queued: counts.recipientCount }
  } finally {
    await disconnectDatabase()
  }
}

async function drill(kind: 'embedded' | 'postgres', report: Report) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-drill-bulk-'))
  const postgres = kind === 'postgres' ? await throwawayPostgres() : undefined
  const store: Store = { dataDir, databaseUrl: postgres?.url }
  const sink = await startSmtpSink()
  const env = { DATA_DIR: dataDir, DATABASE_URL: postgres?.url, MAIL_WORKER: 'on', SMTP_URL: sink.url }
  const label = kind === 'embedded' ? 'embedded' : 'PostgreSQL'
  try {
    const { mailingId, queued } = await queueMailing(store)
    const first = await startApp(env)
    const sendStarted = Date.now()
    const reached = await waitUntil(() => sink.messages.length >= KILL_AT, 120_000, 5)
    await first.kill9()
    const killedAfterMs = Date.now() - sendStarted
    const atKill = sink.messages.length
    if (!reached) report.problem(`${label}: the sink never reached ${KILL_AT} messages before the kill`)

    const afterKill = await withDatabase(store, async (db) => {
      const [row] = await db.$queryRaw<Array<{ sent: number; claimed: number; handedOver: number; pending: number }>>`
        SELECT count(*) FILTER (WHERE o.status = 'sent')::int AS sent,
               count(*) FILTER (WHERE o.status = 'pending' AND o.attempts > 0)::int AS claimed,
               count(*) FILTER (WHERE o.status = 'pending' AND o.send_started_at IS NOT NULL)::int AS "handedOver",
               count(*) FILTER (WHERE o.status = 'pending')::int AS pending
          FROM mailing_recipients r JOIN outbox_messages o ON o.id = r.outbox_message_id
         WHERE r.mailing_id = ${mailingId}::uuid`
      await db.$executeRaw`UPDATE outbox_messages SET next_attempt_at = now() WHERE status = 'pending' AND attempts > 0`
      return row
    })

    const second = await startApp(env)
    const mailingState = () =>
      withDatabase(store, async (db) => (await db.mailing.findUniqueOrThrow({ where: { id: mailingId }, select: { state: true } })).state)
    // PostgreSQL can be read while the server runs; the embedded database only after it stopped.
    let drainedMs = NaN
    let completedMs = NaN
    if (kind === 'postgres') {
      await waitUntil(
        async () => (await withDatabase(store, (db) => db.outboxMessage.count({ where: { status: 'pending', mailingRecipient: { mailingId } } }))) === 0,
        120_000,
        200,
      )
      drainedMs = Date.now() - second.startedAt
      await waitUntil(async () => (await mailingState()) === 'sent', 90_000, 500)
      completedMs = Date.now() - second.startedAt
      await second.stop()
    } else {
      // Every recipient not handed over at the kill must reach the sink; then the scheduler's minute marks the mailing sent.
      const expected = queued - afterKill.handedOver
      await waitUntil(() => new Set(sink.messages.map((m) => m.messageId)).size >= expected, 120_000, 50)
      drainedMs = Date.now() - second.startedAt
      // runDueMailings runs at boot and then every minute beside the worker.
      await sleep(Math.max(0, second.startedAt + second.readyMs + 65_000 - Date.now()))
      await second.stop()
    }
    await sleep(500)

    const final = await withDatabase(store, async (db) => {
      const mailing = await db.mailing.findUniqueOrThrow({ where: { id: mailingId } })
      const rows = await db.outboxMessage.findMany({
        where: { mailingRecipient: { mailingId } },
        select: { recipient: true, messageId: true, status: true, lastError: true },
      })
      return { mailing, rows }
    })
    if (kind === 'embedded') completedMs = final.mailing.state === 'sent' && final.mailing.sentAt ? final.mailing.sentAt.getTime() - second.startedAt : NaN

    const deliveries = new Map<string, number>()
    for (const message of sink.messages) for (const to of message.to) deliveries.set(to, (deliveries.get(to) ?? 0) + 1)
    const interrupted = final.rows.filter((row) => row.status === 'failed' && row.lastError === INTERRUPTED_AT_MOST_ONCE)
    const twice = [...deliveries.values()].filter((n) => n > 1).length
    const silentlyMissing = final.rows.filter((row) => !deliveries.has(row.recipient) && !(row.status === 'failed')).length
    const otherFailed = final.rows.filter((row) => row.status === 'failed' && row.lastError !== INTERRUPTED_AT_MOST_ONCE).length
    const interruptedArrived = interrupted.filter((row) => deliveries.has(row.recipient)).length

    report.note(`${label}: recipients queued`, queued)
    report.note(`${label}: kill after`, (killedAfterMs / 1000).toFixed(1), 's of sending')
    report.note(`${label}: at the sink at the kill`, atKill)
    report.note(`${label}: recorded sent at the kill`, afterKill.sent)
    report.note(`${label}: claimed by the killed worker (lease moved on)`, afterKill.claimed)
    report.note(`${label}: handed to the relay, outcome unrecorded`, afterKill.handedOver)
    report.note(`${label}: mails at the sink in the end`, sink.messages.length)
    report.add(`${label}: recipients mailed twice`, twice, 'recipients', exactly(0))
    report.add(`${label}: recipients missing without a trace`, silentlyMissing, 'recipients', exactly(0))
    report.note(`${label}: interrupted (failed, shown to the organizer, not re-sent)`, interrupted.length)
    report.note(`${label}: … of which the relay had in fact taken`, interruptedArrived)
    report.note(`${label}: … of which never arrived (organizer may press Skicka igen)`, interrupted.length - interruptedArrived)
    report.add(`${label}: other failed rows`, otherFailed, 'rows', exactly(0))
    report.add(`${label}: mailing completed (state sent)`, final.mailing.state === 'sent' ? 1 : 0, 'yes=1', exactly(1))
    report.add(`${label}: restart → ready`, second.readyMs / 1000, 's', atMost(30))
    report.add(`${label}: restart → every message sent or closed`, drainedMs / 1000, 's', atMost(120))
    report.note(
      `${label}: restart → mailing marked sent (scheduler runs each minute)`,
      Number.isNaN(completedMs) ? 'never' : (completedMs / 1000).toFixed(1),
      's',
    )
  } finally {
    await sink.close()
    await postgres?.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

requireBuild()
const report = new Report('kill-bulk-mail')
for (const kind of DATABASES as Array<'embedded' | 'postgres'>) {
  if (kind === 'postgres' && !(await postgresReachable())) {
    report.note('PostgreSQL', 'not reachable: skipped')
    continue
  }
  await drill(kind, report)
}
report.finish(`Drill: SIGKILL during a bulk mailing to ${RECIPIENTS} registrants (kill at ${KILL_AT} mails at the sink), restart on the same data`)
process.exit(process.exitCode ?? 0)

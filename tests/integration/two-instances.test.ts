import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useDatabase, type Database } from '../../app/db/client.server.ts'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import { scheduleReminders } from '../../app/registrations/reminders.server.ts'
import { manageToken } from '../../app/registrations/tokens.server.ts'
import { createTestDatabase } from '../support/database.ts'
import { createSeatedEvent, postRegistration } from '../support/registrations.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

// Two production servers (each with its mail worker and its minute of scheduled mail) on one
// PostgreSQL database: the seat count holds across instances, a freed seat goes to exactly one
// person, and no confirmation or reminder is queued or sent twice. The built server is needed
// (`npm test` builds first); only meaningful with a real server, so it runs when DATABASE_URL is set.
const SECRET = 'two-instances-'.padEnd(64, 's')
const SEATS = 10
const HOUR = 3_600_000

describe.skipIf(!process.env.DATABASE_URL)('two app instances and two mail workers on one PostgreSQL', () => {
  let database: Database & { url?: string }
  let sink: SmtpSink
  let a: RunningServer
  let b: RunningServer
  let dataDir: string
  let eventId: string
  let reminderEventId: string

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-two-'))
    setConfig({ ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: SECRET }), databaseUrl: process.env.DATABASE_URL })
    database = await createTestDatabase()
    useDatabase(database)
    const db = database.prisma
    eventId = (await createSeatedEvent(db, { slug: 'sista-platserna', seats: SEATS })).id
    // An event tomorrow whose five attendees registered two days ago: its 24 h reminder is due now,
    // and both instances' scheduled mail looks for it the moment they start.
    const tomorrow = await createSeatedEvent(db, { slug: 'imorgon', seats: 50 })
    await db.event.update({ where: { id: tomorrow.id }, data: { startsAt: new Date(Date.now() + 23 * HOUR), endsAt: new Date(Date.now() + 29 * HOUR) } })
    reminderEventId = tomorrow.id
    for (let n = 0; n < 5; n++) {
      await db.registration.create({
        data: {
          eventId: tomorrow.id,
          name: `Påmind ${n}`,
          email: `paminnelse-${n}@example.org`,
          emailNormalized: `paminnelse-${n}@example.org`,
          attendanceMode: 'on_site',
          status: 'confirmed',
          sector: 'public_sector',
          county: 'sodermanland',
          locale: 'sv',
          privacyVersion: 1,
          privacyAcceptedAt: new Date(Date.now() - 48 * HOUR),
          createdAt: new Date(Date.now() - 48 * HOUR),
          queuedAt: new Date(Date.now() - 48 * HOUR),
          manageTokenHash: `seeded-${n}`,
        },
      })
    }
    sink = await startSmtpSink()
    const env = {
      DATABASE_URL: database.url,
      SESSION_SECRET: SECRET,
      DEMO: 'off',
      MAIL_WORKER: 'on',
      SMTP_URL: sink.url,
      DATABASE_POOL_SIZE: '5',
      REGISTRATIONS_PER_IP: '10000',
    }
    ;[a, b] = await Promise.all([startServer(env), startServer(env)])
  }, 90_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await sink?.close()
    await database?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const counts = async () => {
    const rows = await database.prisma.registration.groupBy({ by: ['status'], where: { eventId }, _count: { _all: true } })
    const get = (status: string) => rows.find((row) => row.status === status)?._count._all ?? 0
    return { confirmed: get('confirmed'), waitlisted: get('waitlisted'), cancelled: get('cancelled') }
  }

  /** Waits until the sink holds every outbox row of these events (by Message-ID), or 30 s. */
  const allDelivered = async (eventIds: string[]) => {
    const deadline = Date.now() + 30_000
    for (;;) {
      const rows = await database.prisma.outboxMessage.findMany({
        where: { eventId: { in: eventIds } },
        select: { messageId: true, template: true, recipient: true },
      })
      const arrived = new Set(sink.messages.map((m) => m.messageId))
      if (rows.every((row) => arrived.has(row.messageId)) || Date.now() > deadline) return rows
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }

  it('forty people asking for ten seats through both instances at once: ten confirmed, thirty waitlisted', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => postRegistration((n % 2 ? a : b).url, 'sista-platserna', `plats-${n}@example.org`)))
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(303))
    expect(answers.filter((answer) => answer.done === 'confirmed')).toHaveLength(SEATS)
    expect(await counts()).toEqual({ confirmed: SEATS, waitlisted: 30, cancelled: 0 })
  })

  it('a seat freed through one instance while others register through both goes to exactly one person, the first in the queue', async () => {
    const db = database.prisma
    const leaving = await db.registration.findFirstOrThrow({ where: { eventId, status: 'confirmed' }, orderBy: { queuedAt: 'asc' } })
    const first = await db.registration.findFirstOrThrow({ where: { eventId, status: 'waitlisted' }, orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }] })
    const token = manageToken(leaving)
    const cancel = fetch(`${a.url}/registrations/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: a.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'cancel' }),
    })
    const newcomers = Array.from({ length: 10 }, (_, n) => postRegistration((n % 2 ? a : b).url, 'sista-platserna', `sen-${n}@example.org`))
    const [cancelled, ...answers] = await Promise.all([cancel, ...newcomers])
    expect(cancelled.status).toBe(303)
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(303))
    // The seat is handed on in the cancel's own transaction: no newcomer ever sees it free.
    expect(answers.map((answer) => answer.done)).toEqual(Array(10).fill('waitlisted'))
    expect(await counts()).toEqual({ confirmed: SEATS, waitlisted: 30 - 1 + 10, cancelled: 1 })
    const promoted = await db.registration.findMany({ where: { eventId, promotedAt: { not: null } }, select: { id: true } })
    expect(promoted.map((p) => p.id)).toEqual([first.id])
  })

  it('each confirmation and waitlist mail is sent exactly once across the two workers', async () => {
    const rows = await allDelivered([eventId])
    const registrations = await database.prisma.registration.findMany({ where: { eventId }, select: { id: true } })
    // 50 registrations: one mail each, one promotion and one cancellation on top.
    expect(rows).toHaveLength(registrations.length + 2)
    const deliveries = sink.deliveriesByMessageId()
    expect(rows.filter((row) => deliveries.get(row.messageId) !== 1)).toEqual([])
    const confirmations = rows.filter((row) => row.template === 'registration-confirmed').map((row) => row.recipient)
    expect(new Set(confirmations).size).toBe(confirmations.length)
    expect(confirmations).toHaveLength(SEATS + 1) // the ten first, and the one who moved up
  })

  it('reminders scheduled by both instances (and twice more at once) are queued and sent once per person', async () => {
    await Promise.all([scheduleReminders(), scheduleReminders()])
    const rows = await allDelivered([reminderEventId])
    expect(rows.map((row) => `${row.template} ${row.recipient}`).sort()).toEqual(
      Array.from({ length: 5 }, (_, n) => `registration-reminder paminnelse-${n}@example.org`),
    )
    const deliveries = sink.deliveriesByMessageId()
    expect(rows.map((row) => deliveries.get(row.messageId))).toEqual([1, 1, 1, 1, 1])
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { askQuestion } from '../../app/audience-questions/questions.server.ts'
import { getEventDashboard } from '../../app/dashboard/event-dashboard.server.ts'
import { db } from '../../app/db/client.server.ts'
import type { Organization } from '../../app/generated/prisma/client.ts'
import { anonymizationDate, runRetention, setEventRetention } from '../../app/privacy/retention.server.ts'
import type { RegistrationInput } from '../../app/registrations/form.server.ts'
import { cancelRegistration } from '../../app/registrations/manage.server.ts'
import { enablePersonalFeed } from '../../app/registrations/personal-feed.server.ts'
import { registerAttendee } from '../../app/registrations/register.server.ts'
import { getOrganizationReport } from '../../app/reports/organization-report.server.ts'
import { createOrganization } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const DAY = 86_400_000
/** The job's clock: every date below is relative to it. */
const NOW = new Date('2027-06-15T10:00:00.000Z')
let counter = 0

function person(tag: string, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    name: `Person ${tag}`,
    email: `person-${tag}@retention.example`,
    organizationName: `Organisation ${tag}`,
    sector: 'public_sector',
    county: 'sodermanland',
    abroad: false,
    locale: 'sv',
    attendanceMode: 'on_site',
    whenFull: 'waitlist',
    ticketTypeId: null,
    invoice: null,
    answers: {},
    itemIds: [],
    inviteToken: null,
    ...overrides,
  }
}

/** A published hybrid event that is open while people register (in the future), then moved to `endedAt`. */
async function heldEvent(organizationId: string, endedAt: Date, extra: Record<string, unknown> = {}) {
  counter += 1
  const startsAt = new Date(Date.now() + 30 * DAY)
  const event = await db.event.create({
    data: {
      slug: `retention-event-${counter}`,
      organizationId,
      titleSv: `Gallringsdagen ${counter}`,
      titleEn: `Retention day ${counter}`,
      status: 'published',
      format: 'hybrid',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
      capacityOnSite: 3,
      capacityOnline: null,
      ...extra,
    },
  })
  const question = await db.customQuestion.create({ data: { eventId: event.id, kind: 'text', labelSv: 'Allergier', labelEn: 'Allergies', position: 0 } })
  return {
    event,
    question,
    move: () => db.event.update({ where: { id: event.id }, data: { startsAt: new Date(endedAt.getTime() - 6 * 3_600_000), endsAt: endedAt } }),
  }
}

/** Every text, json and array value of every table, as text, that contains `needle` (a pg dump's view of the data). */
async function findEverywhere(needles: string[]): Promise<string[]> {
  const columns = await db.$queryRawUnsafe<Array<{ table_name: string; column_name: string }>>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'USER-DEFINED')`,
  )
  const hits: string[] = []
  for (const { table_name, column_name } of columns) {
    const rows = await db.$queryRawUnsafe<Array<{ value: string }>>(
      `SELECT "${column_name}"::text AS value FROM "${table_name}" WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) n WHERE strpos(lower("${column_name}"::text), lower(n)) > 0)`,
      needles,
    )
    for (const row of rows) hits.push(`${table_name}.${column_name}: ${row.value.slice(0, 120)}`)
  }
  return hits
}

let org: Organization
let past: Awaited<ReturnType<typeof heldEvent>>
let recent: Awaited<ReturnType<typeof heldEvent>>
const pastPeople = ['a1', 'a2', 'a3', 'a4', 'a5']
const needles = pastPeople
  .flatMap((tag) => [`person-${tag}@retention.example`, `Person ${tag}`, `Organisation ${tag}`])
  .concat([
    'Nej tack, Talare Avböjd',
    'avbojd@talare.example',
    'foreslagen@talare.example',
    'Föreslagen Person',
    'inbjuden@gast.example',
    'Min hemliga fråga',
    'Nötallergi a1',
    'Fakturaväg 1 a1',
    'Köpare a1',
  ])

type Snapshot = { dashboard: unknown; report: unknown }
let before: Snapshot

async function snapshot(): Promise<Snapshot> {
  const access = { organization: org, role: 'viewer' as const, personId: '' }
  const dashboard = await getEventDashboard({ access, eventId: past.event.id, now: NOW })
  const { totals, ...report } = await getOrganizationReport({ access, period: { from: '2026-01-01', to: '2027-06-14' }, now: NOW })
  // "Unique people" is left out on purpose: a1's two registrations are anonymized at different times,
  // and nothing may link them afterwards (ADR 0031). Everything counted by sector, län and mode is here.
  return { dashboard, report: { ...report, totals: { events: totals.events, confirmed: totals.confirmed, checkedIn: totals.checkedIn } } }
}

beforeAll(async () => {
  org = await createOrganization('gallring-org', 'Region Gallring')
  // Ended 13 months before NOW: past the default 12 months.
  past = await heldEvent(org.id, new Date(NOW.getTime() - 400 * DAY))
  recent = await heldEvent(org.id, new Date(NOW.getTime() - 60 * DAY))
  const registered = []
  for (const [index, tag] of pastPeople.entries()) {
    const outcome = await registerAttendee({
      event: { id: past.event.id },
      input: person(tag, {
        sector: index % 2 ? 'civil_society' : 'public_sector',
        county: index === 4 ? null : index % 2 ? 'uppsala' : 'sodermanland',
        abroad: index === 4,
        attendanceMode: index === 3 ? 'online' : 'on_site',
        answers: { [past.question.id]: `Nötallergi ${tag}` },
        invoice: index === 0 ? { orgNumber: '212000-0142', address: `Fakturaväg 1 ${tag}`, eReference: null, buyerReference: `Köpare ${tag}` } : null,
      } as Partial<RegistrationInput>),
    })
    registered.push(outcome.registration)
  }
  // a5 waits (3 seats on site), a2 cancels: a5 moves up, with its mail.
  await cancelRegistration({ by: 'attendee', registrationId: registered[1].id })
  // The same address at the recent event: that registration must survive untouched.
  await registerAttendee({ event: { id: recent.event.id }, input: person('a1') })
  await enablePersonalFeed({ emailNormalized: 'person-a3@retention.example' })
  const a1 = await db.registration.findUniqueOrThrow({ where: { id: registered[0].id }, include: { event: true } })
  await askQuestion({ registration: a1, question: { itemId: '', text: 'Min hemliga fråga', anonymous: false } as never })
  await db.registration.update({ where: { id: registered[0].id }, data: { checkedInAt: new Date() } })
  await db.checkInScan.create({
    data: { eventId: past.event.id, clientId: 'scan-1', registrationId: registered[0].id, outcome: 'checked_in', scannedAt: new Date() },
  })
  await db.speakerInvitation.create({
    data: {
      eventId: past.event.id,
      email: 'avbojd@talare.example',
      name: 'Talare Avböjd',
      tokenHash: 'c'.repeat(64),
      status: 'declined',
      expiresAt: new Date(),
      declineReason: 'Nej tack, Talare Avböjd',
      suggestedName: 'Föreslagen Person',
      suggestedEmail: 'foreslagen@talare.example',
    },
  })
  await db.registrationInvite.create({
    data: {
      eventId: past.event.id,
      name: 'Inbjuden Gäst',
      email: 'inbjuden@gast.example',
      emailNormalized: 'inbjuden@gast.example',
      tokenHash: 'd'.repeat(64),
    },
  })
  await db.auditEntry.create({
    data: {
      organizationId: org.id,
      action: 'speaker.invited',
      entityType: 'speaker_invitation',
      data: { eventId: past.event.id, email: 'avbojd@talare.example' },
    },
  })
  // A daily digest (no event of its own) that names two of them, already sent.
  await db.outboxMessage.create({
    data: {
      template: 'organizer-registrations',
      recipient: 'organizer@gallring.example',
      messageId: '<digest-1@samling.test>',
      status: 'sent',
      organizationId: org.id,
      payload: { frequency: 'daily', events: [{ registered: [{ name: 'Person a3' }, { name: 'Person a4' }] }] },
    },
  })
  // Every mail has left by the time retention comes round.
  await db.outboxMessage.updateMany({ where: { status: 'pending' }, data: { status: 'sent', sentAt: new Date() } })
  await past.move()
  await recent.move()
  before = await snapshot()
})

describe('the retention job (issue 12 §1)', () => {
  it('dates the anonymization at the event end plus the months, on Stockholm’s calendar', () => {
    const endsAt = new Date('2026-03-31T15:00:00.000Z') // 17.00 in Stockholm, winter time
    expect(anonymizationDate({ endsAt, retentionMonths: null }, { retentionMonths: 12 }).toISOString()).toBe('2027-03-31T15:00:00.000Z')
    // One month later is 30 April (no 31st), 17.00 summer time.
    expect(anonymizationDate({ endsAt, retentionMonths: 1 }, { retentionMonths: 12 }).toISOString()).toBe('2026-04-30T15:00:00.000Z')
    // An event cannot lengthen it: the organization's default wins.
    expect(anonymizationDate({ endsAt, retentionMonths: 24 }, { retentionMonths: 12 }).toISOString()).toBe('2027-03-31T15:00:00.000Z')
  })

  it('anonymizes only the event past its period, leaves no name or address of its people anywhere, and keeps the counts', async () => {
    expect(await findEverywhere(needles)).not.toEqual([])
    const run = await runRetention({ now: NOW })
    expect(run).toMatchObject({ ran: true, events: 1 })
    expect(run.counts).toMatchObject({ registrations: 5, answers: 5, audienceQuestions: 1, checkInScans: 1, speakerInvitations: 1, registrationInvites: 1 })
    // a1 registered for the recent event too: that row, and only it, still names a1.
    expect((await findEverywhere(needles)).sort()).toEqual([
      'registrations.email: person-a1@retention.example',
      'registrations.email_normalized: person-a1@retention.example',
      'registrations.name: Person a1',
      'registrations.organization_name: Organisation a1',
    ])
    // The recent event (and a1's registration there) is untouched.
    expect(await db.registration.findFirst({ where: { eventId: recent.event.id } })).toMatchObject({
      name: 'Person a1',
      email: 'person-a1@retention.example',
      anonymizedAt: null,
    })
    expect(await db.event.findUniqueOrThrow({ where: { id: recent.event.id } })).toMatchObject({ anonymizedAt: null })
    expect((await db.event.findUniqueOrThrow({ where: { id: past.event.id } })).anonymizedAt).toEqual(NOW)
    const rows = await db.registration.findMany({ where: { eventId: past.event.id } })
    for (const row of rows) {
      expect(row).toMatchObject({
        name: '',
        organizationName: null,
        answers: {},
        personId: null,
        invoiceAddress: null,
        buyerReference: null,
        anonymizedAt: NOW,
      })
      expect(row.email).toMatch(/@anonymized\.invalid$/)
      expect(row.manageTokenHash).toMatch(/^anonymized:/)
    }
    // Status, mode, sector, län and check-in survive, so the dashboard and the report read the same.
    expect(await snapshot()).toEqual(before)
    expect(await db.checkInScan.findFirst({ where: { eventId: past.event.id } })).toMatchObject({ registrationId: null, outcome: 'checked_in' })
    // a3's calendar feed went with a3's last registration; a1 still has the recent event.
    expect(await db.personalFeed.count({ where: { emailNormalized: 'person-a3@retention.example' } })).toBe(0)
  })

  it('writes one audit entry per organization with the counts, and a second run anonymizes nothing', async () => {
    const entries = await db.auditEntry.findMany({ where: { action: 'retention.anonymized' } })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ organizationId: org.id, actorId: null, entityType: 'organization' })
    expect(entries[0].data).toMatchObject({ eventIds: [past.event.id], events: 1, registrations: 5, audienceQuestions: 1, speakerInvitations: 1 })
    const again = await runRetention({ now: NOW })
    expect(again).toMatchObject({ ran: true, events: 0, counts: { registrations: 0 } })
    expect(await db.auditEntry.count({ where: { action: 'retention.anonymized' } })).toBe(1)
  })

  it('runs once when two instances start it at the same moment: one anonymizes, one audit entry', async () => {
    const due = await heldEvent(org.id, new Date(NOW.getTime() - 500 * DAY))
    await registerAttendee({ event: { id: due.event.id }, input: person('c1') })
    await due.move()
    const runs = await Promise.all([runRetention({ now: NOW }), runRetention({ now: NOW })])
    expect(runs.reduce((sum, run) => sum + run.events, 0)).toBe(1)
    expect(runs.reduce((sum, run) => sum + run.counts.registrations, 0)).toBe(1)
    expect(await db.auditEntry.count({ where: { action: 'retention.anonymized' } })).toBe(2)
  })

  it('honours a shortened event retention, refuses a longer one with a field message, and uses the organization’s default', async () => {
    const access = { organization: org, role: 'organizer' as const, personId: (await db.person.create({ data: { email: 'org@gallring.example' } })).id }
    await expect(setEventRetention({ access, eventId: recent.event.id, retentionMonths: 13 })).rejects.toMatchObject({
      status: 400,
      field: 'retentionMonths',
      messageKey: 'retention.error.onlyShorter',
    })
    await expect(setEventRetention({ access: { ...access, role: 'viewer' }, eventId: recent.event.id, retentionMonths: 1 })).rejects.toMatchObject({
      status: 403,
    })
    await setEventRetention({ access, eventId: recent.event.id, retentionMonths: 1 })
    // Another organization keeps 3 months by default: its event that ended 4 months ago is due.
    const short = await db.organization.create({ data: { slug: 'kort-gallring', name: 'Kort gallring', retentionMonths: 3 } })
    const shortEvent = await heldEvent(short.id, new Date(NOW.getTime() - 120 * DAY))
    await registerAttendee({ event: { id: shortEvent.event.id }, input: person('d1') })
    await shortEvent.move()
    const kept = await heldEvent(short.id, new Date(NOW.getTime() - 60 * DAY))
    await kept.move()

    const run = await runRetention({ now: NOW })
    expect(run.events).toBe(2)
    expect((await db.event.findUniqueOrThrow({ where: { id: recent.event.id } })).anonymizedAt).toEqual(NOW)
    expect((await db.event.findUniqueOrThrow({ where: { id: shortEvent.event.id } })).anonymizedAt).toEqual(NOW)
    expect((await db.event.findUniqueOrThrow({ where: { id: kept.event.id } })).anonymizedAt).toBeNull()
    expect(await db.auditEntry.count({ where: { action: 'retention.anonymized', organizationId: short.id } })).toBe(1)
    expect(await findEverywhere(['person-a1@retention.example', 'person-d1@retention.example'])).toEqual([])
  })
})

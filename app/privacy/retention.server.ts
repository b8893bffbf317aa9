import { randomUUID } from 'node:crypto'
import { TZDate } from '@date-fns/tz'
import { z } from 'zod'
import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import { log } from '../log.server.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { TIME_ZONE, stockholmClock } from '../time.ts'

/** How long an organization keeps attendees' personal data after an event ends, unless it says otherwise. */
export const DEFAULT_RETENTION_MONTHS = 12
/** The longest retention an organization may choose (the CHECK in the migration says the same). */
export const MAX_RETENTION_MONTHS = 120

export type RetentionEvent = { endsAt: Date; retentionMonths: number | null }
export type RetentionOrganization = { retentionMonths: number }

/** The months that apply to an event: its own (only ever shorter) or the organization's default. */
export function effectiveRetentionMonths(event: RetentionEvent, organization: RetentionOrganization): number {
  const own = event.retentionMonths
  return own !== null && own < organization.retentionMonths ? own : organization.retentionMonths
}

/**
 * When the personal data of this event's attendees is anonymized: the event's end plus its retention
 * months, counted on Stockholm's calendar (an event ending 31 March with 1 month is anonymized on
 * 30 April at the same wall time). The one place that date is computed (ADR 0031).
 */
export function anonymizationDate(event: RetentionEvent, organization: RetentionOrganization): Date {
  return addStockholmMonths(event.endsAt, effectiveRetentionMonths(event, organization))
}

function addStockholmMonths(instant: Date, months: number): Date {
  const c = stockholmClock(instant)
  const monthIndex = c.month - 1 + months
  const lastDay = new Date(Date.UTC(c.year, monthIndex + 1, 0)).getUTCDate()
  const seconds = instant.getUTCSeconds()
  return new Date(new TZDate(c.year, monthIndex, Math.min(c.day, lastDay), c.hour, c.minute, seconds, TIME_ZONE).getTime())
}

// ---------- anonymizing ----------

/** Any fixed number: the key of the advisory lock that lets one instance at a time run the job. */
const RETENTION_LOCK_KEY = 731_942_031

/** What one anonymization wiped (the audit entry's counts). */
export type AnonymizedCounts = {
  registrations: number
  answers: number
  audienceQuestions: number
  checkInScans: number
  speakerInvitations: number
  registrationInvites: number
  seriesSignups: number
  outboxMessages: number
}

const zeroCounts = (): AnonymizedCounts => ({
  registrations: 0,
  answers: 0,
  audienceQuestions: 0,
  checkInScans: 0,
  speakerInvitations: 0,
  registrationInvites: 0,
  seriesSignups: 0,
  outboxMessages: 0,
})

function addCounts(into: AnonymizedCounts, more: AnonymizedCounts) {
  for (const key of Object.keys(into) as Array<keyof AnonymizedCounts>) into[key] += more[key]
}

/** The registrant's name on an anonymized row, as organizers' lists read it (they show "Anonymiserad" instead). */
export const ANONYMIZED_NAME = ''
/** Unique per row (the CHECK and the unique index on e-mail need a value) and never deliverable (RFC 2606 .invalid). */
const anonymizedAddressSql = (idColumn: string) => `(${idColumn}::text || '@anonymized.invalid')`
/**
 * Not a SHA-256 in hex, so no token hashes to it: every invitation link stops working. (A manage link's
 * hash keeps its value behind the same prefix: it opens nothing, but the page can say the data was erased.)
 */
const deadTokenSql = (idColumn: string) => `('anonymized:' || ${idColumn}::text)`

/** Strings that identify the people being anonymized, to find them in mail logs and audit details. */
type Traces = { emails: Set<string>; names: Set<string> }

function addTrace(traces: Traces, email: string | null | undefined, name: string | null | undefined) {
  if (email && !email.endsWith('@anonymized.invalid')) {
    traces.emails.add(email)
    traces.emails.add(email.trim().toLowerCase())
  }
  // Very short names ("Al") would match unrelated words in mail logs; longer ones are exact JSON strings below.
  if (name && name.trim().length >= 3) traces.names.add(name)
}

/**
 * Wipes the personal columns of the given registrations (and what hangs off them) in the caller's
 * transaction. Kept: event, status, attendance mode, sector, län/abroad, ticket and price, check-in
 * time, consent version, dates: what the dashboard and the organization report count. Rows already
 * anonymized are skipped, so repeating it changes nothing. Pending mail to these people is dropped.
 */
export async function anonymizeRegistrations(tx: Tx, registrationIds: string[], now = new Date()): Promise<{ counts: AnonymizedCounts; traces: Traces }> {
  const counts = zeroCounts()
  const traces: Traces = { emails: new Set(), names: new Set() }
  if (registrationIds.length === 0) return { counts, traces }
  const rows = await tx.registration.findMany({
    where: { id: { in: registrationIds }, anonymizedAt: null },
    select: { id: true, name: true, email: true, emailNormalized: true, answers: true, seriesSignupId: true, buyerReference: true },
  })
  if (rows.length === 0) return { counts, traces }
  const ids = rows.map((row) => row.id)
  for (const row of rows) addTrace(traces, row.email, row.name)
  for (const row of rows) if (row.buyerReference) addTrace(traces, null, row.buyerReference)
  counts.registrations = rows.length
  counts.answers = rows.filter((row) => row.answers && typeof row.answers === 'object' && Object.keys(row.answers).length > 0).length

  // One made-up address per person in this call (random, not derived from the old one): the report's
  // "unique people" still counts someone with two registrations anonymized together once.
  const pseudonyms = new Map<string, string>()
  for (const row of rows) if (!pseudonyms.has(row.emailNormalized)) pseudonyms.set(row.emailNormalized, `${randomUUID()}@anonymized.invalid`)
  await tx.$executeRawUnsafe(
    `UPDATE registrations r SET
       name = '', email = p.address, email_normalized = p.address,
       organization_name = NULL, answers = '{}'::jsonb, manage_token_hash = 'anonymized:' || r.manage_token_hash,
       person_id = NULL, invoice_org_number = NULL, invoice_address = NULL,
       invoice_e_reference = NULL, buyer_reference = NULL, anonymized_at = $3, updated_at = $3
     FROM unnest($1::uuid[], $2::text[]) AS p(id, address)
     WHERE r.id = p.id AND r.anonymized_at IS NULL`,
    ids,
    rows.map((row) => pseudonyms.get(row.emailNormalized)!),
    now,
  )
  // The question stays (moderators' counts per session); its words and its asker's name do not.
  counts.audienceQuestions = await tx.$executeRawUnsafe(
    `UPDATE audience_questions SET text = '–', is_anonymous = true, updated_at = $2 WHERE registration_id = ANY($1::uuid[]) AND text <> '–'`,
    ids,
    now,
  )
  counts.checkInScans = await tx.$executeRawUnsafe(`UPDATE check_in_scans SET registration_id = NULL WHERE registration_id = ANY($1::uuid[])`, ids)
  // Mail not sent yet would go to an address that no longer exists: dropped. Sent mail keeps its row for the counts.
  counts.outboxMessages += await tx.$executeRawUnsafe(`DELETE FROM outbox_messages WHERE registration_id = ANY($1::uuid[]) AND status = 'pending'`, ids)
  counts.outboxMessages += await tx.$executeRawUnsafe(
    `UPDATE outbox_messages SET recipient = '', payload = '{}'::jsonb, last_error = NULL
     WHERE registration_id = ANY($1::uuid[]) AND (recipient <> '' OR payload <> '{}'::jsonb)`,
    ids,
  )
  // A series sign-up goes once none of its parts holds personal data any more.
  const signupIds = [...new Set(rows.flatMap((row) => (row.seriesSignupId ? [row.seriesSignupId] : [])))]
  if (signupIds.length) {
    const signups = await tx.seriesSignup.findMany({
      where: { id: { in: signupIds }, anonymizedAt: null, registrations: { every: { anonymizedAt: { not: null } } } },
      select: { id: true, name: true, email: true },
    })
    for (const signup of signups) addTrace(traces, signup.email, signup.name)
    if (signups.length)
      counts.seriesSignups = await tx.$executeRawUnsafe(
        `UPDATE series_signups SET name = '', email = ${anonymizedAddressSql('id')}, email_normalized = ${anonymizedAddressSql('id')},
           organization_name = NULL, anonymized_at = $2
         WHERE id = ANY($1::uuid[])`,
        signups.map((signup) => signup.id),
        now,
      )
  }
  await dropOrphanedPersonalFeeds(tx, traces)
  return { counts, traces }
}

/** A personal calendar feed (by address) goes when the address has no registration left anywhere. */
async function dropOrphanedPersonalFeeds(tx: Tx, traces: Traces) {
  const emails = [...traces.emails].map((email) => email.trim().toLowerCase())
  if (emails.length === 0) return
  await tx.$executeRawUnsafe(
    `DELETE FROM personal_feeds f WHERE f.email_normalized = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.email_normalized = f.email_normalized)`,
    emails,
  )
}

/**
 * Mail logs and audit details that still name these people (a digest listing who registered, an
 * invitation's audit entry with the address): found by the exact JSON string of the name or address,
 * so other people's entries are left as they are. Only sent or failed mail is touched.
 */
export async function scrubTraces(tx: Tx, input: { organizationId: string; since: Date; traces: Traces }): Promise<number> {
  const raw = [...input.traces.emails, ...input.traces.names]
  if (raw.length === 0) return 0
  const json = raw.map((value) => JSON.stringify(value))
  const mails = await tx.$executeRawUnsafe(
    `UPDATE outbox_messages o SET recipient = '', payload = '{}'::jsonb, last_error = NULL
     WHERE o.status <> 'pending' AND o.created_at >= $3
       AND (o.recipient = ANY($2::text[])
         OR EXISTS (SELECT 1 FROM unnest($1::text[]) AS t(v) WHERE strpos(o.payload::text, t.v) > 0)
         OR EXISTS (SELECT 1 FROM unnest($2::text[]) AS t(v) WHERE strpos(coalesce(o.last_error, ''), t.v) > 0))`,
    json,
    [...input.traces.emails],
    input.since,
  )
  await tx.$executeRawUnsafe(
    `UPDATE audit_log a SET data = jsonb_build_object('anonymized', true) || (a.data - 'email' - 'name' - 'suggestedEmail' - 'suggestedName' - 'reason')
     WHERE a.organization_id = $2 AND a.created_at >= $3
       AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS t(v) WHERE strpos(a.data::text, t.v) > 0)`,
    json,
    input.organizationId,
    input.since,
  )
  // Whatever still names them after the known keys went (a name inside a longer detail) loses its details.
  await tx.$executeRawUnsafe(
    `UPDATE audit_log a SET data = jsonb_build_object('anonymized', true)
     WHERE a.organization_id = $2 AND a.created_at >= $3
       AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS t(v) WHERE strpos(a.data::text, t.v) > 0)`,
    json,
    input.organizationId,
    input.since,
  )
  return mails
}

/**
 * Everything personal about one event's people, in the caller's transaction: its registrations and
 * what the event holds about others (invitations, invites, mail logs). Sets events.anonymized_at.
 * The retention job calls it; so does the demo for its event whose period has passed.
 */
export async function anonymizeEvent(tx: Tx, event: { id: string; organizationId: string; createdAt: Date }, now: Date): Promise<AnonymizedCounts> {
  const registrations = await tx.registration.findMany({ where: { eventId: event.id, anonymizedAt: null }, select: { id: true } })
  const { counts, traces } = await anonymizeRegistrations(
    tx,
    registrations.map((r) => r.id),
    now,
  )
  // Speaker invitations that never became a speaker (declined, expired, revoked, unanswered): the
  // accepted ones are the public programme and stay.
  const invitations = await tx.speakerInvitation.findMany({
    where: { eventId: event.id, status: { not: 'accepted' }, anonymizedAt: null },
    select: { id: true, name: true, email: true, suggestedName: true, suggestedEmail: true },
  })
  for (const invitation of invitations) {
    addTrace(traces, invitation.email, invitation.name)
    addTrace(traces, invitation.suggestedEmail, invitation.suggestedName)
  }
  if (invitations.length)
    counts.speakerInvitations = await tx.$executeRawUnsafe(
      `UPDATE speaker_invitations SET name = '', email = '', message = '', decline_reason = NULL, suggested_name = NULL,
         suggested_email = NULL, token_hash = ${deadTokenSql('id')}, speaker_id = NULL, anonymized_at = $2
       WHERE id = ANY($1::uuid[])`,
      invitations.map((invitation) => invitation.id),
      now,
    )
  const invites = await tx.registrationInvite.findMany({
    where: { eventId: event.id, NOT: { tokenHash: { startsWith: 'anonymized:' } } },
    select: { id: true, name: true, email: true },
  })
  for (const invite of invites) addTrace(traces, invite.email, invite.name)
  if (invites.length)
    counts.registrationInvites = await tx.$executeRawUnsafe(
      `UPDATE registration_invites SET name = '', email = ${anonymizedAddressSql('id')}, email_normalized = ${anonymizedAddressSql('id')},
         token_hash = ${deadTokenSql('id')}, revoked_at = coalesce(revoked_at, $2)
       WHERE id = ANY($1::uuid[])`,
      invites.map((invite) => invite.id),
      now,
    )
  // The event's own mail log: every message about it that has left (or was given up on).
  counts.outboxMessages += await tx.$executeRawUnsafe(
    `UPDATE outbox_messages SET recipient = '', payload = '{}'::jsonb, last_error = NULL
     WHERE event_id = $1::uuid AND status <> 'pending' AND (recipient <> '' OR payload <> '{}'::jsonb)`,
    event.id,
  )
  counts.outboxMessages += await scrubTraces(tx, { organizationId: event.organizationId, since: event.createdAt, traces })
  await tx.event.update({ where: { id: event.id }, data: { anonymizedAt: now } })
  return counts
}

export type RetentionRun = {
  /** False when another instance held the job at that moment (it does the work). */
  ran: boolean
  events: number
  counts: AnonymizedCounts
}

/**
 * The retention job: anonymizes the people of every event whose anonymizationDate has passed, one
 * audit entry per organization with the counts (none when nothing was due). Safe to run in several
 * instances at once: the run holds a transaction-level advisory lock and another instance that
 * finds it taken skips its turn; a later run finds nothing left (events.anonymized_at), so
 * repeating it anonymizes nothing twice.
 */
export async function runRetention(input: { now?: Date } = {}): Promise<RetentionRun> {
  const now = input.now ?? new Date()
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK_KEY}) AS locked`)
      if (!lock?.locked) return { ran: false, events: 0, counts: zeroCounts() }
      // The shortest retention is a month (at least 28 days): older events are the only candidates.
      const candidates = await tx.event.findMany({
        where: { anonymizedAt: null, endsAt: { lte: new Date(now.getTime() - 28 * 86_400_000) } },
        select: {
          id: true,
          organizationId: true,
          createdAt: true,
          endsAt: true,
          retentionMonths: true,
          titleSv: true,
          organization: { select: { retentionMonths: true } },
        },
        orderBy: { endsAt: 'asc' },
      })
      const due = candidates.filter((event) => anonymizationDate(event, event.organization) <= now)
      const total = zeroCounts()
      const byOrganization = new Map<string, { eventIds: string[]; counts: AnonymizedCounts }>()
      for (const event of due) {
        const counts = await anonymizeEvent(tx, event, now)
        const entry = byOrganization.get(event.organizationId) ?? { eventIds: [], counts: zeroCounts() }
        entry.eventIds.push(event.id)
        addCounts(entry.counts, counts)
        byOrganization.set(event.organizationId, entry)
        addCounts(total, counts)
      }
      for (const [organizationId, entry] of byOrganization)
        await recordAudit(tx, {
          organizationId,
          actorId: null,
          action: 'retention.anonymized',
          entityType: 'organization',
          entityId: organizationId,
          data: { eventIds: entry.eventIds, events: entry.eventIds.length, ...entry.counts },
        })
      return { ran: true, events: due.length, counts: total }
    },
    { maxWait: 60_000, timeout: 300_000 },
  )
}

/** Runs runRetention shortly after boot and then every `intervalMs` (an hour) until stop(). */
export function startRetention(options: { intervalMs?: number; firstAfterMs?: number } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve()
  const tick = () => {
    running = runRetention()
      .then((run) => {
        if (run.events) log({ level: 'info', msg: 'retention anonymized', events: run.events, registrations: run.counts.registrations })
      })
      .catch((error: unknown) =>
        log({ level: 'error', msg: 'retention failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
      )
  }
  const first = setTimeout(tick, options.firstAfterMs ?? 30_000)
  first.unref()
  const timer = setInterval(tick, options.intervalMs ?? 3_600_000)
  timer.unref()
  return {
    async stop() {
      clearTimeout(first)
      clearInterval(timer)
      await running
    },
  }
}

// ---------- settings ----------

const months = z.coerce
  .number({ message: 'retention.error.months' })
  .int({ message: 'retention.error.months' })
  .min(1, { message: 'retention.error.months' })
  .max(MAX_RETENTION_MONTHS, { message: 'retention.error.months' })

/** The event's field: empty = the organization's default. Shorter than the default is checked by setEventRetention. */
export const EventRetentionSchema = z.object({
  retentionMonths: z.union([z.literal('').transform(() => null), months]),
})
/** The organization's default, 1–120 months. */
export const OrganizationRetentionSchema = z.object({ retentionMonths: months })

/**
 * Organizers and owners: shortens this event's retention (null: back to the organization's default).
 * Longer than the default is a 400 on the field, in the person's language; an event whose data is
 * already anonymized cannot change (409). Audited.
 */
export async function setEventRetention(input: { access: Access; eventId: string; retentionMonths: number | null }) {
  if (!canManageEvents(input.access.role)) throw new ForbiddenError()
  const organizationMonths = input.access.organization.retentionMonths
  if (input.retentionMonths !== null && input.retentionMonths > organizationMonths)
    throw new DomainError('retention.error.onlyShorter', 400, { max: organizationMonths }, 'retentionMonths')
  return db.$transaction(async (tx) => {
    const event = await tx.event.findFirst({
      where: { id: input.eventId, organizationId: input.access.organization.id },
      select: { id: true, retentionMonths: true, anonymizedAt: true },
    })
    if (!event) throw new NotFoundError('error.eventNotFound')
    if (event.anonymizedAt) throw new DomainError('retention.error.alreadyAnonymized', 409, {}, 'retentionMonths')
    const months = input.retentionMonths === organizationMonths ? null : input.retentionMonths
    await tx.event.update({ where: { id: event.id }, data: { retentionMonths: months } })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'event.retentionChanged',
      entityType: 'event',
      entityId: event.id,
      data: { eventId: event.id, from: event.retentionMonths, to: months },
    })
  })
}

/** Owners only: the organization's default retention (events that chose a shorter one keep theirs while shorter). Audited. */
export async function setOrganizationRetention(input: { access: Access; retentionMonths: number }) {
  if (input.access.role !== 'owner') throw new ForbiddenError()
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: input.access.organization.id }, select: { retentionMonths: true } })
    await tx.organization.update({ where: { id: input.access.organization.id }, data: { retentionMonths: input.retentionMonths } })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'organization.retentionChanged',
      entityType: 'organization',
      entityId: input.access.organization.id,
      data: { from: before.retentionMonths, to: input.retentionMonths },
    })
  })
}

/** What the console's event page shows: the date, whether it has passed, and the field's bounds. */
export async function eventRetention(input: { access: Access; eventId: string }) {
  const event = await db.event.findFirst({
    where: { id: input.eventId, organizationId: input.access.organization.id },
    select: { endsAt: true, retentionMonths: true, anonymizedAt: true },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  const organization = { retentionMonths: input.access.organization.retentionMonths }
  return {
    anonymizesOn: anonymizationDate(event, organization),
    anonymizedAt: event.anonymizedAt,
    months: effectiveRetentionMonths(event, organization),
    ownMonths: event.retentionMonths,
    organizationMonths: organization.retentionMonths,
  }
}

import { z } from 'zod'
import { MAILING_LIMITS, unknownPlaceholders } from '../../emails/bulk-mailing.tsx'
import { recordAudit } from '../audit/audit.server.ts'
import { usableEmail } from '../calendar/invite.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { DomainError, ForbiddenError, InvalidFormError, NotFoundError } from '../errors.server.ts'
import { Prisma, type MailingState } from '../generated/prisma/client.ts'
import { pick, type Locale } from '../i18n/index.ts'
import { enqueueMails, type EnqueueMailInput } from '../mail/outbox.server.ts'
import { renderMail, type RenderedMail } from '../mail/templates.server.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { filterWhere, RegistrationQuerySchema } from '../registrations/console.server.ts'
import { manageToken, manageUrl } from '../registrations/tokens.server.ts'

/**
 * Bulk mailings with review (issue 11 §3, ADR 0027). An organizer writes a mailing to a filtered
 * group of one event's registrants (the registrations list's own filters, filterWhere), in Swedish
 * and/or English, previews it as each recipient will read it, and saves it as a draft. Nothing is
 * queued until "Skicka" (sendMailing), or until the time of a pressed "Schemalägg" arrives
 * (sendDueMailings). Both claim the mailing with one conditional UPDATE on its state, so two presses,
 * two organizers or two instances queue it once; mailing_recipients' primary key (mailing ×
 * registration) and the outbox dedupKey make it one message per recipient even so. Addresses that
 * left this organization's mailings, Samling's notification mail, or that bounced are skipped and counted.
 */

export const MailingFilterSchema = RegistrationQuerySchema.pick({ mode: true, status: true, sector: true, item: true, via: true })
export type MailingFilter = z.output<typeof MailingFilterSchema>

const text = (max: number) => z.string().trim().max(max).default('')

/** The form of a draft: content in both languages (either may be empty) and the filters. */
export const MailingFormSchema = z.object({
  subjectSv: text(MAILING_LIMITS.subject),
  bodySv: text(MAILING_LIMITS.body),
  subjectEn: text(MAILING_LIMITS.subject),
  bodyEn: text(MAILING_LIMITS.body),
  ...MailingFilterSchema.shape,
})
export type MailingForm = z.output<typeof MailingFormSchema>

export const ScheduleSchema = z.object({ scheduledAt: z.string().trim().max(40) })

type MailingRow = Prisma.MailingGetPayload<object>

/** A stored filter read back; anything that no longer fits (an item removed since) is dropped. */
export function readFilter(value: unknown): MailingFilter {
  const raw = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  const parsed = MailingFilterSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const kept = { ...raw }
  for (const issue of parsed.error.issues) delete kept[String(issue.path[0])]
  return MailingFilterSchema.parse(kept)
}

/** Who a mailing goes to: the filters, and without a chosen status the confirmed and the waitlisted (never the cancelled or interest-only). */
export function recipientWhere(eventId: string, filter: MailingFilter): Prisma.RegistrationWhereInput {
  const where = filterWhere(eventId, { ...filter, page: 1 })
  if (!filter.status) where.status = { in: ['confirmed', 'waitlisted'] }
  // Anonymized rows have no address left to mail (ADR 0031).
  where.anonymizedAt = null
  return where
}

/** The language a recipient reads: their own if the mailing has it, else the other one. */
export function contentFor(mailing: Pick<MailingRow, 'subjectSv' | 'bodySv' | 'subjectEn' | 'bodyEn'>, locale: Locale) {
  const has = (language: Locale) => (language === 'sv' ? mailing.subjectSv && mailing.bodySv : mailing.subjectEn && mailing.bodyEn)
  const language: Locale = has(locale) ? locale : locale === 'sv' ? 'en' : 'sv'
  if (!has(language)) return null
  return language === 'sv'
    ? { locale: language, subject: mailing.subjectSv, body: mailing.bodySv }
    : { locale: language, subject: mailing.subjectEn, body: mailing.bodyEn }
}

/**
 * A mailing may be sent when at least one language has both subject and body, no language has only
 * one of them, and no placeholder is misspelt. Throws InvalidFormError with the fields to fix.
 */
function assertSendable(mailing: Pick<MailingRow, 'subjectSv' | 'bodySv' | 'subjectEn' | 'bodyEn'>) {
  const issues: Array<{ path: string[]; message: string }> = []
  const pairs = [
    ['subjectSv', 'bodySv'],
    ['subjectEn', 'bodyEn'],
  ] as const
  for (const [subject, body] of pairs) {
    if (mailing[subject] && !mailing[body]) issues.push({ path: [body], message: 'mailings.error.bodyMissing' })
    if (!mailing[subject] && mailing[body]) issues.push({ path: [subject], message: 'mailings.error.subjectMissing' })
    for (const field of [subject, body]) {
      const unknown = unknownPlaceholders(mailing[field])
      if (unknown.length) issues.push({ path: [field], message: 'mailings.error.placeholder' })
    }
  }
  if (!mailing.subjectSv && !mailing.bodySv && !mailing.subjectEn && !mailing.bodyEn) issues.push({ path: ['subjectSv'], message: 'mailings.error.empty' })
  if (issues.length) throw new InvalidFormError(issues.map((issue) => ({ path: issue.path, message: issue.message, code: 'custom' })))
}

function requireManager(access: Access) {
  if (!canManageEvents(access.role)) throw new ForbiddenError()
}

async function findEvent(access: Access, eventId: string) {
  const event = await db.event.findFirst({
    where: { id: eventId, organizationId: access.organization.id },
    select: { id: true, slug: true, titleSv: true, titleEn: true, seriesId: true },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

async function findMailing(access: Access, eventId: string, mailingId: string) {
  const mailing = await db.mailing.findFirst({ where: { id: mailingId, eventId, organizationId: access.organization.id } })
  if (!mailing) throw new NotFoundError('mailings.notFound')
  return mailing
}

export type MailingCounts = { queued: number; sent: number; failed: number; skipped: number }

/** Per mailing: its messages still queued, sent, given up on, and skipped (at queueing or by the worker). */
async function countMessages(mailingIds: string[]): Promise<Map<string, MailingCounts>> {
  if (mailingIds.length === 0) return new Map()
  const rows = await db.$queryRaw<Array<{ id: string; queued: bigint; sent: bigint; failed: bigint; skipped: bigint }>>`
    SELECT r.mailing_id::text AS id,
           count(*) FILTER (WHERE o.status = 'pending') AS queued,
           count(*) FILTER (WHERE o.status = 'sent' AND o.sent_at IS NOT NULL) AS sent,
           count(*) FILTER (WHERE o.status = 'failed') AS failed,
           count(*) FILTER (WHERE r.skipped IS NOT NULL OR (o.status = 'sent' AND o.sent_at IS NULL)) AS skipped
      FROM mailing_recipients r LEFT JOIN outbox_messages o ON o.id = r.outbox_message_id
     WHERE r.mailing_id IN (${Prisma.join(mailingIds.map((id) => Prisma.sql`${id}::uuid`))})
     GROUP BY r.mailing_id`
  return new Map(rows.map((row) => [row.id, { queued: Number(row.queued), sent: Number(row.sent), failed: Number(row.failed), skipped: Number(row.skipped) }]))
}

/** Viewers and up. The event's mailings, newest first, with their message counts. */
export async function listMailings(input: { access: Access; eventId: string }) {
  const event = await findEvent(input.access, input.eventId)
  const mailings = await db.mailing.findMany({
    where: { eventId: event.id, organizationId: input.access.organization.id },
    orderBy: { createdAt: 'desc' },
    take: 200,
  })
  const counts = await countMessages(mailings.map((mailing) => mailing.id))
  return { event, mailings: mailings.map((mailing) => ({ ...mailing, counts: counts.get(mailing.id) ?? { queued: 0, sent: 0, failed: 0, skipped: 0 } })) }
}

/** Organizers. A new, empty draft to the event's confirmed and waitlisted registrants. Throws NotFound / Forbidden. */
export async function createMailing(input: { access: Access; eventId: string }) {
  requireManager(input.access)
  const event = await findEvent(input.access, input.eventId)
  return db.mailing.create({ data: { organizationId: input.access.organization.id, eventId: event.id, createdById: input.access.personId } })
}

/** How many registrations the filter selects, and up to `take` of them to preview (name, language). */
async function recipientsOf(eventId: string, filter: MailingFilter, take = 200) {
  const where = recipientWhere(eventId, filter)
  const [total, people] = await Promise.all([
    db.registration.count({ where }),
    db.registration.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], take, select: { id: true, name: true, locale: true, emailNormalized: true } }),
  ])
  return { total, people }
}

/** Viewers and up. One mailing with its counts, who it would go to now, and what the event offers to filter by. */
export async function getMailing(input: { access: Access; eventId: string; mailingId: string }) {
  const event = await findEvent(input.access, input.eventId)
  const mailing = await findMailing(input.access, event.id, input.mailingId)
  const filter = readFilter(mailing.filter)
  const [counts, recipients, items] = await Promise.all([
    countMessages([mailing.id]),
    recipientsOf(event.id, filter),
    db.programmeItem.findMany({
      where: { eventId: event.id, capacity: { not: null } },
      orderBy: { startsAt: 'asc' },
      select: { id: true, titleSv: true, titleEn: true },
    }),
  ])
  return { event, mailing, filter, counts: counts.get(mailing.id) ?? { queued: 0, sent: 0, failed: 0, skipped: 0 }, recipients, items }
}

/** Organizers. Saves a draft's content and filters; only a draft can change (409 otherwise). */
export async function saveMailing(input: { access: Access; eventId: string; mailingId: string; form: MailingForm }) {
  requireManager(input.access)
  const mailing = await findMailing(input.access, input.eventId, input.mailingId)
  const { subjectSv, bodySv, subjectEn, bodyEn, ...filter } = input.form
  if (filter.item) {
    const item = await db.programmeItem.findFirst({ where: { id: filter.item, eventId: mailing.eventId }, select: { id: true } })
    if (!item) throw new DomainError('mailings.error.item', 400, {}, 'item')
  }
  const { count } = await db.mailing.updateMany({
    where: { id: mailing.id, state: 'draft' },
    data: { subjectSv, bodySv, subjectEn, bodyEn, filter: MailingFilterSchema.parse(filter) as object },
  })
  if (count === 0) throw stateError(mailing.state)
  return mailing.id
}

function stateError(state: MailingState): DomainError {
  return new DomainError(
    state === 'cancelled' ? 'mailings.error.cancelled' : state === 'scheduled' ? 'mailings.error.scheduled' : 'mailings.error.alreadySent',
    409,
  )
}

const PREVIEW_TOKEN = 'forhandsvisning'

/**
 * Viewers and up. The mail as `registrationId` (one of the mailing's recipients) will receive it, in
 * their language. The manage link is a stand-in: a preview never shows a working token.
 */
export async function previewMailing(input: { access: Access; eventId: string; mailingId: string; registrationId: string }) {
  const event = await findEvent(input.access, input.eventId)
  const mailing = await findMailing(input.access, event.id, input.mailingId)
  const registration = await db.registration.findFirst({
    where: { AND: [recipientWhere(event.id, readFilter(mailing.filter)), { id: input.registrationId }] },
    select: { id: true, name: true, locale: true, tokenVersion: true },
  })
  if (!registration) throw new NotFoundError('mailings.error.recipient')
  const content = contentFor(mailing, registration.locale)
  if (!content) return null
  const organization = input.access.organization
  const rendered: RenderedMail = await renderMail({
    template: 'bulk-mailing',
    locale: content.locale,
    payload: mailPayload({ organization, event, registration, content, manageLink: manageUrl(PREVIEW_TOKEN, content.locale) }),
    unsubscribeUrl: `${config().appUrl}/unsubscribe/${PREVIEW_TOKEN}`,
  })
  return { locale: content.locale, subject: rendered.subject, html: rendered.html, text: rendered.text }
}

type Content = NonNullable<ReturnType<typeof contentFor>>

function mailPayload(input: {
  organization: { name: string; contactEmail: string | null }
  event: { titleSv: string; titleEn: string }
  registration: { name: string }
  content: Content
  manageLink: string
}) {
  const replyTo = usableEmail(input.organization.contactEmail)
  return {
    ...(replyTo ? { replyTo } : {}),
    organizationName: input.organization.name,
    eventTitle: pick(input.event, 'title', input.content.locale),
    subject: input.content.subject,
    body: input.content.body,
    firstName: input.registration.name.trim().split(/\s+/)[0] ?? '',
    manageUrl: input.manageLink,
  }
}

const QUEUE_CHUNK = 500

/**
 * Queues a claimed mailing (state already `sending`) inside `tx`: one outbox row per selected
 * registration that has not left the organization's mailings or Samling's notification mail and
 * whose address did not bounce; the others get a skipped row. Returns the counts it stored.
 */
export async function queueMailing(tx: Tx, mailingId: string, now: Date) {
  const mailing = await tx.mailing.findUniqueOrThrow({ where: { id: mailingId }, include: { event: { include: { organization: true } } } })
  const { event } = mailing
  const registrations = await tx.registration.findMany({
    where: recipientWhere(event.id, readFilter(mailing.filter)),
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, email: true, emailNormalized: true, locale: true, tokenVersion: true },
  })
  const addresses = [...new Set(registrations.map((registration) => registration.emailNormalized))]
  const [samlingOptOuts, organizationOptOuts, bounced] = await Promise.all([
    tx.mailOptOut.findMany({ where: { emailNormalized: { in: addresses } }, select: { emailNormalized: true } }),
    tx.organizationMailOptOut.findMany({
      where: { organizationId: mailing.organizationId, emailNormalized: { in: addresses } },
      select: { emailNormalized: true },
    }),
    tx.bouncedAddress.findMany({ where: { emailNormalized: { in: addresses } }, select: { emailNormalized: true } }),
  ])
  const optedOut = new Set([...samlingOptOuts, ...organizationOptOuts].map((row) => row.emailNormalized))
  const bouncedSet = new Set(bounced.map((row) => row.emailNormalized))
  const skipped: Array<{ mailingId: string; registrationId: string; skipped: 'unsubscribed' | 'bounced' }> = []
  const mails: EnqueueMailInput[] = []
  for (const registration of registrations) {
    if (optedOut.has(registration.emailNormalized)) skipped.push({ mailingId, registrationId: registration.id, skipped: 'unsubscribed' })
    else if (bouncedSet.has(registration.emailNormalized)) skipped.push({ mailingId, registrationId: registration.id, skipped: 'bounced' })
    else {
      const content = contentFor(mailing, registration.locale)!
      mails.push({
        template: 'bulk-mailing',
        to: registration.email,
        locale: content.locale,
        organizationId: mailing.organizationId,
        eventId: event.id,
        registrationId: registration.id,
        dedupKey: `mailing:${mailingId}:${registration.id}`,
        // The manage link is sealed in the row (a secret field) and erased once sent (ADR 0010).
        payload: mailPayload({
          organization: event.organization,
          event,
          registration,
          content,
          manageLink: manageUrl(manageToken(registration), content.locale),
        }),
      })
    }
  }
  const queued = await enqueueMails(tx, mails)
  for (let start = 0; start < mails.length; start += QUEUE_CHUNK) {
    const keys = mails.slice(start, start + QUEUE_CHUNK).map((mail) => mail.dedupKey!)
    const rows = await tx.outboxMessage.findMany({ where: { dedupKey: { in: keys } }, select: { id: true, registrationId: true } })
    // The primary key (mailing, registration) refuses a second row: one message per recipient.
    await tx.mailingRecipient.createMany({ data: rows.map((row) => ({ mailingId, registrationId: row.registrationId!, outboxMessageId: row.id })) })
  }
  if (skipped.length) await tx.mailingRecipient.createMany({ data: skipped })
  const counts = {
    recipientCount: queued,
    skippedUnsubscribed: skipped.filter((row) => row.skipped === 'unsubscribed').length,
    skippedBounced: skipped.filter((row) => row.skipped === 'bounced').length,
  }
  await tx.mailing.update({
    where: { id: mailingId },
    // Nobody to mail: it is done at once.
    data: { ...counts, queuedAt: now, ...(queued === 0 ? { state: 'sent', sentAt: now } : {}) },
  })
  return counts
}

/**
 * Organizers. "Skicka": queues the draft now. The UPDATE … WHERE state = 'draft' claims it, so a
 * second press, or a second organizer at the same instant, gets 409 and queues nothing. Throws
 * InvalidFormError when the content cannot be sent, NotFound / Forbidden as usual. Audited.
 */
export async function sendMailing(input: { access: Access; eventId: string; mailingId: string; now?: Date }) {
  requireManager(input.access)
  const mailing = await findMailing(input.access, input.eventId, input.mailingId)
  if (mailing.state !== 'draft') throw stateError(mailing.state)
  assertSendable(mailing)
  const now = input.now ?? new Date()
  return db.$transaction(
    async (tx) => {
      const claimed = await tx.mailing.updateMany({ where: { id: mailing.id, state: 'draft' }, data: { state: 'sending', queuedAt: now } })
      if (claimed.count === 0) throw new DomainError('mailings.error.alreadySent', 409)
      const counts = await queueMailing(tx, mailing.id, now)
      await recordAudit(tx, {
        organizationId: input.access.organization.id,
        actorId: input.access.personId,
        action: 'mailing.sent',
        entityType: 'mailing',
        entityId: mailing.id,
        data: { eventId: mailing.eventId, ...counts },
      })
      return counts
    },
    { timeout: 60_000 },
  )
}

/**
 * Organizers. "Schemalägg": the draft goes at `scheduledAt` (Stockholm time, already read by the
 * route), which must be in the future. Until then it can be cancelled; nothing is queued before.
 */
export async function scheduleMailing(input: { access: Access; eventId: string; mailingId: string; at: Date; now?: Date }) {
  requireManager(input.access)
  const mailing = await findMailing(input.access, input.eventId, input.mailingId)
  if (mailing.state !== 'draft') throw stateError(mailing.state)
  assertSendable(mailing)
  const now = input.now ?? new Date()
  if (input.at.getTime() <= now.getTime()) throw new DomainError('mailings.error.past', 400, {}, 'scheduledAt')
  await db.$transaction(async (tx) => {
    const claimed = await tx.mailing.updateMany({ where: { id: mailing.id, state: 'draft' }, data: { state: 'scheduled', scheduledAt: input.at } })
    if (claimed.count === 0) throw new DomainError('mailings.error.alreadySent', 409)
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'mailing.scheduled',
      entityType: 'mailing',
      entityId: mailing.id,
      data: { eventId: mailing.eventId, scheduledAt: input.at.toISOString() },
    })
  })
}

/** Organizers. Cancels a scheduled mailing (409 once it is queued: too late). Audited. */
export async function cancelMailing(input: { access: Access; eventId: string; mailingId: string; now?: Date }) {
  requireManager(input.access)
  const mailing = await findMailing(input.access, input.eventId, input.mailingId)
  await db.$transaction(async (tx) => {
    const claimed = await tx.mailing.updateMany({
      where: { id: mailing.id, state: 'scheduled' },
      data: { state: 'cancelled', cancelledAt: input.now ?? new Date() },
    })
    if (claimed.count === 0) throw new DomainError(mailing.state === 'cancelled' ? 'mailings.error.cancelled' : 'mailings.error.notScheduled', 409)
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'mailing.cancelled',
      entityType: 'mailing',
      entityId: mailing.id,
      data: { eventId: mailing.eventId },
    })
  })
}

/**
 * Every minute beside the mail worker (runScheduledMail): queues the scheduled mailings whose time
 * has come (each claimed scheduled → sending with one UPDATE, so two instances queue it once), and
 * marks `sent` the mailings none of whose messages is still queued.
 */
export async function runDueMailings(input: { now?: Date } = {}) {
  const now = input.now ?? new Date()
  const due = await db.mailing.findMany({
    where: { state: 'scheduled', scheduledAt: { lte: now } },
    orderBy: { scheduledAt: 'asc' },
    take: 20,
    select: { id: true },
  })
  let queued = 0
  for (const { id } of due) {
    await db.$transaction(
      async (tx) => {
        const claimed = await tx.mailing.updateMany({ where: { id, state: 'scheduled', scheduledAt: { lte: now } }, data: { state: 'sending', queuedAt: now } })
        if (claimed.count === 0) return
        const mailing = await tx.mailing.findUniqueOrThrow({ where: { id }, select: { organizationId: true, eventId: true } })
        const counts = await queueMailing(tx, id, now)
        queued += counts.recipientCount
        await recordAudit(tx, {
          organizationId: mailing.organizationId,
          actorId: null,
          action: 'mailing.sent',
          entityType: 'mailing',
          entityId: id,
          data: { eventId: mailing.eventId, scheduled: true, ...counts },
        })
      },
      { timeout: 60_000 },
    )
  }
  const settled = await db.$executeRaw`
    UPDATE mailings AS m SET state = 'sent', sent_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
     WHERE m.state = 'sending'
       AND NOT EXISTS (SELECT 1 FROM mailing_recipients r JOIN outbox_messages o ON o.id = r.outbox_message_id
                        WHERE r.mailing_id = m.id AND o.status = 'pending')`
  return { started: due.length, queued, settled }
}

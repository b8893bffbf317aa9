import { createElement } from 'react'
import { render } from '@react-email/components'
import type { z } from 'zod'
import { eventChanged } from '../../emails/event-changed.tsx'
import { eventFull } from '../../emails/event-full.tsx'
import { organizerRegistrations } from '../../emails/organizer-registrations.tsx'
import { interestRegistered } from '../../emails/interest-registered.tsx'
import { materialsPublished } from '../../emails/materials-published.tsx'
import { bulkMailing } from '../../emails/bulk-mailing.tsx'
import { memberInvitation } from '../../emails/member-invitation.tsx'
import { registrationCancelled } from '../../emails/registration-cancelled.tsx'
import { registrationConfirmed } from '../../emails/registration-confirmed.tsx'
import { registrationExists } from '../../emails/registration-exists.tsx'
import { registrationWaitlisted } from '../../emails/registration-waitlisted.tsx'
import { registrationOpened } from '../../emails/registration-opened.tsx'
import { seriesPartAdded } from '../../emails/series-part-added.tsx'
import { registrationReminder } from '../../emails/registration-reminder.tsx'
import { registrationInvite } from '../../emails/registration-invite.tsx'
import { signInLink } from '../../emails/sign-in-link.tsx'
import { speakerAnswer } from '../../emails/speaker-answer.tsx'
import { speakerConfirmed } from '../../emails/speaker-confirmed.tsx'
import { speakerInvitation } from '../../emails/speaker-invitation.tsx'
import { speakerReminder } from '../../emails/speaker-reminder.tsx'
import { speakerSessionChanged } from '../../emails/speaker-session-changed.tsx'
import { proposalAccepted } from '../../emails/proposal-accepted.tsx'
import { proposalDeclined } from '../../emails/proposal-declined.tsx'
import { proposalNew } from '../../emails/proposal-new.tsx'
import { proposalReceived } from '../../emails/proposal-received.tsx'
import { proposalWithdrawn } from '../../emails/proposal-withdrawn.tsx'
import { CalendarInviteSchema, CalendarInvitesSchema, CHECK_IN_QR_CID, CheckInTicketSchema } from '../../emails/schemas.ts'
import type { MailContext, MailKind, MailTemplate } from '../../emails/template.ts'
import { buildInvitationIcs } from '../calendar/ics.server.ts'
import { checkInQrPng } from '../check-in/qr.server.ts'
import type { Locale } from '../i18n/index.ts'
import { sitePrivacyUrl } from './privacy-link.server.ts'

/**
 * The registry of every message Samling sends: name → schema, kind and renderer. enqueueMail checks
 * payloads against it, the worker renders with it, and the organizer preview lists it.
 */
const templates = {
  'sign-in-link': signInLink,
  'member-invitation': memberInvitation,
  'event-changed': eventChanged,
  'organizer-registrations': organizerRegistrations,
  'event-full': eventFull,
  'registration-confirmed': registrationConfirmed,
  'registration-waitlisted': registrationWaitlisted,
  'registration-cancelled': registrationCancelled,
  'registration-exists': registrationExists,
  'interest-registered': interestRegistered,
  'registration-opened': registrationOpened,
  'series-part-added': seriesPartAdded,
  'registration-reminder': registrationReminder,
  'registration-invite': registrationInvite,
  'speaker-invitation': speakerInvitation,
  'speaker-answer': speakerAnswer,
  'speaker-reminder': speakerReminder,
  'speaker-confirmed': speakerConfirmed,
  'speaker-session-changed': speakerSessionChanged,
  'proposal-received': proposalReceived,
  'proposal-accepted': proposalAccepted,
  'proposal-declined': proposalDeclined,
  'proposal-withdrawn': proposalWithdrawn,
  'proposal-new': proposalNew,
  'materials-published': materialsPublished,
  'bulk-mailing': bulkMailing,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each template has its own payload type
} satisfies Record<string, MailTemplate<any>>

export type TemplateName = keyof typeof templates
export type TemplatePayload<N extends TemplateName> = z.input<(typeof templates)[N]['schema']>
export type { MailKind }

export const TEMPLATE_NAMES = Object.keys(templates) as TemplateName[]

/** The text/calendar part of a message; `method` is the METHOD inside `content` (nodemailer's icalEvent). */
export type MailCalendarPart = { method: 'REQUEST' | 'CANCEL'; content: string }

/** An image the HTML part shows inline (cid:…), e.g. the check-in QR code. */
export type MailInlineImage = { filename: string; content: Buffer; contentType: 'image/png'; cid: string; contentDisposition: 'inline' }

export type RenderedMail = {
  subject: string
  html: string
  text: string
  kind: MailKind
  replyTo?: string
  calendar?: MailCalendarPart
  attachments?: MailInlineImage[]
}

export class UnknownTemplateError extends Error {
  constructor(readonly template: string) {
    super(`Unknown mail template "${template}" (known: ${TEMPLATE_NAMES.join(', ')})`)
    this.name = 'UnknownTemplateError'
  }
}

/** A payload that does not fit its template: a programming error, caught at enqueue time. */
export class InvalidMailPayloadError extends Error {
  constructor(
    readonly template: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(`Invalid payload for mail template "${template}": ${issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}`)
    this.name = 'InvalidMailPayloadError'
  }
}

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name)
}

export function getTemplate(name: string): MailTemplate {
  if (!isTemplateName(name)) throw new UnknownTemplateError(name)
  return templates[name] as unknown as MailTemplate
}

/** Checks a payload against its template's schema; returns the parsed (normalised) payload. */
export function parseMailPayload(template: string, payload: unknown): Record<string, unknown> {
  const parsed = getTemplate(template).schema.safeParse(payload)
  if (!parsed.success) throw new InvalidMailPayloadError(template, parsed.error.issues)
  return parsed.data as Record<string, unknown>
}

/**
 * Renders one message: subject, HTML part (React Email), text part and, when the payload carries an
 * `invite` (CalendarInviteSchema, or CalendarInvitesSchema for several sessions), the calendar invitation built by app/calendar. Throws
 * UnknownTemplateError or InvalidMailPayloadError; pure otherwise (no database, safe to call from previews).
 */
export async function renderMail(input: {
  template: string
  locale: Locale
  payload: unknown
  unsubscribeUrl?: string
  /** The footer's privacy notice (app/mail/privacy-link.server.ts); Samling's own when not given. */
  privacyUrl?: string
}): Promise<RenderedMail> {
  const template = getTemplate(input.template)
  const payload = parseMailPayload(input.template, input.payload)
  const replyTo = typeof payload.replyTo === 'string' ? payload.replyTo : undefined
  const context: MailContext = {
    locale: input.locale,
    replyTo,
    unsubscribeUrl: template.kind === 'notification' ? input.unsubscribeUrl : undefined,
    privacyUrl: input.privacyUrl ?? sitePrivacyUrl(input.locale),
  }
  const html = await render(createElement(template.Email, { payload, context }))
  const invites =
    payload.invite === undefined
      ? []
      : Array.isArray(payload.invite)
        ? CalendarInvitesSchema.parse(payload.invite)
        : [CalendarInviteSchema.parse(payload.invite)]
  const calendar = invites.length ? { method: invites[0].method, content: buildInvitationIcs(invites, input.locale) } : undefined
  const attachments = await inlineImages(payload, input.locale)
  return {
    subject: template.subject(payload, input.locale),
    html,
    text: template.text(payload, context),
    kind: template.kind,
    replyTo,
    calendar,
    ...(attachments.length ? { attachments } : {}),
  }
}

/**
 * A payload with a check-in ticket (`checkIn`, CheckInTicketSchema) gets its QR code as an inline
 * PNG with the Content-ID the template's <img src="cid:…"> names: mail clients show an attached
 * image without asking, unlike a remote one, and nothing is fetched from Samling (ADR 0026).
 */
async function inlineImages(payload: Record<string, unknown>, locale: Locale): Promise<MailInlineImage[]> {
  const ticket = CheckInTicketSchema.safeParse(payload.checkIn)
  if (!ticket.success) return []
  const content = await checkInQrPng(ticket.data.token)
  return [{ filename: locale === 'sv' ? 'biljett.png' : 'ticket.png', content, contentType: 'image/png', cid: CHECK_IN_QR_CID, contentDisposition: 'inline' }]
}

export type TemplateInfo = {
  name: TemplateName
  kind: MailKind
  schema: z.ZodType
  sample(locale: Locale): Record<string, unknown>
  render(payload: unknown, locale: Locale, options?: { unsubscribeUrl?: string; privacyUrl?: string }): Promise<RenderedMail>
}

/** Every template with its kind, schema, sample payload and renderer (organizer preview page). */
export function listTemplates(): TemplateInfo[] {
  return TEMPLATE_NAMES.map((name) => {
    const template = templates[name] as unknown as MailTemplate
    return {
      name,
      kind: template.kind,
      schema: template.schema,
      sample: (locale: Locale) => template.sample(locale) as Record<string, unknown>,
      render: (payload, locale, options = {}) => renderMail({ template: name, locale, payload, ...options }),
    }
  })
}

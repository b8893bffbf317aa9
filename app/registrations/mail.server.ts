import { eventLocation, eventPageUrl } from '../calendar/entries.server.ts'
import { calendarInviteFor, usableEmail } from '../calendar/invite.server.ts'
import { checkInTicketFor } from '../check-in/tokens.server.ts'
import type { Tx } from '../db/client.server.ts'
import type { Event, Organization, Registration, Series, TicketType } from '../generated/prisma/client.ts'
import type { RegistrationStatus } from '../generated/prisma/enums.ts'
import { pick, type Locale } from '../i18n/index.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { manageToken, manageUrl } from './tokens.server.ts'

/**
 * The mail an attendee gets about their registration, queued in the caller's transaction (the
 * outbox: the registration and its mail commit together or not at all). Each function writes one
 * outbox row and is NOT idempotent: call it once per thing that happened. Every mail is in the
 * registration's language, from Samling with the organization's contact address as Reply-To, and
 * carries the personal manage link (stored encrypted until sent, then erased).
 */
export type MailEvent = Event & { organization: Organization; series?: Series | null }
export type MailRegistration = Registration & { ticketType?: TicketType | null }

type Input = { event: MailEvent; registration: MailRegistration }

/** The facts every attendee mail starts with, in the registration's language. */
export function attendeeMailFacts({ event, registration }: Input) {
  const locale: Locale = registration.locale
  return {
    replyTo: usableEmail(event.organization.contactEmail),
    organizationName: event.organization.name,
    eventTitle: pick(event, 'title', locale),
    eventUrl: eventPageUrl(event, locale),
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    /** The venue, or "Digitalt"/"Online" for online participation: the same text as the invitation's LOCATION. */
    place: eventLocation(event, locale, registration.attendanceMode),
  }
}

function envelope({ event, registration }: Input) {
  return {
    to: registration.email,
    locale: registration.locale,
    organizationId: event.organizationId,
    eventId: event.id,
    registrationId: registration.id,
  }
}

const manageLink = (registration: MailRegistration) => manageUrl(manageToken(registration), registration.locale)

/**
 * "Du är anmäld" with the calendar invitation (REQUEST, SEQUENCE = the event's revision), the price
 * and invoice details if any, the chosen sub-sessions and the manage link. `reason` picks the
 * wording: a new registration, a promotion from the waitlist, a resend, or a change.
 */
export async function enqueueConfirmation(tx: Tx, input: Input & { reason: 'registered' | 'promoted' | 'resent' | 'changed'; itemTitles?: string[] }) {
  const { event, registration } = input
  const locale: Locale = registration.locale
  const ticketType = registration.ticketType
  return enqueueMail(tx, {
    template: 'registration-confirmed',
    ...envelope(input),
    payload: {
      ...attendeeMailFacts(input),
      attendanceMode: registration.attendanceMode,
      reason: input.reason,
      manageUrl: manageLink(registration),
      seriesTitle: event.series ? pick(event.series, 'title', locale) : undefined,
      ticket: ticketType ? { name: pick(ticketType, 'name', locale), priceOre: registration.priceOre, vatRate: registration.vatRate } : undefined,
      invoice: registration.invoiceOrgNumber
        ? {
            orgNumber: registration.invoiceOrgNumber,
            address: registration.invoiceAddress ?? undefined,
            eReference: registration.invoiceEReference ?? undefined,
            buyerReference: registration.buyerReference ?? undefined,
          }
        : undefined,
      itemTitles: input.itemTitles?.length ? input.itemTitles : undefined,
      invite: calendarInviteFor({ event, registration, method: 'REQUEST', locale }),
      checkIn: checkInTicketFor(registration, event) ?? undefined,
    },
  })
}

/** "Du står i kö" with the place in the queue (1 = next in line) and the manage link; no invitation. */
export async function enqueueWaitlisted(tx: Tx, input: Input & { position: number }) {
  return enqueueMail(tx, {
    template: 'registration-waitlisted',
    ...envelope(input),
    payload: {
      ...attendeeMailFacts(input),
      attendanceMode: input.registration.attendanceMode,
      position: input.position,
      manageUrl: manageLink(input.registration),
    },
  })
}

/**
 * "Avbokad" with METHOD:CANCEL (same UID, SEQUENCE revision + 1), so the entry leaves the calendar.
 * Pass `previousStatus` (the status before the cancellation): someone who only stood in the waitlist
 * gets "du har lämnat kön" without an invitation, because they never had one.
 */
export async function enqueueCancellation(tx: Tx, input: Input & { by: 'attendee' | 'organizer'; previousStatus?: RegistrationStatus }) {
  const { event, registration } = input
  const fromWaitlist = input.previousStatus === 'waitlisted'
  return enqueueMail(tx, {
    template: 'registration-cancelled',
    ...envelope(input),
    payload: {
      ...attendeeMailFacts(input),
      by: input.by,
      from: fromWaitlist ? 'waitlist' : 'place',
      invite: fromWaitlist ? undefined : calendarInviteFor({ event, registration, method: 'CANCEL', locale: registration.locale }),
    },
  })
}

/**
 * "Du är redan anmäld": a second registration with the same address changed nothing; this mails
 * the existing manage link again (to the address on file, so nobody else learns it). Throws for a
 * cancelled registration, which the caller should treat as a new registration instead.
 */
export async function enqueueAlreadyRegistered(tx: Tx, input: Input) {
  const { status } = input.registration
  if (status === 'cancelled') throw new Error('enqueueAlreadyRegistered: the registration is cancelled; register again instead')
  return enqueueMail(tx, {
    template: 'registration-exists',
    ...envelope(input),
    payload: { ...attendeeMailFacts(input), status, manageUrl: manageLink(input.registration) },
  })
}

/** Interest-only events: "we mail you once when registration opens", with a link to withdraw. */
export async function enqueueInterestRegistered(tx: Tx, input: Input) {
  const { replyTo, organizationName, eventTitle, eventUrl } = attendeeMailFacts(input)
  return enqueueMail(tx, {
    template: 'interest-registered',
    ...envelope(input),
    payload: { replyTo, organizationName, eventTitle, eventUrl, manageUrl: manageLink(input.registration) },
  })
}

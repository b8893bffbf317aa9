import type { AttendanceMode, RegistrationStatus } from '../generated/prisma/client.ts'
import { formatPrice } from '../events/event-page-view.server.ts'
import { pick, t, type Locale } from '../i18n/index.ts'
import { formatEventWhen } from '../time.ts'
import { registrationFormValues, type FormQuestion, type RegistrationForm } from './form.server.ts'
import type { ManagedRegistration } from './manage.server.ts'
import { waitlistPosition } from './seats.server.ts'
import { db } from '../db/client.server.ts'

/**
 * What the attendee's own page shows, as plain data in their language. The stream link is here
 * only for a confirmed person who takes part online (or anyone confirmed at a hybrid event): it
 * is never on public pages or feeds.
 */
export type ManageView = {
  event: { slug: string; title: string; when: string; place: string; status: string; ended: boolean }
  status: RegistrationStatus
  position: number | null
  mode: AttendanceMode
  modes: { mode: AttendanceMode; left: number | null }[]
  streamUrl: string | null
  ticket: { name: string; price: string } | null
  invoice: { orgNumber: string; address: string | null; eReference: string | null; buyerReference: string | null } | null
  paymentStatus: string
  values: Record<string, string>
  questions: FormQuestion[]
  items: (RegistrationForm['items'][number] & { chosen: boolean })[]
  series: { title: string; parts: { eventId: string; slug: string; title: string; when: string; status: RegistrationStatus | null; canJoin: boolean }[] } | null
  /** Changes are possible (not cancelled, the event published and not over). */
  canChange: boolean
}

export async function buildManageView(registration: ManagedRegistration, form: RegistrationForm, locale: Locale): Promise<ManageView> {
  const event = registration.event
  const now = new Date()
  const ended = event.endsAt < now
  const place =
    event.format === 'online'
      ? t(locale, 'format.online')
      : [event.venueName, event.venueAddress, [event.postalCode, event.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  const entitled = registration.status === 'confirmed' && (registration.attendanceMode === 'online' || event.format === 'hybrid')
  const chosen = new Set(registration.itemSignups.map((signup) => signup.itemId))
  const signup = registration.seriesSignup
  const mine = new Map(signup?.registrations.map((part) => [part.eventId, part.status]) ?? [])
  return {
    event: {
      slug: event.slug,
      title: pick(event, 'title', locale),
      when: formatEventWhen(event.startsAt, event.endsAt, locale),
      place,
      status: event.status,
      ended,
    },
    status: registration.status,
    position: registration.status === 'waitlisted' ? await waitlistPosition(db, registration) : null,
    mode: registration.attendanceMode,
    modes: form.modes.map((mode) => ({ mode: mode.mode, left: mode.left })),
    streamUrl: entitled && event.onlineUrl && !ended ? event.onlineUrl : null,
    ticket: registration.ticketType ? { name: pick(registration.ticketType, 'name', locale), price: formatPrice(registration.priceOre, locale) } : null,
    invoice: registration.invoiceOrgNumber
      ? {
          orgNumber: registration.invoiceOrgNumber,
          address: registration.invoiceAddress,
          eReference: registration.invoiceEReference,
          buyerReference: registration.buyerReference,
        }
      : null,
    paymentStatus: registration.paymentStatus,
    values: registrationFormValues(registration, form.questions),
    questions: form.questions,
    items: form.items.map((item) => ({ ...item, chosen: chosen.has(item.id) })),
    series: signup
      ? {
          title: pick(signup.series, 'title', locale),
          parts: signup.series.parts.map((part) => {
            const status = mine.get(part.id) ?? null
            return {
              eventId: part.id,
              slug: part.slug,
              title: pick(part, 'title', locale),
              when: formatEventWhen(part.startsAt, part.endsAt, locale),
              status,
              canJoin: (status === null || status === 'cancelled') && part.endsAt > now && part.registrationMode === 'open' && !signup.cancelledAt,
            }
          }),
        }
      : null,
    canChange: registration.status !== 'cancelled' && event.status === 'published' && !ended,
  }
}

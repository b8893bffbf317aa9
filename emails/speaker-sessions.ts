import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatEventWhen } from '../app/time.ts'
import { InstantSchema, LineSchema } from './schemas.ts'

/** A programme item as a speaker's mail shows it: what, when (Stockholm time), where. */
export const SpeakerSessionSchema = z.object({
  title: LineSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  /** The room and the venue, or "Digitalt"/"Online". */
  place: z.string().trim().max(500),
})
export type SpeakerSession = z.output<typeof SpeakerSessionSchema>

export const SpeakerRoleSchema = z.enum(['speaker', 'moderator', 'panelist'])

/** "Hej Åsa Öberg!" (or "Hej!" without a name): the first line of every mail to a speaker. */
export function speakerGreeting(name: string, locale: Locale): string {
  return name ? t(locale, 'mail.registrationInvite.greeting', { name }) : t(locale, 'mail.registrationInvite.greetingNoName')
}

/** "tis 18 maj 2027, kl. 10.00–11.00 (svensk tid)". */
export function sessionWhen(session: Pick<SpeakerSession, 'startsAt' | 'endsAt'>, locale: Locale): string {
  return `${formatEventWhen(new Date(session.startsAt), new Date(session.endsAt), locale)} (${t(locale, 'mail.common.timeZone')})`
}

/** The label/value rows of one session. */
export function sessionRows(session: SpeakerSession, locale: Locale) {
  return [
    { label: t(locale, 'mail.speakerInvitation.session'), value: session.title },
    { label: t(locale, 'mail.speakerInvitation.when'), value: sessionWhen(session, locale) },
    ...(session.place ? [{ label: t(locale, 'mail.speakerSession.place'), value: session.place }] : []),
  ]
}

export function sampleSpeakerSession(locale: Locale): SpeakerSession {
  return {
    title: locale === 'sv' ? 'Panel: välfärd som samskapas' : 'Panel: co-created welfare',
    startsAt: '2027-05-18T08:00:00.000Z',
    endsAt: '2027-05-18T09:00:00.000Z',
    place: 'Sal A, Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna',
  }
}

/** A calendar invitation for the sample session (mail previews). */
export function sampleSessionInvite(locale: Locale, method: 'REQUEST' | 'CANCEL', sequence: number) {
  const session = sampleSpeakerSession(locale)
  return {
    method,
    uid: 'item-5a1c0b7e-2f43-4d8e-a9b0-112233445566@samling',
    sequence,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    summary: session.title,
    location: session.place,
    description: `Co-Days 2027\n\nhttps://samling.example${locale === 'sv' ? '' : '/en'}/events/co-days-2027`,
    url: `https://samling.example${locale === 'sv' ? '' : '/en'}/events/co-days-2027`,
    organizerName: 'Co-Days',
    organizerEmail: 'hej@codays.se',
    attendeeName: 'Åsa Öberg',
    attendeeEmail: 'asa.oberg@kommun.se',
    updatedAt: '2026-11-30T12:34:56.000Z',
  }
}

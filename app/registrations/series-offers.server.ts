import type { Event } from '../generated/prisma/client.ts'
import { eventLocation, eventPageUrl } from '../calendar/entries.server.ts'
import type { Tx } from '../db/client.server.ts'
import { pick } from '../i18n/index.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { manageToken, manageUrl } from './tokens.server.ts'

/**
 * A part published in a series (new, or moved into it while published) is offered to everyone
 * signed up for the series: one mail each with a link to their own page, where "Anmäl mig till
 * den här delen" (a POST) registers them. Nobody is registered without asking. Runs in the
 * publishing transaction; the dedup key makes a second publish of the same part mail no one twice.
 * Returns how many offers were queued.
 */
export async function offerNewSeriesPart(tx: Tx, event: Event): Promise<number> {
  if (!event.seriesId || event.status !== 'published' || event.registrationMode !== 'open' || event.endsAt < new Date()) return 0
  const series = await tx.series.findUnique({ where: { id: event.seriesId }, include: { organization: true } })
  if (!series || series.status !== 'published') return 0
  const signups = await tx.seriesSignup.findMany({
    where: { seriesId: series.id, cancelledAt: null, registrations: { none: { eventId: event.id } } },
    include: { registrations: { orderBy: { createdAt: 'desc' }, take: 1 } },
  })
  let queued = 0
  for (const signup of signups) {
    const latest = signup.registrations[0]
    if (!latest) continue
    const row = await enqueueMail(tx, {
      template: 'series-part-added',
      to: signup.email,
      locale: signup.locale,
      organizationId: series.organizationId,
      eventId: event.id,
      registrationId: latest.id,
      dedupKey: `series-part:${event.id}:${signup.id}`,
      payload: {
        replyTo: series.organization.contactEmail ?? undefined,
        seriesTitle: pick(series, 'title', signup.locale),
        eventTitle: pick(event, 'title', signup.locale),
        eventUrl: eventPageUrl(event, signup.locale),
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        place: eventLocation(event, signup.locale, signup.attendanceMode),
        manageUrl: manageUrl(manageToken(latest), signup.locale),
      },
    })
    if (row) queued++
  }
  return queued
}

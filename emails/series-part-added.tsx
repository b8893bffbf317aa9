import { type z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatEventWhen } from '../app/time.ts'
import { ActionButton, EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema, ReplyToSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * A series someone signed up for got a new part (app/registrations/series-offers.server.ts): the
 * mail offers it; nothing happens until the person presses "Anmäl mig" on their manage page (a
 * POST). Sent once per part and person. A notification, so the unsubscribe link applies.
 */
export const SeriesPartAddedSchema = ReplyToSchema.extend({
  seriesTitle: LineSchema,
  eventTitle: LineSchema,
  eventUrl: HttpUrlSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  place: LineSchema,
  /** The person's own page, where the new part can be joined. */
  manageUrl: secret(HttpUrlSchema),
})

type Payload = z.output<typeof SeriesPartAddedSchema>

function rows(payload: Payload, locale: Locale) {
  const when = `${formatEventWhen(new Date(payload.startsAt), new Date(payload.endsAt), locale)} (${t(locale, 'mail.common.timeZone')})`
  return [
    { label: t(locale, 'mail.seriesPartAdded.event'), value: payload.eventTitle },
    { label: t(locale, 'mail.seriesPartAdded.when'), value: when },
    { label: t(locale, 'mail.seriesPartAdded.where'), value: payload.place },
  ]
}

export const seriesPartAdded = defineTemplate({
  name: 'series-part-added',
  kind: 'notification',
  schema: SeriesPartAddedSchema,
  subject: (payload, locale) => t(locale, 'mail.seriesPartAdded.subject', { series: payload.seriesTitle }),
  Email({ payload, context }) {
    const { locale } = context
    const intro = t(locale, 'mail.seriesPartAdded.intro', { series: payload.seriesTitle, title: payload.eventTitle })
    return (
      <EmailLayout context={context} preview={intro} heading={t(locale, 'mail.seriesPartAdded.subject', { series: payload.seriesTitle })}>
        <Paragraph>{intro}</Paragraph>
        <Facts rows={rows(payload, locale)} />
        <ActionButton href={payload.manageUrl} label={t(locale, 'mail.seriesPartAdded.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.seriesPartAdded.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      t(locale, 'mail.seriesPartAdded.subject', { series: payload.seriesTitle }),
      '',
      t(locale, 'mail.seriesPartAdded.intro', { series: payload.seriesTitle, title: payload.eventTitle }),
      '',
      ...rows(payload, locale).map((row) => fact(row.label, row.value)),
      fact(t(locale, 'mail.seriesPartAdded.page'), payload.eventUrl),
      '',
      link(t(locale, 'mail.seriesPartAdded.button'), payload.manageUrl),
      '',
      t(locale, 'mail.seriesPartAdded.why'),
    ])
  },
  sample: (locale) => ({
    seriesTitle: locale === 'sv' ? 'Re-Act – samtal om social innovation' : 'Re-Act – conversations on social innovation',
    eventTitle: locale === 'sv' ? 'Re-Act del 3' : 'Re-Act part 3',
    eventUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/events/re-act-del-3`,
    startsAt: '2027-04-14T07:00:00.000Z',
    endsAt: '2027-04-14T08:30:00.000Z',
    place: locale === 'sv' ? 'Digitalt' : 'Online',
    manageUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/registrations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCd`,
  }),
})

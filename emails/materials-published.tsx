import { type z } from 'zod'
import { t } from '../app/i18n/index.ts'
import { ActionButton, EmailLayout, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, LineSchema, ReplyToSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { link, textLayout } from './text.ts'

/**
 * "Inspelningen och bilderna finns nu": sent once per confirmed registration (also to those who did
 * not come) when an organizer presses "Meddela deltagarna" (app/events/materials.server.ts). The
 * link is the public event page, where the recordings and slides are listed.
 */
export const MaterialsPublishedSchema = ReplyToSchema.extend({
  organizationName: LineSchema,
  eventTitle: LineSchema,
  eventUrl: HttpUrlSchema,
})

type Payload = z.output<typeof MaterialsPublishedSchema>

export const materialsPublished = defineTemplate({
  name: 'materials-published',
  kind: 'notification',
  schema: MaterialsPublishedSchema,
  subject: (payload: Payload, locale) => t(locale, 'mail.materialsPublished.subject', { title: payload.eventTitle }),
  Email({ payload, context }) {
    const { locale } = context
    const intro = t(locale, 'mail.materialsPublished.intro', { title: payload.eventTitle, organization: payload.organizationName })
    return (
      <EmailLayout context={context} preview={intro} heading={t(locale, 'mail.materialsPublished.subject', { title: payload.eventTitle })}>
        <Paragraph>{intro}</Paragraph>
        <ActionButton href={payload.eventUrl} label={t(locale, 'mail.materialsPublished.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.materialsPublished.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      t(locale, 'mail.materialsPublished.subject', { title: payload.eventTitle }),
      '',
      t(locale, 'mail.materialsPublished.intro', { title: payload.eventTitle, organization: payload.organizationName }),
      '',
      link(t(locale, 'mail.materialsPublished.button'), payload.eventUrl),
      '',
      t(locale, 'mail.materialsPublished.why'),
    ])
  },
  sample: (locale) => ({
    organizationName: 'Coompanion Sverige',
    eventTitle: locale === 'sv' ? 'Sociala företag och offentlig upphandling' : 'Social enterprises and public procurement',
    eventUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/events/sociala-foretag-upphandling`,
    replyTo: 'info@coompanion.se',
  }),
})

import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { ActionButton, EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, LineSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { fact, textLayout } from './text.ts'

/**
 * A new proposal arrived through an open call (app/proposals/proposals.server.ts): sent at once to
 * the organization's organizers and owners who get registration mail, like a speaker's answer.
 * A notification: the unsubscribe link applies.
 */
export const ProposalNewSchema = z.object({
  eventTitle: LineSchema,
  proposalTitle: LineSchema,
  proposerName: LineSchema,
  /** The proposal in the console. */
  url: HttpUrlSchema,
  settingsUrl: HttpUrlSchema,
})

type Payload = z.output<typeof ProposalNewSchema>

const params = (payload: Payload) => ({ name: payload.proposerName, title: payload.proposalTitle, event: payload.eventTitle })
const subject = (payload: Payload, locale: Locale) => t(locale, 'mail.proposalNew.subject', params(payload))
const facts = (payload: Payload, locale: Locale) => [
  { label: t(locale, 'mail.proposal.title'), value: payload.proposalTitle },
  { label: t(locale, 'mail.proposalNew.proposer'), value: payload.proposerName },
]

export const proposalNew = defineTemplate({
  name: 'proposal-new',
  kind: 'notification',
  schema: ProposalNewSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    return (
      <EmailLayout context={context} preview={subject(payload, locale)} heading={subject(payload, locale)}>
        <Paragraph>{t(locale, 'mail.proposalNew.body', params(payload))}</Paragraph>
        <Facts rows={facts(payload, locale)} />
        <ActionButton href={payload.url} label={t(locale, 'mail.proposalNew.button')} locale={locale} />
        <SmallPrint>
          {t(locale, 'mail.organizerRegistrations.settings')} {payload.settingsUrl}
        </SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      subject(payload, locale),
      '',
      t(locale, 'mail.proposalNew.body', params(payload)),
      ...facts(payload, locale).map((row) => fact(row.label, row.value)),
      '',
      `${t(locale, 'mail.proposalNew.button')}:`,
      payload.url,
      '',
      `${t(locale, 'mail.organizerRegistrations.settings')}:`,
      payload.settingsUrl,
    ])
  },
  sample: (locale) => ({
    eventTitle: 'Sörmland Social Innovation Day',
    proposalTitle: locale === 'sv' ? 'Sociala företag i offentlig upphandling' : 'Social enterprises in public procurement',
    proposerName: 'Åsa Öberg',
    url: `https://samling.example/organizer/coompanion-sormland/events/00000000-0000-4000-8000-000000000002/proposals?id=00000000-0000-4000-8000-000000000003${locale === 'en' ? '&lang=en' : ''}`,
    settingsUrl: `https://samling.example/organizer/coompanion-sormland/members${locale === 'en' ? '?lang=en' : ''}#notifications`,
  }),
})

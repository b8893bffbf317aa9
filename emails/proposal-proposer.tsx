import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { ActionButton, EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, LineSchema, secret } from './schemas.ts'
import type { MailTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * The four mails to someone who sent a proposal through an open call (app/proposals/), one per
 * step: received (with the link to their page), accepted (with the link to /speaker), declined
 * and withdrawn (with the organizer's message, if any). Transactional: each answers something the
 * proposer or an organizer did with their proposal. The proposer page's link lets its holder
 * withdraw the proposal, so it is a secret (encrypted in the outbox, erased once sent).
 */
export type ProposerStep = 'received' | 'accepted' | 'declined' | 'withdrawn'

const base = {
  proposerName: z.string().trim().max(200),
  eventTitle: LineSchema,
  proposalTitle: LineSchema,
  message: z.string().trim().max(2000).optional(),
}
const schemas = {
  received: z.object({ ...base, url: secret(HttpUrlSchema) }),
  accepted: z.object({ ...base, url: secret(HttpUrlSchema), speakerUrl: HttpUrlSchema }),
  declined: z.object(base),
  withdrawn: z.object(base),
}

type Payload = z.output<typeof schemas.received> | z.output<typeof schemas.accepted> | z.output<typeof schemas.declined>

const params = (payload: Payload) => ({ title: payload.proposalTitle, event: payload.eventTitle })

function greeting(payload: Payload, locale: Locale) {
  return payload.proposerName
    ? t(locale, 'mail.registrationInvite.greeting', { name: payload.proposerName })
    : t(locale, 'mail.registrationInvite.greetingNoName')
}

function facts(payload: Payload, locale: Locale) {
  return [
    { label: t(locale, 'mail.proposal.event'), value: payload.eventTitle },
    { label: t(locale, 'mail.proposal.title'), value: payload.proposalTitle },
  ]
}

function links(step: ProposerStep, payload: Payload, locale: Locale): { href: string; label: string }[] {
  const url = 'url' in payload ? payload.url : undefined
  const speakerUrl = 'speakerUrl' in payload ? payload.speakerUrl : undefined
  return [
    ...(speakerUrl ? [{ href: speakerUrl, label: t(locale, 'mail.proposal.speakerButton') }] : []),
    ...(url ? [{ href: url, label: t(locale, `mail.proposal.${step}.button` as 'mail.proposal.received.button') }] : []),
  ]
}

/** One template of the four; `sample` is the step's realistic example. */
export function proposerTemplate<S extends ProposerStep>(step: S, sample: (locale: Locale) => z.input<(typeof schemas)[S]>): MailTemplate<(typeof schemas)[S]> {
  const schema = schemas[step]
  const subject = (payload: Payload, locale: Locale) => t(locale, `mail.proposal.${step}.subject`, params(payload))
  const body = (payload: Payload, locale: Locale) => t(locale, `mail.proposal.${step}.body`, params(payload))
  const template: MailTemplate<z.ZodType<Payload>> = {
    name: `proposal-${step}`,
    kind: 'transactional',
    schema: schema as z.ZodType<Payload>,
    subject,
    Email({ payload, context }) {
      const { locale } = context
      return (
        <EmailLayout context={context} preview={body(payload, locale)} heading={subject(payload, locale)}>
          <Paragraph>{greeting(payload, locale)}</Paragraph>
          <Paragraph>{body(payload, locale)}</Paragraph>
          {payload.message ? (
            <>
              <Paragraph>{t(locale, 'mail.proposal.message')}</Paragraph>
              <Paragraph>{payload.message}</Paragraph>
            </>
          ) : null}
          <Facts rows={facts(payload, locale)} />
          {links(step, payload, locale).map((entry) => (
            <ActionButton key={entry.href} href={entry.href} label={entry.label} locale={locale} />
          ))}
          {'url' in payload ? <SmallPrint>{t(locale, 'mail.proposal.personal')}</SmallPrint> : null}
        </EmailLayout>
      )
    },
    text(payload, context) {
      const { locale } = context
      return textLayout(context, [
        subject(payload, locale),
        '',
        greeting(payload, locale),
        '',
        body(payload, locale),
        '',
        payload.message ? `${t(locale, 'mail.proposal.message')}\n${payload.message}\n` : null,
        ...facts(payload, locale).map((row) => fact(row.label, row.value)),
        ...links(step, payload, locale).flatMap((entry) => ['', link(entry.label, entry.href)]),
        ...('url' in payload ? ['', t(locale, 'mail.proposal.personal')] : []),
      ])
    },
    sample,
  }
  return template as unknown as MailTemplate<(typeof schemas)[S]>
}

/** The sample facts every step shares. */
export function sampleProposal(locale: Locale) {
  return {
    proposerName: 'Åsa Öberg',
    eventTitle: 'Sörmland Social Innovation Day',
    proposalTitle: locale === 'sv' ? 'Sociala företag i offentlig upphandling' : 'Social enterprises in public procurement',
  }
}

export function sampleProposalUrl(locale: Locale) {
  return `https://samling.example${locale === 'sv' ? '' : '/en'}/proposals/EXAMPLE-TOKEN-EXAMPLE-TOKEN-EXAMPLE-TOKEN-12`
}

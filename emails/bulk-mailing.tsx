import { Fragment, type ReactNode } from 'react'
import { z } from 'zod'
import { t } from '../app/i18n/index.ts'
import { EmailLayout, InlineLink, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, LineSchema, ReplyToSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { textLayout } from './text.ts'

/**
 * An organizer's bulk mailing to a group of an event's registrants (app/mailings, ADR 0027). The
 * organizer's subject and body travel as written, with their placeholders; they are filled in here,
 * when the worker renders the message, so {länk} (the recipient's manage link, which lets its reader
 * act as the registrant) exists only sealed in the queued row and is erased once the mail has gone.
 * Kind notification: List-Unsubscribe points at the organization's own opt-out (unsubscribeScope).
 */
export const MAILING_LIMITS = { subject: 200, body: 10_000 } as const

/** The placeholders an organizer may write, Swedish first; the English spellings work too. */
export const PLACEHOLDERS = { firstName: ['{förnamn}', '{firstname}'], eventTitle: ['{eventnamn}', '{eventname}'], link: ['{länk}', '{link}'] } as const

const KNOWN = new Set<string>(Object.values(PLACEHOLDERS).flat())
const TOKEN = /(\{[^{}\s]{1,30}\})/

/** The placeholders in `text` that are none of PLACEHOLDERS (a typo such as {fornamn}). */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set(text.split(TOKEN).filter((part) => TOKEN.test(part) && !KNOWN.has(part.toLowerCase())))]
}

export const BulkMailingSchema = ReplyToSchema.extend({
  organizationName: LineSchema,
  eventTitle: LineSchema,
  subject: z.string().trim().min(1).max(MAILING_LIMITS.subject),
  body: z.string().trim().min(1).max(MAILING_LIMITS.body),
  /** The registrant's first name, '' when the registration has none. */
  firstName: z.string().max(300),
  /** The registrant's manage link: a secret, sealed while queued and erased once sent. */
  manageUrl: secret(HttpUrlSchema),
})

type Payload = z.output<typeof BulkMailingSchema>

/** Each piece of `text`: plain text, or what a placeholder stands for. */
function pieces(text: string, payload: Payload): Array<{ text: string; isLink?: boolean }> {
  return text
    .split(TOKEN)
    .filter((part) => part !== '')
    .map((part) => {
      const key = part.toLowerCase()
      if ((PLACEHOLDERS.firstName as readonly string[]).includes(key)) return { text: payload.firstName }
      if ((PLACEHOLDERS.eventTitle as readonly string[]).includes(key)) return { text: payload.eventTitle }
      if ((PLACEHOLDERS.link as readonly string[]).includes(key)) return { text: payload.manageUrl, isLink: true }
      return { text: part }
    })
}

/** `text` with its placeholders filled in (subject and text part). */
export function fillPlaceholders(text: string, payload: Payload): string {
  return pieces(text, payload)
    .map((piece) => piece.text)
    .join('')
}

const paragraphs = (body: string) =>
  body
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)

function Rich({ text, payload }: { text: string; payload: Payload }): ReactNode {
  const lines = text.split(/\r?\n/)
  return lines.map((line, index) => (
    <Fragment key={index}>
      {index > 0 ? <br /> : null}
      {pieces(line, payload).map((piece, at) =>
        piece.isLink ? (
          <InlineLink key={at} href={piece.text}>
            {piece.text}
          </InlineLink>
        ) : (
          <Fragment key={at}>{piece.text}</Fragment>
        ),
      )}
    </Fragment>
  ))
}

export const bulkMailing = defineTemplate({
  name: 'bulk-mailing',
  kind: 'notification',
  unsubscribeScope: 'organization',
  delivery: 'at-most-once',
  schema: BulkMailingSchema,
  subject: (payload: Payload) => fillPlaceholders(payload.subject, payload),
  Email({ payload, context }) {
    const subject = fillPlaceholders(payload.subject, payload)
    const body = paragraphs(payload.body)
    return (
      <EmailLayout context={context} preview={fillPlaceholders(body[0] ?? subject, payload).slice(0, 140)} heading={subject}>
        {body.map((paragraph, index) => (
          <Paragraph key={index}>
            <Rich text={paragraph} payload={payload} />
          </Paragraph>
        ))}
        <SmallPrint>{t(context.locale, 'mail.bulkMailing.why', { organization: payload.organizationName, title: payload.eventTitle })}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    return textLayout(context, [
      fillPlaceholders(payload.subject, payload),
      '',
      ...paragraphs(payload.body).flatMap((paragraph) => [fillPlaceholders(paragraph, payload), '']),
      t(context.locale, 'mail.bulkMailing.why', { organization: payload.organizationName, title: payload.eventTitle }),
    ])
  },
  sample: (locale) => ({
    organizationName: 'Mötesplats Social Innovation',
    eventTitle: locale === 'sv' ? 'Social Innovation Summit 2027' : 'Social Innovation Summit 2027',
    subject: locale === 'sv' ? 'Praktisk information inför {eventnamn}' : 'Practical information before {eventname}',
    body:
      locale === 'sv'
        ? 'Hej {förnamn}!\n\nVälkommen till {eventnamn}. Registreringen öppnar 08.30.\n\nVill du ändra din anmälan? {länk}'
        : 'Hi {firstname}!\n\nWelcome to {eventname}. Registration opens at 08:30.\n\nWant to change your registration? {link}',
    firstName: 'Anna',
    manageUrl: `https://samling.example/registrations/AbCdEfGhIjKlMnOpQrStUv${locale === 'en' ? '?lang=en' : ''}`,
    replyTo: 'info@socialinnovation.se',
  }),
})

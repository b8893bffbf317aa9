import type { ReactElement } from 'react'
import type { z } from 'zod'
import type { Locale } from '../app/i18n/index.ts'

/**
 * What every template in emails/ provides. The registry (app/mail/templates.server.ts) turns it
 * into { subject, html, text }. `kind` decides the headers: 'transactional' mail answers something
 * the person just did (sign-in link); 'notification' mail may be unsubscribed from (RFC 8058).
 */
export type MailKind = 'transactional' | 'notification'

/** Facts known only when a message is sent, not when it is written. */
export type MailContext = {
  locale: Locale
  /** https URL that unsubscribes this recipient (notification mail). */
  unsubscribeUrl?: string
  /** The organizer's address in Reply-To, if any: the footer then invites replies. */
  replyTo?: string
  /**
   * The privacy notice the footer links (ADR 0032): the sending organization's, or Samling's own for
   * mail that belongs to no organization (sign-in links). Absolute https URL in the mail's language.
   */
  privacyUrl?: string
}

export type MailTemplate<S extends z.ZodType = z.ZodType> = {
  name: string
  kind: MailKind
  /**
   * Whose unsubscribe the List-Unsubscribe link of notification mail records: Samling's (the
   * default, mail_opt_outs) or the sending organization's bulk mailings only (ADR 0027).
   */
  unsubscribeScope?: 'samling' | 'organization'
  /**
   * What a crash mid-send means for this mail (ADR 0035). 'at-least-once' (the default): a message
   * whose send was cut goes again with the same Message-ID (a confirmation must never be missing).
   * 'at-most-once': the worker records the hand-over to the relay first, and a message cut after
   * it is closed as failed instead of sent again (a bulk mailing must never reach anyone twice).
   */
  delivery?: 'at-least-once' | 'at-most-once'
  schema: S
  subject(payload: z.output<S>, locale: Locale): string
  /** The HTML part, as a React Email element. */
  Email(props: { payload: z.output<S>; context: MailContext }): ReactElement
  /** The plain-text part, written by hand so it carries every fact and every full link. */
  text(payload: z.output<S>, context: MailContext): string
  /** Realistic sample data for previews and tests. */
  sample(locale: Locale): z.input<S>
}

/** Keeps a template's payload type while checking it against MailTemplate. */
export function defineTemplate<S extends z.ZodType>(template: MailTemplate<S>): MailTemplate<S> {
  return template
}

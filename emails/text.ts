import { t, type Locale } from '../app/i18n/index.ts'
import type { MailContext } from './template.ts'

/**
 * The plain-text twin of emails/layout.tsx. Links stay whole on their own line, so they survive
 * Outlook copying the body into a calendar entry and text-only readers (screen readers, Exchange filters).
 */
export function textLayout(context: MailContext, body: Array<string | null | undefined | false>): string {
  const { locale } = context
  const lines = body.filter((line): line is string => typeof line === 'string')
  const footer = [context.replyTo ? t(locale, 'mail.common.automatic') : t(locale, 'mail.common.automaticNoReply')]
  if (context.privacyUrl) footer.push(`${t(locale, 'mail.common.privacy')}\n${context.privacyUrl}`)
  if (context.unsubscribeUrl) footer.push(`${t(locale, 'mail.common.unsubscribe')}\n${context.unsubscribeUrl}`)
  return [`${t(locale, 'mail.common.brand')} – ${t(locale, 'mail.common.tagline')}`, '', ...lines, '', '-- ', ...footer].join('\n') + '\n'
}

/** "Tid: tors 12 feb 2027, kl. 09.00–16.00" as a text line. */
export function fact(label: string, value: string): string {
  return `${label}: ${value}`
}

export function link(label: string, url: string): string {
  return `${label}:\n${url}`
}

export type { Locale }

import { z } from 'zod'
import { t } from '../app/i18n/index.ts'
import { ActionButton, EmailLayout, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, ReplyToSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { textLayout, link } from './text.ts'

/** A one-time sign-in link, sent because the person just asked for it on /login. */
export const SignInLinkSchema = ReplyToSchema.extend({
  /** Whoever holds it can sign in for 15 minutes: stored encrypted, erased once sent. */
  url: secret(HttpUrlSchema),
  expiresMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
})

export const signInLink = defineTemplate({
  name: 'sign-in-link',
  kind: 'transactional',
  schema: SignInLinkSchema,
  subject: (_payload, locale) => t(locale, 'mail.signIn.subject'),
  Email({ payload, context }) {
    const { locale } = context
    const minutes = payload.expiresMinutes
    return (
      <EmailLayout context={context} preview={t(locale, 'mail.signIn.preview', { minutes })} heading={t(locale, 'mail.signIn.heading')}>
        <Paragraph>{t(locale, 'mail.signIn.body', { minutes })}</Paragraph>
        <ActionButton href={payload.url} label={t(locale, 'mail.signIn.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.signIn.ignore')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    const minutes = payload.expiresMinutes
    return textLayout(context, [
      t(locale, 'mail.signIn.heading'),
      '',
      t(locale, 'mail.signIn.body', { minutes }),
      '',
      link(t(locale, 'mail.signIn.button'), payload.url),
      '',
      t(locale, 'mail.signIn.ignore'),
    ])
  },
  sample: () => ({ url: 'https://samling.example/login/verify?token=exempel-7f3a9c', expiresMinutes: 15 }),
})

import { z } from 'zod'
import { t } from '../app/i18n/index.ts'
import { ActionButton, EmailLayout, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, LineSchema, ReplyToSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { link, textLayout } from './text.ts'

/**
 * An owner added someone to an organization. The membership is active at once (there is no step to
 * accept or decline), so the mail says so, links to the sign-in page that lands in the console,
 * and says whom to contact if it was a mistake (the inviter, in Reply-To).
 */
export const MemberInvitationSchema = ReplyToSchema.extend({
  organizationName: LineSchema,
  inviterName: LineSchema,
  role: z.enum(['owner', 'organizer', 'viewer']),
  url: HttpUrlSchema,
})

type Payload = z.output<typeof MemberInvitationSchema>

const names = (payload: Payload, locale: 'sv' | 'en') => ({
  inviter: payload.inviterName,
  organization: payload.organizationName,
  role: t(locale, `mail.invitation.role.${payload.role}`),
})

export const memberInvitation = defineTemplate({
  name: 'member-invitation',
  kind: 'transactional',
  schema: MemberInvitationSchema,
  subject: (payload, locale) => t(locale, 'mail.invitation.subject', names(payload, locale)),
  Email({ payload, context }) {
    const { locale } = context
    const params = names(payload, locale)
    return (
      <EmailLayout context={context} preview={t(locale, 'mail.invitation.preview', params)} heading={t(locale, 'mail.invitation.heading', params)}>
        <Paragraph>{t(locale, 'mail.invitation.body', params)}</Paragraph>
        <Paragraph>{t(locale, `mail.invitation.roleHelp.${payload.role}`)}</Paragraph>
        <ActionButton href={payload.url} label={t(locale, 'mail.invitation.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.invitation.signInHelp')}</SmallPrint>
        <SmallPrint>{t(locale, 'mail.invitation.mistake', params)}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    const params = names(payload, locale)
    return textLayout(context, [
      t(locale, 'mail.invitation.heading', params),
      '',
      t(locale, 'mail.invitation.body', params),
      t(locale, `mail.invitation.roleHelp.${payload.role}`),
      '',
      link(t(locale, 'mail.invitation.button'), payload.url),
      '',
      t(locale, 'mail.invitation.signInHelp'),
      t(locale, 'mail.invitation.mistake', params),
    ])
  },
  sample: (locale) => ({
    organizationName: locale === 'sv' ? 'Mötesplats Social Innovation' : 'Social Innovation Meeting Place',
    inviterName: 'Amira Haddad',
    role: 'organizer' as const,
    url: 'https://samling.example/login?redirectTo=/organizer/motesplats',
    replyTo: 'amira@motesplats.se',
  }),
})

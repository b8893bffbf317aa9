import type { ReactNode } from 'react'
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text, Button } from '@react-email/components'
import { t } from '../app/i18n/index.ts'
import type { MailContext } from './template.ts'

/**
 * The one layout of every Samling message: the language on <html>, real text (no images), and
 * colours that pass WCAG AA (#1b1b1b on white is 17:1, white on #12355b is 12:1, links #0b4f8a 8:1).
 */
export const colors = { text: '#1b1b1b', muted: '#4a4a4a', brand: '#12355b', link: '#0b4f8a', rule: '#d0d5dc', panel: '#f3f5f8' }

const body = { backgroundColor: '#ffffff', color: colors.text, fontFamily: 'Arial, Helvetica, sans-serif', margin: 0, padding: '24px 0' }
const container = { maxWidth: '600px', margin: '0 auto', padding: '0 20px' }
const paragraph = { fontSize: '16px', lineHeight: '24px', color: colors.text, margin: '0 0 16px' }
const small = { fontSize: '14px', lineHeight: '20px', color: colors.muted, margin: '0 0 8px' }

export function EmailLayout(props: { context: MailContext; preview: string; heading: string; children: ReactNode }) {
  const { locale, unsubscribeUrl, replyTo, privacyUrl } = props.context
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <title>{props.heading}</title>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{props.preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={{ ...small, fontWeight: 700, color: colors.brand, fontSize: '18px' }}>
            {t(locale, 'mail.common.brand')}
            <span style={{ fontWeight: 400, color: colors.muted, fontSize: '14px' }}> – {t(locale, 'mail.common.tagline')}</span>
          </Text>
          <Hr style={{ borderColor: colors.rule, margin: '8px 0 24px' }} />
          <Heading as="h1" style={{ fontSize: '24px', lineHeight: '32px', color: colors.text, margin: '0 0 16px' }}>
            {props.heading}
          </Heading>
          {props.children}
          <Hr style={{ borderColor: colors.rule, margin: '32px 0 16px' }} />
          <Text style={small}>{replyTo ? t(locale, 'mail.common.automatic') : t(locale, 'mail.common.automaticNoReply')}</Text>
          {privacyUrl ? (
            <Text style={small}>
              {t(locale, 'mail.common.privacy')}{' '}
              <Link href={privacyUrl} style={{ color: colors.link, textDecoration: 'underline' }}>
                {privacyUrl}
              </Link>
            </Text>
          ) : null}
          {unsubscribeUrl ? (
            <Text style={small}>
              {t(locale, 'mail.common.unsubscribe')}{' '}
              <Link href={unsubscribeUrl} style={{ color: colors.link, textDecoration: 'underline' }}>
                {unsubscribeUrl}
              </Link>
            </Text>
          ) : null}
        </Container>
      </Body>
    </Html>
  )
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>
}

export function SmallPrint({ children }: { children: ReactNode }) {
  return <Text style={small}>{children}</Text>
}

/** The main action, plus the full address for clients that block buttons or for copying. */
export function ActionButton(props: { href: string; label: string; locale: MailContext['locale'] }) {
  return (
    <Section style={{ margin: '8px 0 24px' }}>
      <Button
        href={props.href}
        style={{
          backgroundColor: colors.brand,
          color: '#ffffff',
          fontSize: '16px',
          fontWeight: 700,
          padding: '12px 20px',
          borderRadius: '6px',
          textDecoration: 'none',
        }}
      >
        {props.label}
      </Button>
      <Text style={{ ...small, marginTop: '16px' }}>{t(props.locale, 'mail.common.linkFallback')}</Text>
      <Text style={{ ...small, wordBreak: 'break-all' }}>
        <Link href={props.href} style={{ color: colors.link, textDecoration: 'underline' }}>
          {props.href}
        </Link>
      </Text>
    </Section>
  )
}

/** Label/value pairs (time, place) in a light panel; a table is what every mail client lays out. */
export function Facts({ rows }: { rows: Array<{ label: string; value: ReactNode }> }) {
  return (
    <Section style={{ backgroundColor: colors.panel, borderRadius: '6px', padding: '12px 16px', margin: '0 0 24px' }}>
      <table cellPadding={0} cellSpacing={0} style={{ width: '100%' }}>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th
                scope="row"
                style={{
                  textAlign: 'left',
                  verticalAlign: 'top',
                  padding: '4px 12px 4px 0',
                  fontSize: '15px',
                  color: colors.muted,
                  fontWeight: 700,
                  whiteSpace: 'nowrap',
                }}
              >
                {row.label}
              </th>
              <td style={{ padding: '4px 0', fontSize: '15px', lineHeight: '22px', color: colors.text }}>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  )
}

export function InlineLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} style={{ color: colors.link, textDecoration: 'underline', wordBreak: 'break-all' }}>
      {children}
    </Link>
  )
}

import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listMailbox, requireMailboxAccess } from '~/mail/mailbox.server.ts'
import { mailboxHref } from '~/mail/mailbox-view.ts'
import { getLocale, t } from '~/i18n/index.ts'
import { formatDate, formatTime } from '~/time.ts'
import stylesheet from '~/styles/mailbox.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }]

export async function loader({ request }: LoaderFunctionArgs) {
  const access = requireMailboxAccess(request)
  const locale = getLocale(request)
  const messages = (await listMailbox(access.dir)).map((entry) => {
    const date = new Date(entry.date)
    return { id: entry.id, to: entry.to, subject: entry.subject, date: entry.date, when: `${formatDate(date, locale)} ${formatTime(date, locale)}` }
  })
  const headers: HeadersInit = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' }
  if (access.setCookie) headers['Set-Cookie'] = access.setCookie
  return json({ locale, messages }, { headers })
}

export default function Mailbox() {
  const { locale, messages } = useLoaderData<typeof loader>()
  return (
    <main id="main" className="container page" lang={locale}>
      <h1>{t(locale, 'mail.mailbox.title')}</h1>
      <p>{t(locale, 'mail.mailbox.intro')}</p>
      <p>
        <a href={locale === 'en' ? '/dev/mailbox' : '/dev/mailbox?lang=en'} lang={locale === 'en' ? 'sv' : 'en'}>
          {t(locale, 'mail.mailbox.otherLanguage')}
        </a>
      </p>
      {messages.length === 0 ? (
        <p className="empty-state">{t(locale, 'mail.mailbox.empty')}</p>
      ) : (
        <table className="mailbox-table">
          <caption className="visually-hidden">{t(locale, 'mail.mailbox.count', { count: messages.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(locale, 'mail.mailbox.time')}</th>
              <th scope="col">{t(locale, 'mail.mailbox.to')}</th>
              <th scope="col">{t(locale, 'mail.mailbox.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id}>
                <td>
                  <time dateTime={message.date}>{message.when}</time>
                </td>
                <td>{message.to}</td>
                <td>
                  <Link to={mailboxHref(`/dev/mailbox/${message.id}`, locale)}>{message.subject || t(locale, 'mail.mailbox.noSubject')}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t(data?.locale ?? 'sv', 'mail.mailbox.title')} – Samling` },
  { name: 'robots', content: 'noindex' },
]

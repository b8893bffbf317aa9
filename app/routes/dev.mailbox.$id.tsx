import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { readMailboxMessage, requireMailboxAccess } from '~/mail/mailbox.server.ts'
import { linkify, mailboxHref } from '~/mail/mailbox-view.ts'
import { getLocale, t } from '~/i18n/index.ts'
import { notFound } from '~/errors.server.ts'
import { formatDate, formatTime } from '~/time.ts'
import stylesheet from '~/styles/mailbox.css'

const ParamsSchema = z.object({ id: z.string().regex(/^[0-9a-z-]{1,40}$/) })

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesheet }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireMailboxAccess(request)
  const locale = getLocale(request)
  const parsed = ParamsSchema.safeParse(params)
  const message = parsed.success ? await readMailboxMessage(access.dir, parsed.data.id) : null
  if (!message) throw notFound(locale)
  const date = message.date ? new Date(message.date) : null
  const headers: HeadersInit = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' }
  if (access.setCookie) headers['Set-Cookie'] = access.setCookie
  return json({ locale, message, when: date ? `${formatDate(date, locale)} ${formatTime(date, locale)}` : '' }, { headers })
}

/** Links in the mail open in a new tab: our own pages refuse to be framed (frame-ancestors 'none'). */
function srcDoc(html: string) {
  return html.includes('<head>') ? html.replace('<head>', '<head><base target="_blank">') : `<base target="_blank">${html}`
}

export default function MailboxMessage() {
  const { locale, message, when } = useLoaderData<typeof loader>()
  return (
    <main id="main" className="container page" lang={locale}>
      <p>
        <Link to={mailboxHref('/dev/mailbox', locale)}>← {t(locale, 'mail.mailbox.back')}</Link>
      </p>
      <h1>{message.subject || t(locale, 'mail.mailbox.noSubject')}</h1>
      <dl className="mailbox-message__meta">
        <dt>{t(locale, 'mail.mailbox.from')}</dt>
        <dd>{message.from}</dd>
        <dt>{t(locale, 'mail.mailbox.to')}</dt>
        <dd>{message.to}</dd>
        {message.replyTo ? (
          <>
            <dt>{t(locale, 'mail.mailbox.replyTo')}</dt>
            <dd>{message.replyTo}</dd>
          </>
        ) : null}
        <dt>{t(locale, 'mail.mailbox.time')}</dt>
        <dd>{message.date ? <time dateTime={message.date}>{when}</time> : '–'}</dd>
      </dl>

      {message.links.length ? (
        <section aria-labelledby="mail-links">
          <h2 id="mail-links">{t(locale, 'mail.mailbox.links')}</h2>
          <ul className="mailbox-links">
            {message.links.map((href) => (
              <li key={href}>
                <a href={href}>{href}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="mail-text">
        <h2 id="mail-text">{t(locale, 'mail.mailbox.text')}</h2>
        {message.text ? (
          <pre className="mailbox-text" lang={message.language || undefined}>
            {linkify(message.text).map((part, index) =>
              part.href ? (
                <a key={index} href={part.href}>
                  {part.text}
                </a>
              ) : (
                part.text
              ),
            )}
          </pre>
        ) : (
          <p>{t(locale, 'mail.mailbox.noText')}</p>
        )}
      </section>

      <section aria-labelledby="mail-html">
        <h2 id="mail-html">{t(locale, 'mail.mailbox.html')}</h2>
        {message.html ? (
          // No allow-scripts and no allow-same-origin: the mail cannot run code or read this page.
          <iframe
            className="mailbox-html"
            title={t(locale, 'mail.mailbox.html')}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={srcDoc(message.html)}
          />
        ) : (
          <p>{t(locale, 'mail.mailbox.noHtml')}</p>
        )}
      </section>

      {message.attachments.length ? (
        <section aria-labelledby="mail-attachments">
          <h2 id="mail-attachments">{t(locale, 'mail.mailbox.attachments')}</h2>
          <ul>
            {message.attachments.map((attachment) => (
              <li key={attachment.index}>
                <a href={`/dev/mailbox/${message.id}/attachments/${attachment.index}`} download={attachment.filename}>
                  {attachment.filename}
                </a>{' '}
                ({attachment.contentType}, {Math.ceil(attachment.size / 1024)} kB)
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <details className="mailbox-headers">
        <summary>{t(locale, 'mail.mailbox.headers')}</summary>
        <table className="mailbox-table">
          <tbody>
            {message.headers.map((header, index) => (
              <tr key={index}>
                <th scope="row">{header.name}</th>
                <td>{header.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p>
        <a href={`/dev/mailbox/${message.id}/raw`} download={`${message.id}.eml`}>
          {t(locale, 'mail.mailbox.raw')}
        </a>
      </p>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? ''} – ${t(data?.locale ?? 'sv', 'mail.mailbox.title')}` },
  { name: 'robots', content: 'noindex' },
]

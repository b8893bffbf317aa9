import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { requirePerson } from '~/accounts/session.server.ts'
import { SelectField } from '~/components/console/fields.tsx'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { getLocale, t, type Locale } from '~/i18n/index.ts'
import { listTemplates } from '~/mail/templates.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

/**
 * Every mail template rendered with its sample data in Swedish and English: subject, the HTML part
 * in a sandboxed iframe (no scripts, no same-origin access) and the text part.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePerson(request)
  const locale = getLocale(request)
  const templates = listTemplates()
  const requested = new URL(request.url).searchParams.get('template')
  const chosen = templates.find((template) => template.name === requested) ?? templates[0]
  const renders = chosen
    ? await Promise.all(
        (['sv', 'en'] as const).map(async (mailLocale) => {
          const mail = await chosen.render(chosen.sample(mailLocale), mailLocale, { unsubscribeUrl: 'https://samling.example/unsubscribe/exempel' })
          return { locale: mailLocale, subject: mail.subject, html: mail.html, text: mail.text, calendar: mail.calendar ?? null }
        }),
      )
    : []
  return json({ locale, names: templates.map((template) => template.name), chosen: chosen?.name ?? null, renders })
}

export const handle: ConsoleHandle = { breadcrumb: (_data, locale) => ({ label: t(locale, 'organizer.mailPreview.title'), to: '' }) }

export default function MailPreview() {
  const { locale, names, chosen, renders } = useLoaderData<typeof loader>()
  const L = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t(locale as Locale, key, params)
  return (
    <>
      <h1>{L('organizer.mailPreview.title')}</h1>
      <p>{L('organizer.mailPreview.intro')}</p>
      {names.length === 0 ? (
        <p className="notice">{L('organizer.mailPreview.unavailable')}</p>
      ) : (
        <Form method="get" action="/organizer/mail-preview" className="console-inline">
          {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <SelectField
            name="template"
            label={L('organizer.mailPreview.template')}
            options={names.map((name) => ({ value: name, label: name }))}
            value={chosen ?? ''}
          />
          <button type="submit">{L('organizer.mailPreview.show')}</button>
        </Form>
      )}
      <div className="console-columns console-columns--even">
        {renders.map((mail) => {
          const language = L(`organizer.language.${mail.locale}`)
          return (
            <section key={mail.locale} className="panel" aria-labelledby={`mail-${mail.locale}`} lang={mail.locale}>
              <h2 id={`mail-${mail.locale}`}>{language}</h2>
              <p>
                <strong>{L('organizer.mailPreview.subject')}:</strong> {mail.subject}
              </p>
              <iframe className="console-mail" sandbox="" srcDoc={mail.html} title={L('organizer.mailPreview.html', { template: chosen ?? '', language })} />
              <h3>{L('organizer.mailPreview.text')}</h3>
              {/* Scrollable on a phone: focusable and named, so it can be scrolled with the keyboard (axe scrollable-region-focusable). */}
              {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus */}
              <pre className="console-mail-text" tabIndex={0} role="region" aria-label={L('organizer.mailPreview.textRegion', { language })}>
                {mail.text}
              </pre>
              {mail.calendar ? (
                <>
                  <h3>{L('organizer.mailPreview.calendar', { method: mail.calendar.method })}</h3>
                  {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus */}
                  <pre className="console-mail-text" tabIndex={0} role="region" aria-label={L('organizer.mailPreview.calendarRegion', { language })}>
                    {mail.calendar.content}
                  </pre>
                </>
              ) : null}
            </section>
          )
        })}
      </div>
      <p>
        <a href={consolePath(locale, '/organizer')}>{L('organizer.console')}</a>
      </p>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'organizer.mailPreview.title'))

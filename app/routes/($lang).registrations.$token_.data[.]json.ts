import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { t } from '../i18n/index.ts'
import { collectMyData } from '../privacy/my-data.server.ts'
import { publicLocale } from '../public/route.server.ts'

/**
 * "Download my data" as JSON (ADR 0032): everything about the manage link's address on this
 * instance, as an attachment. Personal: never stored by a cache. An unknown or anonymized link is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const headers = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' }
  const data = await collectMyData({ token: params.token ?? '', locale, yesNo: [t(locale, 'registration.yes'), t(locale, 'registration.no')] })
  if (!data) return json({ error: t(locale, 'myData.notFound') }, { status: 404, headers })
  return new Response(`${JSON.stringify({ format: 'samling-my-data/1', ...data }, null, 2)}\n`, {
    headers: {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${locale === 'en' ? 'samling-my-data' : 'samling-mina-uppgifter'}.json"`,
    },
  })
}

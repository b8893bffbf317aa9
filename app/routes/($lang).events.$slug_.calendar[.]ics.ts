import type { LoaderFunctionArgs } from '@remix-run/node'
import { eventCalendarFile } from '../calendar/download.server.ts'
import { notFound } from '../errors.server.ts'
import { orNotFound, publicLocale } from '../public/route.server.ts'
import { isSlug } from '../slug.ts'

/**
 * GET /events/:slug/calendar.ics (and /en/…): one event for a calendar program, as a file to import
 * once (feeds that update come with the calendar-feeds issue). 404 for drafts and unknown slugs.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.eventNotFound')
  const file = await orNotFound(locale, () => eventCalendarFile({ slug, locale }))
  return new Response(file.content, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'public, max-age=60',
    },
  })
}

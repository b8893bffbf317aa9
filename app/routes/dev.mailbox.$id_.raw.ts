import type { LoaderFunctionArgs } from '@remix-run/node'
import { readMailboxRaw, requireMailboxAccess } from '~/mail/mailbox.server.ts'
import { notFound } from '~/errors.server.ts'
import { getLocale } from '~/i18n/index.ts'

/** The stored message exactly as it would have gone to a relay (open it in any mail program). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireMailboxAccess(request)
  const raw = await readMailboxRaw(access.dir, params.id ?? '')
  if (!raw) throw notFound(getLocale(request))
  return new Response(new Uint8Array(raw), {
    headers: {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="${params.id}.eml"`,
      'Cache-Control': 'private, no-store',
      Vary: 'Cookie',
    },
  })
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { readMailboxAttachment, requireMailboxAccess } from '~/mail/mailbox.server.ts'
import { notFound } from '~/errors.server.ts'
import { getLocale } from '~/i18n/index.ts'

const ParamsSchema = z.object({ id: z.string().max(40), index: z.coerce.number().int().min(0).max(1000) })

/** One attachment of a stored message, as a download (never rendered inline on our origin). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireMailboxAccess(request)
  const parsed = ParamsSchema.safeParse(params)
  const attachment = parsed.success ? await readMailboxAttachment(access.dir, parsed.data.id, parsed.data.index) : null
  if (!attachment) throw notFound(getLocale(request))
  const filename = attachment.filename.replace(/[^\w.-]+/g, '_')
  return new Response(new Uint8Array(attachment.content), {
    headers: {
      'Content-Type': attachment.contentType || 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      Vary: 'Cookie',
    },
  })
}

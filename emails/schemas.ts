import { z } from 'zod'

/** Only http(s) links go into mail: never javascript: or data:. */
export const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })

/** An instant: a Date or an ISO 8601 string with offset, stored as the ISO string. */
export const InstantSchema = z.union([z.date().transform((date) => date.toISOString()), z.iso.datetime({ offset: true })])

/** Every payload may name the organizer's address, which goes into Reply-To. */
export const ReplyToSchema = z.object({ replyTo: z.email().optional() })

/** Short one-line text shown in subjects and headings. */
export const LineSchema = z.string().trim().min(1).max(300)

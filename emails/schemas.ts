import { z } from 'zod'

/** Only http(s) links go into mail: never javascript: or data:. */
export const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })

/** An instant: a Date or an ISO 8601 string with offset, stored as the ISO string. */
export const InstantSchema = z.union([z.date().transform((date) => date.toISOString()), z.iso.datetime({ offset: true })])

/** Every payload may name the organizer's address, which goes into Reply-To. */
export const ReplyToSchema = z.object({ replyTo: z.email().optional() })

/** Short one-line text shown in subjects and headings. */
export const LineSchema = z.string().trim().min(1).max(300)

/**
 * Marks a payload field as a secret: a value that lets its reader act as the recipient (a sign-in
 * link, later manage and feed links). The outbox stores such fields encrypted and overwrites them
 * once the mail is sent or has finally failed (app/mail/secrets.server.ts), because nothing in the
 * database may let a reader act as someone. Only top-level fields of a template's schema count.
 */
export const secretFields = z.registry<{ secret: true }>()

export function secret<S extends z.ZodType>(schema: S): S {
  // A fresh instance per use, so marking one field never marks a shared schema such as HttpUrlSchema.
  const marked = schema.clone() as S
  secretFields.add(marked as z.ZodType, { secret: true })
  return marked
}

/**
 * The facts of a calendar invitation a mail carries (nodemailer `icalEvent`, RFC 5546). A template
 * that has `invite` in its payload gets a text/calendar part built by app/calendar/ (the only code
 * that writes iCalendar text): REQUEST for a confirmed place or an update, CANCEL when the
 * registration or the event is cancelled. `uid` comes from app/calendar's UID function, so it is the
 * same UID the public feeds and the .ics download use; `sequence` is the event's revision (CANCEL
 * sends revision + 1; a registration back after a cancellation adds 2 per return: inviteSequence).
 */
export const CalendarInviteSchema = z.object({
  method: z.enum(['REQUEST', 'CANCEL']),
  uid: z.string().min(1).max(255),
  sequence: z.number().int().min(0),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  summary: LineSchema,
  /** Address, or "Digitalt"/"Online" for online events (never the stream link). */
  location: z.string().max(500),
  description: z.string().max(4000),
  url: HttpUrlSchema,
  organizerName: LineSchema,
  organizerEmail: z.email(),
  attendeeName: z.string().max(300),
  attendeeEmail: z.email(),
  /** When the event's facts last changed (DTSTAMP/LAST-MODIFIED), so a resend is byte-identical. */
  updatedAt: InstantSchema,
})
export type CalendarInvite = z.output<typeof CalendarInviteSchema>

/**
 * Several sessions in one invitation (a speaker's confirmation): one VEVENT each, all with the same
 * METHOD, ORGANIZER and ATTENDEE (the first entry's are used for the calendar).
 */
export const CalendarInvitesSchema = z
  .array(CalendarInviteSchema)
  .min(1)
  .max(50)
  .refine((invites) => invites.every((invite) => invite.method === invites[0].method), 'one METHOD per calendar')

/**
 * The check-in ticket a confirmation carries (ADR 0026): `token` becomes the inline QR image (a PNG
 * attachment with this Content-ID, drawn by the renderer), `code` is printed for typing at the door.
 */
export const CHECK_IN_QR_CID = 'check-in-qr@samling'
export const CheckInTicketSchema = z.object({
  token: z.string().min(1).max(200),
  code: z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
})

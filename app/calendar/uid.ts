/**
 * The one UID function of Samling's calendars (RFC 5545 §3.8.4.7). A calendar program recognises
 * "the same event" only by its UID, so the .ics download, every mail invitation and every feed must
 * give an event the same UID for its whole life, or people get duplicates (lessons row 2, pretix
 * once had two). It is made from the row's id alone: never from the title, time, host name or the
 * environment's URL, which change. A series part is an event, so it uses the event kind; a
 * programme item (a talk, the lunch meetup) gets its own. docs/decisions/0014-calendar-module.md
 */
export const CALENDAR_UID_DOMAIN = 'samling'

export type CalendarUidKind = 'event' | 'item'

export function calendarUid(subject: { kind: CalendarUidKind; id: string }): string {
  return `${subject.kind}-${subject.id.toLowerCase()}@${CALENDAR_UID_DOMAIN}`
}

/** The organizer console: events, programme, series, publishing. Keys start with 'organizer.'. */
export const organizerMessages = {
} as const

/** Public pages: listing, event, series, organization and speaker pages, API errors. Keys start with 'public.'. */
export const publicMessages = {
} as const

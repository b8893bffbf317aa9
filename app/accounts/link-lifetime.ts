/**
 * How long a sign-in link works. Not in sign-in.server.ts because the sign-in pages show it: a
 * value imported from a `.server` module is `undefined` in the browser bundle, so the page rendered
 * after a client-side submission said "Länken gäller i undefined minuter".
 */
export const LINK_MINUTES = 15

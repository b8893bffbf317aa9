/**
 * Whether a state-changing request came from our own pages: its `Origin` (scheme, host and port)
 * must be APP_URL's origin or the origin the request itself was made to. The scheme counts:
 * `https://host:port` is another origin than `http://host:port` (RFC 6454), so a page served over
 * one cannot post to the other. Used by server.ts (before Remix) and by assertSameOrigin in
 * app/accounts/session.server.ts, so the two can never disagree.
 */
export function isSameOrigin(origin: string | null | undefined, { appUrl, requestUrl }: { appUrl: string; requestUrl: string }): boolean {
  if (!origin) return false
  const given = originOf(origin)
  return given !== null && (given === originOf(appUrl) || given === originOf(requestUrl))
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

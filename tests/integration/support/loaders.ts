import type { LoaderFunctionArgs } from '@remix-run/node'

type Loader = (args: LoaderFunctionArgs) => Promise<Response>

/** A route's loader called as Remix calls it, for `http://localhost<path>`. */
export function callLoader(loader: unknown, path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return (loader as Loader)({ request: new Request(`http://localhost${path}`, { headers }), params, context: {} })
}

/** The status of the Response a loader throws (a 404 page), failing when it returns or throws anything else. */
export async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
  throw new Error('the loader did not throw')
}

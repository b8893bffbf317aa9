import type { Config } from './env.server.ts'

/** Background work that runs inside the app process (the mail worker arrives with the mail pipeline). */
export async function startBackgroundWork(_config: Config): Promise<void> {}

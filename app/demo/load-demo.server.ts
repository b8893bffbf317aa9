/** Loads the demo conferences into an empty database. Replaced by the real demo loader. */
export async function loadDemoIfEmpty(): Promise<boolean> {
  return false
}

/**
 * The fields of a posted form as strings. A body that is not a form (wrong Content-Type, broken
 * multipart) reads as an empty form, so the zod check answers 400 instead of the request failing
 * with a 500. Files are ignored: these forms have none.
 */
export async function readForm(request: Request): Promise<Record<string, string>> {
  let data: FormData
  try {
    data = await request.formData()
  } catch {
    return {}
  }
  const fields: Record<string, string> = {}
  for (const [name, value] of data) if (typeof value === 'string' && !(name in fields)) fields[name] = value
  return fields
}

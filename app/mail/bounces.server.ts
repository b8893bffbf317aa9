import { db } from '../db/client.server.ts'
import { isPermanentFailure } from './transport.server.ts'

/**
 * Addresses the relay refused at once (ADR 0027): a permanent SMTP answer (5xx) to RCPT TO or to
 * the end of DATA says the mailbox does not take our mail, which is a fact about the address, not
 * about one message. The address is marked in bounced_addresses (normalized; first and last time,
 * the relay's answer), the console shows "studsar" next to its registrations, and later bulk
 * mailings skip and count it. A 4xx, a refused connection or an authentication error is not a bounce.
 */
const BOUNCING_COMMANDS = /^(RCPT TO|DATA)\b/i

/** Whether `error` (from nodemailer) is the relay refusing the recipient or the message. */
export function isBounce(error: unknown): boolean {
  if (!isPermanentFailure(error)) return false
  const command = (error as { command?: unknown }).command
  return typeof command === 'string' && BOUNCING_COMMANDS.test(command)
}

/** The relay's own words ("550 5.1.1 User unknown"), at most 500 characters. */
function relayAnswer(error: unknown): string {
  const response = (error as { response?: unknown }).response
  const text = typeof response === 'string' && response.trim() ? response : error instanceof Error ? error.message : String(error)
  return text.slice(0, 500)
}

/** Marks the address when `error` is a bounce (see isBounce); does nothing otherwise. Safe to repeat. */
export async function recordBounce(input: { address: string; error: unknown; now: Date }): Promise<boolean> {
  if (!isBounce(input.error)) return false
  const address = input.address.trim().toLowerCase()
  const answer = relayAnswer(input.error)
  await db.bouncedAddress.upsert({
    where: { emailNormalized: address },
    create: { emailNormalized: address, firstBouncedAt: input.now, lastBouncedAt: input.now, lastResponse: answer },
    update: { lastBouncedAt: input.now, lastResponse: answer, bounces: { increment: 1 } },
  })
  return true
}

/**
 * The relay took mail for these addresses at `now`: a mark from before then no longer holds (the
 * mailbox was full, or has been created since), so it is removed and bulk mail reaches them again.
 * One statement per worker round; a bounce recorded in the same round stays.
 */
export async function clearBounces(addresses: string[], now: Date): Promise<void> {
  const unique = [...new Set(addresses.map((address) => address.trim().toLowerCase()))]
  if (unique.length === 0) return
  await db.bouncedAddress.deleteMany({ where: { emailNormalized: { in: unique }, lastBouncedAt: { lt: now } } })
}

/** Of these addresses, the ones that bounced. */
export async function bouncedAmong(addresses: string[]): Promise<Set<string>> {
  const unique = [...new Set(addresses.map((address) => address.trim().toLowerCase()))]
  if (unique.length === 0) return new Set()
  const rows = await db.bouncedAddress.findMany({ where: { emailNormalized: { in: unique } }, select: { emailNormalized: true } })
  return new Set(rows.map((row) => row.emailNormalized))
}

export type BouncedAddress = { address: string; firstBouncedAt: Date; lastBouncedAt: Date; bounces: number; lastResponse: string }

/** The bounced addresses this organization has mailed (its console's mail page), latest first. */
export async function listOrganizationBounces(organizationId: string, options: { take?: number } = {}): Promise<BouncedAddress[]> {
  const rows = await db.$queryRaw<BouncedAddress[]>`
    SELECT b.email_normalized AS address, b.first_bounced_at AS "firstBouncedAt", b.last_bounced_at AS "lastBouncedAt",
           b.bounces, b.last_response AS "lastResponse"
      FROM bounced_addresses b
     WHERE EXISTS (SELECT 1 FROM outbox_messages o WHERE o.organization_id = ${organizationId}::uuid AND o.recipient = b.email_normalized)
        OR EXISTS (SELECT 1 FROM registrations r JOIN events e ON e.id = r.event_id
                    WHERE e.organization_id = ${organizationId}::uuid AND r.email_normalized = b.email_normalized)
     ORDER BY b.last_bounced_at DESC
     LIMIT ${options.take ?? 100}`
  return rows
}

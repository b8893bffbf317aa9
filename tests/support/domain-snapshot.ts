import { db } from '../../app/db/client.server.ts'

/**
 * The domain tables, row by row, as one digest per table: what a refused request must leave as it
 * was. Shared by the fuzz suite (tests/fuzz/routes.test.ts) and the authorization matrix
 * (tests/integration/authorization-matrix.test.ts). A new table with domain data belongs here.
 */

/** Tables a refused request must not touch (sign-in bookkeeping — sessions, tokens, their mail — may change). */
export const DOMAIN_TABLES = [
  'organizations',
  'privacy_notices',
  'memberships',
  'series',
  'events',
  'ticket_types',
  'rooms',
  'tracks',
  'programme_items',
  'speaker_profiles',
  'programme_roles',
  'speaker_invitations',
  'speaker_invitation_items',
  'session_edits',
  'speaker_materials',
  'event_materials',
  'audience_questions',
  'proposal_calls',
  'proposals',
  'proposal_ratings',
  'proposal_comments',
  'registrations',
  'series_signups',
  'registration_invites',
  'personal_feeds',
  'mail_opt_outs',
  'organization_mail_opt_outs',
  'bounced_addresses',
  'mailings',
  'mailing_recipients',
  'item_signups',
  'programme_stars',
  'check_in_scans',
  'custom_questions',
  'audit_log',
]

/**
 * What of a row counts, where not all of it: a viewer may choose their own registration mail
 * ("Mina aviseringar", Membership.registration_digest), which is about their inbox, not the domain.
 */
const COMPARED: Record<string, string> = { memberships: 'ROW(t.organization_id, t.person_id, t.role, t.created_at)' }

/**
 * Rows that record a read, not a change: a viewer may download the registrations, and that
 * download is in the audit log (who took personal data out, when), and so is the audience questions' export. Everything else must not move.
 */
const READS: Record<string, string> = { audit_log: "t.action NOT IN ('event.registrationsExported', 'event.questionsExported')" }

/** Per domain table: its row count and an MD5 of its rows in a fixed order. */
export async function snapshotDomain(): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const table of DOMAIN_TABLES) {
    const compared = COMPARED[table] ?? 't'
    const [row] = await db.$queryRawUnsafe<{ n: bigint; digest: string | null }[]>(
      `SELECT count(*) AS n, md5(string_agg(${compared}::text, '|' ORDER BY ${compared}::text)) AS digest FROM ${table} t${READS[table] ? ` WHERE ${READS[table]}` : ''}`,
    )
    result[table] = `${row.n} rows, ${row.digest ?? '-'}`
  }
  return result
}

import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'

let generation = 0

/**
 * A number that changes whenever this process writes something public pages may show. Caches of
 * public data (app/cache.server.ts) remember it and treat a different number as stale. It is
 * bumped before a write starts and again after it (or its transaction) has finished, so a read that
 * overlaps a write is never trusted. Writes to tables no public page reads do not bump it; seat
 * counts (registrations) show on public pages but are allowed to be a few seconds old (the caches'
 * TTL), so a burst of registrations does not empty every cache.
 */
export function dataGeneration(): number {
  return generation
}

/**
 * Makes every cached copy of public data stale, as a write in this process does. Called when another
 * instance on the same PostgreSQL says it changed public data (public-changes.server.ts).
 */
export function bumpDataGeneration(): void {
  generation++
}

const PRIVATE_TABLE_WRITE =
  /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:"?public"?\.)?"?(?:outbox_messages|sessions|login_tokens|audit_log|_prisma_migrations|registrations|series_signups|registration_invites|item_signups|programme_stars|rate_limits|mail_opt_outs|feed_versions|personal_feeds|session_edits|proposals|proposal_ratings|proposal_comments|audience_questions|check_in_scans|mailings|mailing_recipients|organization_mail_opt_outs|bounced_addresses)"?[\s(]/i

/** True for statements that may change public data: anything but reads, locks, transaction control and private tables. */
export function changesPublicData(sql: string): boolean {
  const head = sql.trimStart().slice(0, 9).toUpperCase()
  if (/^(SELECT|SHOW|SET|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|EXPLAIN|DEALLOCATE)\b/.test(head)) return false
  return !PRIVATE_TABLE_WRITE.test(sql)
}

type Watched = { queryRaw: SqlDriverAdapter['queryRaw']; executeRaw: SqlDriverAdapter['executeRaw'] }

/**
 * Wraps a driver adapter (or transaction) so that writes bump `dataGeneration()`; `onDone` runs after
 * a public write succeeded (outside a transaction: the statement is committed by then).
 */
function watchQueries<T extends Watched>(target: T, onWrite: () => void, extra: Record<string, unknown> = {}, onDone?: () => void): T {
  const run =
    (method: 'queryRaw' | 'executeRaw') =>
    (query: SqlQuery): Promise<unknown> => {
      if (!changesPublicData(query.sql)) return target[method](query)
      onWrite()
      const result = (target[method](query) as Promise<unknown>).finally(onWrite)
      return onDone ? result.then((value) => (onDone(), value)) : result
    }
  const overrides: Record<string | symbol, unknown> = { queryRaw: run('queryRaw'), executeRaw: run('executeRaw'), ...extra }
  return new Proxy(target, {
    get(object, property) {
      if (property in overrides) return overrides[property]
      const value = Reflect.get(object, property, object)
      return typeof value === 'function' ? value.bind(object) : value
    },
  })
}

function watchTransaction(transaction: Transaction, onCommitted: () => void): Transaction {
  let wrote = false
  return watchQueries(
    transaction,
    () => {
      wrote = true
      generation++
    },
    {
      commit: () =>
        transaction
          .commit()
          .then(() => {
            if (wrote) onCommitted()
          })
          .finally(() => {
            if (wrote) generation++
          }),
    },
  )
}

function watchAdapter(adapter: SqlDriverAdapter, onChanged: () => void): SqlDriverAdapter {
  const bump = () => void generation++
  return watchQueries(
    adapter,
    bump,
    {
      executeScript: (script: string) => adapter.executeScript(script).then(onChanged).finally(bump),
      startTransaction: async (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
        watchTransaction(await adapter.startTransaction(...args), onChanged),
    },
    onChanged,
  )
}

export type WatchWritesOptions = {
  /**
   * Runs once a write that may change public data is committed (after the transaction's COMMIT, or
   * after a statement outside one): postgres.server.ts tells the other instances from here.
   */
  onPublicChange?: () => void
}

/** A driver adapter factory whose connections bump `dataGeneration()` on every write. */
export function watchWrites(factory: SqlDriverAdapterFactory, options: WatchWritesOptions = {}): SqlDriverAdapterFactory {
  const onChanged = options.onPublicChange ?? (() => {})
  return new Proxy(factory, {
    get(object, property) {
      if (property === 'connect') return async () => watchAdapter(await object.connect(), onChanged)
      const value = Reflect.get(object, property, object)
      return typeof value === 'function' ? value.bind(object) : value
    },
  })
}

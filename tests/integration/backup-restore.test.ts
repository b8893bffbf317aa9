import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import zlib from 'node:zlib'
import pg from 'pg'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countRows, type TableCounts } from '../../app/db/backup.server.ts'
import { openDatabase } from '../../app/db/client.server.ts'
import { postRegistration } from '../support/registrations.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// `npm run backup` while the built server runs on the demo and registrations keep arriving, then
// `npm run restore` into an empty DATA_DIR and a server there: the same public pages, the same rows
// as at the snapshot, an old manage link and the console sign-in still work. With DATABASE_URL
// also the round trip embedded → PostgreSQL → embedded. Figures (size, seconds) are printed.
const TSX = path.resolve('node_modules/.bin/tsx')
const ORGANIZER = 'arrangor@example.org'

type Script = { code: number | null; output: string; ms: number }

/** Runs scripts/<name>.ts like `npm run <name>` does, with these environment variables. */
function runScript(name: 'backup' | 'restore', args: string[], env: Record<string, string | undefined>): Promise<Script> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(TSX, [`scripts/${name}.ts`, ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output, ms: Math.round(performance.now() - started) }))
  })
}

/** The row counts the backup recorded at its snapshot. */
async function snapshotCounts(file: string): Promise<TableCounts> {
  for await (const line of readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()) })) {
    if (line.startsWith('{"#":"database-done"')) return (JSON.parse(line) as { rows: TableCounts }).rows
  }
  throw new Error('no database-done line')
}

async function embeddedCounts(dataDir: string): Promise<TableCounts> {
  const database = await openDatabase({ dataDir, migrate: false })
  try {
    return await database.withConnection(countRows)
  } finally {
    await database.close()
  }
}

const mailboxKey = (server: RunningServer) =>
  (JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')) as { mailboxKey: string }).mailboxKey

/** The first link matching `link` in the newest dev-mailbox mail to `to` whose subject matches; waits for the mail worker. */
async function linkFromMailbox(server: RunningServer, to: string, subject: RegExp, link: RegExp, skip = new Set<string>()): Promise<string> {
  const key = mailboxKey(server)
  for (let attempt = 0; attempt < 60; attempt++) {
    const list = await (await fetch(`${server.url}/dev/mailbox?key=${key}`)).text()
    for (const row of list.split('<tr>')) {
      const mail = /href="(\/dev\/mailbox\/[^"]+)">([^<]*)</.exec(row)
      if (row.includes(`>${to}<`) && mail && subject.test(mail[2]) && !skip.has(mail[1])) {
        const found = link.exec(await (await fetch(`${server.url}${mail[1]}?key=${key}`)).text())
        if (found) return found[0].replace(/^https?:\/\/[^/]+/, '')
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`no mail to ${to} matching ${subject}`)
}

/** Signs in through /login and the dev mailbox as a person does; the session Cookie header. */
async function signIn(server: RunningServer, email = ORGANIZER): Promise<string> {
  // Mails already there (a restored mailbox holds the old, used sign-in links) are not the new one.
  const before = await (await fetch(`${server.url}/dev/mailbox?key=${mailboxKey(server)}`)).text()
  const skip = new Set([...before.matchAll(/href="(\/dev\/mailbox\/[^"]+)"/g)].map((m) => m[1]))
  const asked = await fetch(`${server.url}/login`, { method: 'POST', headers: { origin: server.url }, body: new URLSearchParams({ email }) })
  expect(asked.status).toBe(200)
  const login = await linkFromMailbox(server, email, /inloggningslänk/, /https?:\/\/[^"]+\/login\/[A-Za-z0-9_-]+/, skip)
  const answer = await fetch(`${server.url}${login}`, { method: 'POST', redirect: 'manual', headers: { origin: server.url }, body: new URLSearchParams() })
  expect(answer.status).toBe(302)
  return String(answer.headers.get('set-cookie')).split(';')[0]
}

/** A public page's HTML with what differs between two servers of the same data taken out: the nonce and the origin. */
async function publicPage(server: RunningServer, pathname: string): Promise<string> {
  const response = await fetch(`${server.url}${pathname}`)
  expect(response.status, pathname).toBe(200)
  const origin = new URL(server.url)
  return (await response.text())
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replaceAll(`${origin.hostname}:${origin.port}`, 'HOST')
    .replaceAll(`localhost:${origin.port}`, 'HOST')
    .replaceAll(encodeURIComponent(`localhost:${origin.port}`), 'HOST')
}

describe('npm run backup while the app runs, npm run restore into an empty data directory', () => {
  const dirs: string[] = []
  const tempDir = (label: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `samling-${label}-`))
    dirs.push(dir)
    return dir
  }
  let source: RunningServer
  let restored: RunningServer | undefined
  let backupFile: string
  let restoredDir: string
  let slug: string
  let manageLink: string
  let cookie: string
  let postponedSlug: string | undefined

  beforeAll(async () => {
    const dataDir = tempDir('backup-source')
    source = await startServer({
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      DEMO: 'on',
      MAIL_WORKER: 'on',
      REGISTRATIONS_PER_IP: '100000',
      REGISTRATIONS_PER_EMAIL: '100000',
    })
    cookie = await signIn(source)
  }, 120_000)

  afterAll(async () => {
    await Promise.all([source?.stop(), restored?.stop()])
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('changes made before the backup: a registration and an organizer postponing an event', async () => {
    const listing = await (await fetch(`${source.url}/`)).text()
    const slugs = [...new Set([...listing.matchAll(/href="\/events\/([a-z0-9-]+)"/g)].map((m) => m[1]))]
    for (const candidate of slugs) {
      const answer = await postRegistration(source.url, candidate, 'fore-backup@example.org')
      if (answer.status === 303) {
        slug = candidate
        break
      }
    }
    expect(slug).toBeDefined()
    manageLink = await linkFromMailbox(source, 'fore-backup@example.org', /./, /https?:\/\/[^"]+\/registrations\/[A-Za-z0-9_-]+/)
    expect((await fetch(`${source.url}${manageLink}`)).status).toBe(200)

    const home = await fetch(`${source.url}/organizer`, { headers: { cookie } })
    const organizations = [...new Set([...(await home.text()).matchAll(/href="\/organizer\/([a-z0-9-]+)"/g)].map((m) => m[1]))]
    search: for (const org of organizations.filter((o) => o !== 'mail-preview')) {
      const page = await (await fetch(`${source.url}/organizer/${org}`, { headers: { cookie } })).text()
      for (const id of new Set([...page.matchAll(new RegExp(`href="/organizer/${org}/events/([A-Za-z0-9_-]+)"`, 'g'))].map((m) => m[1]))) {
        const posted = await fetch(`${source.url}/organizer/${org}/events/${id}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, origin: source.url },
          body: new URLSearchParams({ intent: 'postpone', note: 'Nytt datum meddelas efter säkerhetskopian' }),
        })
        if (posted.status === 302) {
          // …and gives it a cover image, so the backup carries uploaded files too.
          const form = new FormData()
          form.set('intent', 'cover')
          form.set('coverAltSv', 'Blå yta')
          form.set('coverAltEn', 'Blue surface')
          const png = await sharp({ create: { width: 1200, height: 630, channels: 3, background: '#335577' } })
            .png()
            .toBuffer()
          form.set('cover', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'omslag.png')
          const cover = await fetch(`${source.url}/organizer/${org}/events/${id}`, {
            method: 'POST',
            redirect: 'manual',
            headers: { cookie, origin: source.url },
            body: form,
          })
          expect(cover.status).toBe(302)
          const consolePage = await (await fetch(`${source.url}/organizer/${org}/events/${id}`, { headers: { cookie } })).text()
          postponedSlug = /href="\/events\/([a-z0-9-]+)"/.exec(consolePage)?.[1]
          break search
        }
      }
    }
    expect(postponedSlug).toBeDefined()
    expect(await publicPage(source, `/en/events/${postponedSlug}`)).toContain('This event has been postponed.')
  }, 60_000)

  it('a backup taken while registrations keep arriving is one consistent snapshot; every registration is answered', async () => {
    backupFile = path.join(tempDir('backup-file'), 'samling.jsonl.gz')
    let stop = false
    const answers: Awaited<ReturnType<typeof postRegistration>>[] = []
    const load = (async () => {
      for (let n = 0; n < 40 && !stop; n++) {
        answers.push(
          ...(await Promise.all([
            postRegistration(source.url, slug, `under-backup-${n}a@example.org`),
            postRegistration(source.url, slug, `under-backup-${n}b@example.org`),
          ])),
        )
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 300)) // the load is running
    const backup = await runScript('backup', [backupFile], { DATA_DIR: source.dataDir })
    stop = true
    await load
    expect(backup.code, backup.output).toBe(0)
    expect(backup.output).toContain('from the running app')
    console.log(`backup while registering (${answers.length} registrations posted meanwhile):\n${backup.output.trim()}\n  (the command took ${backup.ms} ms)`)
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 303))
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600)
    expect(fs.existsSync(`${backupFile}.partial`)).toBe(false)
  }, 120_000)

  it('restores into an empty directory with the same rows in every table as at the snapshot, and refuses a non-empty one', async () => {
    restoredDir = path.join(tempDir('restore-parent'), 'data')
    const restore = await runScript('restore', [backupFile], { DATA_DIR: restoredDir })
    expect(restore.code, restore.output).toBe(0)
    console.log(`restore:\n${restore.output.trim()}\n  (the command took ${restore.ms} ms)`)
    const expected = await snapshotCounts(backupFile)
    expect(await embeddedCounts(restoredDir)).toEqual(expected)
    // Consistent: each registration in the snapshot came with its mail (one transaction), no more, no less.
    const database = await openDatabase({ dataDir: restoredDir, migrate: false })
    try {
      const { rows } = await database.withConnection((c) =>
        c.query<{ registrations: string; mails: string }>(`SELECT
           (SELECT count(*) FROM registrations WHERE email LIKE 'under-backup-%') AS registrations,
           (SELECT count(*) FROM outbox_messages WHERE recipient LIKE 'under-backup-%') AS mails`),
      )
      console.log(`the snapshot holds ${rows[0].registrations} of the registrations posted during the backup, with ${rows[0].mails} mails`)
      expect(rows[0].mails).toBe(rows[0].registrations)
    } finally {
      await database.close()
    }
    const again = await runScript('restore', [backupFile], { DATA_DIR: restoredDir })
    expect(again.code).toBe(1)
    expect(again.output).toContain('is not empty')
  }, 120_000)

  it('a server on the restored directory shows the same public pages; the old manage link, session and a new sign-in work', async () => {
    // The source has moved on (registrations after the snapshot); its public pages show what changed
    // there. Seat counts are private writes, but cached for up to 5 s: wait so both render fresh.
    restored = await startServer({ DATABASE_URL: '', DATA_DIR: restoredDir, DEMO: 'on', MAIL_WORKER: 'on' })
    await new Promise((resolve) => setTimeout(resolve, 5_500))
    for (const pathname of ['/', '/en', `/events/${postponedSlug}`, `/en/events/${postponedSlug}`, '/archive']) {
      expect(await publicPage(restored, pathname), pathname).toBe(await publicPage(source, pathname))
    }
    const eventPage = await publicPage(restored, `/events/${postponedSlug}`)
    const image = /src="(\/media\/[^"]+)"/.exec(eventPage)?.[1]
    expect(image).toBeDefined()
    const [restoredImage, sourceImage] = await Promise.all(
      [restored, source].map(async (server) => Buffer.from(await (await fetch(`${server.url}${image}`)).arrayBuffer())),
    )
    expect(restoredImage.length).toBeGreaterThan(0)
    expect(restoredImage.equals(sourceImage)).toBe(true)
    const manage = await fetch(`${restored.url}${manageLink}`)
    expect(manage.status).toBe(200)
    expect(await manage.text()).toContain('Deltagare fore-backup')
    expect((await fetch(`${restored.url}/organizer`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200)
    const fresh = await signIn(restored)
    expect((await fetch(`${restored.url}/organizer`, { headers: { cookie: fresh }, redirect: 'manual' })).status).toBe(200)
  }, 120_000)

  it.skipIf(!process.env.DATABASE_URL)(
    'round trip through PostgreSQL: embedded backup → PostgreSQL → backup → embedded, the same rows',
    async () => {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await admin.connect()
      const name = `samling_backup_${process.pid}`
      await admin.query(`DROP DATABASE IF EXISTS ${name}`)
      await admin.query(`CREATE DATABASE ${name}`)
      const url = new URL(process.env.DATABASE_URL!)
      url.pathname = `/${name}`
      try {
        const expected = await snapshotCounts(backupFile)
        const into = await runScript('restore', [backupFile], { DATABASE_URL: url.toString(), DATA_DIR: tempDir('pg-restore') })
        expect(into.code, into.output).toBe(0)
        console.log(`restore into PostgreSQL:\n${into.output.trim()}`)
        const pgFile = path.join(tempDir('pg-backup'), 'from-postgres.jsonl.gz')
        const out = await runScript('backup', [pgFile], { DATABASE_URL: url.toString(), DATA_DIR: tempDir('pg-backup-data') })
        expect(out.code, out.output).toBe(0)
        console.log(`backup of PostgreSQL:\n${out.output.trim()}`)
        expect(await snapshotCounts(pgFile)).toEqual(expected)
        const backDir = path.join(tempDir('pg-back'), 'data')
        const back = await runScript('restore', [pgFile], { DATA_DIR: backDir })
        expect(back.code, back.output).toBe(0)
        expect(await embeddedCounts(backDir)).toEqual(expected)
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await admin.end()
      }
    },
    180_000,
  )
})

/**
 * First run: make someone the owner of an organization, so they can sign in and invite the rest.
 *
 *   npm run create-owner -- --email anna@kommun.se --organization "Sörmlands sociala innovation" [--name "Anna Andersson"] [--locale en]
 *
 * Creates the organization (slug from its name, made unique) if no organization has that name or
 * slug, creates the Person if the address is new, and makes them owner (promoting an existing
 * membership). Safe to repeat. Uses DATABASE_URL, or the embedded database in DATA_DIR. An embedded
 * database serves one process at a time: while the app runs on that DATA_DIR the command refuses
 * (exit 1, "stop it first") and stores nothing, rather than writing where the app never looks.
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { recordAudit } from '../app/audit/audit.server.ts'
import { EmailSchema } from '../app/accounts/sign-in.server.ts'
import { connectDatabase, db, disconnectDatabase, type Tx } from '../app/db/client.server.ts'
import { DataDirInUseError } from '../app/db/embedded.server.ts'
import { ConfigError, config, loadConfig, setConfig } from '../app/env.server.ts'
import { slugify } from '../app/slug.ts'

const USAGE = 'Usage: npm run create-owner -- --email <address> --organization "<name>" [--name "<person name>"] [--locale sv|en]'

const ArgsSchema = z.object({
  email: EmailSchema,
  organization: z.string().trim().min(2, 'must be at least 2 characters').max(200, 'must be at most 200 characters'),
  name: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  locale: z.enum(['sv', 'en']).default('sv'),
})

type Args = z.infer<typeof ArgsSchema>

function fail(message: string): never {
  console.error(`create-owner: ${message}`)
  console.error(USAGE)
  process.exit(1)
}

function readArgs(argv: string[]): Args {
  let values: Record<string, unknown>
  try {
    values = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, organization: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    fail((error as Error).message)
  }
  const parsed = ArgsSchema.safeParse(values)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = String(issue.path[0] ?? 'arguments')
    const given = values[field]
    fail(given === undefined ? `--${field} is required` : `--${field}: ${issue.message} (got ${JSON.stringify(given)})`)
  }
  return parsed.data
}

async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name, 70)
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    if (!(await tx.organization.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate
  }
}

async function createOwner(args: Args) {
  return db.$transaction(async (tx) => {
    const notes: string[] = []
    let organization =
      (await tx.organization.findFirst({ where: { name: { equals: args.organization, mode: 'insensitive' } } })) ??
      (await tx.organization.findUnique({ where: { slug: args.organization } }))
    if (organization) {
      notes.push(`Organization "${organization.name}" already exists (/${organization.slug}).`)
    } else {
      organization = await tx.organization.create({ data: { name: args.organization, slug: await uniqueSlug(tx, args.organization) } })
      notes.push(`Created organization "${organization.name}" (/${organization.slug}).`)
    }

    let person = await tx.person.findUnique({ where: { email: args.email } })
    if (person) {
      notes.push(`${person.email} already has an account.`)
    } else {
      person = await tx.person.create({ data: { email: args.email, name: args.name, locale: args.locale } })
      notes.push(`Created an account for ${person.email}.`)
    }

    const key = { organizationId_personId: { organizationId: organization.id, personId: person.id } }
    const membership = await tx.membership.findUnique({ where: key })
    if (membership?.role === 'owner') {
      notes.push(`${person.email} is already an owner of "${organization.name}".`)
    } else {
      await tx.membership.upsert({ where: key, create: { ...key.organizationId_personId, role: 'owner' }, update: { role: 'owner' } })
      notes.push(membership ? `Promoted ${person.email} from ${membership.role} to owner.` : `Made ${person.email} an owner.`)
      await recordAudit(tx, {
        organizationId: organization.id,
        actorId: null,
        action: membership ? 'member.roleChanged' : 'member.invited',
        entityType: 'membership',
        entityId: person.id,
        data: membership
          ? { email: person.email, from: membership.role, to: 'owner', via: 'create-owner' }
          : { email: person.email, role: 'owner', via: 'create-owner' },
      })
    }
    return { organization, person, notes }
  })
}

async function main() {
  const args = readArgs(process.argv.slice(2))
  try {
    setConfig(loadConfig())
    await connectDatabase({ databaseUrl: config().databaseUrl, dataDir: config().dataDir, poolSize: 2 })
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      for (const line of error.advice) console.error(`create-owner: ${line}`)
      process.exit(1)
    }
    if (error instanceof ConfigError) {
      console.error(`create-owner: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
  try {
    const { organization, notes } = await createOwner(args)
    for (const note of notes) console.log(note)
    console.log('')
    console.log(`To sign in: open ${config().appUrl}/login?redirectTo=/organizer/${organization.slug} and enter ${args.email}.`)
    console.log('The sign-in link arrives by mail (without SMTP_URL: in the dev mailbox the server prints at start).')
  } finally {
    await disconnectDatabase()
  }
}

main().catch((error) => {
  console.error(`create-owner: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})

// Writes an initialized, empty PGlite data directory (npm run build calls it). The first boot on an
// empty DATA_DIR copies it instead of running initdb: PGlite's initdb runs a second PostgreSQL
// instance next to the first and peaked at ≈ 700 MiB RSS, which a small container does not survive
// (issue 7 §9). It holds no schema, so migrations still run at boot. Kept while the PGlite version
// stays the same.
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'

const [outdir] = process.argv.slice(2)
const version = JSON.parse(fs.readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version
const stamp = path.join(outdir, 'SAMLING_TEMPLATE_VERSION')
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version) process.exit(0)
fs.rmSync(outdir, { recursive: true, force: true })
fs.mkdirSync(outdir, { recursive: true })
const pg = await PGlite.create(outdir)
await pg.close()
fs.writeFileSync(stamp, version)

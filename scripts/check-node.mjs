// Runs before `npm start`, `npm run dev` and `npm test` (package.json's pre-scripts), so a Node.js
// that is too old stops with one clear line instead of an obscure error deep inside Prisma or the
// build. Plain JavaScript without dependencies, so that it runs on any Node.js. See
// docs/decisions/0011-node-version.md for why.
import { pathToFileURL } from 'node:url'

/** The same range as package.json's `engines` (Prisma 7's: require(esm) without a flag). */
export const SUPPORTED_NODE = '^20.19 || ^22.12 || >=24'

/** Null when `version` ("20.20.2") is in SUPPORTED_NODE, otherwise the message to print. */
export function nodeVersionProblem(version) {
  const [major, minor] = String(version).replace(/^v/, '').split('.').map(Number)
  if ((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 24) return null
  return (
    `Samling needs Node.js 20.19 or newer (20.19+, 22.12+ or 24+), but this is Node.js ${version}. ` +
    'Install Node.js 22 LTS (https://nodejs.org/, or `nvm install 22`) and run the command again.'
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problem = nodeVersionProblem(process.versions.node)
  if (problem) {
    console.error(problem)
    process.exit(1)
  }
}

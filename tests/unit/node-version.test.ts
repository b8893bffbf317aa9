import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { nodeVersionProblem, SUPPORTED_NODE } from '../../scripts/check-node.mjs'

describe('the Node.js version check before npm start, npm run dev and npm test', () => {
  it('accepts the Node.js versions package.json names, and this machine’s', () => {
    for (const version of ['20.19.0', '20.20.2', '22.12.0', '22.20.1', '24.0.0', '26.1.0', process.versions.node]) {
      expect(nodeVersionProblem(version), version).toBeNull()
    }
    expect(JSON.parse(fs.readFileSync('package.json', 'utf8')).engines.node).toBe(SUPPORTED_NODE)
  })

  it('refuses older ones in one clear line that says what to install', () => {
    expect(nodeVersionProblem('20.18.3')).toBe(
      'Samling needs Node.js 20.19 or newer (20.19+, 22.12+ or 24+), but this is Node.js 20.18.3. Install Node.js 22 LTS (https://nodejs.org/, or `nvm install 22`) and run the command again.',
    )
    for (const version of ['18.20.4', '21.7.3', '22.11.0', '23.11.0']) expect(nodeVersionProblem(version), version).toMatch(/^Samling needs Node\.js 20\.19/)
  })

  it('exits 1 with that line on an old Node.js, and quietly 0 on this one', () => {
    const old = spawnSync(
      process.execPath,
      ['--import', 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.18.3"})', 'scripts/check-node.mjs'],
      {
        encoding: 'utf8',
      },
    )
    expect(old.status).toBe(1)
    expect(old.stderr.trim()).toBe(nodeVersionProblem('20.18.3'))
    const current = spawnSync(process.execPath, ['scripts/check-node.mjs'], { encoding: 'utf8' })
    expect(current.status).toBe(0)
    expect(current.stdout + current.stderr).toBe('')
  })

  it('runs before the commands a newcomer types', () => {
    const scripts = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts
    for (const name of ['prestart', 'predev', 'pretest']) expect(scripts[name], name).toMatch(/^node scripts\/check-node\.mjs( &&|$)/)
  })
})

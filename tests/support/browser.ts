import AxeBuilder from '@axe-core/playwright'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterEach, expect } from 'vitest'

/** Debian's Chromium, headless, with the background networking this closed network refuses turned off. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

export type AxeViolation = { id: string; impact?: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] }

/** WCAG 2.1 A and AA violations on the current page (empty when the page passes). */
export async function wcagViolations(page: Page, opts: { iframes?: boolean; disableRules?: string[] } = {}): Promise<string[]> {
  // Sandboxed srcdoc frames (mail previews) cannot take axe's script; check their HTML on its own instead.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ iframes: opts.iframes ?? true })
    .setLegacyMode(opts.iframes === false)
    .disableRules(opts.disableRules ?? [])
    .analyze()
  return (results.violations as AxeViolation[]).map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
}

/**
 * What went wrong in the pages of one test: uncaught page errors and console errors (a client
 * bundle that fails to load, a hydration error, `Error loading route module … reloading page`).
 * Every page made by newCheckedPage reports here, popups included; afterEach fails the test that
 * saw any, so a broken client-side navigation cannot hide behind the HTML fallback.
 */
const problems: string[] = []
const allowed: RegExp[] = []

function record(kind: string, text: string, url: string) {
  if (allowed.some((pattern) => pattern.test(text))) return
  problems.push(`${kind} on ${url}: ${text}`)
}

function watch(page: Page) {
  page.on('pageerror', (error) => record('pageerror', `${error.name}: ${error.message}`, page.url()))
  page.on('console', (message) => {
    if (message.type() === 'error') record('console error', message.text(), page.url())
  })
}

/** A page in a new context whose page errors and console errors fail the running test. */
export async function newCheckedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context: BrowserContext = await browser.newContext(options)
  context.on('page', watch)
  return context.newPage()
}

/**
 * Lets the running test expect a console message, e.g. Chromium's "Failed to load resource: the
 * server responded with a status of 404" on a page that is meant to be a 404. Reset after each test.
 */
export function allowConsoleError(pattern: RegExp) {
  allowed.push(pattern)
}

/** The problems recorded so far in this test (and clears them). */
export function takePageProblems(): string[] {
  return problems.splice(0, problems.length)
}

afterEach(() => {
  allowed.length = 0
  expect(takePageProblems(), 'page errors or console errors in the browser').toEqual([])
})

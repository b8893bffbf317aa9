import AxeBuilder from '@axe-core/playwright'
import { chromium, type Browser, type Page } from 'playwright-core'

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

import type { Locale } from '../i18n/index.ts'

/** Where an organization's privacy notice is, in the language of the page or mail that links it (ADR 0032). */
export function privacyNoticePath(organizationSlug: string, locale: Locale, version?: number): string {
  return `${locale === 'en' ? '/en' : ''}/organizations/${organizationSlug}/privacy${version ? `?version=${version}` : ''}`
}

/** The notice a form links and the version sending it accepts. */
export type PrivacyLink = { organizationSlug: string; organizationName: string; version: number }

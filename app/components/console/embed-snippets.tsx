import type { EmbedSnippet } from '../../public/embed.server.ts'
import { t, type Locale } from '../../i18n/index.ts'

/**
 * "Show your events on your website": the widget's `<iframe>` code in a read-only text area per
 * language (select it and copy; no script needed) and a link to see the widget first (ADR 0018).
 */
export function EmbedSnippets({ locale, snippets, kind }: { locale: Locale; snippets: EmbedSnippet[]; kind: 'organization' | 'series' }) {
  return (
    <section className="panel" aria-labelledby="embed-heading">
      <h2 id="embed-heading">{t(locale, 'organizer.embed.heading')}</h2>
      <p>{t(locale, kind === 'series' ? 'organizer.embed.seriesIntro' : 'organizer.embed.intro')}</p>
      {snippets.map((snippet) => (
        <div className="field" key={snippet.locale}>
          <label htmlFor={`embed-code-${snippet.locale}`}>{t(locale, `organizer.embed.code.${snippet.locale}`)}</label>
          <textarea id={`embed-code-${snippet.locale}`} readOnly rows={4} spellCheck={false} value={snippet.code} />
          <p className="field__hint">
            <a href={snippet.previewPath} hrefLang={snippet.locale}>
              {t(locale, `organizer.embed.preview.${snippet.locale}`)}
            </a>
          </p>
        </div>
      ))}
    </section>
  )
}

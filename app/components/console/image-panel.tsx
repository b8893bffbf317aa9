import { Form } from '@remix-run/react'
import { t, type Locale } from '../../i18n/index.ts'
import { formatLimit } from '../../uploads/media.ts'
import { IntentForm } from '../intent-form.tsx'
import { FileField, TextField } from './fields.tsx'

/** A stored image as the panel shows it (from imageSources, plus its descriptions). */
export type PanelImage = { src: string; srcSet: string; width: number; height: number; altSv: string; altEn: string }

export type ImagePanelProps = {
  locale: Locale
  action: string
  /** 'cover' or 'logo': the file field's name, and the intents `<field>` and `remove-<field>`. */
  field: 'cover' | 'logo'
  /** Prefix of the description fields (`<altPrefix>Sv`, `<altPrefix>En`). */
  altPrefix: string
  title: string
  maxBytes: number
  image: PanelImage | null
  readOnly?: boolean
  /** The failed answer of this panel's form, if it was the one sent. */
  values?: Record<string, string>
  fieldErrors?: Record<string, string>
  formError?: string
}

/**
 * Upload, replace or remove one image of an event or organization, with its descriptions in both
 * languages (required: the image is shown on public pages in either language).
 */
export function ImagePanel(props: ImagePanelProps) {
  const { locale, field, altPrefix, image, fieldErrors = {} } = props
  const headingId = `${field}-heading`
  const alt = (lang: 'Sv' | 'En') => props.values?.[`${altPrefix}${lang}`] ?? (image ? image[`alt${lang}`] : '')
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      {image ? (
        <figure className="image-panel__current">
          <img
            src={image.src}
            srcSet={image.srcSet}
            sizes="(min-width: 60rem) 20rem, 100vw"
            width={image.width}
            height={image.height}
            alt={locale === 'en' ? image.altEn : image.altSv}
          />
          <figcaption>{t(locale, 'uploads.image.current')}</figcaption>
        </figure>
      ) : (
        <p>{t(locale, 'uploads.image.none')}</p>
      )}
      {props.readOnly ? null : (
        <>
          {props.formError ? (
            <p className="form-error" role="alert">
              {props.formError}
            </p>
          ) : null}
          <Form method="post" action={props.action} encType="multipart/form-data">
            <input type="hidden" name="intent" value={field} />
            <FileField
              name={field}
              label={t(locale, image ? 'uploads.image.replace' : 'uploads.image.file')}
              hint={t(locale, 'uploads.hint.image', { max: formatLimit(props.maxBytes) })}
              accept="image/jpeg,image/png,image/webp"
              required={!image}
              error={fieldErrors[field]}
            />
            <TextField
              name={`${altPrefix}Sv`}
              label={t(locale, 'uploads.image.altSv')}
              hint={t(locale, 'uploads.image.altHint')}
              value={alt('Sv')}
              maxLength={300}
              required
              error={fieldErrors[`${altPrefix}Sv`]}
            />
            <TextField
              name={`${altPrefix}En`}
              label={t(locale, 'uploads.image.altEn')}
              value={alt('En')}
              maxLength={300}
              required
              error={fieldErrors[`${altPrefix}En`]}
            />
            <button type="submit">{t(locale, 'uploads.image.save')}</button>
          </Form>
          {image ? (
            <IntentForm
              intent={`remove-${field}`}
              action={props.action}
              submit={{ label: t(locale, 'uploads.image.remove'), className: 'button--secondary' }}
            />
          ) : null}
        </>
      )}
    </section>
  )
}

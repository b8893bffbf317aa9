import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { runAction, runLoader } from '~/actions.server.ts'
import { assertSameOrigin, requirePerson } from '~/accounts/session.server.ts'
import { ErrorSummary, FileField, TextAreaField, TextField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { DomainError, type FormAnswer } from '~/errors.server.ts'
import { localePath, t } from '~/i18n/index.ts'
import { PROFILE_LIMITS } from '~/speakers/limits.ts'
import { ownProfile, ProfileSchema, setOwnPhoto, updateOwnProfile } from '~/speakers/own.server.ts'
import { formatLimit, imageSources, UPLOAD_LIMITS } from '~/uploads/media.ts'
import { deleteUpload, readUploadForm, saveUpload } from '~/uploads/store.server.ts'

/** The signed-in speaker's public profile (`?profile=<slug>` when they have more than one). Anyone else's is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async (locale) => {
    const person = await requirePerson(args.request)
    const slug = new URL(args.request.url).searchParams.get('profile')
    const profile = await ownProfile(person.id, slug)
    return json(
      {
        locale,
        profile: {
          slug: profile.slug,
          name: profile.name,
          titleSv: profile.titleSv,
          titleEn: profile.titleEn,
          affiliation: profile.affiliation,
          bioSv: profile.bioSv,
          bioEn: profile.bioEn,
          links: profile.links.join('\n'),
        },
        photo: profile.photo ? imageSources(profile.photo) : null,
      },
      { headers: { 'Cache-Control': 'private, no-store' } },
    )
  })
}

/**
 * intent=profile (the texts), photo (a multipart form with the file `photo`: checked and stored by
 * the upload store, then set; the old picture is deleted) and photo-remove.
 */
export async function action(args: ActionFunctionArgs) {
  // runAction reads the form's text fields; the file is read from a copy of the request.
  const upload = args.request.clone()
  return runAction(args, async (form) => {
    const person = await requirePerson(args.request)
    // A cookie authorizes this change, so the form must be ours (as requireConsole checks in the console).
    assertSameOrigin(args.request)
    const slug = new URL(args.request.url).searchParams.get('profile')
    const intent = form.intentOf(['profile', 'photo', 'photo-remove'] as const, 'profile')
    const done = (profileSlug: string, what: string) => redirect(consolePath(form.locale, `/speaker/profile?profile=${profileSlug}&done=${what}`), 303)
    if (intent === 'profile') {
      const saved = await updateOwnProfile({ personId: person.id, slug, profile: form.parse(ProfileSchema) })
      return done(saved.slug, 'saved')
    }
    if (intent === 'photo-remove') return done((await setOwnPhoto({ personId: person.id, slug, photoId: null })).slug, 'photo-removed')
    // Whose profile it is is checked before anything is stored.
    const profile = await ownProfile(person.id, slug)
    const file = (await readUploadForm(upload, { maxBytes: UPLOAD_LIMITS.photo, field: 'photo' })).file('photo')
    if (!file) throw new DomainError('speakerArea.photoMissing', 400, {}, 'photo')
    const media = await saveUpload({ kind: 'photo', file, uploadedById: person.id, field: 'photo' })
    await setOwnPhoto({ personId: person.id, slug: profile.slug, photoId: media.id }).catch(async (error: unknown) => {
      await deleteUpload(media.id)
      throw error
    })
    return done(profile.slug, 'photo')
  })
}

export default function SpeakerProfilePage() {
  const { locale, profile, photo } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const photoAnswer = actionData?.intent === 'photo' || actionData?.intent === 'photo-remove' ? actionData : undefined
  const answer = photoAnswer ? undefined : actionData
  const done = actionData ? null : search.get('done')
  const value = (name: keyof typeof profile) => answer?.values?.[name] ?? profile[name]
  const error = (name: string) => answer?.fieldErrors?.[name]
  const labels = {
    name: t(locale, 'speakerArea.field.name'),
    titleSv: t(locale, 'speakerArea.field.titleSv'),
    titleEn: t(locale, 'speakerArea.field.titleEn'),
    affiliation: t(locale, 'speakerArea.field.affiliation'),
    bioSv: t(locale, 'speakerArea.field.bioSv'),
    bioEn: t(locale, 'speakerArea.field.bioEn'),
    links: t(locale, 'speakerArea.field.links'),
  }
  return (
    <>
      <h1>{t(locale, 'speakerArea.profileHeading')}</h1>
      {done === 'saved' || done === 'photo' || done === 'photo-removed' ? (
        <p className="success" role="status">
          {t(locale, done === 'saved' ? 'speakerArea.profileSaved' : done === 'photo' ? 'speakerArea.photoSaved' : 'speakerArea.photoRemoved')}
        </p>
      ) : null}
      <p>
        {t(locale, 'speakerArea.profileIntro')}{' '}
        <Link to={localePath(locale, `/speakers/${profile.slug}`)}>{t(locale, 'speakerArea.publicProfile', { name: profile.name })}</Link>
      </p>
      <Form method="post" className="console-form" noValidate>
        <input type="hidden" name="intent" value="profile" />
        {answer ? <ErrorSummary formError={answer.formError} fieldErrors={answer.fieldErrors} labels={labels} /> : null}
        <TextField name="name" label={labels.name} value={value('name')} error={error('name')} maxLength={PROFILE_LIMITS.name} autoComplete="name" required />
        <TextField name="titleSv" label={labels.titleSv} value={value('titleSv')} error={error('titleSv')} maxLength={PROFILE_LIMITS.title} />
        <TextField name="titleEn" label={labels.titleEn} value={value('titleEn')} error={error('titleEn')} maxLength={PROFILE_LIMITS.title} />
        <TextField
          name="affiliation"
          label={labels.affiliation}
          value={value('affiliation')}
          error={error('affiliation')}
          maxLength={PROFILE_LIMITS.affiliation}
          autoComplete="organization"
        />
        <TextAreaField name="bioSv" label={labels.bioSv} value={value('bioSv')} error={error('bioSv')} maxLength={PROFILE_LIMITS.bio} rows={6} />
        <TextAreaField name="bioEn" label={labels.bioEn} value={value('bioEn')} error={error('bioEn')} maxLength={PROFILE_LIMITS.bio} rows={6} />
        <TextAreaField
          name="links"
          label={labels.links}
          hint={t(locale, 'speakerArea.field.linksHint', { max: PROFILE_LIMITS.links })}
          value={value('links')}
          error={error('links')}
          rows={3}
        />
        <button type="submit">{t(locale, 'speakerArea.saveProfile')}</button>
      </Form>

      <section className="panel" aria-labelledby="photo-heading">
        <h2 id="photo-heading">{t(locale, 'speakerArea.photoHeading')}</h2>
        {photo ? (
          <figure className="speaker-photo">
            <img
              src={photo.src}
              srcSet={photo.srcSet}
              sizes="160px"
              width={160}
              height={Math.round((photo.height / photo.width) * 160) || 160}
              alt={t(locale, 'public.speaker.photoAlt', { name: profile.name })}
            />
            <figcaption>{t(locale, 'speakerArea.photoCurrent')}</figcaption>
          </figure>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="console-form" noValidate>
          <input type="hidden" name="intent" value="photo" />
          {photoAnswer ? <ErrorSummary formError={photoAnswer.formError} fieldErrors={photoAnswer.fieldErrors} /> : null}
          <FileField
            name="photo"
            label={t(locale, 'speakerArea.field.photo')}
            hint={t(locale, 'speakerArea.field.photoHint', { max: formatLimit(UPLOAD_LIMITS.photo) })}
            accept="image/jpeg,image/png,image/webp"
            error={photoAnswer?.fieldErrors?.photo}
          />
          <button type="submit">{t(locale, 'speakerArea.savePhoto')}</button>
        </Form>
        {photo ? <IntentForm intent="photo-remove" submit={{ label: t(locale, 'speakerArea.removePhoto'), className: 'button--secondary' }} /> : null}
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'speakerArea.profileHeading'))

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { runAction, runLoader } from '~/actions.server.ts'
import { ErrorSummary, FileField, SelectField, TextField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { DomainError, NotFoundError, type FormAnswer } from '~/errors.server.ts'
import {
  addEventMaterial,
  checkMaterialTarget,
  getEventMaterials,
  MaterialFileSchema,
  MaterialSchema,
  notifyMaterialsPublished,
  removeEventMaterial,
} from '~/events/materials.server.ts'
import { pick, t } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { formatDateTime } from '~/time.ts'
import { formatLimit, mediaUrl, UPLOAD_LIMITS } from '~/uploads/media.ts'
import { deleteUpload, readUploadForm, saveUpload } from '~/uploads/store.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['add', 'upload', 'remove', 'notify'] as const

/** Recordings and slides of one event (ADR 0028): organizers add and remove them and notify the participants once; viewers read. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const { event, items, materials, speakerMaterials, recipients } = await getEventMaterials({ access, eventId })
    const itemTitle = new Map(items.map((item) => [item.id, pick(item, 'title', locale)]))
    const gapText = new Map(
      items.map((item) => {
        const no = item.gaps.filter((gap) => gap.answer === 'no').map((gap) => gap.speaker)
        const unanswered = item.gaps.filter((gap) => gap.answer === 'unanswered').map((gap) => gap.speaker)
        const parts = [
          ...(no.length ? [t(locale, 'materials.public.noConsent', { speakers: no.join(', ') })] : []),
          ...(unanswered.length ? [t(locale, 'materials.public.unanswered', { speakers: unanswered.join(', ') })] : []),
        ]
        return [item.id, parts.length ? parts.join('. ') : null]
      }),
    )
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: { id: event.id, titleSv: event.titleSv, titleEn: event.titleEn },
      mailedAt: event.materialsMailedAt ? formatDateTime(event.materialsMailedAt, locale) : null,
      recipients,
      items: items.map((item) => ({ id: item.id, title: itemTitle.get(item.id) ?? '' })),
      materials: materials.map((material) => {
        const kind = t(locale, `materials.kind.${material.kind}`)
        const title = pick(material, 'title', locale).trim() || kind
        const hidden = material.kind === 'recording' && material.itemId ? gapText.get(material.itemId) : null
        return {
          id: material.id,
          kind,
          title,
          href: material.media ? mediaUrl({ id: material.media.id, kind: 'slides', originalName: material.media.originalName }) : (material.url ?? ''),
          file: material.media ? `${material.media.originalName}, ${formatLimit(material.media.byteSize)}` : null,
          target: material.itemId ? (itemTitle.get(material.itemId) ?? '') : t(locale, 'materials.field.wholeEvent'),
          publicText: hidden ?? t(locale, 'materials.public.yes'),
          isPublic: !hidden,
        }
      }),
      speakerMaterials: speakerMaterials.map((material) => ({
        id: material.id,
        title: material.title,
        speaker: material.speaker.name,
        item: itemTitle.get(material.itemId) ?? '',
        href: material.media ? mediaUrl({ id: material.media.id, kind: 'slides', originalName: material.media.originalName }) : material.url,
      })),
      uploadLimit: formatLimit(UPLOAD_LIMITS.slides),
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  // runAction reads the text fields; an uploaded file is read from a copy of the request.
  const upload = args.request.clone()
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS)
    const back = (done: string, count?: number) =>
      redirect(
        consolePath(locale, `/organizer/${access.organization.slug}/events/${eventId}/materials?done=${done}${count === undefined ? '' : `&count=${count}`}`),
      )
    if (intent === 'add') {
      await addEventMaterial({ access, eventId, material: form.parse(MaterialSchema) })
      return back('added')
    }
    if (intent === 'upload') {
      const input = form.parse(MaterialFileSchema)
      // Who may add, and to which item, is checked before anything is stored.
      await checkMaterialTarget({ access, eventId, itemId: input.itemId })
      const file = (await readUploadForm(upload, { maxBytes: UPLOAD_LIMITS.slides, field: 'file' })).file('file')
      if (!file) throw new DomainError('speakerArea.fileMissing', 400, {}, 'file')
      const media = await saveUpload({ kind: 'slides', file, uploadedById: access.personId, field: 'file' })
      await addEventMaterial({ access, eventId, material: { ...input, mediaId: media.id } }).catch(async (error: unknown) => {
        await deleteUpload(media.id)
        throw error
      })
      return back('added')
    }
    if (intent === 'remove') {
      const materialId = asUuid(form.values.materialId)
      if (!materialId) throw new NotFoundError('materials.notFound')
      await removeEventMaterial({ access, eventId, materialId })
      return back('removed')
    }
    const { queued } = await notifyMaterialsPublished({ access, eventId })
    return back('mailed', queued)
  })
}

type Data = { event?: { id: string } }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => ((data as Data | undefined)?.event ? { label: t(locale, 'materials.console.link'), to: '' } : null),
}

const DONE = { added: 'materials.done.added', removed: 'materials.done.removed', mailed: 'materials.done.mailed' } as const

export default function EventMaterials() {
  const { locale, orgSlug, canEdit, event, mailedAt, recipients, items, materials, speakerMaterials, uploadLimit } = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const done = answer ? null : search.get('done')
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const addFailure = answer?.intent === 'add' ? answer : undefined
  const uploadFailure = answer?.intent === 'upload' ? answer : undefined
  const itemOptions = [{ value: '', label: t(locale, 'materials.field.wholeEvent') }, ...items.map((item) => ({ value: item.id, label: item.title }))]
  return (
    <>
      <h1>{t(locale, 'materials.console.title', { title: pick(event, 'title', locale) })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
        <Link to={consolePath(locale, `${eventPath}/speaker-answers`)}>{t(locale, 'speakers.review.link')}</Link>
      </p>
      <p>{t(locale, 'materials.console.intro')}</p>
      {done && done in DONE ? (
        <p className="success" role="status">
          {t(locale, DONE[done as keyof typeof DONE], { count: Number(search.get('count') ?? 0) })}
        </p>
      ) : null}
      {answer && !addFailure && !uploadFailure ? (
        <p className="form-error" role="alert">
          {answer.formError}
        </p>
      ) : null}
      {!canEdit ? <p className="console-muted">{t(locale, 'materials.readOnly')}</p> : null}

      {canEdit ? (
        <section className="panel" aria-labelledby="add-material">
          <h2 id="add-material">{t(locale, 'materials.console.addHeading')}</h2>
          <Form method="post" className="console-form" noValidate>
            <input type="hidden" name="intent" value="add" />
            {addFailure ? <ErrorSummary formError={addFailure.formError} fieldErrors={addFailure.fieldErrors} /> : null}
            <SelectField
              name="kind"
              label={t(locale, 'materials.field.kind')}
              value={addFailure?.values?.kind ?? 'recording'}
              error={addFailure?.fieldErrors?.kind}
              options={[
                { value: 'recording', label: t(locale, 'materials.kind.recording') },
                { value: 'slides', label: t(locale, 'materials.kind.slides') },
              ]}
            />
            <SelectField
              name="itemId"
              label={t(locale, 'materials.field.item')}
              value={addFailure?.values?.itemId ?? ''}
              error={addFailure?.fieldErrors?.itemId}
              options={itemOptions}
            />
            <TextField
              name="url"
              type="url"
              required
              label={t(locale, 'materials.field.url')}
              hint={t(locale, 'materials.field.urlHint')}
              value={addFailure?.values?.url ?? ''}
              error={addFailure?.fieldErrors?.url}
            />
            <TextField
              name="titleSv"
              label={t(locale, 'materials.field.titleSv')}
              value={addFailure?.values?.titleSv ?? ''}
              error={addFailure?.fieldErrors?.titleSv}
            />
            <TextField
              name="titleEn"
              label={t(locale, 'materials.field.titleEn')}
              value={addFailure?.values?.titleEn ?? ''}
              error={addFailure?.fieldErrors?.titleEn}
            />
            <button type="submit">{t(locale, 'materials.add')}</button>
          </Form>
        </section>
      ) : null}
      {canEdit ? (
        <section className="panel" aria-labelledby="upload-slides">
          <h2 id="upload-slides">{t(locale, 'materials.console.uploadHeading')}</h2>
          <Form method="post" encType="multipart/form-data" className="console-form" noValidate>
            <input type="hidden" name="intent" value="upload" />
            {uploadFailure ? <ErrorSummary formError={uploadFailure.formError} fieldErrors={uploadFailure.fieldErrors} /> : null}
            <SelectField
              id="upload-itemId"
              name="itemId"
              label={t(locale, 'materials.field.item')}
              value={uploadFailure?.values?.itemId ?? ''}
              error={uploadFailure?.fieldErrors?.itemId}
              options={itemOptions}
            />
            <FileField
              name="file"
              label={t(locale, 'materials.field.file')}
              hint={t(locale, 'speakerArea.field.materialFileHint', { max: uploadLimit })}
              accept=".pdf,.pptx,.odp,application/pdf,application/vnd.openxmlformats-officedocument.presentationml.presentation,application/vnd.oasis.opendocument.presentation"
              error={uploadFailure?.fieldErrors?.file}
              required
            />
            <TextField
              id="upload-titleSv"
              name="titleSv"
              label={t(locale, 'materials.field.titleSv')}
              value={uploadFailure?.values?.titleSv ?? ''}
              error={uploadFailure?.fieldErrors?.titleSv}
            />
            <TextField
              id="upload-titleEn"
              name="titleEn"
              label={t(locale, 'materials.field.titleEn')}
              value={uploadFailure?.values?.titleEn ?? ''}
              error={uploadFailure?.fieldErrors?.titleEn}
            />
            <button type="submit">{t(locale, 'materials.upload')}</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="material-list">
        <h2 id="material-list">{t(locale, 'materials.console.listHeading')}</h2>
        {materials.length === 0 ? (
          <p className="console-empty">{t(locale, 'materials.console.none')}</p>
        ) : (
          <div className="console-table-wrap">
            <table className="console-table">
              <caption>{t(locale, 'materials.console.caption', { count: materials.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'materials.col.link')}</th>
                  <th scope="col">{t(locale, 'materials.col.kind')}</th>
                  <th scope="col">{t(locale, 'materials.col.item')}</th>
                  <th scope="col">{t(locale, 'materials.col.public')}</th>
                  {canEdit ? <th scope="col">{t(locale, 'materials.col.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {materials.map((material) => (
                  <tr key={material.id}>
                    <th scope="row">
                      <a href={material.href} rel="noopener noreferrer">
                        {material.title}
                      </a>
                      {material.file ? (
                        <>
                          <br />
                          <span className="console-muted">{material.file}</span>
                        </>
                      ) : null}
                    </th>
                    <td>{material.kind}</td>
                    <td>{material.target}</td>
                    <td>{material.publicText}</td>
                    {canEdit ? (
                      <td>
                        <IntentForm
                          intent="remove"
                          fields={{ materialId: material.id }}
                          submit={{
                            label: t(locale, 'materials.remove'),
                            ariaLabel: t(locale, 'materials.removeLabel', { kind: material.kind, title: material.title }),
                            className: 'button--secondary',
                          }}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="speaker-material">
        <h2 id="speaker-material">{t(locale, 'materials.console.speakerHeading')}</h2>
        <p className="console-muted">{t(locale, 'materials.console.speakerHint')}</p>
        {speakerMaterials.length === 0 ? (
          <p className="console-empty">{t(locale, 'materials.console.speakerNone')}</p>
        ) : (
          <ul>
            {speakerMaterials.map((material) => (
              <li key={material.id}>
                {material.href ? (
                  <a href={material.href} rel="noopener noreferrer">
                    {material.title}
                  </a>
                ) : (
                  material.title
                )}{' '}
                ({material.speaker}, {material.item})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="notify-participants">
        <h2 id="notify-participants">{t(locale, 'materials.mailHeading')}</h2>
        {mailedAt ? (
          <p>{t(locale, 'materials.mailedAt', { when: mailedAt })}</p>
        ) : (
          <>
            <p>{t(locale, 'materials.mailIntro', { count: recipients })}</p>
            {canEdit ? <IntentForm intent="notify" submit={{ label: t(locale, 'materials.mailButton'), disabled: materials.length === 0 }} /> : null}
          </>
        )}
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'materials.console.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { runAction, runLoader } from '~/actions.server.ts'
import { assertSameOrigin, requirePerson } from '~/accounts/session.server.ts'
import { ErrorSummary, FileField, SelectField, TextAreaField, TextField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { DomainError, NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { localePath, pick, t } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import {
  addOwnMaterial,
  answerOwnSession,
  editOwnSession,
  editsAllowed,
  editsCloseAt,
  MaterialLinkSchema,
  ownSession,
  MaterialFileSchema,
  removeOwnMaterialAndFile,
  SessionAnswersSchema,
  SessionTextSchema,
} from '~/speakers/own.server.ts'
import { SESSION_LIMITS } from '~/speakers/limits.ts'
import { formatDateTime, formatEventWhen } from '~/time.ts'
import { formatLimit, mediaUrl, UPLOAD_LIMITS } from '~/uploads/media.ts'
import { deleteUpload, readUploadForm, saveUpload } from '~/uploads/store.server.ts'

const INTENTS = ['text', 'answers', 'material-link', 'material-file', 'material-remove'] as const

/** One of the signed-in speaker's sessions: its texts (editable while the organizer allows), their answers and material. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async (locale) => {
    const person = await requirePerson(args.request)
    const itemId = parseId(args.params.itemId, 'speakers.own.sessionNotFound')
    const role = await ownSession(person.id, itemId)
    const { item } = role
    const pending = item.edits[0] ?? null
    const now = new Date()
    return json(
      {
        locale,
        id: item.id,
        role: role.role,
        title: pick(item, 'title', locale),
        when: formatEventWhen(item.startsAt, item.endsAt, locale),
        room: item.room?.name ?? null,
        event: { title: pick(item.event, 'title', locale), slug: item.event.slug, organization: item.event.organization.name },
        text: pending
          ? { titleSv: pending.titleSv, titleEn: pending.titleEn, descriptionSv: pending.descriptionSv, descriptionEn: pending.descriptionEn }
          : { titleSv: item.titleSv, titleEn: item.titleEn, descriptionSv: item.descriptionSv, descriptionEn: item.descriptionEn },
        pending: pending !== null,
        review: item.event.speakerEditReview,
        editable: editsAllowed(item.event, now),
        editsClose: formatDateTime(editsCloseAt(item.event), locale),
        answers: {
          recordingConsent: role.recordingConsent === null ? '' : role.recordingConsent ? 'yes' : 'no',
          publishConsent: role.publishConsent === null ? '' : role.publishConsent ? 'yes' : 'no',
          techNeeds: role.techNeeds,
          availability: role.availability,
        },
        materials: item.materials.map((material) => ({
          id: material.id,
          title: material.title,
          href: material.url ?? (material.media ? mediaUrl(material.media) : null),
          file: material.media ? `${material.media.originalName}, ${formatLimit(material.media.byteSize)}` : null,
        })),
        speakers: item.speakers.map((entry) => ({ name: entry.speaker.name, role: entry.role })),
      },
      { headers: { 'Cache-Control': 'private, no-store' } },
    )
  })
}

export async function action(args: ActionFunctionArgs) {
  // runAction reads the text fields; an uploaded file is read from a copy of the request.
  const upload = args.request.clone()
  return runAction(args, async (form) => {
    const person = await requirePerson(args.request)
    // A cookie authorizes this change, so the form must be ours (as requireConsole checks in the console).
    assertSameOrigin(args.request)
    const itemId = parseId(args.params.itemId, 'speakers.own.sessionNotFound')
    const intent = form.intentOf(INTENTS)
    const back = (done: string) => redirect(consolePath(form.locale, `/speaker/sessions/${itemId}?done=${done}`), 303)
    switch (intent) {
      case 'text': {
        const { review } = await editOwnSession({ personId: person.id, itemId, text: form.parse(SessionTextSchema) })
        return back(review ? 'proposed' : 'saved')
      }
      case 'answers':
        await answerOwnSession({ personId: person.id, itemId, answers: form.parse(SessionAnswersSchema) })
        return back('answered')
      case 'material-link': {
        const input = form.parse(MaterialLinkSchema)
        await addOwnMaterial({ personId: person.id, itemId, title: input.materialTitle, url: input.materialUrl })
        return back('material-added')
      }
      case 'material-file': {
        const input = form.parse(MaterialFileSchema)
        // Whose session it is is checked before anything is stored.
        await ownSession(person.id, itemId)
        const file = (await readUploadForm(upload, { maxBytes: UPLOAD_LIMITS.slides, field: 'materialFile' })).file('materialFile')
        if (!file) throw new DomainError('speakerArea.fileMissing', 400, {}, 'materialFile')
        const media = await saveUpload({ kind: 'slides', file, uploadedById: person.id, field: 'materialFile' })
        await addOwnMaterial({ personId: person.id, itemId, title: input.materialFileTitle, mediaId: media.id }).catch(async (error: unknown) => {
          await deleteUpload(media.id)
          throw error
        })
        return back('material-added')
      }
      case 'material-remove': {
        const materialId = asUuid(form.values.materialId)
        if (!materialId) throw new NotFoundError('speakers.own.materialNotFound')
        await removeOwnMaterialAndFile({ personId: person.id, itemId, materialId })
        return back('material-removed')
      }
    }
  })
}

const DONE = {
  saved: 'speakerArea.done.saved',
  proposed: 'speakerArea.done.proposed',
  answered: 'speakerArea.done.answered',
  'material-added': 'speakerArea.done.materialAdded',
  'material-removed': 'speakerArea.done.materialRemoved',
} as const

export default function SpeakerSession() {
  const data = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const { locale } = data
  const done = answer ? null : search.get('done')
  const failed = (intent: string) => (answer?.intent === intent ? answer : undefined)
  const text = failed('text')
  const answers = failed('answers')
  const material = failed('material-link')
  const materialFile = failed('material-file')
  const other = answer && !text && !answers && !material && !materialFile ? answer : undefined
  const textValue = (name: keyof typeof data.text) => text?.values?.[name] ?? data.text[name]
  const answerValue = (name: keyof typeof data.answers) => answers?.values?.[name] ?? data.answers[name]
  const consentOptions = [
    { value: '', label: t(locale, 'speakerArea.consent.unanswered') },
    { value: 'yes', label: t(locale, 'speakerArea.consent.yes') },
    { value: 'no', label: t(locale, 'speakerArea.consent.no') },
  ]
  const textLabels = {
    titleSv: t(locale, 'speakerArea.field.sessionTitleSv'),
    titleEn: t(locale, 'speakerArea.field.sessionTitleEn'),
    descriptionSv: t(locale, 'speakerArea.field.abstractSv'),
    descriptionEn: t(locale, 'speakerArea.field.abstractEn'),
  }
  return (
    <>
      <h1>{data.title}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, '/speaker')}>{t(locale, 'speakerArea.back')}</Link>
        <Link to={localePath(locale, `/events/${data.event.slug}`)}>{t(locale, 'speakerArea.eventPage', { title: data.event.title })}</Link>
      </p>
      {done && done in DONE ? (
        <p className="success" role="status">
          {t(locale, DONE[done as keyof typeof DONE])}
        </p>
      ) : null}
      {other ? (
        <p className="form-error" role="alert">
          {other.formError}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t(locale, 'speakers.invitation.event')}</dt>
        <dd>
          {data.event.title} · {data.event.organization}
        </dd>
        <dt>{t(locale, 'speakers.invitation.when')}</dt>
        <dd>
          {data.when} <span className="console-muted">({t(locale, 'mail.common.timeZone')})</span>
        </dd>
        {data.room ? (
          <>
            <dt>{t(locale, 'speakerArea.room')}</dt>
            <dd>{data.room}</dd>
          </>
        ) : null}
        <dt>{t(locale, 'speakers.invitation.role')}</dt>
        <dd>{t(locale, `speakers.role.${data.role}`)}</dd>
        <dt>{t(locale, 'speakerArea.coSpeakers')}</dt>
        <dd>{data.speakers.map((speaker) => `${speaker.name} (${t(locale, `speakers.role.${speaker.role}`)})`).join(', ')}</dd>
      </dl>

      <section className="panel" aria-labelledby="session-text">
        <h2 id="session-text">{t(locale, 'speakerArea.textHeading')}</h2>
        {data.pending ? (
          <p className="notice" role="note">
            {t(locale, 'speakerArea.pendingEdit')}
          </p>
        ) : null}
        {data.editable ? (
          <>
            <p className="field__hint">
              {t(locale, data.review ? 'speakerArea.reviewOn' : 'speakerArea.reviewOff')} {t(locale, 'speakerArea.editsUntil', { when: data.editsClose })}
            </p>
            <Form method="post" className="console-form" noValidate>
              <input type="hidden" name="intent" value="text" />
              {text ? <ErrorSummary formError={text.formError} fieldErrors={text.fieldErrors} labels={textLabels} /> : null}
              <TextField
                name="titleSv"
                label={textLabels.titleSv}
                value={textValue('titleSv')}
                error={text?.fieldErrors?.titleSv}
                maxLength={SESSION_LIMITS.title}
                required
              />
              <TextField
                name="titleEn"
                label={textLabels.titleEn}
                value={textValue('titleEn')}
                error={text?.fieldErrors?.titleEn}
                maxLength={SESSION_LIMITS.title}
                required
              />
              <TextAreaField
                name="descriptionSv"
                label={textLabels.descriptionSv}
                value={textValue('descriptionSv')}
                error={text?.fieldErrors?.descriptionSv}
                maxLength={SESSION_LIMITS.description}
                rows={8}
              />
              <TextAreaField
                name="descriptionEn"
                label={textLabels.descriptionEn}
                value={textValue('descriptionEn')}
                error={text?.fieldErrors?.descriptionEn}
                maxLength={SESSION_LIMITS.description}
                rows={8}
              />
              <button type="submit">{t(locale, data.review ? 'speakerArea.proposeText' : 'speakerArea.saveText')}</button>
            </Form>
          </>
        ) : (
          <p>{t(locale, 'speakerArea.editsClosed')}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="session-material">
        <h2 id="session-material">{t(locale, 'speakerArea.materialHeading')}</h2>
        <p className="field__hint">{t(locale, 'speakerArea.materialIntro')}</p>
        {data.materials.length ? (
          <ul>
            {data.materials.map((item) => (
              <li key={item.id} className="console-inline">
                {item.href ? <a href={item.href}>{item.title}</a> : <span>{item.title}</span>}
                {item.file ? <span className="console-muted"> ({item.file})</span> : null}
                <IntentForm
                  intent="material-remove"
                  fields={{ materialId: item.id }}
                  submit={{
                    label: t(locale, 'speakerArea.removeMaterial'),
                    ariaLabel: t(locale, 'speakerArea.removeMaterialLabel', { title: item.title }),
                    className: 'button--secondary button--small',
                  }}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="console-empty">{t(locale, 'speakerArea.noMaterial')}</p>
        )}
        <h3>{t(locale, 'speakerArea.uploadHeading')}</h3>
        <Form method="post" encType="multipart/form-data" className="console-form" noValidate>
          <input type="hidden" name="intent" value="material-file" />
          {materialFile ? <ErrorSummary formError={materialFile.formError} fieldErrors={materialFile.fieldErrors} /> : null}
          <TextField
            name="materialFileTitle"
            label={t(locale, 'speakerArea.field.materialFileTitle')}
            value={materialFile?.values?.materialFileTitle}
            error={materialFile?.fieldErrors?.materialFileTitle}
            maxLength={SESSION_LIMITS.materialTitle}
            required
          />
          <FileField
            name="materialFile"
            label={t(locale, 'speakerArea.field.materialFile')}
            hint={t(locale, 'speakerArea.field.materialFileHint', { max: formatLimit(UPLOAD_LIMITS.slides) })}
            accept=".pdf,.pptx,.odp,application/pdf,application/vnd.openxmlformats-officedocument.presentationml.presentation,application/vnd.oasis.opendocument.presentation"
            error={materialFile?.fieldErrors?.materialFile}
            required
          />
          <button type="submit">{t(locale, 'speakerArea.uploadFile')}</button>
        </Form>
        <h3>{t(locale, 'speakerArea.linkHeading')}</h3>
        <Form method="post" className="console-form" noValidate>
          <input type="hidden" name="intent" value="material-link" />
          {material ? <ErrorSummary formError={material.formError} fieldErrors={material.fieldErrors} /> : null}
          <TextField
            name="materialTitle"
            label={t(locale, 'speakerArea.field.materialTitle')}
            value={material?.values?.materialTitle}
            error={material?.fieldErrors?.materialTitle}
            maxLength={SESSION_LIMITS.materialTitle}
            required
          />
          <TextField
            name="materialUrl"
            type="url"
            label={t(locale, 'speakerArea.field.materialUrl')}
            value={material?.values?.materialUrl}
            error={material?.fieldErrors?.materialUrl}
            inputMode="url"
            required
          />
          <button type="submit">{t(locale, 'speakerArea.addLink')}</button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="session-answers">
        <h2 id="session-answers">{t(locale, 'speakerArea.answersHeading')}</h2>
        <p className="field__hint">{t(locale, 'speakerArea.answersIntro')}</p>
        <Form method="post" className="console-form" noValidate>
          <input type="hidden" name="intent" value="answers" />
          {answers ? <ErrorSummary formError={answers.formError} fieldErrors={answers.fieldErrors} /> : null}
          <SelectField
            name="recordingConsent"
            label={t(locale, 'speakerArea.field.recordingConsent')}
            value={answerValue('recordingConsent')}
            error={answers?.fieldErrors?.recordingConsent}
            options={consentOptions}
          />
          <SelectField
            name="publishConsent"
            label={t(locale, 'speakerArea.field.publishConsent')}
            hint={t(locale, 'speakerArea.field.publishConsentHint')}
            value={answerValue('publishConsent')}
            error={answers?.fieldErrors?.publishConsent}
            options={consentOptions}
          />
          <TextAreaField
            name="techNeeds"
            label={t(locale, 'speakerArea.field.techNeeds')}
            hint={t(locale, 'speakerArea.field.techNeedsHint')}
            value={answerValue('techNeeds')}
            error={answers?.fieldErrors?.techNeeds}
            maxLength={SESSION_LIMITS.notes}
          />
          <TextAreaField
            name="availability"
            label={t(locale, 'speakerArea.field.availability')}
            value={answerValue('availability')}
            error={answers?.fieldErrors?.availability}
            maxLength={SESSION_LIMITS.notes}
          />
          <button type="submit">{t(locale, 'speakerArea.saveAnswers')}</button>
        </Form>
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(data ? data.title : t('sv', 'speakerArea.sessions'))

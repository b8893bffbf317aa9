import { t, type Locale } from '../../i18n/index.ts'

type Props = {
  locale: Locale
  perEvent: { title: string; sent: number; queued: number; failed: number }[]
  recent: { id: string; recipient: string; template: string; event: string; state: string; lastError: string; when: string }[]
  bounces: { address: string; firstBouncedAt: string; lastBouncedAt: string; lastResponse: string }[]
}

/** The organization's mail page (§6b): counts per event, the latest messages with their state, and the addresses that bounce. */
export function MailStatus({ locale, perEvent, recent, bounces }: Props) {
  return (
    <>
      <section aria-labelledby="mail-per-event">
        <h2 id="mail-per-event">{t(locale, 'organizer.mailStatus.perEvent')}</h2>
        {perEvent.length === 0 ? (
          <p className="console-empty">{t(locale, 'organizer.mailStatus.none')}</p>
        ) : (
          <div className="console-table-wrap">
            <table className="console-table">
              <caption>{t(locale, 'organizer.mailStatus.perEventCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'organizer.mailStatus.event')}</th>
                  <th scope="col">{t(locale, 'organizer.mailStatus.sent')}</th>
                  <th scope="col">{t(locale, 'organizer.mailStatus.queued')}</th>
                  <th scope="col">{t(locale, 'organizer.mailStatus.failed')}</th>
                </tr>
              </thead>
              <tbody>
                {perEvent.map((entry, index) => (
                  <tr key={`${entry.title}-${index}`}>
                    <th scope="row">{entry.title}</th>
                    <td>{entry.sent}</td>
                    <td>{entry.queued}</td>
                    <td>{entry.failed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="mail-bounces">
        <h2 id="mail-bounces">{t(locale, 'organizer.mailStatus.bounces')}</h2>
        <p>{t(locale, 'organizer.mailStatus.bouncesIntro')}</p>
        {bounces.length === 0 ? (
          <p className="console-empty">{t(locale, 'organizer.mailStatus.noBounces')}</p>
        ) : (
          <div className="console-table-wrap">
            <table className="console-table">
              <caption>{t(locale, 'organizer.mailStatus.bouncesCaption', { count: bounces.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'organizer.mailStatus.address')}</th>
                  <th scope="col">{t(locale, 'organizer.mailStatus.firstBounce')}</th>
                  <th scope="col">{t(locale, 'organizer.mailStatus.lastBounce')}</th>
                  <th scope="col">{t(locale, 'organizer.mailStatus.answer')}</th>
                </tr>
              </thead>
              <tbody>
                {bounces.map((bounce) => (
                  <tr key={bounce.address}>
                    <th scope="row">{bounce.address}</th>
                    <td>{bounce.firstBouncedAt}</td>
                    <td>{bounce.lastBouncedAt}</td>
                    <td>{bounce.lastResponse}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="mail-recent">
        <h2 id="mail-recent">{t(locale, 'organizer.mailStatus.recent')}</h2>
        {recent.length === 0 ? (
          <p className="console-empty">{t(locale, 'organizer.mailStatus.none')}</p>
        ) : (
          <div className="console-table-wrap">
            <table className="console-table">
              <caption>{t(locale, 'organizer.mailStatus.recentCaption', { count: recent.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'organizer.failedMail.recipient')}</th>
                  <th scope="col">{t(locale, 'organizer.failedMail.template')}</th>
                  <th scope="col">{t(locale, 'organizer.mailStatus.event')}</th>
                  <th scope="col">{t(locale, 'organizer.mailStatus.state')}</th>
                  <th scope="col">{t(locale, 'organizer.mailStatus.when')}</th>
                  <th scope="col">{t(locale, 'organizer.failedMail.error')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((mail) => (
                  <tr key={mail.id}>
                    <th scope="row">{mail.recipient === '' ? <em>{t(locale, 'retention.anonymizedRow')}</em> : mail.recipient}</th>
                    <td>{mail.template}</td>
                    <td>{mail.event}</td>
                    <td>{mail.state}</td>
                    <td>{mail.when}</td>
                    <td>{mail.lastError}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}

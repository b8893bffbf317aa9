import { t, type Locale } from '../../i18n/index.ts'

export type CheckInTicketView = { code: string; checkedInAt: string | null; imageUrl: string }

/**
 * The attendee's ticket on their manage page (ADR 0026): the QR code the door staff scan, and the
 * short code to type when the camera fails. Once checked in, it says when.
 */
export function CheckInCode({ locale, ticket, eventTitle }: { locale: Locale; ticket: CheckInTicketView; eventTitle: string }) {
  return (
    <section className="panel check-in-ticket" aria-labelledby="check-in-ticket">
      <h2 id="check-in-ticket">{t(locale, 'checkIn.ticket.heading')}</h2>
      {ticket.checkedInAt ? <p role="status">{t(locale, 'checkIn.ticket.checkedIn', { time: ticket.checkedInAt })}</p> : null}
      <p>{t(locale, 'checkIn.ticket.intro')}</p>
      <img className="check-in-ticket__qr" src={ticket.imageUrl} width={270} height={270} alt={t(locale, 'checkIn.ticket.alt', { title: eventTitle })} />
      <p className="check-in-ticket__code">{t(locale, 'checkIn.ticket.code', { code: ticket.code })}</p>
    </section>
  )
}

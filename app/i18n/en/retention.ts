import type { retentionMessages as sv } from '../sv/retention.ts'

/** English: retention and erasure of personal data (see sv/retention.ts). */
export const retentionMessages = {
  'organizer.audit.retention.anonymized': 'Retention: attendees’ personal data anonymized',
  'organizer.audit.registration.erased': 'Erased an attendee’s personal data',
  'organizer.audit.event.retentionChanged': 'Changed the event’s retention period',
  'organizer.audit.organization.retentionChanged': 'Changed the organization’s retention period',

  'retention.event.heading': 'Retention of personal data',
  'retention.event.willAnonymize': 'The attendees’ personal data is anonymized on {date}.',
  'retention.event.anonymized': 'The attendees’ personal data was anonymized on {date}. The counts by sector, county and attendance mode remain.',
  'retention.event.rule': '{months} months after the event ends.',
  'retention.event.label': 'Retention in months (at most {max})',
  'retention.event.hint': 'You can only shorten the organization’s retention period ({max} months). Leave empty for the organization’s.',
  'retention.event.save': 'Save retention period',
  'retention.event.saved': 'The retention period is saved.',
  'retention.org.heading': 'Retention of personal data',
  'retention.org.intro':
    'This many months after an event ends, its attendees’ names, e-mail addresses, answers and questions are anonymized. The counts by sector, county and attendance mode remain for reports.',
  'retention.org.label': 'Retention in months',
  'retention.org.save': 'Save retention period',
  'retention.org.saved': 'The organization’s retention period is saved.',
  'retention.org.ownerOnly': 'Only owners can change the retention period.',
  'retention.error.months': 'Enter a whole number of months, from 1 to 120.',
  'retention.error.onlyShorter': 'An event may only shorten the retention period: enter at most {max} months.',
  'retention.error.alreadyAnonymized': 'The personal data is already anonymized; the retention period cannot change.',
  'retention.anonymizedRow': 'Anonymized',

  'erasure.heading': 'Erase my data',
  'erasure.intro':
    'You can erase your personal data with us. All your registrations with this e-mail address are cancelled and your name, e-mail address, answers and questions are removed.',
  'erasure.start': 'Erase my data …',
  'erasure.confirmHeading': 'Do you really want to erase your data?',
  'erasure.willErase': 'This is erased (the registrations are cancelled first, so the seat goes to the next person on the waitlist):',
  'erasure.questions': '{count} questions you sent to speakers',
  'erasure.cannotUndo': 'This cannot be undone. The link in your e-mail stops working.',
  'erasure.confirm': 'Yes, erase my data',
  'erasure.keep': 'No, keep it',
  'erasure.goneTitle': 'The data is erased',
  'erasure.goneBody': 'The personal data of this registration is erased. The link no longer works. To take part again, you can register anew.',

  'erasure.console.heading': 'Erase this person’s data',
  'erasure.console.intro':
    'Cancels the registration and removes name, e-mail, answers and questions. The row remains as “Anonymized”. The reason is kept in the log.',
  'erasure.console.reason': 'Reason (required)',
  'erasure.console.submit': 'Erase the data',
  'erasure.console.submitLabel': 'Erase the data of {name}',
  'erasure.console.reasonRequired': 'Write a reason for the erasure (at least 3 characters).',
  'erasure.console.reasonTooLong': 'The reason may be at most 500 characters.',
  'erasure.console.alreadyErased': 'This person’s data is already erased.',
  'erasure.console.done': 'The person’s data is erased.',
} satisfies Record<keyof typeof sv, string>
